"""National and BIS numbers (docs/identification.md; stdnum.be.ssn; Rijksregister IT000)."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from intake.identity import birth_date_parts, compact, format_number, is_bis_number
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
]


@pytest.mark.parametrize(("typed", "code"), INVALID)
def test_invalid_numbers_are_refused(typed, code):
    with pytest.raises(ValidationError) as error:
        validate_national_number(typed)
    assert error.value.code == code


def test_young_persons_number_is_valid_with_todays_clock():
    with time_machine.travel(date(2026, 11, 23)):
        validate_national_number(national_number(date(2026, 1, 15)))


def test_the_post_2000_check_depends_on_the_clock():
    """The trap docs/identification.md names: frozen before the birth year, the number fails."""
    number = national_number(date(2024, 5, 1))
    with time_machine.travel(date(2023, 6, 1)), pytest.raises(ValidationError):
        validate_national_number(number)
    with time_machine.travel(date(2024, 6, 1)):
        validate_national_number(number)


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


def test_format_and_type():
    assert format_number("85073003328") == "85.07.30-033.28"
    assert is_bis_number("98.47.28-997.65")
    assert not is_bis_number("85.07.30-033.28")
