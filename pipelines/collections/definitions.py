"""Collections as a manager declares them: holdings, baseline, targets, and items digitized outside the tool.

Every change is checked against the collection's history before it is saved,
so the catalog never claims more items digitized than a collection holds, on
any day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from digitize.errors import ArchiveError
from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord
from pipelines.collections.history import collection_history

_SHARE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(%?)\s*")


@dataclass(frozen=True)
class Share:
    """A number of items given as a count or as a percent of the holdings: ``1205`` or ``25%``."""

    value: float
    percent: bool

    @classmethod
    def parse(cls, text: str) -> Share:
        match = _SHARE.fullmatch(text)
        if match is None or (not match[2] and "." in match[1]):
            raise ValueError(f"{text!r} is neither a number of items nor a percent such as 25%")
        return cls(float(match[1]), bool(match[2]))

    def items(self, holdings: int | None) -> int:
        if not self.percent:
            return int(self.value)
        if not holdings:
            raise ArchiveError(None, f"a baseline of {self.value:g}% needs the holdings (--holdings N)")
        return int(holdings * self.value / 100 + 0.5)


def require_collection(catalog: Catalog, name: str) -> Collection:
    collection = catalog.collections.get(name)
    if collection is None:
        raise ArchiveError(None, f"no collection {name!r}: add it with `digitize collection add`")
    return collection


def define_collection(catalog: Catalog, collection: Collection, baseline: tuple[Share, date] | None = None) -> bool:
    """Create a collection, or replace an existing one's definition; True when it is new.

    ``baseline`` may give the baseline as a share of the holdings; it overrides ``collection.baseline``.
    """
    collection = _with_baseline(collection, baseline)
    check_collection(catalog, collection)
    return _save(catalog, collection)


def update_collection(
    catalog: Catalog, name: str, changes: dict[str, Any], baseline: tuple[Share, date] | None = None
) -> Collection:
    """Change the given fields (those of ``Collection``) of an existing collection, keeping the others."""
    collection = _with_baseline(replace(require_collection(catalog, name), **changes), baseline)
    check_collection(catalog, collection)
    _save(catalog, collection)
    return collection


def _save(catalog: Catalog, collection: Collection) -> bool:
    """Save a definition; a new review policy is snapshotted, so it changes the count from today, not in the past."""
    before = catalog.collections.get(collection.name)
    created = catalog.collections.save(collection)
    if before is not None and before.review != collection.review:
        catalog.progress.save_snapshot(collection.name)
    return created


def record_outside(catalog: Catalog, name: str, record: OutsideRecord) -> None:
    """Add items digitized outside the tool, and snapshot the collection as it stands.

    A record dated on or before the baseline is refused: the baseline already
    counts everything digitized by its day.
    """
    collection = require_collection(catalog, name)
    if collection.baseline is not None and record.on <= collection.baseline.on:
        raise ArchiveError(
            None,
            f"{name!r}: {record.on.isoformat()} is not after the baseline of {collection.baseline.on.isoformat()}, "
            "which counts everything digitized by then; change the baseline with `digitize collection set` instead",
        )
    history = collection_history(catalog, collection)
    _check_within_holdings(collection, replace(history, records=(*history.records, record)).most_ever())
    catalog.collections.add_outside_record(name, record)
    catalog.progress.save_snapshot(name)


def remove_outside(catalog: Catalog, name: str, on: date, items: int | None = None) -> OutsideRecord:
    """Remove a record of outside work entered by mistake: the one of day ``on``.

    A day with records of different sizes needs ``items`` to say which; of
    records alike, the last entered goes.
    """
    require_collection(catalog, name)
    found = [r for r in catalog.collections.outside_records(name) if r.on == on and items in (None, r.items)]
    of_items = f" of {items:,} items" if items is not None else ""
    if not found:
        raise ArchiveError(None, f"{name!r}: no record{of_items} on {on.isoformat()}: see `digitize collection list`")
    if len({r.items for r in found}) > 1:
        counts = ", ".join(f"{r.items:,}" for r in found)
        raise ArchiveError(
            None, f"{name!r}: {len(found)} records on {on.isoformat()} ({counts} items): say which with --digitized N"
        )
    catalog.collections.remove_outside_record(name, found[-1])
    return found[-1]


def _with_baseline(collection: Collection, baseline: tuple[Share, date] | None) -> Collection:
    if baseline is None:
        return collection
    share, on = baseline
    return replace(collection, baseline=Baseline(share.items(collection.holdings), on))


def check_collection(catalog: Catalog, collection: Collection) -> None:
    """Refuse a definition under which the collection would count more items digitized than it holds."""
    _check_within_holdings(collection, collection_history(catalog, collection).most_ever())


def _check_within_holdings(collection: Collection, digitized: int) -> None:
    if collection.holdings is not None and digitized > collection.holdings:
        raise ArchiveError(
            None,
            f"{collection.name!r} would count {digitized:,} items digitized but holds {collection.holdings:,}: "
            "more digitized than held",
        )
