"""Charts as SVG drawn from a table's cells (docs/monitoring.md, "Pages"): the table
beside each chart is what a screen reader reads; the chart has a title and a
description (role="img"). Hidden cells are not drawn."""

from dataclasses import dataclass, field

from .tables import Table

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 240, 48, 28, 12


@dataclass
class Chart:
    key: str
    title: str
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)
    ticks: list[dict] = field(default_factory=list)
    labels: list[dict] = field(default_factory=list)


def _scale_max(values) -> float:
    top = max([v for v in values if v is not None] or [0])
    if top <= 0:
        return 1
    step = 10 ** (len(str(int(top))) - 1)
    return ((int(top) // step) + 1) * step


def _frame(chart: Chart, top: float, names: list[str], suffix: str = "") -> float:
    plot_height = HEIGHT - BOTTOM - TOP
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_height * (1 - i / 4)
        chart.ticks.append({"y": round(y, 1), "text": f"{value:g}{suffix}"})
    slot = (WIDTH - LEFT) / max(1, len(names))
    every = max(1, len(names) // 8)
    for i, name in enumerate(names):
        if i % every == 0:
            chart.labels.append({"x": round(LEFT + slot * (i + 0.5), 1), "text": name})
    return slot


def bar_chart(table: Table, column: int, title: str, description: str) -> Chart:
    chart = Chart(f"{table.key}-bars", title, description)
    values = [cells[column].number for _label, cells in table.rows]
    top = _scale_max(values)
    slot = _frame(chart, top, [label for label, _cells in table.rows])
    plot_height = HEIGHT - BOTTOM - TOP
    for i, (label, cells) in enumerate(table.rows):
        value = cells[column].number
        if value is None:
            continue
        height = plot_height * value / top
        chart.bars.append(
            {
                "x": round(LEFT + slot * i + slot * 0.15, 1),
                "y": round(TOP + plot_height - height, 1),
                "width": round(slot * 0.7, 1),
                "height": round(height, 1),
                "label": f"{label}: {cells[column].text}",
            }
        )
    return chart


def share_chart(table: Table, title: str, description: str) -> Chart:
    """The share columns of ``table`` as lines on a 0–100 % scale."""
    chart = Chart(f"{table.key}-shares", title, description)
    slot = _frame(chart, 100, [label for label, _cells in table.rows], " %")
    plot_height = HEIGHT - BOTTOM - TOP
    for style, column in enumerate(i for i, share in enumerate(table.percent) if share):
        points = [
            (
                round(LEFT + slot * (i + 0.5), 1),
                round(TOP + plot_height * (1 - cell.number / 100), 1),
            )
            for i, (_label, cells) in enumerate(table.rows)
            if (cell := cells[column]).number is not None
        ]
        chart.lines.append(
            {
                "name": table.columns[column],
                "style": style,
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": [{"x": x, "y": y} for x, y in points],
            }
        )
    return chart
