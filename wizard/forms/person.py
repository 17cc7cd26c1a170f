"""Who is asking: not already helped (docs/identification.md), how they identify,
their names and date of birth."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import identity
from intake.constants import IdentificationMethod
from intake.validators import validate_national_number

from .fields import StepForm, yes_no_field

FIRST_YEAR = 1900
DAY_MESSAGE = _("Type the day you were born, from 1 to 31, or 00 if you do not know it.")
MONTH_MESSAGE = _("Type the month you were born, from 1 to 12, or 00 if you do not know it.")
YEAR_MESSAGE = _("Type the year you were born, with 4 digits, like 1985.")


def keep_example_together(text) -> str:
    """The example number never breaks at its hyphen (a non-breaking hyphen)."""
    return str(text).replace(EXAMPLE_NUMBER, EXAMPLE_NUMBER.replace("-", "\u2011"))


EXAMPLE_NUMBER = "85.07.30-033.28"


class EligibilityForm(StepForm):
    already_helped = yes_no_field(
        _("Is a CPAS already helping you?"),
        hint=_(
            "Say yes if a CPAS already gives you money to live on. Or if it pays part of "
            "your rent, your gas and power, or your doctor's bills."
        ),
        required_message=_("Choose yes if a CPAS already helps you, or no."),
    )


class IdentificationForm(StepForm):
    method = forms.ChoiceField(
        label=_("How do you want to show who you are?"),
        # The person's own words; the back-office has its own labels
        # (IdentificationMethod).
        choices=[
            (IdentificationMethod.EID, _("I use my identity card or itsme")),
            (
                IdentificationMethod.TYPED,
                _("I type my national number — it is on the back of my identity card"),
            ),
            (IdentificationMethod.NONE, _("I have no national number")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you want to show who you are."),
            "invalid_choice": _("Choose how you want to show who you are."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.choice_hints = {
            method: keep_example_together(hint) for method, hint in self.choice_hints.items()
        }

    choice_hints = {
        IdentificationMethod.EID: _(
            "The best way. With your identity card and a card reader, or the itsme app. "
            "We then fill in your name and date of birth for you."
        ),
        IdentificationMethod.TYPED: _(
            "Or on the back of your residence card. It has 11 digits, like 85.07.30-033.28."
        ),
        IdentificationMethod.NONE: _(
            "You can still ask for help. The CPAS cannot look up your data itself then, "
            "so it may ask you for more papers."
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
    birth_day = forms.IntegerField(
        label=_("Day"),
        required=False,
        min_value=0,
        max_value=31,
        error_messages={"min_value": DAY_MESSAGE, "max_value": DAY_MESSAGE, "invalid": DAY_MESSAGE},
    )
    birth_month = forms.IntegerField(
        label=_("Month"),
        required=False,
        min_value=0,
        max_value=12,
        error_messages={
            "min_value": MONTH_MESSAGE,
            "max_value": MONTH_MESSAGE,
            "invalid": MONTH_MESSAGE,
        },
    )
    # Bounded, so that no year is too large for a date (a year ≥ 2³¹ was a server error).
    birth_year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=9999,
        error_messages={
            "min_value": YEAR_MESSAGE,
            "max_value": YEAR_MESSAGE,
            "invalid": YEAR_MESSAGE,
        },
    )

    def __init__(self, *args, method=IdentificationMethod.TYPED, locked_number="", **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_number = locked_number
        self.method = method
        if method != IdentificationMethod.TYPED:
            del self.fields["national_number"]
        for name, autocomplete in (
            ("birth_day", "bday-day"),
            ("birth_month", "bday-month"),
            ("birth_year", "bday-year"),
        ):
            self.fields[name].widget.attrs.update(
                inputmode="numeric", autocomplete=autocomplete, **{"class": "input--short"}
            )
            self.fields[name].widget.input_type = "text"
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        if "national_number" in self.fields:
            field = self.fields["national_number"]
            field.widget.attrs.update(inputmode="numeric")
            field.help_text = keep_example_together(field.help_text)

    def clean_national_number(self):
        return identity.compact(self.cleaned_data["national_number"])

    def clean(self):
        cleaned = super().clean()
        if self.method == IdentificationMethod.EID and not self.locked_number:
            raise ValidationError(
                _("Your eID or itsme login has expired. Log in again."), code="eid_expired"
            )
        parts = ("birth_day", "birth_month", "birth_year")
        failed = [self.errors[name][0] for name in parts if name in self.errors]
        if failed:  # shown once, above the three boxes
            self._birth_date_error(failed[0])
            return cleaned
        typed = [str(self.data.get(self.add_prefix(n), "")).strip() for n in parts]
        if not any(typed):
            self.add_error("birth_day", _("Type your date of birth."))
            return cleaned
        born = self._birth_date_parts(cleaned, typed)
        if born is None:
            return cleaned
        number = cleaned.get("national_number") or self.locked_number
        if number and not identity.birth_date_parts(number).agrees_with(born):
            self._birth_date_error(
                _(
                    "This date of birth does not match your national number. Check both: "
                    "the number starts with your date of birth (year, month, day)."
                )
            )
            return cleaned
        cleaned["birth_date"] = born
        return cleaned

    def _birth_date_parts(self, cleaned, typed) -> identity.BirthDateParts | None:
        """The typed date; 00 (or 0) for a day or month the person does not know."""
        day_text, month_text, year_text = typed
        if not year_text:
            self._birth_date_error(_("Type the year you were born, like 1985."))
            return None
        if not day_text or not month_text:
            self._birth_date_error(
                _("Type the day and the month you were born, or 00 if you do not know them.")
            )
            return None
        day, month, year = cleaned["birth_day"], cleaned["birth_month"], cleaned["birth_year"]
        if not month and day:
            self._birth_date_error(_("You do not know the month: type 00 for the day too."))
            return None
        born = identity.BirthDateParts(year, month or None, day or None)
        try:
            earliest = born.earliest()
            if born.is_complete:
                born.as_date()
        except (ValueError, OverflowError):
            earliest = None
        if earliest is None or born.is_after(timezone.localdate()) or year < FIRST_YEAR:
            self._birth_date_error(_("Type a real date of birth, like 30 7 1985."))
            return None
        return born

    def _birth_date_error(self, message):
        for name in ("birth_day", "birth_month", "birth_year"):
            self.errors.pop(name, None)
        self.add_error("birth_day", message)
