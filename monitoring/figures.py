"""The figures: what each one sums, and how it reads (docs/monitoring.md, "The figures").

``report_sums`` reads the rollup once per area of a page: the sums of every column in
total, per period (week or month) and per area. Everything else is arithmetic on those
sums, in Python."""

from dataclasses import dataclass
from datetime import date

from django.db import connection
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


TOTAL = ""
_PERIODS = PeriodRollup._meta.db_table


def report_sums(scope_where: tuple[str, list], start: date, end: date, unit: str, *by: str):
    """The sums of every column over the whole weeks or months from the one of ``start`` to
    the one of ``end``: in total (key ``TOTAL``), per period (key ``"period"``) and per each
    of ``by`` (region, province, cpas_id), in one query (``GROUPING SETS``): the database
    adds up, the page gets a few hundred rows at most. Absent groups had no rollup row."""
    dimensions = ["period", *by]
    where, params = scope_where
    sql = f"""
        SELECT {", ".join(dimensions)},
               {", ".join(f"GROUPING({name})" for name in dimensions)},
               {", ".join(f"coalesce(sum({name}), 0)::bigint" for name in COUNTS)}
        FROM {_PERIODS}
        WHERE unit = %s AND period >= %s AND period <= %s AND {where}
        GROUP BY GROUPING SETS ({", ".join(f"({name})" for name in dimensions)}, ())
    """  # noqa: S608  # nosec B608 — constant names; the values go as parameters
    found: dict = {TOTAL: dict.fromkeys(COUNTS, 0), **{name: {} for name in dimensions}}
    width = len(dimensions)
    with connection.cursor() as cursor:
        cursor.execute(sql, [unit, period_of(start, unit), end, *params])
        for row in cursor.fetchall():
            sums = dict(zip(COUNTS, row[2 * width :], strict=True))
            grouped = [
                name
                for name, flag in zip(dimensions, row[width : 2 * width], strict=True)
                if not flag
            ]
            if grouped:
                found[grouped[0]][row[dimensions.index(grouped[0])]] = sums
            else:
                found[TOTAL] = sums
    return found
