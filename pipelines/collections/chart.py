"""The progress chart: a collection's cumulative percent digitized against its targets, as a PNG.

Drawn with matplotlib's object API on the Agg renderer (no pyplot, so no GUI
backend and no global figure state), at a resolution that prints sharply on A4.
matplotlib is imported on first use: it costs half a second that only the HTML
report needs.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from pipelines.collections.progress import CollectionProgress

WIDTH_IN, HEIGHT_IN, DPI = 7.0, 2.8, 200
ACTUAL, PLAN, PROJECTION, TODAY = "#1f5fa8", "#c25400", "#6b6b6b", "#999999"


def progress_chart(row: CollectionProgress, as_of: date) -> bytes | None:
    """PNG of the curve up to ``as_of``, the target lines and the projection; None without holdings or history."""
    if not row.holdings or not row.history:
        return None
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    def pct(items: int) -> float:
        return 100.0 * items / row.holdings

    days = [day for day, _ in row.history]
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    percents = [pct(items) for _, items in row.history]
    axes.plot(days, percents, drawstyle="steps-post", color=ACTUAL, lw=2, label="digitized")
    axes.plot(days[-1], percents[-1], marker="o", color=ACTUAL, ms=5)  # where things stand, even on day one

    # Each target's line runs from the previous one (the first from the start) to its deadline.
    plan_from = (days[0], percents[0])
    dated = [t for t in row.targets if t.target.due]
    for i, target in enumerate(dated):
        to = (target.target.due, target.target.pct)
        axes.plot(*zip(plan_from, to, strict=True), ls="--", color=PLAN, lw=1.3, label="target" if i == 0 else None)
        axes.plot(*to, marker="o", color=PLAN, ms=5)
        axes.annotate(target.label, to, xytext=(-4, 6), textcoords="offset points", ha="right", fontsize=8, color=PLAN)
        plan_from = to

    right = max([as_of, *(t.target.due for t in dated)])
    next_target = row.next_target
    if next_target and next_target.projected:
        # Drawn to the projected date even when that lies off the chart: the slope tells the story.
        axes.plot(
            [as_of, next_target.projected],
            [pct(row.digitized), next_target.target.pct],
            ls=":",
            color=PROJECTION,
            lw=1.5,
            label="at the actual pace",
        )
        right = max(right, min(next_target.projected, right + (right - days[0]) / 2))

    axes.axvline(as_of, color=TODAY, lw=0.8)
    axes.annotate("as of", (as_of, 0), xytext=(3, 3), textcoords="offset points", fontsize=7, color=TODAY)
    span = max((right - days[0]).days, 1)
    axes.set_xlim(days[0] - timedelta(days=span * 0.02), right + timedelta(days=span * 0.04))
    top = max([pct(row.digitized), *(t.target.pct for t in row.targets)], default=0)
    axes.set_ylim(0, min(100, top * 1.15 + 2) if top <= 100 else top * 1.05)
    axes.set_ylabel("% of holdings", fontsize=8)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(labelsize=8)
    axes.grid(axis="y", color="#e5e5e5", lw=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(loc="upper left", fontsize=7, frameon=False)

    png = io.BytesIO()
    figure.savefig(png, format="png", metadata={"Software": None})
    return png.getvalue()
