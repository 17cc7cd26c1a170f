"""Form and model validators; the rules themselves live in the domain modules."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import identity

NATIONAL_NUMBER_MESSAGES = {
    identity.LENGTH: _("A national number has 11 digits, like 85.07.30-033.28."),
    identity.COUNTER: _(
        "This is not a valid national number: its digits 7 to 9 are never 000 or 999. "
        "Check the 11 digits on your identity card."
    ),
    identity.FUTURE: _(
        "This national number gives a date of birth after today. Check the 11 digits on "
        "your identity card."
    ),
}
INVALID = _("This is not a valid national number. Check the 11 digits on your identity card.")


def validate_national_number(value: str) -> None:
    """A Belgian national or BIS number, with or without the usual separators, whose
    birth date is not after today (docs/identification.md)."""
    try:
        identity.validate(value or "", today=timezone.localdate())
    except identity.InvalidNationalNumber as error:
        code = (
            "national_number_length"
            if error.reason == identity.LENGTH
            else (
                f"national_number_{error.reason}"
                if error.reason in NATIONAL_NUMBER_MESSAGES
                else "national_number_invalid"
            )
        )
        raise ValidationError(
            NATIONAL_NUMBER_MESSAGES.get(error.reason, INVALID), code=code
        ) from None
