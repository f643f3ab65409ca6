"""A collection's progress chart as SVG geometry: its percent digitized over time, its plan and the forecast's range.

Computed here as coordinates and labels already written in the reader's
language; ``templates/chart.html`` places them in an inline ``<svg>`` (one
drawing for the printed report and the reading room, text that stays text,
and its few words in the catalogs). The forecast is a fan: from today to the
next target at the slow (10th percentile) and fast (90th) weekly pace, with
the typical pace (50th) drawn through it and its day written at the end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from pipelines.collections import locale_format
from pipelines.collections.progress import CollectionProgress

WIDTH, HEIGHT = 720, 270
#: Room for the axes' labels: left, top, right, bottom.
MARGINS = (46, 22, 14, 26)
_Y_STEPS = (0.5, 1, 2, 5, 10, 20, 25)
_MONTH_STEPS = (1, 2, 3, 6, 12, 24)
_MAX_TICKS = 7


@dataclass(frozen=True)
class Tick:
    at: float  # x or y in the drawing
    label: str


@dataclass(frozen=True)
class Label:
    """Text at a point: a target's percent and deadline, or the likely day."""

    x: float
    y: float
    pct: str
    day: str
    anchor: str  # SVG text-anchor: "end" to the left of the point, "start" to its right


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    actual: str  # SVG points of the cumulative percent, a step per day the count changed
    now: tuple[float, float]
    today: Tick  # the report's day, on the x axis
    plan: str  # from the start through each dated target
    targets: tuple[Label, ...]
    fan: str | None  # between the slow and the fast pace, up to the next target
    likely: str | None  # at the typical pace
    likely_label: Label | None  # the likely day, where the typical pace meets the target inside the chart
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]


def progress_chart(row: CollectionProgress, as_of: date, lang: str) -> Chart | None:
    """The chart of ``row`` up to ``as_of``; None without holdings or with a single count, which is said in words."""
    if not row.holdings or len(row.history) < 2:
        return None
    holdings = row.holdings

    def pct(items: float) -> float:
        return 100.0 * items / holdings

    start = row.history[0][0]
    dated = [t for t in row.targets if t.target.due]
    left_day = min([start, *(t.target.due for t in dated)])  # a deadline before the start stays on the chart
    right_day = max([as_of, *(t.target.due for t in dated)])
    target = row.next_target
    outlook = target.forecast if target else None
    if outlook and outlook.likely:
        right_day = max(right_day, min(outlook.likely, right_day + (right_day - left_day) / 2))
    top_pct = _axis_top(max([pct(row.digitized), *(t.target.pct for t in row.targets)]))
    left, top = MARGINS[0], MARGINS[1]
    right, bottom = WIDTH - MARGINS[2], HEIGHT - MARGINS[3]
    span = max((right_day - left_day).days, 1)

    def x(day: date) -> float:
        return round(left + (right - left) * (day - left_day).days / span, 1)

    def y(percent: float) -> float:
        return round(bottom - (bottom - top) * min(percent, top_pct) / top_pct, 1)

    steps: list[tuple[float, float]] = []
    for day, items in row.history:
        if steps:
            steps.append((x(day), steps[-1][1]))
        steps.append((x(day), y(pct(items))))
    now = (x(as_of), y(pct(row.digitized)))
    plan = [(x(start), y(pct(row.history[0][1])))] + [(x(t.target.due), y(t.target.pct)) for t in dated]
    labels = tuple(
        Label(px, py, _pct_number(t.target.pct, lang), locale_format.day(t.target.due, lang), _anchor(px, left))
        for t, (px, py) in zip(dated, plan[1:], strict=True)
    )

    fan = likely = likely_label = None
    if target and outlook and target.left:
        goal = target.target.pct

        def end(pace: float, reached: date | None) -> tuple[float, float]:
            """Where the line at ``pace`` a week leaves the chart: at the target, or at its right edge."""
            day = min(reached or right_day, right_day)
            items = row.digitized + max(pace, 0) * (day - as_of).days / 7
            return x(day), y(min(pct(items), goal))

        slow, typical, fast = (end(p, r) for p, r in zip(outlook.paces, outlook.reached, strict=True))
        corner = [(right, y(goal))] if fast[1] == y(goal) and fast[0] < right and slow[0] == right else []
        fan = _points([now, fast, *corner, slow])
        likely = _points([now, typical])
        if outlook.likely and outlook.likely <= right_day:
            # Below the target's line, on the side away from the fan.
            anchor = "start" if right - typical[0] > 150 else "end"
            likely_label = Label(*typical, "", locale_format.day(outlook.likely, lang), anchor)
    return Chart(
        WIDTH,
        HEIGHT,
        left,
        top,
        right,
        bottom,
        actual=_points(steps),
        now=now,
        today=Tick(now[0], locale_format.day(as_of, lang)),
        plan=_points(plan),
        targets=labels,
        fan=fan,
        likely=likely,
        likely_label=likely_label,
        x_ticks=_month_ticks(left_day, right_day, x, lang),
        y_ticks=tuple(Tick(y(value), locale_format.short_percent(value, lang)) for value in _y_values(top_pct)),
    )


def _y_step(value: float) -> float:
    return next((step for step in _Y_STEPS if value / step <= _MAX_TICKS - 1), 50)


def _axis_top(highest: float) -> float:
    """A round top for the percent axis, a little above the highest figure, 100 unless more is digitized."""
    wanted = max(highest * 1.1, 1.0)
    rounded = _y_step(wanted) * math.ceil(wanted / _y_step(wanted))
    return min(100.0, rounded) if highest <= 100 else rounded


def _y_values(top_pct: float) -> list[float]:
    step = _y_step(top_pct)
    return [step * i for i in range(int(top_pct / step + 1e-9) + 1)]


def _month_ticks(first: date, last: date, x, lang: str) -> tuple[Tick, ...]:
    """The first days of months between ``first`` and ``last``, every 1, 2, 3, 6… months so that few are written."""
    months = (last.year - first.year) * 12 + last.month - first.month
    every = next((step for step in _MONTH_STEPS if months / step < _MAX_TICKS), 48)
    ticks = []
    index = first.year * 12 + first.month  # the month after first's: a tick on the first of a month
    while True:
        year, month = divmod(index, 12)
        day = date(year, month + 1, 1)
        if day > last:
            break
        if month % every == 0:
            ticks.append(Tick(x(day), locale_format.month(day, lang)))
        index += 1
    if not ticks:  # under a month: the first and the last day
        ticks = [Tick(x(first), locale_format.day(first, lang)), Tick(x(last), locale_format.day(last, lang))]
    return tuple(ticks)


def _anchor(px: float, left: float) -> str:
    return "end" if px - left > 160 else "start"


def _pct_number(value: float, lang: str) -> str:
    return locale_format.short_percent(value, lang).removesuffix("%")


def _points(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{px:g},{py:g}" for px, py in points)
