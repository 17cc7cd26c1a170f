"""The wizard's forms: one question group per page, errors in plain words.

A commune is typed (a name in any language, or a postal code) and resolved on the
server; when several communes match, the form asks the person to pick one in a list.
That works without JavaScript.
"""

from datetime import date

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake import identity
from intake.constants import NEEDS_TEXT_MAX_LENGTH, IdentificationMethod, Need
from intake.validators import validate_national_number
from routing.models import Commune
from routing.search import normalise, search_communes

YES, NO = "yes", "no"


def yes_no_field(label, *, hint="", required_message, yes=None, no=None):
    """A required yes/no question as two radio buttons; cleaned to a bool."""
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=[(YES, yes or _("Yes")), (NO, no or _("No"))],
        coerce=lambda value: value == YES,
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


def answer(value) -> bool | None:
    """A stored yes/no answer (the raw POST value) as a bool, None when absent."""
    return {YES: True, NO: False}.get(value)


class StepForm(forms.Form):
    """One page of the wizard; each field has its own short, specific error message."""


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


class CommuneLookupMixin:
    """Resolves commune fields typed as text, asking to pick when several match.

    For a field ``name``, the person types a name or a postal code in ``name``; when
    several communes match, the form grows a radio list ``name_pick``. The resolved
    ``Commune`` lands in ``cleaned_data[name]``.
    """

    commune_fields: tuple[str, ...] = ()

    def add_commune_pick_fields(self):
        self.candidates = {}
        for name in self.commune_fields:
            query = self.data.get(self.add_prefix(name), "") if self.is_bound else ""
            candidates = search_communes(query) if query.strip() else []
            prefetch_related_objects(candidates, "postal_codes")
            self.candidates[name] = candidates
            if len(candidates) > 1 and not self._single_exact(query, candidates):
                self.fields[f"{name}_pick"] = forms.ChoiceField(
                    label=_("Several communes match. Which one is it?"),
                    choices=[(c.nis_code, commune_label(c)) for c in candidates],
                    widget=forms.RadioSelect,
                    required=False,
                    error_messages={"invalid_choice": _("Choose your commune in the list.")},
                )

    @staticmethod
    def _single_exact(query, candidates):
        key = f"|{normalise(query)}|"
        exact = [c for c in candidates if key in c.search_key]
        return exact[0] if len(exact) == 1 and not query.strip().isdigit() else None

    def resolve_commune(self, name) -> Commune | None:
        """The commune chosen in field ``name``, or None with an error on the form."""
        query = (self.data.get(self.add_prefix(name)) or "").strip()
        candidates = self.candidates.get(name, [])
        if not query:
            self.add_error(name, _("Type the name or the postal code of the commune."))
            return None
        if not candidates:
            self.add_error(
                name,
                _(
                    "We found no Belgian commune for “%(query)s”. Check the spelling, or type "
                    "the postal code."
                )
                % {"query": query[:50]},
            )
            return None
        if len(candidates) == 1:
            return candidates[0]
        exact = self._single_exact(query, candidates)
        if exact:
            return exact
        picked = self.cleaned_data.get(f"{name}_pick")
        for commune in candidates:
            if commune.nis_code == picked:
                return commune
        if f"{name}_pick" not in self.errors:
            self.add_error(f"{name}_pick", _("Choose your commune in the list."))
        return None


def commune_label(commune: Commune) -> str:
    codes = ", ".join(sorted(p.code for p in commune.postal_codes.all()))
    return f"{commune.name} ({codes})" if codes else commune.name


def commune_field(label):
    return forms.CharField(
        label=label,
        help_text=_("Type the name of the commune or its postal code."),
        required=False,
        max_length=100,
    )


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


def clean_phone(value: str) -> str:
    """A Belgian or international phone number, stored as E.164 ("+3281...")."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(
            _("Type a phone number like 0470 12 34 56 or +33 6 12 34 56 78."),
            code="phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ContactForm(StepForm):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "We send the proof of your request there. It can be the address of someone "
            "who helps you."
        ),
        error_messages={
            "required": _("Type an email address: we send the proof of your request there."),
            "invalid": _("Type an email address like name@example.be."),
        },
    )
    email_confirmation = forms.EmailField(
        label=_("Type the same email address again"),
        error_messages={
            "required": _("Type the email address again."),
            "invalid": _("Type an email address like name@example.be."),
        },
    )
    phone = forms.CharField(label=_("Your phone number (optional)"), required=False, max_length=30)
    contact_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    contact_relation = forms.CharField(
        label=_("Who is this person for you?"),
        help_text=_("For example: my sister, a neighbour, a social worker."),
        required=False,
        max_length=100,
    )
    contact_email = forms.EmailField(
        label=_("Email address"),
        required=False,
        error_messages={"invalid": _("Type an email address like name@example.be.")},
    )
    contact_phone = forms.CharField(label=_("Phone number"), required=False, max_length=30)

    contact_fields = ("contact_name", "contact_relation", "contact_email", "contact_phone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("email", "email"),
            ("email_confirmation", "email"),
            ("phone", "tel"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete
        self.fields["phone"].widget.input_type = "tel"
        self.fields["contact_phone"].widget.input_type = "tel"

    def clean_phone(self):
        return clean_phone(self.cleaned_data["phone"])

    def clean_contact_phone(self):
        return clean_phone(self.cleaned_data["contact_phone"])

    def clean(self):
        cleaned = super().clean()
        email, again = cleaned.get("email"), cleaned.get("email_confirmation")
        if email and again and email.casefold() != again.casefold():
            self.add_error(
                "email_confirmation", _("The two email addresses are different. Check them.")
            )
        has_contact = any(cleaned.get(n) for n in self.contact_fields)
        if has_contact and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Type the name of your contact person."))
        return cleaned


class PlaceForm(StepForm):
    in_institution = yes_no_field(
        _("Are you staying now in one of these places?"),
        required_message=_("Choose yes if you stay in one of these places, or no."),
    )


class BranchForm(CommuneLookupMixin, StepForm):
    """A yes/no question, then a commune: which one depends on the answer."""

    question = "branch"
    commune_on = {}  # {True: field name, False: field name}; absent = no commune asked

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_pick_fields()

    def clean(self):
        cleaned = super().clean()
        branch = cleaned.get(self.question)
        if branch is None:
            return cleaned
        for value, name in self.commune_on.items():
            cleaned[name] = self.resolve_commune(name) if value == branch else None
        return cleaned


class AdmissionForm(BranchForm):
    commune_fields = ("registered_commune", "institution_commune")
    question = "registered"
    commune_on = {True: "registered_commune", False: "institution_commune"}

    registered = yes_no_field(
        _("When you arrived there, were you registered in a commune (your domicile)?"),
        yes=_("Yes, I was registered in a commune"),
        no=_("No, I was not registered anywhere"),
        required_message=_("Choose whether you were registered in a commune when you arrived."),
    )
    registered_commune = commune_field(_("In which commune were you registered?"))
    institution_commune = commune_field(_("In which commune is the place where you stay?"))


class StudentForm(StepForm):
    full_time_student = yes_no_field(
        _("Are you a full-time student?"),
        hint=_("In a secondary school, college or university, during the day."),
        required_message=_("Choose yes if you are a full-time student, or no."),
    )


class StudentDomicileForm(BranchForm):
    commune_fields = ("domicile_commune", "current_commune")
    question = "registered"
    commune_on = {True: "domicile_commune", False: "current_commune"}

    registered = yes_no_field(
        _("Are you registered in a commune (your domicile)?"),
        hint=_("Your domicile is the address on your identity card."),
        yes=_("Yes, I am registered in a commune"),
        no=_("No, I am not registered anywhere"),
        required_message=_("Choose whether you are registered in a commune."),
    )
    domicile_commune = commune_field(_("In which commune are you registered?"))
    current_commune = commune_field(_("In which commune do you live or stay now?"))


class ResidenceForm(BranchForm):
    commune_fields = ("domicile_commune", "current_commune")
    question = "lives_at_domicile"
    commune_on = {True: "domicile_commune", False: "current_commune"}

    lives_at_domicile = yes_no_field(
        _("Do you live at the address where you are registered (your domicile)?"),
        hint=_("Your domicile is the address on your identity card."),
        yes=_("Yes, I live there"),
        no=_("No, I live somewhere else, I have no address, or I sleep in the street"),
        required_message=_("Choose whether you live at the address where you are registered."),
    )
    domicile_commune = commune_field(_("In which commune is your domicile?"))
    current_commune = commune_field(_("In which commune do you live or stay now?"))

    def __init__(self, *args, domicile: Commune | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.domicile = domicile
        if domicile:  # known from the National Register: not asked again
            self.fields["lives_at_domicile"].label = _(
                "Do you live at your domicile in %(commune)s?"
            ) % {"commune": domicile.name}
            self.fields["lives_at_domicile"].help_text = ""
            del self.fields["domicile_commune"]
            self.commune_on = {False: "current_commune"}

    def clean(self):
        cleaned = super().clean()
        if self.domicile and cleaned.get(self.question):
            cleaned["domicile_commune"] = self.domicile
        return cleaned


class NeedsForm(StepForm):
    categories = forms.MultipleChoiceField(
        label=_("What do you need help with?"),
        help_text=_("Optional. Tick everything that applies."),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose in the list.")},
    )
    text = forms.CharField(
        label=_("Anything else you want the CPAS to know (optional)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=NEEDS_TEXT_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].help_text = _("In your own words. At most %(count)s characters.") % {
            "count": NEEDS_TEXT_MAX_LENGTH
        }


class ReviewForm(StepForm):
    """Nothing to fill in: the page shows every answer, and sends."""


class FindCpasForm(CommuneLookupMixin, StepForm):
    """For people already helped: which CPAS is theirs."""

    commune_fields = ("commune",)
    commune = commune_field(_("In which commune do you live?"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_pick_fields()

    def clean(self):
        cleaned = super().clean()
        cleaned["commune"] = self.resolve_commune("commune")
        return cleaned
