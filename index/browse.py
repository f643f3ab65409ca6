"""What the reading room's home page offers before any search: the collections, and ways into them.

Counted once per index version (the reading room keeps them per version, ``index.reading_room.pages``):
documents per collection (tantivy's cardinality of ``doc_id`` inside each
collection's bucket), and the commonest types, agencies and years, each a
search a reader can start with one click.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tantivy

from index.store import open_index, require_index

#: Values listed per way of browsing.
SHOWN = 12


@dataclass(frozen=True)
class Shelf:
    """A value to browse by (a collection, a type, an agency, a year), with its documents and pages."""

    value: str | int
    documents: int
    pages: int


@dataclass(frozen=True)
class Holdings:
    collections: list[Shelf]
    types: list[Shelf]
    agencies: list[Shelf]
    years: list[Shelf]


def holdings(directory: Path) -> Holdings:
    """The archive's collections, types, agencies and years, most documents first; empty for an empty index."""
    if not (directory / "meta.json").exists():
        return Holdings([], [], [], [])
    require_index(directory)
    searcher = open_index(directory).searcher()
    if searcher.num_docs == 0:
        return Holdings([], [], [], [])
    fields = {"collections": "collection", "types": "type", "agencies": "agency", "years": "year"}
    request = {
        name: {"terms": {"field": field, "size": SHOWN}, "aggs": {"d": {"cardinality": {"field": "doc_id"}}}}
        for name, field in fields.items()
    }
    answer = searcher.aggregate(tantivy.Query.all_query(), request)
    shelves = {}
    for name, field in fields.items():
        found = [
            Shelf(int(b["key"]) if field == "year" else b["key"], round(b["d"]["value"]), b["doc_count"])
            for b in answer[name]["buckets"]
            if b["key"] not in ("", 0)
        ]
        shelves[name] = sorted(found, key=lambda shelf: (-shelf.documents, str(shelf.value)))
    return Holdings(**shelves)
