"""Legal dates (docs/legal-dates.md; circular of 28 May 2025; law of 26 May 2002 art. 18, 21)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from intake.deadlines import LegalDates, is_working_day, legal_dates, reception_date

pytestmark = pytest.mark.core

BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels(*args) -> datetime:
    return datetime(*args, tzinfo=BRUSSELS)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# (submitted at, expected R). Each row says why.
RECEPTION_CASES = [
    # The circular's two examples.
    pytest.param(
        brussels(2026, 11, 20, 18, 0),
        date(2026, 11, 20),
        id="circular-friday-18h-same-day",
    ),
    pytest.param(brussels(2026, 11, 21, 10, 0), date(2026, 11, 23), id="circular-saturday-monday"),
    # Working days, whatever the hour.
    pytest.param(
        brussels(2026, 11, 18, 23, 59),
        date(2026, 11, 18),
        id="wednesday-23h59-same-day",
    ),
    pytest.param(brussels(2026, 11, 18, 3, 0), date(2026, 11, 18), id="wednesday-night-same-day"),
    pytest.param(brussels(2026, 11, 22, 12, 0), date(2026, 11, 23), id="sunday-monday"),
    # Midnight on both sides, in Brussels time.
    pytest.param(brussels(2026, 11, 20, 23, 59, 59), date(2026, 11, 20), id="friday-last-second"),
    pytest.param(brussels(2026, 11, 21, 0, 0, 0), date(2026, 11, 23), id="saturday-first-second"),
    pytest.param(
        utc(2026, 11, 20, 23, 30),
        date(2026, 11, 23),
        id="saturday-00h30-brussels-is-friday-utc",
    ),
    pytest.param(
        utc(2026, 11, 20, 22, 59, 59),
        date(2026, 11, 20),
        id="friday-23h59-brussels-in-utc",
    ),
    pytest.param(
        utc(2026, 11, 22, 23, 30),
        date(2026, 11, 23),
        id="monday-00h30-brussels-is-sunday-utc",
    ),
    # Daylight saving time: spring (29 March 2026) and autumn (25 October 2026).
    pytest.param(
        utc(2026, 3, 27, 23, 30),
        date(2026, 3, 30),
        id="dst-spring-before-saturday-00h30-cet",
    ),
    pytest.param(
        utc(2026, 3, 30, 21, 59),
        date(2026, 3, 30),
        id="dst-spring-after-monday-23h59-cest",
    ),
    pytest.param(
        utc(2026, 3, 30, 22, 30),
        date(2026, 3, 31),
        id="dst-spring-after-tuesday-00h30-cest",
    ),
    pytest.param(
        utc(2026, 10, 23, 21, 59, 59),
        date(2026, 10, 23),
        id="dst-autumn-friday-23h59-cest",
    ),
    pytest.param(
        utc(2026, 10, 23, 22, 0),
        date(2026, 10, 26),
        id="dst-autumn-saturday-00h00-cest",
    ),
    pytest.param(utc(2026, 10, 26, 22, 59), date(2026, 10, 26), id="dst-autumn-monday-23h59-cet"),
    pytest.param(utc(2026, 10, 26, 23, 0), date(2026, 10, 27), id="dst-autumn-tuesday-00h00-cet"),
    # Each of the 10 legal holidays.
    pytest.param(brussels(2026, 1, 1, 9), date(2026, 1, 2), id="new-year-thursday"),
    pytest.param(brussels(2026, 4, 6, 9), date(2026, 4, 7), id="easter-monday"),
    pytest.param(brussels(2026, 5, 1, 9), date(2026, 5, 4), id="labour-day-friday"),
    pytest.param(brussels(2026, 5, 14, 9), date(2026, 5, 15), id="ascension-thursday"),
    pytest.param(brussels(2026, 5, 25, 9), date(2026, 5, 26), id="whit-monday"),
    pytest.param(brussels(2026, 7, 21, 9), date(2026, 7, 22), id="national-day-tuesday"),
    pytest.param(brussels(2025, 8, 15, 9), date(2025, 8, 18), id="assumption-friday"),
    pytest.param(brussels(2027, 11, 1, 9), date(2027, 11, 2), id="all-saints-monday"),
    pytest.param(brussels(2026, 11, 11, 9), date(2026, 11, 12), id="armistice-wednesday"),
    pytest.param(brussels(2025, 12, 25, 9), date(2025, 12, 26), id="christmas-thursday"),
    # Chains of days off.
    pytest.param(brussels(2026, 4, 4, 15), date(2026, 4, 7), id="easter-saturday"),
    pytest.param(brussels(2026, 4, 5, 15), date(2026, 4, 7), id="easter-sunday"),
    pytest.param(brussels(2026, 5, 23, 15), date(2026, 5, 26), id="whit-monday-after-saturday"),
    pytest.param(brussels(2026, 12, 25, 15), date(2026, 12, 28), id="christmas-friday-to-monday"),
    pytest.param(
        brussels(2027, 12, 25, 15),
        date(2027, 12, 27),
        id="christmas-saturday-to-monday",
    ),
    pytest.param(brussels(2027, 1, 1, 0, 1), date(2027, 1, 4), id="new-year-friday-to-monday"),
    # Days that are NOT legal holidays: a working day like any other.
    pytest.param(brussels(2025, 7, 11, 9), date(2025, 7, 11), id="flemish-community-day-works"),
    pytest.param(brussels(2024, 9, 27, 9), date(2024, 9, 27), id="french-community-day-works"),
    pytest.param(brussels(2024, 11, 15, 9), date(2024, 11, 15), id="german-community-day-works"),
    pytest.param(brussels(2026, 11, 2, 9), date(2026, 11, 2), id="all-souls-works"),
    pytest.param(brussels(2025, 12, 26, 9), date(2025, 12, 26), id="boxing-day-works"),
    pytest.param(brussels(2026, 4, 3, 9), date(2026, 4, 3), id="good-friday-works"),
    pytest.param(brussels(2026, 5, 15, 9), date(2026, 5, 15), id="friday-after-ascension-works"),
    # Year end and a leap day.
    pytest.param(brussels(2026, 12, 31, 23, 0), date(2026, 12, 31), id="new-years-eve-thursday"),
    pytest.param(brussels(2028, 2, 29, 12), date(2028, 2, 29), id="leap-day-tuesday"),
]


@pytest.mark.parametrize(("submitted_at", "expected"), RECEPTION_CASES)
def test_reception_date(submitted_at, expected):
    assert reception_date(submitted_at) == expected


# (submitted at, R, R + 5, R + 30): deadlines are calendar days, never extended.
DEADLINE_CASES = [
    pytest.param(
        brussels(2026, 11, 20, 18),
        LegalDates(date(2026, 11, 20), date(2026, 11, 25), date(2026, 12, 20)),
        id="circular-friday-day-1-is-saturday",
    ),
    pytest.param(
        brussels(2026, 11, 21, 18),
        LegalDates(date(2026, 11, 23), date(2026, 11, 28), date(2026, 12, 23)),
        id="circular-saturday-day-1-is-tuesday",
    ),
    pytest.param(
        brussels(2026, 11, 23, 9),
        LegalDates(date(2026, 11, 23), date(2026, 11, 28), date(2026, 12, 23)),
        id="r-plus-5-on-saturday-not-extended",
    ),
    pytest.param(
        brussels(2026, 11, 25, 9),
        LegalDates(date(2026, 11, 25), date(2026, 11, 30), date(2026, 12, 25)),
        id="r-plus-30-on-christmas-not-extended",
    ),
    pytest.param(
        brussels(2026, 5, 20, 9),
        LegalDates(date(2026, 5, 20), date(2026, 5, 25), date(2026, 6, 19)),
        id="r-plus-5-on-whit-monday-not-extended",
    ),
    pytest.param(
        brussels(2026, 5, 23, 9),
        LegalDates(date(2026, 5, 26), date(2026, 5, 31), date(2026, 6, 25)),
        id="whit-weekend-then-calendar-days",
    ),
    pytest.param(
        brussels(2026, 12, 31, 9),
        LegalDates(date(2026, 12, 31), date(2027, 1, 5), date(2027, 1, 30)),
        id="year-end",
    ),
    pytest.param(
        brussels(2028, 2, 29, 9),
        LegalDates(date(2028, 2, 29), date(2028, 3, 5), date(2028, 3, 30)),
        id="leap-day",
    ),
    pytest.param(
        brussels(2028, 2, 1, 9),
        LegalDates(date(2028, 2, 1), date(2028, 2, 6), date(2028, 3, 2)),
        id="february-of-a-leap-year",
    ),
    pytest.param(
        brussels(2027, 2, 1, 9),
        LegalDates(date(2027, 2, 1), date(2027, 2, 6), date(2027, 3, 3)),
        id="february-of-a-common-year",
    ),
    pytest.param(
        brussels(2026, 3, 27, 9),
        LegalDates(date(2026, 3, 27), date(2026, 4, 1), date(2026, 4, 26)),
        id="across-spring-dst",
    ),
]


@pytest.mark.parametrize(("submitted_at", "expected"), DEADLINE_CASES)
def test_legal_dates(submitted_at, expected):
    assert legal_dates(submitted_at) == expected


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        legal_dates(datetime(2026, 11, 20, 18, 0))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("day", "working"),
    [
        pytest.param(date(2026, 4, 5), False, id="easter-sunday"),
        pytest.param(date(2026, 5, 24), False, id="whit-sunday"),
        pytest.param(date(2026, 8, 15), False, id="assumption-on-saturday"),
        pytest.param(date(2026, 11, 1), False, id="all-saints-on-sunday"),
        pytest.param(date(2026, 11, 19), True, id="ordinary-thursday"),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_exactly_ten_legal_holidays_fall_on_weekdays_or_not():
    """The calendar is the 10 legal holidays, plus Easter and Whit Sundays."""
    from intake.deadlines import _legal_holidays

    days_2026 = sorted(_legal_holidays(2026))
    weekday_names = [d for d in days_2026 if d not in (date(2026, 4, 5), date(2026, 5, 24))]
    assert weekday_names == [
        date(2026, 1, 1), date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14),
        date(2026, 5, 25), date(2026, 7, 21), date(2026, 8, 15), date(2026, 11, 1),
        date(2026, 11, 11), date(2026, 12, 25),
    ]  # fmt: skip
