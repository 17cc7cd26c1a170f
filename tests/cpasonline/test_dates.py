"""Dates and times as people read them (docs/acknowledgement.md, "Dates in words")."""

from datetime import UTC, date, datetime

import pytest

from cpasonline.dates import date_in_words, time_in_words

NBSP = "\u00a0"


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


@pytest.mark.parametrize(
    ("day", "language", "weekday", "expected"),
    [
        # French writes the first day of a month « 1er » (audit of 2 December 2026).
        pytest.param(date(2027, 1, 1), "fr", True, "vendredi 1er janvier 2027", id="fr-1er"),
        pytest.param(date(2027, 1, 2), "fr", True, "samedi 2 janvier 2027", id="fr-2"),
        pytest.param(date(1980, 3, 1), "fr", False, "1er mars 1980", id="fr-birth-1er"),
        pytest.param(date(2027, 1, 1), "nl", True, "vrijdag 1 januari 2027", id="nl-1"),
        pytest.param(date(1979, 3, 12), "nl", False, "12 maart 1979", id="nl-birth"),
        # German: the day is an ordinal with a dot, a comma after the weekday.
        pytest.param(date(2027, 1, 1), "de", True, "Freitag, 1. Januar 2027", id="de-1"),
        pytest.param(date(1979, 3, 12), "de", False, "12. März 1979", id="de-birth"),
        pytest.param(date(2027, 1, 1), "en", True, "Friday 1 January 2027", id="en-1"),
        pytest.param(date(1979, 3, 12), "en", False, "12 March 1979", id="en-birth"),
    ],
)
def test_a_date_in_words(day, language, weekday, expected):
    assert plain(date_in_words(day, language, weekday=weekday)) == expected


def test_a_date_never_breaks_between_day_month_and_year():
    assert date_in_words(date(2027, 1, 1), "fr") == f"vendredi 1er{NBSP}janvier{NBSP}2027"


@pytest.mark.parametrize(
    ("instant", "language", "expected"),
    [
        # Brussels time: UTC+1 in winter, UTC+2 in summer (docs/legal-dates.md).
        pytest.param(datetime(2026, 11, 21, 9, 12, tzinfo=UTC), "fr", "10 h 12", id="fr"),
        pytest.param(datetime(2026, 11, 21, 9, 12, tzinfo=UTC), "nl", "10.12 uur", id="nl"),
        pytest.param(datetime(2026, 11, 21, 9, 12, tzinfo=UTC), "de", "10:12 Uhr", id="de"),
        pytest.param(datetime(2026, 11, 21, 9, 12, tzinfo=UTC), "en", "10:12", id="en"),
        pytest.param(datetime(2026, 7, 1, 21, 59, tzinfo=UTC), "fr", "23 h 59", id="summer"),
    ],
)
def test_a_time_in_words_in_brussels(instant, language, expected):
    assert plain(time_in_words(instant, language)) == expected
