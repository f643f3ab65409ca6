"""When a target will be reached, as a range: at the slow, the typical and the fast weeks a collection has had.

One pace gives one date, which a manager reads as a promise. Weeks differ (a
contractor's delivery, a holiday, a scanner down), so the forecast is given at
the 10th, 50th and 90th percentile of the weekly paces seen so far: the late
date, the likely one and the early one. Pure functions of the history's
``(day, items)`` steps, so they are tested without a catalog.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = 7
PERCENTILES = (10, 50, 90)


def items_on(history: Sequence[tuple[date, int]], day: date) -> int:
    """The count at the end of ``day`` on a history of steps (day, items), oldest first; 0 before it starts."""
    taken = bisect_right(history, day, key=lambda step: step[0])
    return history[taken - 1][1] if taken else 0


def weekly_paces(history: Sequence[tuple[date, int]], as_of: date) -> tuple[float, ...]:
    """Items digitized in each whole week that ends on ``as_of``, back to the start, oldest first.

    A history shorter than a week gives its one pace scaled to a week; a single
    day gives none: a pace needs two counts.
    """
    if not history:
        return ()
    start = history[0][0]
    span = (as_of - start).days
    if span <= 0:
        return ()
    if span < WEEK:
        return ((items_on(history, as_of) - items_on(history, start)) * WEEK / span,)
    ends = [as_of - timedelta(days=WEEK * weeks_back) for weeks_back in range(span // WEEK)]
    return tuple(items_on(history, end) - items_on(history, end - timedelta(days=WEEK)) for end in reversed(ends))


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100), interpolated between the nearest ranks as NumPy's default does."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def required_pace(left: int, due: date | None, as_of: date) -> float | None:
    """Items a week that reach the target on its deadline; None without one or once it has passed.

    On the deadline itself a day is left: the day's work still counts.
    """
    if due is None or due < as_of:
        return None
    return left * WEEK / max((due - as_of).days, 1)


def reached_at(pace: float, left: int, as_of: date) -> date | None:
    """The day ``left`` items are done at ``pace`` a week; None if that pace never gets there."""
    if left <= 0:
        return as_of
    if pace <= 0:
        return None
    return as_of + timedelta(days=math.ceil(left * WEEK / pace))


@dataclass(frozen=True)
class Forecast:
    """A target's forecast: the days it is reached at the weekly paces of ``PERCENTILES``, and the pace it needs."""

    left: int
    weeks: int  # the weekly paces it rests on
    paces: tuple[float, float, float]  # items a week: slow (10th percentile), typical (50th), fast (90th)
    reached: tuple[date | None, date | None, date | None]  # at those paces: late, likely, early; None: never
    required_pace: float | None

    @property
    def late(self) -> date | None:
        return self.reached[0]

    @property
    def likely(self) -> date | None:
        return self.reached[1]

    @property
    def early(self) -> date | None:
        return self.reached[2]


def forecast(paces: Sequence[float], as_of: date, left: int, due: date | None) -> Forecast | None:
    """The forecast of a target with ``left`` items to go from ``paces`` (``weekly_paces``); None without a pace."""
    if not paces:
        return None
    slow, typical, fast = (percentile(paces, q) for q in PERCENTILES)
    return Forecast(
        left=left,
        weeks=len(paces),
        paces=(slow, typical, fast),
        reached=(reached_at(slow, left, as_of), reached_at(typical, left, as_of), reached_at(fast, left, as_of)),
        required_pace=required_pace(left, due, as_of),
    )
