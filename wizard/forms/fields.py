"""What every step's form shares: yes/no questions, their stored answers, and the
refusal of invisible characters in typed text."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YES, NO = "yes", "no"
# In free text (a textarea) line breaks and tabs are what the person typed.
FREE_TEXT_CONTROLS = frozenset("\n\r\t")


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


def invisible_characters(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Control (Cc) or format (Cf: zero-width, bidirectional overrides) characters."""
    return any(unicodedata.category(c) in ("Cc", "Cf") and c not in allowed for c in text)


class NoInvisibleCharacters:
    """Refuses control and bidirectional-override characters (docs/identification.md):
    they hide what a name says from the CPAS and break its duplicate search."""

    message = _(
        "This text contains invisible or control characters, often copied from another "
        "program. Type the text again, without copying it."
    )

    def __init__(self, allowed: frozenset[str] = frozenset()):
        self.allowed = allowed

    def __call__(self, value):
        if isinstance(value, str) and invisible_characters(value, self.allowed):
            raise ValidationError(self.message, code="invisible_characters")


class StepForm(forms.Form):
    """One page of the wizard; each field has its own short, specific error message.

    Every typed text refuses invisible characters (line breaks stay in free text)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
                free_text = isinstance(field.widget, forms.Textarea)
                field.validators.append(
                    NoInvisibleCharacters(FREE_TEXT_CONTROLS if free_text else frozenset())
                )
