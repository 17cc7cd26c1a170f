"""The form on which a CPAS's manager and SPP-IS keep the CPAS's contact data
(docs/acknowledgement.md, "Who keeps the contact data")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .contacts import LANGUAGES, tel_uri
from .models import Cpas

LANGUAGE_NAMES = {
    "fr": _("in French"),
    "nl": _("in Dutch"),
    "de": _("in German"),
    "en": _("in English"),
}
ADDRESS_FIELDS = tuple(f"address_{code}" for code in LANGUAGES)
WEBSITE_FIELDS = tuple(f"website_{code}" for code in LANGUAGES)
CONTACT_FIELDS = (*ADDRESS_FIELDS, "phone", "email", *WEBSITE_FIELDS)


def _website_field():
    return forms.URLField(
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": _("Type a web address like https://www.cpas.be.")},
    )


class CpasContactForm(forms.ModelForm):
    """What the applicant reads of the CPAS: each value once, the address and the
    website in every language the CPAS writes them (an empty one falls back to
    another language)."""

    website_fr = _website_field()
    website_nl = _website_field()
    website_de = _website_field()
    website_en = _website_field()

    class Meta:
        model = Cpas
        fields = CONTACT_FIELDS
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in ADDRESS_FIELDS}
        error_messages = {
            "email": {"invalid": _("Type an email address like social@cpas.be.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGES:
            self.fields[f"address_{code}"].label = _("Address %(language)s") % {
                "language": LANGUAGE_NAMES[code]
            }
            self.fields[f"website_{code}"].label = _("Website %(language)s") % {
                "language": LANGUAGE_NAMES[code]
            }
        self.fields["address_fr"].help_text = _(
            "Street and number, postal code and commune, as the applicant writes them on a "
            "letter. Where the applicant can go: the reception, not the legal seat."
        )
        self.fields["phone"].label = _("Phone number of the reception")
        self.fields["phone"].help_text = _("As people dial it, for example 081 24 86 11.")
        self.fields["email"].label = _("Public email address")
        self.fields["email"].help_text = _(
            "The applicant reads it. Unless a notification address is set, the CPAS's "
            "alerts and reminders go there too."
        )
        for name in CONTACT_FIELDS:
            self.fields[name].required = False

    def clean_phone(self):
        phone = (self.cleaned_data.get("phone") or "").strip()
        if phone and not tel_uri(phone):
            raise forms.ValidationError(
                _("Type a phone number like 081 24 86 11 or +32 81 24 86 11."), code="phone"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        for name in CONTACT_FIELDS:
            value = cleaned.get(name)
            if isinstance(value, str):
                cleaned[name] = value.strip()
        return cleaned
