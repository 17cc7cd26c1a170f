"""National and BIS numbers (docs/identification.md; the National Register's IT 000)."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from intake import identity
from intake.identity import (
    BirthDateParts,
    birth_date_parts,
    compact,
    format_number,
    is_bis_number,
)
from intake.validators import validate_national_number
from tests.factories import national_number, with_check_digits

pytestmark = pytest.mark.core

VALID = [
    # (typed, bare digits, why)
    pytest.param("85.07.30-033.28", "85073003328", id="usual-format"),
    pytest.param("85073003328", "85073003328", id="bare-digits"),
    pytest.param("85 07 30 033 28", "85073003328", id="spaces"),
    pytest.param(" 85.07.30-033 28 ", "85073003328", id="mixed-and-padded"),
    pytest.param("850730/033-28", "85073003328", id="slash"),
    pytest.param("17.07.30-033.84", "17073003384", id="born-2017-check-with-2"),
    pytest.param("98.47.28-997.65", "98472899765", id="bis-month-plus-40"),
    pytest.param("01.49.07-001.85", "01490700185", id="bis-born-2001"),
    pytest.param(national_number(date(1990, 3, 2), bis_offset=20), None, id="bis-month-plus-20"),
    pytest.param(national_number(date(2000, 1, 1), 1), None, id="first-day-of-2000"),
    pytest.param(national_number(date(1999, 12, 31), 998), None, id="last-day-of-1999"),
    pytest.param(with_check_digits("850000033"), None, id="month-and-day-unknown"),
    pytest.param(with_check_digits("850300033"), None, id="day-unknown"),
]


@pytest.mark.parametrize(("typed", "digits"), VALID)
def test_valid_numbers(typed, digits):
    validate_national_number(typed)
    assert compact(typed) == (digits or compact(typed))


INVALID = [
    pytest.param("85.07.30-033.29", "national_number_invalid", id="wrong-check-digits"),
    pytest.param("85.07.30-033.2", "national_number_length", id="ten-digits"),
    pytest.param("85.07.30-033.288", "national_number_length", id="twelve-digits"),
    pytest.param("85.07.3O-033.28", "national_number_length", id="letter-o-for-zero"),
    pytest.param("85.13.30-033.xx", "national_number_length", id="letters"),
    pytest.param(
        national_number(date(1985, 1, 1)).replace("0101", "1301", 1),
        "national_number_invalid",
        id="month-13",
    ),
    pytest.param("", "national_number_length", id="empty"),
    pytest.param("00000000000", "national_number_invalid", id="zeros"),
    pytest.param("85073003328"[::-1], "national_number_invalid", id="reversed"),
    # The day counter runs 001–997 (men) and 002–998 (women): 000 and 999 are never
    # issued (IT 000; docs/identification.md, "The national number").
    pytest.param(with_check_digits("850730000"), "national_number_counter", id="counter-000"),
    pytest.param(with_check_digits("850730999"), "national_number_counter", id="counter-999"),
    pytest.param(with_check_digits("854730999"), "national_number_counter", id="bis-counter-999"),
    pytest.param(
        with_check_digits("050730000", born_from_2000=True),
        "national_number_counter",
        id="born-2005-counter-000",
    ),
]


@pytest.mark.parametrize(("typed", "code"), INVALID)
def test_invalid_numbers_are_refused(typed, code):
    with pytest.raises(ValidationError) as error:
        validate_national_number(typed)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("counter", "valid"),
    [
        pytest.param(1, True, id="001-first-man"),
        pytest.param(2, True, id="002-first-woman"),
        pytest.param(997, True, id="997-last-man"),
        pytest.param(998, True, id="998-last-woman"),
        pytest.param(0, False, id="000-never-issued"),
        pytest.param(999, False, id="999-never-issued"),
    ],
)
def test_counters_the_register_issues(counter, valid):
    """IT 000 (docs/identification.md): counters 001–997 for men, 002–998 for women."""
    number = national_number(date(1985, 7, 30), counter)
    if valid:
        validate_national_number(number)
    else:
        with pytest.raises(ValidationError) as error:
            validate_national_number(number)
        assert error.value.code == "national_number_counter"


TODAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("number", "refused"),
    [
        # A birth date after the day of the request cannot be right (docs/identification.md).
        pytest.param(national_number(date(2026, 12, 31), 1), True, id="later-this-year"),
        pytest.param(national_number(date(2026, 12, 3), 1), True, id="tomorrow"),
        pytest.param(national_number(date(2026, 12, 2), 1), False, id="born-today"),
        pytest.param(national_number(date(2026, 1, 15)), False, id="earlier-this-year"),
        pytest.param(with_check_digits("261200001", born_from_2000=True), False, id="dec-day-00"),
        pytest.param(with_check_digits("270000001", born_from_2000=True), True, id="2027-00-00"),
        pytest.param(national_number(date(1927, 3, 1)), False, id="born-1927-not-2027"),
        pytest.param(
            national_number(date(2026, 12, 31), 1, bis_offset=40), True, id="bis-later-this-year"
        ),
    ],
)
def test_a_birth_date_after_today_is_refused(number, refused):
    with time_machine.travel(TODAY):
        if refused:
            with pytest.raises(ValidationError) as error:
                validate_national_number(number)
            assert error.value.code == "national_number_future"
        else:
            validate_national_number(number)


@pytest.mark.parametrize(
    ("number", "year"),
    [
        # The century comes from the check digits, never from today's date.
        pytest.param(national_number(date(2024, 5, 1)), 2024, id="2000s-with-2-prefix"),
        pytest.param(national_number(date(1924, 5, 1)), 1924, id="1900s-without"),
        pytest.param(national_number(date(2030, 5, 1)), 2030, id="future-year-still-read"),
    ],
)
def test_the_century_is_read_from_the_check_digits(number, year):
    with time_machine.travel(date(2023, 6, 1)):
        assert birth_date_parts(number).year == year
        assert identity.validate(number) == number  # without ``today``: no date check


def test_a_number_with_no_known_date():
    """The fictitious date 00/00/01 when nothing of the birth date was known (IT 000)."""
    assert birth_date_parts(with_check_digits("000001033")) == BirthDateParts(None)


@pytest.mark.parametrize(
    ("number", "birth_date", "agrees"),
    [
        pytest.param("85073003328", date(1985, 7, 30), True, id="same-date"),
        pytest.param("85073003328", date(1985, 7, 31), False, id="other-day"),
        pytest.param("85073003328", date(1985, 8, 30), False, id="other-month"),
        pytest.param("85073003328", date(1986, 7, 30), False, id="other-year"),
        pytest.param("85073003328", date(2085, 7, 30), False, id="other-century"),
        pytest.param("17073003384", date(2017, 7, 30), True, id="born-2017"),
        pytest.param("98472899765", date(1998, 7, 28), True, id="bis-plus-40"),
        pytest.param(
            with_check_digits("850000033"),
            date(1985, 4, 12),
            True,
            id="month-00-any-date-that-year",
        ),
        pytest.param(
            with_check_digits("850000033"), date(1984, 4, 12), False, id="month-00-but-other-year"
        ),
        pytest.param(
            with_check_digits("850300033"),
            date(1985, 3, 17),
            True,
            id="day-00-any-day-of-that-month",
        ),
        pytest.param(
            with_check_digits("850300033"), date(1985, 4, 17), False, id="day-00-but-other-month"
        ),
        pytest.param(
            with_check_digits("850230033"),
            date(1985, 2, 11),
            True,
            id="impossible-30-february-read-as-unknown-day",
        ),
        pytest.param(
            with_check_digits("050230033", born_from_2000=True),
            date(2005, 2, 11),
            True,
            id="born-2005-impossible-day",
        ),
    ],
)
def test_birth_date_must_agree_with_the_number(number, birth_date, agrees):
    assert birth_date_parts(number).agrees_with(birth_date) is agrees


@pytest.mark.parametrize(
    ("number", "typed", "agrees"),
    [
        # A BIS number of a refugee: month + 20 (sex unknown), month and day 00
        # (nl.wikipedia "Rijksregisternummer"; docs/identification.md, "BIS numbers").
        pytest.param(with_check_digits("852000033"), (1985, None, None), True, id="bis-20-00-00"),
        pytest.param(with_check_digits("854000033"), (1985, None, None), True, id="bis-40-00-00"),
        pytest.param(
            with_check_digits("852000033"), (1985, 3, None), True, id="bis-00-person-knows-month"
        ),
        pytest.param(
            with_check_digits("852000033"), (1984, None, None), False, id="bis-00-other-year"
        ),
        pytest.param(with_check_digits("854300033"), (1985, 3, None), True, id="bis-day-00"),
        pytest.param(
            with_check_digits("854300033"), (1985, None, None), False, id="number-knows-month"
        ),
        pytest.param("85073003328", (1985, 7, None), False, id="number-knows-day"),
        pytest.param(with_check_digits("850000033"), (1985, None, None), True, id="nn-00-00"),
        pytest.param(with_check_digits("000001033"), (1971, None, None), True, id="no-date-known"),
    ],
)
def test_a_partly_known_birth_date_must_agree_with_the_number(number, typed, agrees):
    assert birth_date_parts(number).agrees_with(BirthDateParts(*typed)) is agrees


def test_format_and_type():
    assert format_number("85073003328") == "85.07.30-033.28"
    assert is_bis_number("98.47.28-997.65")
    assert not is_bis_number("85.07.30-033.28")
