"""A collection's history: its cumulative items (and pages) digitized on any day, from every source the catalog has.

Days are local calendar days; a day's figures are those at its end. Paces are
in items per week.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pipelines.archive.catalog import Baseline, Catalog, Collection, DigitizedDocument, OutsideRecord, Snapshot


def end_of(day: date) -> datetime:
    """The first local instant after ``day``, timezone-aware."""
    return datetime.combine(day + timedelta(days=1), time()).astimezone()


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


@dataclass(frozen=True)
class History:
    """A collection's cumulative items (and pages) digitized, on any day.

    The pipeline's part on a day is the last snapshot taken by then plus the
    documents that began to count after it; before the first snapshot it is
    backfilled from the documents' timestamps. Items digitized outside the tool
    come from the dated records. A baseline states the total on its day, by any
    means, so from that day on it stands for everything dated up to it. Pages
    are the pipeline's and the recorded ones: a baseline counts items only.
    """

    baseline: Baseline | None = None
    records: tuple[OutsideRecord, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()  # oldest first
    documents: tuple[DigitizedDocument, ...] = ()  # oldest first

    def items_on(self, day: date) -> int:
        baseline = self.baseline
        if baseline is not None and day >= baseline.on:
            recorded_since = sum(r.items for r in self.records if baseline.on < r.on <= day)
            return baseline.items + recorded_since + self._pipeline(day)[0] - self._pipeline(baseline.on)[0]
        return sum(r.items for r in self.records if r.on <= day) + self._pipeline(day)[0]

    def pages_on(self, day: date) -> int:
        return sum(r.pages or 0 for r in self.records if r.on <= day) + self._pipeline(day)[1]

    def _pipeline(self, day: date) -> tuple[int, int]:
        end = end_of(day)
        taken = bisect_left(self.snapshots, end, key=lambda s: s.taken_at)
        last = self.snapshots[taken - 1] if taken else None
        first_after = bisect_right(self.documents, last.taken_at, key=lambda d: d.since) if last else 0
        later = self.documents[first_after : bisect_left(self.documents, end, key=lambda d: d.since)]
        items, pages = (last.items, last.pages) if last else (0, 0)
        return items + len(later), pages + sum(d.pages for d in later)

    def _days(self) -> set[date]:
        """Every day on which the count may change."""
        return {
            *([self.baseline.on] if self.baseline else []),
            *(r.on for r in self.records),
            *(_local_day(s.taken_at) for s in self.snapshots),
            *(_local_day(d.since) for d in self.documents),
        }

    @property
    def start(self) -> date | None:
        """The day tracking starts: the baseline's, else the first day anything was digitized."""
        if self.baseline is not None:
            return self.baseline.on
        return min((day for day in self._days() if self.items_on(day) > 0), default=None)

    def curve(self, until: date) -> list[tuple[date, int]]:
        """Items digitized on the start day, on each day the count changed, and on ``until``."""
        start = self.start
        if start is None or until < start:
            return []
        days = sorted({start, until, *(day for day in self._days() if start < day < until)})
        return [(day, self.items_on(day)) for day in days]

    def most_ever(self) -> int:
        """The highest count on any day, including days yet to come (records dated ahead)."""
        return max((self.items_on(day) for day in self._days()), default=0)

    def pace(self, since: date, until: date) -> float | None:
        """Items per week from the end of ``since`` to the end of ``until``; None when no time passed."""
        days = (until - since).days
        if days <= 0:
            return None
        return (self.items_on(until) - self.items_on(since)) * 7 / days


def collection_history(catalog: Catalog, collection: Collection) -> History:
    return History(
        baseline=collection.baseline,
        records=tuple(catalog.collections.outside_records(collection.name)),
        snapshots=tuple(catalog.progress.snapshots(collection.name)),
        documents=tuple(catalog.progress.digitized_documents(collection.name, collection.review)),
    )
