"""Belgian national numbers and BIS numbers (docs/identification.md), over ``stdnum.be.ssn``.

A national number (Rijksregisternummer / numéro de registre national) or a BIS
number has 11 digits, "YY.MM.DD-SSS.CC": the birth date (month + 20 or + 40 in a BIS
number when the birth date or gender was unknown), a counter, and a check number
97 - (first 9 digits mod 97), with a "2" put in front for births from 2000.

Month or day 00 means "unknown", and an impossible day (30 February) is read by
stdnum as an unknown day. Careful in tests: stdnum only tries the post-2000 check for
years up to the current one (``date.today()``), so a frozen clock before a person's
birth year rejects their number.
"""

from dataclasses import dataclass
from datetime import date

from stdnum.be import ssn
from stdnum.exceptions import ValidationError as StdnumError

InvalidNationalNumber = StdnumError


@dataclass(frozen=True)
class BirthDateParts:
    """What a number says of the birth date; None where it is unknown."""

    year: int | None
    month: int | None
    day: int | None

    def agrees_with(self, birth_date: date) -> bool:
        return all(
            known is None or known == actual
            for known, actual in (
                (self.year, birth_date.year),
                (self.month, birth_date.month),
                (self.day, birth_date.day),
            )
        )


def compact(number: str) -> str:
    """The bare digits: separators (spaces, dots, dashes, slashes) removed."""
    return ssn.compact(number.replace("/", ""))


def validate(number: str) -> str:
    """The 11 bare digits of a valid national or BIS number, or raise
    ``InvalidNationalNumber`` (a stdnum ``ValidationError``)."""
    return ssn.validate(compact(number))


def format_number(number: str) -> str:
    """The usual presentation, "85.07.30-033.28"."""
    return ssn.format(number)


def birth_date_parts(number: str) -> BirthDateParts:
    """The birth year, month and day encoded in a valid number."""
    number = validate(number)
    full = ssn.get_birth_date(number)
    return BirthDateParts(
        year=ssn.get_birth_year(number),
        month=ssn.get_birth_month(number),
        day=full.day if full else None,
    )


def is_bis_number(number: str) -> bool:
    return ssn.guess_type(compact(number)) == "bis"
