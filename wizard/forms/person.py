"""Who is asking: not already helped (docs/identification.md), how they identify,
their names and date of birth."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import identity
from intake.constants import IdentificationMethod
from intake.validators import validate_national_number

from .fields import StepForm, yes_no_field


class EligibilityForm(StepForm):
    already_helped = yes_no_field(
        _("Is a CPAS already helping you?"),
        hint=_(
            "For example, you already receive the integration income from a CPAS, or a CPAS "
            "pays part of your rent, energy or medical costs."
        ),
        required_message=_("Choose yes if a CPAS already helps you, or no."),
    )


class IdentificationForm(StepForm):
    method = forms.ChoiceField(
        label=_("How do you want to say who you are?"),
        choices=IdentificationMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you want to say who you are."),
            "invalid_choice": _("Choose how you want to say who you are."),
        },
    )
    choice_hints = {
        IdentificationMethod.EID: _(
            "Recommended. With your identity card and a card reader, or the itsme app. "
            "We then fill in your name and date of birth for you."
        ),
        IdentificationMethod.TYPED: _(
            "You find it on the back of your identity card or residence card, like 85.07.30-033.28."
        ),
        IdentificationMethod.NONE: _(
            "You can still ask for help. The CPAS will not be able to look up your data "
            "itself, so it may ask you for more documents."
        ),
    }


class IdentityForm(StepForm):
    """Names and date of birth; the national number too when it is typed in."""

    national_number = forms.CharField(
        label=_("Your national number"),
        help_text=_("11 digits, on the back of your identity card, like 85.07.30-033.28."),
        max_length=20,
        validators=[validate_national_number],
        error_messages={"required": _("Type your national number.")},
    )
    first_name = forms.CharField(
        label=_("First names"),
        max_length=100,
        error_messages={"required": _("Type your first names.")},
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages={"required": _("Type your last name.")},
    )
    birth_day = forms.IntegerField(label=_("Day"), required=False, min_value=1, max_value=31)
    birth_month = forms.IntegerField(label=_("Month"), required=False, min_value=1, max_value=12)
    birth_year = forms.IntegerField(label=_("Year"), required=False)

    def __init__(self, *args, method=IdentificationMethod.TYPED, locked_number="", **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_number = locked_number
        self.method = method
        if method != IdentificationMethod.TYPED:
            del self.fields["national_number"]
        for name in ("birth_day", "birth_month", "birth_year"):
            self.fields[name].widget.attrs.update(inputmode="numeric")
            self.fields[name].widget.input_type = "text"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean_national_number(self):
        return identity.compact(self.cleaned_data["national_number"])

    def clean(self):
        cleaned = super().clean()
        if self.method == IdentificationMethod.EID and not self.locked_number:
            raise ValidationError(
                _("Your eID or itsme login has expired. Log in again."), code="eid_expired"
            )
        parts = ("birth_day", "birth_month", "birth_year")
        if not any(str(self.data.get(self.add_prefix(n), "")).strip() for n in parts):
            self.add_error("birth_day", _("Type your date of birth."))
            return cleaned
        try:
            birth_date = date(cleaned["birth_year"], cleaned["birth_month"], cleaned["birth_day"])
        except (KeyError, TypeError, ValueError):
            birth_date = None
        if birth_date is None or not date(1900, 1, 1) <= birth_date <= timezone.localdate():
            self._birth_date_error(_("Type a real date of birth, like 30 7 1985."))
            return cleaned
        number = cleaned.get("national_number") or self.locked_number
        if number and not identity.birth_date_parts(number).agrees_with(birth_date):
            self._birth_date_error(
                _(
                    "This date of birth does not match your national number. Check both: "
                    "the number starts with your date of birth (year, month, day)."
                )
            )
            return cleaned
        cleaned["birth_date"] = birth_date
        return cleaned

    def _birth_date_error(self, message):
        for name in ("birth_day", "birth_month", "birth_year"):
            self.errors.pop(name, None)
        self.add_error("birth_day", message)
