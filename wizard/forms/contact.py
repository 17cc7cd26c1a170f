"""How the CPAS reaches the applicant: email (required), phone, a contact person."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .fields import StepForm


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


def phone_for_people(value: str) -> str:
    """A stored number as people write it: "0470 12 34 56" for a Belgian one,
    "+33 6 12 34 56 78" for another country's."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        return value
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 32
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


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
