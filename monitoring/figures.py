"""The figures: what each one sums, and how it reads (docs/monitoring.md, "The figures").

``report_counts`` reads the rollup once per page: the sums of every column per period
(week or month) and area. Everything else is arithmetic on those sums, in Python."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from intake.constants import IdentificationMethod, Need

from .models import COUNTS, PeriodRollup

COUNT, SHARE, HOURS = "count", "share", "hours"
WEEK, MONTH = "week", "month"


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str = COUNT
    numerator: str = ""
    denominator: str = ""

    def value(self, sums: dict) -> tuple[float | None, int]:
        """(value, the count it rests on): a count rests on itself."""
        if self.kind == COUNT:
            return sums.get(self.key, 0), sums.get(self.key, 0)
        base = sums.get(self.denominator, 0)
        if not base:
            return None, 0
        value = sums.get(self.numerator, 0) / base
        return (value / 3600 if self.kind == HOURS else value), base


FIGURES = [
    Figure("received", _("Requests received")),
    Figure("urgent", _("of which marked urgent")),
    Figure("id_none", _("of which without a national number")),
    Figure("read_hours", _("Mean time to first read (hours)"), HOURS, "read_seconds", "read_count"),
    Figure("unread_2d", _("Unread after 2 days")),
    Figure(
        "competence_share",
        _("Competence decided or transferred by R + 5"),
        SHARE,
        "competence_on_time",
        "competence_due",
    ),
    Figure(
        "merits_share", _("Decided on the merits by R + 30"), SHARE, "merits_on_time", "merits_due"
    ),
    Figure("transfers", _("Transfers to another CPAS")),
    Figure("late_notices", _("Late transfer notices (after R + 5)")),
    Figure("linked", _("Linked to an earlier request of the same person")),
    Figure("reminders", _("Reminders sent to the CPAS")),
]
FIGURE = {figure.key: figure for figure in FIGURES}
# The columns of the trend and area tables, and the breakdowns of the requests received.
TREND = ["received", "urgent", "competence_share", "merits_share", "transfers", "unread_2d"]
BREAKDOWNS = {
    "identification": (
        _("Identification"),
        [(f"id_{value}", label) for value, label in IdentificationMethod.choices],
    ),
    "language": (
        _("Language of the form"),
        [
            ("lang_fr", _("French")),
            ("lang_nl", _("Dutch")),
            ("lang_de", _("German")),
            ("lang_en", _("English")),
        ],
    ),
    "needs": (_("Help asked for"), [(f"need_{value}", label) for value, label in Need.choices]),
}
# Breakdowns whose cells add up to the requests received (a request has several needs).
ADDITIVE = {"identification", "language"}


def period_of(day: date, unit: str) -> date:
    if unit == WEEK:
        return date.fromordinal(day.toordinal() - day.weekday())
    return day.replace(day=1)


def periods(start: date, end: date, unit: str) -> list[date]:
    """Every period's first day from ``start`` to ``end``, empty ones included."""
    found, day = [], period_of(start, unit)
    while day <= end:
        found.append(day)
        day = (
            date.fromordinal(day.toordinal() + 7)
            if unit == WEEK
            else date(day.year + day.month // 12, day.month % 12 + 1, 1)
        )
    return found


def report_counts(scope_filter, start: date, end: date, unit: str, *by: str) -> list[dict]:
    """The sums of every column per period (and per ``by``: region, province, cpas…), over
    the whole weeks or months from the one of ``start`` to the one of ``end``."""
    fields = ["period", *by]
    return list(
        PeriodRollup.objects.filter(
            scope_filter, unit=unit, period__gte=period_of(start, unit), period__lte=end
        )
        .values(*fields)
        .annotate(**{name: Sum(name) for name in COUNTS})
        .order_by(*fields)
    )


def add_up(rows, key=None) -> dict:
    """Sums of the columns over ``rows``, or per ``key(row)`` when given."""
    if key is None:
        return {name: sum(row[name] or 0 for row in rows) for name in COUNTS}
    groups = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return {group: add_up(members) for group, members in groups.items()}
