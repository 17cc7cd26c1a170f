"""The first contact's forms: the applicant's answers and choice, the social worker's
proposal, the managers' list of documents."""

from datetime import datetime

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from intake.deadlines import BRUSSELS

from .constants import AppointmentState, Medium, MeetingMode
from .models import DocumentItem


def clean_phone(value: str) -> str:
    """A Belgian or international number, as E.164 ("+3281…"); empty stays empty."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "BE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        raise ValidationError(_("Enter a phone number, for example 0470 12 34 56."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class AnswerForm(forms.Form):
    appointment = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    answer = forms.ChoiceField(
        choices=[(AppointmentState.CONFIRMED, ""), (AppointmentState.OTHER_TIME, "")],
        widget=forms.HiddenInput,
    )
    wish = forms.CharField(
        label=_("When would suit you? (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    new_phone = forms.CharField(
        label=_("A phone number where the CPAS can call you (optional)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )

    def clean_new_phone(self):
        return clean_phone(self.cleaned_data["new_phone"].strip())


class MediumForm(forms.Form):
    medium = forms.ChoiceField(
        label=_("How do you want to receive the CPAS's messages?"),
        choices=[
            (Medium.EMAIL, _("By email")),
            (Medium.EBOX, _("In my eBox (the federal electronic mailbox)")),
        ],
        widget=forms.RadioSelect,
    )


class ProposeForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    mode = forms.ChoiceField(
        label=_("Where"), choices=MeetingMode.choices, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Address or room (or the number the CPAS will call from)"),
        max_length=200,
        required=False,
    )
    documents = forms.MultipleChoiceField(
        label=_("Documents to bring"), required=False, widget=forms.CheckboxSelectMultiple
    )
    documents_text = forms.CharField(
        label=_("Other documents or remarks (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, cpas, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (str(item.pk), item.label(language))
            for item in DocumentItem.objects.filter(cpas=cpas, active=True)
        ]

    def starts_at(self) -> datetime:
        data = self.cleaned_data
        return datetime.combine(data["day"], data["time"], tzinfo=BRUSSELS)


class DocumentItemForm(forms.ModelForm):
    class Meta:
        model = DocumentItem
        fields = ["label_fr", "label_nl", "label_de", "label_en"]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"label_{code}") for code in ("fr", "nl", "de", "en")):
            raise ValidationError(_("Write the document's name in at least one language."))
        return data
