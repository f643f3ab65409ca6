"""Where each collection stands against its targets, how fast it moves, and when it will get there.

Everything is computed for one day, ``as_of`` (the report's "today"), from what
the catalog holds: a collection's baseline, the items recorded as digitized
outside the tool, the snapshots taken when runs finish, and the documents the
pipeline has digitized. Days are local calendar days; a day's figures are
those at its end. Paces are in items per week.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from index.i18n import N_, Message
from pipelines.archive.catalog import (
    Baseline,
    Catalog,
    Collection,
    PageStats,
    Target,
)
from pipelines.collections.forecast import Forecast, forecast, required_pace, weekly_paces
from pipelines.collections.history import collection_history, end_of

#: The "actual pace" window: items per week over the last four weeks.
RECENT_DAYS = 28
#: Mean word confidence (0–100) under which an OCR'd page is worth a second look.
LOW_CONFIDENCE = 60.0

# Statuses of a target (and of a collection, by its next target).
MET = "met"
ON_TRACK = "on track"
BEHIND = "behind"
DEADLINE_PASSED = "deadline passed"
NO_PACE = "no pace"
NO_DEADLINE = "no deadline"
NO_HOLDINGS = "no holdings"
NO_TARGET = "no target"


@dataclass(frozen=True)
class TargetProgress:
    """One target assessed on the report's day.

    ``short_by`` is how many items will be missing on the deadline if the
    actual pace holds (behind), or are missing now that it has passed.
    """

    target: Target
    items: int | None  # what the target means in items; None while holdings are unknown or zero
    left: int | None
    required_pace: float | None
    projected: date | None  # when the target is reached at the actual pace
    status: str
    short_by: int | None = None
    forecast: Forecast | None = None  # the range of days it is reached at the weekly paces seen; None once met

    @property
    def label(self) -> str:
        return f"{self.target.pct:g}%" + (f" by {self.target.due.isoformat()}" if self.target.due else "")

    @property
    def summary(self) -> str:
        if self.status == BEHIND:
            return f"behind by {self.short_by:,} items"
        if self.status == DEADLINE_PASSED:
            return f"deadline passed, {self.short_by:,} items short"
        return self.status

    def to_dict(self) -> dict:
        return {
            "pct": self.target.pct,
            "by": _iso(self.target.due),
            "items": self.items,
            "left": self.left,
            "required_pace_per_week": _round(self.required_pace),
            "projected_date": _iso(self.projected),
            "status": self.status,
            "short_by": self.short_by,
            "summary": self.summary,
            "forecast": _forecast_dict(self.forecast),
        }


def _forecast_dict(outlook: Forecast | None) -> dict | None:
    if outlook is None:
        return None
    return {
        "weeks": outlook.weeks,
        "pace_per_week": dict(zip(("p10", "p50", "p90"), (_round(p) for p in outlook.paces), strict=True)),
        "reached": dict(zip(("p10", "p50", "p90"), (_iso(day) for day in outlook.reached), strict=True)),
    }


def assess(
    target: Target,
    holdings: int | None,
    digitized: int,
    pace: float | None,
    as_of: date,
    weekly: Sequence[float] = (),
) -> TargetProgress:
    """Items left, the pace the deadline requires, the projection at ``pace``, the status, and the forecast's
    range from the ``weekly`` paces seen so far (``forecast.weekly_paces``)."""
    if not holdings:
        return TargetProgress(target, None, None, None, None, NO_HOLDINGS)
    items = math.ceil(holdings * target.pct / 100 - 1e-9)
    left = max(0, items - digitized)
    days_left = (target.due - as_of).days if target.due else None
    required = required_pace(left, target.due, as_of)
    projected = as_of + timedelta(days=math.ceil(left * 7 / pace)) if left and pace else None
    if left == 0:
        return TargetProgress(target, items, 0, required, None, MET)
    outlook = forecast(weekly, as_of, left, target.due)
    if days_left is not None and days_left < 0:
        return TargetProgress(target, items, left, None, projected, DEADLINE_PASSED, left, outlook)
    if pace is None:
        return TargetProgress(target, items, left, required, None, NO_PACE, forecast=outlook)
    if days_left is None:
        return TargetProgress(target, items, left, None, projected, NO_DEADLINE, forecast=outlook)
    short = left - math.floor(pace * days_left / 7 + 1e-9)
    if short <= 0:
        return TargetProgress(target, items, left, required, projected, ON_TRACK, forecast=outlook)
    return TargetProgress(target, items, left, required, projected, BEHIND, short, outlook)


@dataclass(frozen=True)
class CollectionProgress:
    name: str
    holdings: int | None
    digitized: int
    pages: int
    failed: int = 0
    waiting_for_review: int = 0  # documents done but not counted: a page waits for a person (pipelines.review)
    targets: tuple[TargetProgress, ...] = ()
    description: str | None = None
    holdings_pages: int | None = None
    baseline: Baseline | None = None
    start: date | None = None
    pace_recent: float | None = None  # over the last RECENT_DAYS, or since the start if that is nearer
    pace_since_start: float | None = None
    pace_note: Message | None = None  # why there is no pace to project from
    quality: PageStats | None = None
    history: tuple[tuple[date, int], ...] = ()  # (day, items digitized), for the chart
    scripts: dict[str, int] = field(default_factory=dict)  # pages read by script: Latin, Han, none (pictures)
    corrected_by: dict[str, int] = field(default_factory=dict)  # changes made at the desk, by archivist

    @property
    def percent(self) -> float | None:
        """Share of holdings digitized, in percent; None while holdings are unknown or zero."""
        if not self.holdings:
            return None
        return round(100.0 * self.digitized / self.holdings, 2)

    @property
    def pages_percent(self) -> float | None:
        if not self.holdings_pages:
            return None
        return round(100.0 * self.pages / self.holdings_pages, 2)

    @property
    def next_target(self) -> TargetProgress | None:
        """The earliest target not met yet; the last one once all are met."""
        return next((t for t in self.targets if t.status != MET), self.targets[-1] if self.targets else None)

    @property
    def left_to_target(self) -> int | None:
        """Items still to digitize to reach the next target; 0 once it is met."""
        return self.next_target.left if self.next_target else None

    @property
    def status(self) -> str:
        return self.next_target.status if self.next_target else NO_TARGET

    @property
    def warnings(self) -> tuple[Message, ...]:
        command = {"command": f"digitize collection set {_quoted(self.name)} --holdings N"}
        if self.holdings is None:
            return (Message(N_("holdings unknown: set them with `{command}`"), command),)
        if self.holdings == 0:
            return (Message(N_("holdings are 0: set them with `{command}`"), command),)
        if self.digitized > self.holdings:
            counts = {"digitized": self.digitized, "holdings": self.holdings}
            return (Message(N_("{digitized} items digitized but {holdings} held: check the holdings"), counts),)
        return ()

    def to_dict(self) -> dict:
        next_target = self.next_target
        quality = self.quality
        return {
            "name": self.name,
            "description": self.description,
            "holdings": self.holdings,
            "holdings_pages": self.holdings_pages,
            "digitized": self.digitized,
            "pages": self.pages,
            "failed": self.failed,
            "waiting_for_review": self.waiting_for_review,
            "scripts": self.scripts,
            "corrected_by": self.corrected_by,
            "percent": self.percent,
            "pages_percent": self.pages_percent,
            "target_pct": next_target.target.pct if next_target else None,
            "target_date": _iso(next_target.target.due) if next_target else None,
            "left_to_target": self.left_to_target,
            "status": self.status,
            "summary": next_target.summary if next_target else NO_TARGET,
            "baseline": {"items": self.baseline.items, "date": self.baseline.on.isoformat()} if self.baseline else None,
            "start": _iso(self.start),
            "pace_per_week": {
                "last_4_weeks": _round(self.pace_recent),
                "since_start": _round(self.pace_since_start),
                "note": str(self.pace_note) if self.pace_note else None,
            },
            "targets": [target.to_dict() for target in self.targets],
            "quality": {
                "pages_by_source": quality.by_source,
                "mean_ocr_confidence": quality.mean_confidence,
                "low_confidence_pages": quality.low_confidence,
                "low_confidence_below": LOW_CONFIDENCE,
            }
            if quality
            else None,
            "warnings": [str(warning) for warning in self.warnings],
        }


def collection_progress(catalog: Catalog, collection: Collection, as_of: date) -> CollectionProgress:
    history = collection_history(catalog, collection)
    digitized = history.items_on(as_of)
    curve = tuple(history.curve(as_of))
    weekly = weekly_paces(curve, as_of)
    start = history.start
    pace_recent = pace_since_start = None
    if start is not None:
        pace_since_start = history.pace(start, as_of)
        pace_recent = history.pace(max(start, as_of - timedelta(days=RECENT_DAYS)), as_of)
    return CollectionProgress(
        name=collection.name,
        holdings=collection.holdings,
        digitized=digitized,
        pages=history.pages_on(as_of),
        failed=catalog.progress.failed_count(collection.name),
        waiting_for_review=catalog.progress.held_for_review(collection.name, end_of(as_of)),
        scripts=catalog.pages.script_counts(collection.name),
        corrected_by={tally.author: tally.changes for tally in catalog.audit.tallies(collection.name)},
        targets=tuple(
            assess(t, collection.holdings, digitized, pace_recent, as_of, weekly) for t in collection.targets
        ),
        description=collection.description,
        holdings_pages=collection.holdings_pages,
        baseline=collection.baseline,
        start=start,
        pace_recent=pace_recent,
        pace_since_start=pace_since_start,
        pace_note=_pace_note(start, pace_recent, as_of),
        quality=catalog.progress.page_stats(collection.name, LOW_CONFIDENCE),
        history=curve,
    )


def _pace_note(start: date | None, pace: float | None, as_of: date) -> Message | None:
    if start is None or start > as_of:
        return Message(N_("no activity yet: no pace to project from"))
    if pace is None:
        return Message(N_("tracking started on {start}: no pace to project from yet"), {"start": start})
    if pace == 0:
        return Message(N_("nothing digitized in the last {weeks} weeks"), {"weeks": RECENT_DAYS // 7})
    return None


@dataclass(frozen=True)
class Overall:
    """All collections together; percent counts only collections whose holdings are known."""

    holdings: int
    digitized: int
    pages: int
    percent: float | None
    pace_recent: float | None
    pace_since_start: float | None
    left_to_targets: int  # to each collection's next target
    required_pace: float | None  # the sum of what those targets require
    statuses: dict[str, int]

    def to_dict(self) -> dict:
        return {
            "holdings": self.holdings,
            "digitized": self.digitized,
            "pages": self.pages,
            "percent": self.percent,
            "left_to_targets": self.left_to_targets,
            "required_pace_per_week": _round(self.required_pace),
            "pace_per_week": {"last_4_weeks": _round(self.pace_recent), "since_start": _round(self.pace_since_start)},
            "statuses": self.statuses,
        }


def overall(rows: list[CollectionProgress]) -> Overall:
    held = [row for row in rows if row.holdings]
    holdings = sum(row.holdings for row in held)
    next_targets = [row.next_target for row in rows if row.next_target]
    required = [t.required_pace for t in next_targets if t.required_pace is not None]
    return Overall(
        holdings=holdings,
        digitized=sum(row.digitized for row in rows),
        pages=sum(row.pages for row in rows),
        percent=round(100.0 * sum(row.digitized for row in held) / holdings, 2) if holdings else None,
        pace_recent=_sum_known(row.pace_recent for row in rows),
        pace_since_start=_sum_known(row.pace_since_start for row in rows),
        left_to_targets=sum(t.left or 0 for t in next_targets),
        required_pace=sum(required) if required else None,
        statuses=dict(Counter(row.status for row in rows)),
    )


@dataclass(frozen=True)
class ProgressReport:
    as_of: date
    collections: list[CollectionProgress]
    overall: Overall

    def to_dict(self) -> dict:
        return {
            "as_of": self.as_of.isoformat(),
            "collections": [row.to_dict() for row in self.collections],
            "overall": self.overall.to_dict(),
        }


def progress_report(catalog: Catalog, as_of: date) -> ProgressReport:
    rows = [collection_progress(catalog, collection, as_of) for collection in catalog.collections.all()]
    return ProgressReport(as_of, rows, overall(rows))


def _sum_known(values) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _quoted(name: str) -> str:
    return f'"{name}"' if any(c.isspace() for c in name) else name
