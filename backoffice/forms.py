from django import forms
from django.utils.translation import gettext_lazy as _

from intake.constants import State

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
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DateInput)
    received_to = forms.DateField(label=_("Received until"), required=False, widget=DateInput)

    def __init__(self, data=None, **kwargs):
        # No query string at all: the default view, "what must I do today?".
        super().__init__(data if data else {"state": OPEN}, **kwargs)

    def filters(self) -> InboxFilters:
        data = self.cleaned_data if self.is_valid() else {"state": OPEN}
        return InboxFilters(
            q=data.get("q", ""),
            state=data.get("state", ""),
            overdue=data.get("overdue", False),
            within_days=data.get("within_days"),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
        )
