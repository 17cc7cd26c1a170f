"""What help the person asks for, and the review page's (empty) form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.constants import NEEDS_TEXT_MAX_LENGTH, Need

from .fields import NO, YES, StepForm


class NeedsForm(StepForm):
    categories = forms.MultipleChoiceField(
        label=_("What do you need help with?"),
        help_text=_("Tick all that fit you, if you want."),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Choose in the list.")},
    )
    # One optional question (docs/emergency-contacts.md): a yes shows the emergency
    # contacts on the next page and marks the request urgent for the CPAS.
    urgent = forms.TypedChoiceField(
        label=_("Is it urgent?"),
        help_text=_(
            "Optional. For example: you have nowhere to sleep tonight. Or no food, or no "
            "money for urgent medicine. Or your gas or power is cut off."
        ),
        choices=[
            (YES, _("Yes, it is urgent")),
            (NO, _("No")),
        ],
        coerce=lambda value: value == YES,
        empty_value=False,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Choose yes if it is urgent, or no.")},
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
