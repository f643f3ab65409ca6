"""Collections' holdings from a CSV export of the library's item list (its own inventory): one row per item.

The export names each item's collection and status; a collection's holdings
are its items, and its baseline, on the day of the export, is the items whose
status says digitized. Statuses are compared without case or diacritics, so
``Đã số hóa``, ``đã số hoá`` and ``da so hoa`` are one status.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from digitize.errors import ArchiveError
from digitize.textnorm import fold
from pipelines.archive.catalog import Baseline, Catalog, Collection
from pipelines.collections.definitions import check_collection
from pipelines.imports.spreadsheet import cell_error, read_sheet

#: The columns read; others (a title, a shelf mark) may be there and are ignored.
COLUMNS = ("id", "collection", "status")
DIGITIZED_STATUSES = ("digitized", "digitised", "done", "đã số hóa")


@dataclass
class ImportedCollection:
    name: str
    items: int = 0
    digitized: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


def read_holdings_csv(
    path: Path, digitized_statuses: tuple[str, ...] = DIGITIZED_STATUSES, delimiter: str = ","
) -> list[ImportedCollection]:
    """Items per collection and how many are digitized; a cell that cannot be counted is an error naming it."""
    digitized = {_key(status) for status in digitized_statuses}
    sheet = read_sheet(path, ArchiveError, delimiter)
    missing = [column for column in COLUMNS if column not in sheet.header]
    if missing:
        raise ArchiveError(path, f"no column {', '.join(missing)} (the header needs {', '.join(COLUMNS)})")
    collections: dict[str, ImportedCollection] = {}
    first_seen: dict[str, int] = {}
    for row in sheet.rows:
        item_id, name, status = (row.cells[column] for column in COLUMNS)
        for column in ("id", "collection"):
            if not row.cells[column]:
                raise cell_error(ArchiveError, sheet, row, column, "an item needs an id and a collection")
        if item_id in first_seen:
            reason = f"item {item_id!r} is already on line {first_seen[item_id]}"
            raise cell_error(ArchiveError, sheet, row, "id", reason)
        first_seen[item_id] = row.line
        entry = collections.setdefault(name, ImportedCollection(name))
        entry.items += 1
        entry.statuses[status] += 1
        entry.digitized += _key(status) in digitized
    return sorted(collections.values(), key=lambda entry: entry.name)


def apply(catalog: Catalog, imported: list[ImportedCollection], on: date) -> set[str]:
    """Set each collection's holdings and baseline from the export; returns the names of those created.

    Descriptions and targets of existing collections are kept. Nothing is
    saved unless every collection passes its check.
    """
    planned = []
    for entry in imported:
        current = catalog.collections.get(entry.name) or Collection(entry.name, None)
        planned.append(replace(current, holdings=entry.items, baseline=Baseline(entry.digitized, on)))
    for collection in planned:
        check_collection(catalog, collection)
    return {collection.name for collection in planned if catalog.collections.save(collection)}


def _key(status: str) -> str:
    return " ".join(fold(unicodedata.normalize("NFC", status)).lower().split())
