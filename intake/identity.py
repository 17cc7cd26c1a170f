"""Belgian national numbers and BIS numbers (docs/identification.md).

A national number (Rijksregisternummer / numéro de registre national) or a BIS
number has 11 digits, "YY.MM.DD-SSS.CC": the birth date (month + 20 or + 40 in a BIS
number), a day counter, and a check number 97 - (first 9 digits mod 97), with a "2"
put in front for births from 2000.

The rules are ours, not python-stdnum's (which only presents and compacts): the
century is read from the check digits alone, never from today's date; the counters
000 and 999 are never issued; a number whose birth date is after ``today`` is refused.
Month or day 00 means "unknown" (or a used-up day counter), and an impossible day
(30 February) is read as an unknown day. A pure module: ``today`` is the caller's.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from stdnum.be import ssn

# The day counters the National Register issues (docs/identification.md).
FIRST_COUNTER, LAST_COUNTER = 1, 998
# The fictitious dates used when no part of the birth date was known (00/00/01).
UNKNOWN_DATE_PREFIXES = ("000001", "002001", "004001")


class InvalidNationalNumber(ValueError):
    """A number that is not a national or BIS number; ``reason`` says why."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


LENGTH, CHECKSUM, MONTH, COUNTER, FUTURE = "length", "checksum", "month", "counter", "future"


@dataclass(frozen=True)
class BirthDateParts:
    """A birth date whose month and day may be unknown (None); the year is unknown
    only in a number that encodes no date at all."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, value: "date | BirthDateParts") -> "BirthDateParts":
        if isinstance(value, BirthDateParts):
            return value
        return cls(value.year, value.month, value.day)

    def agrees_with(self, other: "date | BirthDateParts") -> bool:
        """Every part this one knows is the same in ``other``."""
        other = BirthDateParts.of(other)
        return all(
            known is None or known == given
            for known, given in (
                (self.year, other.year),
                (self.month, other.month),
                (self.day, other.day),
            )
        )

    def earliest(self) -> date | None:
        """The first day this birth date can be (None when the year is unknown)."""
        if self.year is None:
            return None
        return date(self.year, self.month or 1, self.day or 1)

    def is_after(self, today: date) -> bool:
        earliest = self.earliest()
        return earliest is not None and earliest > today

    def as_date(self) -> date | None:
        """The full date, or None when a part is unknown."""
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    @property
    def is_complete(self) -> bool:
        return self.as_date() is not None


def compact(number: str) -> str:
    """The bare digits: separators (spaces, dots, dashes, slashes) removed."""
    return ssn.compact(number.replace("/", ""))


def _century(digits: str) -> int:
    """1900 or 2000, from the check digits alone (both can never match: 2·10⁹ is not
    a multiple of 97)."""
    check = int(digits[9:])
    if 97 - int(digits[:9]) % 97 == check:
        return 1900
    if 97 - int("2" + digits[:9]) % 97 == check:
        return 2000
    raise InvalidNationalNumber(CHECKSUM)


def _parts(digits: str, century: int) -> BirthDateParts:
    if digits[:6] in UNKNOWN_DATE_PREFIXES:
        return BirthDateParts(None)
    year = century + int(digits[:2])
    field = int(digits[2:4])
    if not (field <= 12 or 20 <= field <= 32 or 40 <= field <= 52):
        raise InvalidNationalNumber(MONTH)
    month = field % 20
    if month == 0:
        return BirthDateParts(year)
    day = int(digits[4:6])
    if day == 0 or day > calendar.monthrange(year, month)[1]:
        return BirthDateParts(year, month)
    return BirthDateParts(year, month, day)


def validate(number: str, *, today: date | None = None) -> str:
    """The 11 bare digits of a valid national or BIS number, or raise
    ``InvalidNationalNumber``. With ``today``, a birth date after it is refused."""
    digits = compact(number or "")
    if len(digits) != 11 or not digits.isdigit():
        raise InvalidNationalNumber(LENGTH)
    parts = _parts(digits, _century(digits))
    if not FIRST_COUNTER <= int(digits[6:9]) <= LAST_COUNTER:
        raise InvalidNationalNumber(COUNTER)
    if today is not None and parts.is_after(today):
        raise InvalidNationalNumber(FUTURE)
    return digits


def format_birth_date(parts: BirthDateParts) -> str:
    """ "30/07/1985"; an unknown day or month is written 00, as the Register does."""
    return f"{parts.day or 0:02d}/{parts.month or 0:02d}/{parts.year or 0:04d}"


def format_number(number: str) -> str:
    """The usual presentation, "85.07.30-033.28"."""
    return ssn.format(number)


def birth_date_parts(number: str) -> BirthDateParts:
    """The birth year, month and day encoded in a valid number."""
    digits = validate(number)
    return _parts(digits, _century(digits))


def is_bis_number(number: str) -> bool:
    digits = compact(number)
    return len(digits) == 11 and digits.isdigit() and int(digits[2:4]) >= 20
