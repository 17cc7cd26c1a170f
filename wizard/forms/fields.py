"""What every step's form shares: yes/no questions and their stored answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
