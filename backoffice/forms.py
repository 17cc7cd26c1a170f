from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from intake.constants import State

from .constants import Role
from .models import User
from .selectors.inbox import OPEN, TRANSFERRED, InboxFilters

STATE_FILTERS = [
    (OPEN, _("To do (not decided yet)")),
    ("", _("All")),
    (State.NEW, _("New (unread)")),
    (State.READ, _("Read")),
    (TRANSFERRED, _("Transferred to another CPAS")),
    (State.DECIDED, _("Decided")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class InboxFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        help_text=_("Reference, name or national number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = forms.ChoiceField(label=_("State"), choices=STATE_FILTERS, required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    within_days = forms.IntegerField(
        label=_("Deadline within (days)"),
        min_value=0,
        max_value=60,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )
    decision_within_days = forms.IntegerField(
        label=_("Decision deadline within (days)"),
        min_value=0,
        max_value=60,
        required=False,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DateInput)
    received_to = forms.DateField(label=_("Received until"), required=False, widget=DateInput)
    test = forms.BooleanField(
        label=_("Test requests (sandbox)"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, data=None, **kwargs):
        # No filter at all: the default view, "what must I do today?". The search (q)
        # is posted, never read from the address (backoffice/searches.py).
        super().__init__(data if data else {"state": OPEN}, **kwargs)

    def filters(self) -> InboxFilters:
        data = self.cleaned_data if self.is_valid() else {"state": OPEN}
        return InboxFilters(
            q=data.get("q", ""),
            state=data.get("state", ""),
            overdue=data.get("overdue", False),
            within_days=data.get("within_days"),
            decision_within_days=data.get("decision_within_days"),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            test=data.get("test", False),
        )


class StaffMemberForm(UserCreationForm):
    """A manager adds a member of their CPAS's staff (backoffice/views/staff.py)."""

    ROLES = [(Role.CASEWORKER, Role.CASEWORKER.label), (Role.MANAGER, Role.MANAGER.label)]

    role = forms.ChoiceField(label=_("Role"), choices=ROLES, widget=forms.RadioSelect)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, cpas, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.cpas = cpas  # the manager's: the account's CPAS is not a choice
        self.fields["email"].required = True
        self.fields["email"].help_text = _(
            "The invitation to set up the second factor is sent there."
        )
        self.fields["password1"].help_text = _(
            "12 characters at least. Give it to the person yourself, not by email."
        )

    def clean(self):
        data = super().clean()
        self.instance.role = data.get("role") or Role.CASEWORKER
        return data
