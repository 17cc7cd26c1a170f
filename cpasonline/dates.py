"""Dates and times as people read them, in each language (docs/acknowledgement.md,
"Dates in words").

- French: « vendredi 1er janvier 2027 », « 12 mars 1979 », « 10 h 12 » (the first day of
  a month is « 1er »);
- Dutch: « vrijdag 1 januari 2027 », « 12 maart 1979 », « 10.12 uur »;
- German: « Freitag, 1. Januar 2027 », « 12. März 1979 », « 10:12 Uhr »;
- English: "Friday 1 January 2027", "12 March 1979", "10:12".

Pure: the caller passes the value and the language; an aware instant is shown in
Brussels time.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.dateformat import format as django_format

BRUSSELS = ZoneInfo("Europe/Brussels")
NBSP = "\u00a0"

_WEEKDAY_SEPARATOR = {"de": ", "}


def _day(value: date, language: str) -> str:
    if language == "fr":
        return "1er" if value.day == 1 else str(value.day)
    if language == "de":
        return f"{value.day}."
    return str(value.day)


def date_in_words(value: date, language: str, *, weekday: bool = True) -> str:
    """The date as a sentence writes it in ``language``, with or without its weekday.

    No line break inside the day, month and year (no-break spaces).
    """
    language = language if language in ("fr", "nl", "de", "en") else "fr"
    with translation.override(language):
        month = django_format(value, "F")
        day_name = django_format(value, "l")
    text = NBSP.join((_day(value, language), month, str(value.year)))
    if not weekday:
        return text
    return f"{day_name}{_WEEKDAY_SEPARATOR.get(language, ' ')}{text}"


def time_in_words(instant: datetime, language: str) -> str:
    """The time of an aware instant in Brussels, as ``language`` writes it."""
    local = instant.astimezone(BRUSSELS)
    hours, minutes = local.hour, f"{local.minute:02d}"
    if language == "fr":
        return f"{hours}{NBSP}h{NBSP}{minutes}"
    if language == "nl":
        return f"{hours}.{minutes}{NBSP}uur"
    if language == "de":
        return f"{hours}:{minutes}{NBSP}Uhr"
    return f"{hours}:{minutes}"


def brussels_day(instant: datetime) -> date:
    return instant.astimezone(BRUSSELS).date()
