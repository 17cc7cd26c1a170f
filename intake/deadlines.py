"""Legal dates of a request: reception date and the two deadlines.

Law of 26 May 2002, art. 18 and 21; organic law of 8 July 1976, art. 58; SPP-IS
circular of 28 May 2025 on CPAS Online (docs/legal-dates.md):

- the reception date R is the date, in Europe/Brussels, of the submission if that
  is a working day (Monday to Friday, not a Belgian legal holiday), else the first
  working day after it;
- deadlines run from the day after R: territorial competence R + 5 calendar days,
  decision on the merits R + 30 calendar days;
- a deadline ending on a Saturday, Sunday or holiday is not extended (Judicial Code
  art. 53 applies to court procedures, not to the CPAS).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

BRUSSELS = ZoneInfo("Europe/Brussels")
COMPETENCE_DAYS = 5
DECISION_DAYS = 30


@dataclass(frozen=True)
class LegalDates:
    reception: date
    competence_deadline: date
    decision_deadline: date


@cache
def _legal_holidays(year: int) -> frozenset[date]:
    # The default categories only: the 10 legal holidays plus Easter Sunday and
    # Whit Sunday (Sundays anyway). Never "bank" or "school".
    return frozenset(holidays.country_holidays("BE", years=year, language="fr"))


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not one of the 10 Belgian legal public holidays."""
    return day.weekday() < 5 and day not in _legal_holidays(day.year)


def brussels_date(instant: datetime) -> date:
    """The calendar date of an aware instant in Belgium."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("legal dates need an aware datetime")
    return instant.astimezone(BRUSSELS).date()


def reception_date(submitted_at: datetime) -> date:
    """R: the submission date in Brussels, or the first working day after it."""
    day = brussels_date(submitted_at)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def legal_dates(submitted_at: datetime) -> LegalDates:
    """R, R + 5 and R + 30 calendar days for a request submitted at this instant."""
    reception = reception_date(submitted_at)
    return LegalDates(
        reception=reception,
        competence_deadline=reception + timedelta(days=COMPETENCE_DAYS),
        decision_deadline=reception + timedelta(days=DECISION_DAYS),
    )


# Why a day is not a working day (docs/acknowledgement.md, "Filing date and time
# versus R"): the acknowledgement says it when R is not the day the request was sent.
SATURDAY, SUNDAY, HOLIDAY = "saturday", "sunday", "holiday"
_HOLIDAY_LANGUAGES = {"fr": "fr", "nl": "nl", "de": "de", "en": "en_US"}


def non_working_reason(day: date) -> str:
    """ "holiday" (a legal public holiday, also on a weekend), "saturday", "sunday", or ""
    for a working day."""
    if day in _legal_holidays(day.year):
        return HOLIDAY
    return {5: SATURDAY, 6: SUNDAY}.get(day.weekday(), "")


def holiday_name(day: date, language: str) -> str:
    """The legal public holiday's name in ``language`` ("" if the day is none)."""
    names = holidays.country_holidays(
        "BE", years=day.year, language=_HOLIDAY_LANGUAGES.get(language, "fr")
    )
    return (names.get(day) or "").replace("'", "’")
