"""The pages' tables: figures in words and numbers, small cells hidden (docs/monitoring.md).

Every table is what its chart draws, what the page shows beside it and what its CSV
export holds: the same cells, hidden the same way."""

from dataclasses import dataclass, field

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from .figures import ADDITIVE, BREAKDOWNS, COUNT, FIGURE, FIGURES, SHARE, TREND, WEEK, Figure
from .suppression import SMALL, hidden_cells, is_small, ratio_hidden


@dataclass
class Cell:
    text: str
    raw: str  # the CSV's value
    number: float | None = None  # what a chart draws; None when hidden or missing


@dataclass
class Table:
    key: str
    caption: str
    header: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]] = field(default_factory=list)
    percent: list[bool] = field(default_factory=list)  # columns that are shares


def hidden_cell() -> Cell:
    text = _("< %(small)s") % {"small": SMALL}
    return Cell(text, text)


def missing_cell() -> Cell:
    return Cell("–", "")


def figure_cell(figure: Figure, sums: dict, hidden: bool | None = None) -> Cell:
    """One figure's cell; ``hidden`` decided by the column's suppression for counts."""
    value, base = figure.value(sums)
    if figure.kind == COUNT:
        if hidden if hidden is not None else is_small(value):
            return hidden_cell()
        return Cell(number_format(value, force_grouping=True), str(value), value)
    if value is None:
        return missing_cell()
    if ratio_hidden(base):
        return hidden_cell()
    if figure.kind == SHARE:
        percent = round(value * 100)
        return Cell(_("%(percent)s%%") % {"percent": percent}, str(percent), percent)
    hours = round(value, 1)
    return Cell(number_format(hours, 1), f"{hours:.1f}", hours)


def column_cells(figure: Figure, sums_list: list[dict], *, total_shown=True) -> list[Cell]:
    """A column of cells that add up to a total shown elsewhere."""
    hidden = [None] * len(sums_list)
    if figure.kind == COUNT:
        counts = [sums.get(figure.key, 0) for sums in sums_list]
        hidden = hidden_cells(counts, total_shown=total_shown)
    return [figure_cell(figure, sums, hide) for sums, hide in zip(sums_list, hidden, strict=True)]


def _grid(key, caption, header, labels, sums_list, figures) -> Table:
    columns = [column_cells(figure, sums_list) for figure in figures]
    table = Table(key, caption, header, [str(f.label) for f in figures])
    table.percent = [figure.kind == SHARE for figure in figures]
    table.rows = [(label, [column[i] for column in columns]) for i, label in enumerate(labels)]
    return table


def summary_table(names: list[str], sums_list: list[dict]) -> Table:
    """Every figure (rows) for the area and, on a CPAS's page, its federation (columns)."""
    table = Table("summary", _("The figures of the period"), _("Figure"), names)
    for figure in FIGURES:
        table.rows.append((str(figure.label), [figure_cell(figure, sums) for sums in sums_list]))
    return table


def breakdown_tables(names: list[str], sums_list: list[dict]) -> list[Table]:
    """The requests received by identification, language and help asked for."""
    tables = []
    for key, (caption, parts) in BREAKDOWNS.items():
        table = Table(key, str(caption), str(caption), names)
        columns = []
        for sums in sums_list:
            counts = [sums.get(column, 0) for column, _label in parts]
            hidden = hidden_cells(counts, total_shown=key in ADDITIVE)
            columns.append(
                [
                    figure_cell(Figure(column, ""), sums, hide)
                    for (column, _label), hide in zip(parts, hidden, strict=True)
                ]
            )
        table.rows = [
            (str(label), [column[i] for column in columns]) for i, (_c, label) in enumerate(parts)
        ]
        tables.append(table)
    return tables


def period_label(first_day, unit: str) -> str:
    if unit == WEEK:
        return _("Week of %(day)s") % {"day": date_format(first_day, "SHORT_DATE_FORMAT")}
    return date_format(first_day, "YEAR_MONTH_FORMAT")


def trend_table(periods, unit: str, sums_by_period: dict) -> Table:
    empty: dict = {}
    labels = [period_label(day, unit) for day in periods]
    sums_list = [sums_by_period.get(day, empty) for day in periods]
    caption = _("By week") if unit == WEEK else _("By month")
    return _grid("trend", caption, _("Period"), labels, sums_list, [FIGURE[k] for k in TREND])


def area_table(key: str, caption: str, header: str, named_sums: list[tuple[str, dict]]) -> Table:
    labels = [name for name, _sums in named_sums]
    sums_list = [sums for _name, sums in named_sums]
    return _grid(key, caption, header, labels, sums_list, [FIGURE[k] for k in TREND])
