"""The forms of the steps staff take on a request: enter one received through another
channel, competence or transfer, decision, corrections. They validate only; every
error says what is wrong and what to do ("Choose whether your CPAS is competent")."""

from django import forms
from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from intake import identity
from intake.constants import (
    CORRECTION_REASON_MAX_LENGTH,
    REASONS_TEXT_MAX_LENGTH,
    Channel,
    MeritsOutcome,
    Need,
    TransferReason,
)
from routing.search import normalise, search_communes

from .forms import DateInput


def _required(message):
    return {"required": message, "invalid": message}


class ReasonsMixin:
    """Why the CPAS is not competent: common reasons and/or a text (docs/transfers.md)."""

    def clean_reasons_given(self, data):
        reasons, text = data.get("reasons") or [], (data.get("reasons_text") or "").strip()
        if not reasons and not text:
            self.add_error("reasons", _("Choose at least one reason, or explain it below."))
        elif TransferReason.OTHER in reasons and not text:
            self.add_error("reasons_text", _("Explain the other reason in your own words."))


def reasons_field():
    return forms.MultipleChoiceField(
        label=_("Why is your CPAS not competent?"),
        help_text=_("The notice to the applicant states these reasons."),
        choices=TransferReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def reasons_text_field():
    return forms.CharField(
        label=_("The reasons in your own words"),
        help_text=_("Optional if a reason above says it all. The applicant reads this text."),
        max_length=REASONS_TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CompetenceForm(ReasonsMixin, forms.Form):
    """Competent, or transfer to the CPAS of a commune found by a search (as in the
    wizard: several matches become a list to choose from; no JavaScript needed)."""

    COMPETENT = "yes"
    NOT_COMPETENT = "no"

    competent = forms.ChoiceField(
        label=_("Is your CPAS territorially competent?"),
        choices=[
            (COMPETENT, _("Yes, competent")),
            (NOT_COMPETENT, _("No: transfer the request to another CPAS")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose whether your CPAS is competent.")),
    )
    commune = forms.CharField(
        label=_("Commune of the competent CPAS"),
        help_text=_("Type the name of the commune or its postal code."),
        max_length=100,
        required=False,
    )
    reasons = reasons_field()
    reasons_text = reasons_text_field()
    notified_on = forms.DateField(
        label=_("Date the written notice was sent to the applicant"),
        help_text=_(
            "Only if the applicant has no email address: CPAS Online cannot send the notice, "
            "your CPAS sends it by post or hands it over."
        ),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Type the date as day, month and year.")},
    )

    def __init__(self, *args, current_cpas=None, needs_notice_date=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_cpas = current_cpas
        self.needs_notice_date = needs_notice_date
        if not needs_notice_date:
            del self.fields["notified_on"]
        query = (self.data.get(self.add_prefix("commune")) or "") if self.is_bound else ""
        self.candidates = search_communes(query) if query.strip() else []
        prefetch_related_objects(self.candidates, "postal_codes")
        if len(self.candidates) > 1 and not self._exact(query):
            self.fields["commune_pick"] = forms.ChoiceField(
                label=_("Several communes match. Which one do you mean?"),
                choices=[(c.nis_code, commune_label(c)) for c in self.candidates],
                widget=forms.RadioSelect,
                required=False,
            )

    def _exact(self, query):
        key = f"|{normalise(query)}|"
        exact = [c for c in self.candidates if key in c.search_key]
        return exact[0] if len(exact) == 1 and not query.strip().isdigit() else None

    def _commune(self, data):
        query = (data.get("commune") or "").strip()
        if not query:
            self.add_error("commune", _("Type the commune of the CPAS you transfer to."))
            return None
        if not self.candidates:
            self.add_error(
                "commune",
                _(
                    "No Belgian commune matches “%(query)s”. Check the spelling, or type the "
                    "postal code."
                )
                % {"query": query[:50]},
            )
            return None
        if len(self.candidates) == 1 or self._exact(query):
            return self.candidates[0] if len(self.candidates) == 1 else self._exact(query)
        picked = data.get("commune_pick")
        for commune in self.candidates:
            if commune.nis_code == picked:
                return commune
        self.add_error("commune_pick", _("Choose the commune in the list."))
        return None

    def clean(self):
        data = super().clean()
        data["to_cpas"] = None
        if data.get("competent") != self.NOT_COMPETENT:
            return data
        commune = self._commune(data)
        if commune is not None:
            if self.current_cpas is not None and commune.cpas_id == self.current_cpas.pk:
                self.add_error(
                    "commune", _("That commune is served by your own CPAS: choose another.")
                )
            else:
                data["to_cpas"] = commune.cpas
        self.clean_reasons_given(data)
        if (
            self.needs_notice_date
            and not data.get("notified_on")
            and "notified_on" not in self.errors
        ):
            self.add_error("notified_on", _("Type the date the written notice was sent."))
        return data


def commune_label(commune) -> str:
    codes = ", ".join(sorted(p.code for p in commune.postal_codes.all()))
    name = f"{commune.name} ({codes})" if codes else commune.name
    return f"{name} – {commune.cpas.name}"


class ReferralForm(ReasonsMixin, forms.Form):
    """A CPAS that received the request by transfer: competent, or refer to SPP-IS."""

    COMPETENT = "yes"
    REFER = "refer"

    competent = forms.ChoiceField(
        label=_("Is your CPAS territorially competent?"),
        choices=[
            (COMPETENT, _("Yes, competent")),
            (REFER, _("No: refer the request to SPP-IS (competence conflict)")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose whether your CPAS is competent.")),
    )
    reasons = reasons_field()
    reasons_text = reasons_text_field()

    def clean(self):
        data = super().clean()
        if data.get("competent") == self.REFER:
            self.clean_reasons_given(data)
        return data


class MeritsDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What did your CPAS decide?"),
        choices=MeritsOutcome.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose the decision.")),
    )
    decided_on = forms.DateField(
        label=_("Date of the decision"),
        widget=DateInput,
        error_messages={
            "required": _("Type the date of the decision."),
            "invalid": _("Type the date of the decision as day, month and year."),
        },
    )

    def __init__(self, *args, reception_date=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reception_date, self.today = reception_date, today

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        if value is None:
            return value
        if self.today and value > self.today:
            raise forms.ValidationError(_("The date of the decision cannot be in the future."))
        if self.reception_date and value < self.reception_date:
            raise forms.ValidationError(
                _("The date of the decision cannot be before the reception date.")
            )
        return value


def reason_field(label):
    return forms.CharField(
        label=label,
        max_length=CORRECTION_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_required(_("Say why you make this correction: the history keeps it.")),
    )


class DecisionCorrectionForm(MeritsDecisionForm):
    CORRECT = "correct"
    WITHDRAW = "withdraw"

    action = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=[
            (CORRECT, _("The decision or its date was recorded wrongly: record the right one")),
            (WITHDRAW, _("No decision was taken (recorded on the wrong request): withdraw it")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose what is wrong.")),
    )
    reason = reason_field(_("Why the correction"))
    field_order = ["action", "outcome", "decided_on", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = False
        self.fields["decided_on"].required = False

    def clean(self):
        data = super().clean()
        if data.get("action") == self.CORRECT:
            if not data.get("outcome") and "outcome" not in self.errors:
                self.add_error("outcome", _("Choose the decision."))
            if not data.get("decided_on") and "decided_on" not in self.errors:
                self.add_error("decided_on", _("Type the date of the decision."))
        return data


class ReceptionCorrectionForm(forms.Form):
    received_on = forms.DateField(
        label=_("The right reception date"),
        widget=DateInput,
        error_messages={
            "required": _("Type the date the request was received."),
            "invalid": _("Type the date as day, month and year."),
        },
    )
    reason = reason_field(_("Why the correction"))


LANGUAGES = [(code, name) for code, name in settings.LANGUAGES]


class EntryForm(forms.Form):
    """A request received at the desk, by letter, email or phone, or opened ex officio."""

    channel = forms.ChoiceField(
        label=_("How did the request reach your CPAS?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose how the request reached your CPAS.")),
    )
    received_on = forms.DateField(
        label=_("Date of reception"),
        help_text=_("The day your CPAS received the request. An earlier day is marked late."),
        widget=DateInput,
        error_messages={
            "required": _("Type the date the request was received."),
            "invalid": _("Type the date as day, month and year."),
        },
    )
    first_name = forms.CharField(
        label=_("First names"),
        max_length=100,
        error_messages=_required(_("Type the applicant's first names.")),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        error_messages=_required(_("Type the applicant's last name.")),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=DateInput,
        error_messages={
            "required": _("Type the applicant's date of birth."),
            "invalid": _("Type the date of birth as day, month and year."),
        },
    )
    national_number = forms.CharField(
        label=_("National number (optional)"), max_length=20, required=False
    )
    language = forms.ChoiceField(
        label=_("Language of the applicant"),
        choices=LANGUAGES,
        error_messages=_required(_("Choose the applicant's language.")),
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={"invalid": _("Type an email address like name@example.be.")},
    )
    phone = forms.CharField(label=_("Phone (optional)"), max_length=30, required=False)
    needs = forms.MultipleChoiceField(
        label=_("Help asked for (optional)"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    signature_reference = forms.CharField(
        label=_("Signature (optional)"),
        help_text=_("Where the paper signed by the applicant is kept (art. 58 §1 al. 3 and 4)."),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if self.today and value > self.today:
            raise forms.ValidationError(_("The date of reception cannot be in the future."))
        return value

    def clean_birth_date(self):
        value = self.cleaned_data["birth_date"]
        if self.today and value > self.today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        return value

    def clean_national_number(self):
        value = self.cleaned_data["national_number"].strip()
        if not value:
            return ""
        try:
            return identity.validate(value)
        except identity.InvalidNationalNumber:
            raise forms.ValidationError(
                _("This is not a valid national number: check its 11 digits.")
            ) from None
