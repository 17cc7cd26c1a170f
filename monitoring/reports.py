"""One monitoring page's content, for a scope and a period (docs/monitoring.md)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from backoffice.constants import Federation
from routing.constants import Region
from routing.models import Cpas

from .charts import Chart, bar_chart, share_chart
from .figures import TOTAL, period_of, periods, report_sums
from .geography import province_name
from .models import MonitoringView
from .scopes import COUNTRY, CPAS, FEDERATION, Scope
from .tables import Table, area_table, breakdown_tables, summary_table, trend_table


@dataclass
class Report:
    scope: Scope
    start: date
    end: date
    unit: str
    tables: list[Table] = field(default_factory=list)
    charts: dict[str, list[Chart]] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, code, name)

    def table(self, key: str) -> Table:
        return next(table for table in self.tables if table.key == key)


def _named_areas(sums, field_name, name_of) -> list[tuple[str, dict]]:
    named = ((name_of(code), value) for code, value in sums[field_name].items())
    return sorted(named, key=lambda x: x[0])


def report_build(scope: Scope, *, start: date, end: date, unit: str) -> Report:
    """Whole weeks or months: from the first day of ``start``'s to the last of ``end``'s."""
    start = period_of(start, unit)
    end = (periods(end, end + timedelta(days=31), unit)[1]) - timedelta(days=1)
    report = Report(scope, start, end, unit)
    by = {COUNTRY: ("region", "province"), FEDERATION: ("province", "cpas_id"), CPAS: ()}
    sums = report_sums(scope.rollup_where, start, end, unit, *by[scope.kind])
    names, totals = [scope.name], [sums[TOTAL]]
    if scope.kind == CPAS:
        beside = Scope(FEDERATION, scope.federation)
        names.append(_("All CPAS of the federation"))
        totals.append(report_sums(beside.rollup_where, start, end, unit)[TOTAL])
    report.tables.append(summary_table(names, totals))
    trend = trend_table(periods(start, end, unit), unit, sums["period"])
    report.tables.append(trend)
    report.charts["trend"] = [
        bar_chart(
            trend,
            0,
            _("Requests received"),
            _("Bars: the requests received in each period; the table below gives the figures."),
        ),
        share_chart(
            trend,
            _("Deadlines met"),
            _(
                "Lines: the share of requests whose competence was decided by R + 5 and the "
                "share decided on the merits by R + 30, in each period."
            ),
        ),
    ]
    if scope.kind == COUNTRY:
        report.links = [(FEDERATION, code, str(label)) for code, label in Federation.choices]
        regions = _named_areas(sums, "region", lambda code: str(Region(code).label))
        report.tables.append(area_table("regions", _("By region"), _("Region"), regions))
    if scope.kind in (COUNTRY, FEDERATION):
        provinces = _named_areas(sums, "province", province_name)
        report.tables.append(area_table("provinces", _("By province"), _("Province"), provinces))
    if scope.kind == FEDERATION:
        found = Cpas.objects.filter(pk__in=sums["cpas_id"])
        cpas = {item.pk: item for item in found}
        by_cpas = _named_areas(sums, "cpas_id", lambda pk: cpas[pk].name)
        report.tables.append(area_table("cpas", _("By CPAS"), _("CPAS"), by_cpas))
        report.links = sorted(
            ((CPAS, item.code, item.name) for item in cpas.values()), key=lambda x: x[2]
        )
    for table in report.tables[2:]:
        report.charts[table.key] = [
            bar_chart(
                table,
                0,
                table.caption,
                _("Bars: the requests received in each area; the table below gives the figures."),
            )
        ]
    report.tables += breakdown_tables(names, totals)
    return report


def monitoring_view_log(*, user, scope: Scope, start: date, end: date, output: str) -> None:
    """Every page, export and print is logged: who, which area, which period."""
    MonitoringView.objects.create(
        at=timezone.now(),
        user=user,
        scope=scope.label,
        period_start=start,
        period_end=end,
        output=output[:20],
    )
