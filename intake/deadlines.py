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
    return dates_from(reception_date(submitted_at))


def received_on(channel: str, submitted_at: datetime | None, received: date | None) -> date:
    """R for a request of this channel (docs/legal-dates.md, "Other channels").

    An electronic request through the form (``online``) is received on its submission
    date or the first working day after it (art. 58 §1 al. 6); any other channel on the
    day the CPAS received it, whatever day that is."""
    if channel == "online":
        if submitted_at is None:
            raise ValueError("an online request has a submission instant")
        return reception_date(submitted_at)
    if received is None:
        raise ValueError("a request of another channel has the date it was received")
    return received


def dates_from(reception: date) -> LegalDates:
    """R + 5 and R + 30 calendar days from R, for any channel."""
    return LegalDates(
        reception=reception,
        competence_deadline=reception + timedelta(days=COMPETENCE_DAYS),
        decision_deadline=reception + timedelta(days=DECISION_DAYS),
    )


def add_working_days(start: date, days: int) -> date:
    """The ``days``-th working day after ``start`` (day 1 is the first working day after)."""
    day = start
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


CONFLICT_WORKING_DAYS = 5


def conflict_referral_deadline(transferred_on: date) -> date:
    """A CPAS that received a request by transfer and deems itself not competent either
    refers it to SPP-IS within five working days of receiving it (docs/transfers.md)."""
    return add_working_days(transferred_on, CONFLICT_WORKING_DAYS)


class NoticeRefused(ValueError):
    """A notice date that cannot be right (before the request reached the CPAS, or in
    the future)."""


def notice_is_late(*, earliest: date, competence_deadline: date, notice: date, today: date) -> bool:
    """Whether the written notice of a transfer is late: after R + 5 (art. 18 §4;
    art. 58 §3; docs/transfers.md). A notice before ``earliest`` (the day the request
    reached the CPAS) or after today is refused, never silently accepted."""
    if notice < earliest:
        raise NoticeRefused("before the request reached the CPAS")
    if notice > today:
        raise NoticeRefused("in the future")
    return notice > competence_deadline


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
