"""Form and model validators; the rules themselves live in the domain modules."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import identity


def validate_national_number(value: str) -> None:
    """A Belgian national or BIS number, with or without the usual separators."""
    digits = identity.compact(value or "")
    if not digits.isdigit() or len(digits) != 11:
        raise ValidationError(
            _("A national number has 11 digits, like 85.07.30-033.28."),
            code="national_number_length",
        )
    try:
        identity.validate(digits)
    except identity.InvalidNationalNumber:
        raise ValidationError(
            _("This is not a valid national number. Check the 11 digits on your identity card."),
            code="national_number_invalid",
        ) from None
