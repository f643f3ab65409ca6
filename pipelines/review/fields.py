"""Metadata a person should type: numbers and days written by hand, values the cross-checks doubt, numbers
and dates an administrative document has but OCR could not read.

The extractor gives such values a low confidence, or none, rather than a
misread digit (``digitize.metadata.checks``); this list is where they come back
to a person, who types them in a catalog CSV (``digitize metadata import``).
A value imported that way, or corrected at the desk, is a person's and is no longer listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.metadata import EXTRACTED, Metadata
from digitize.metadata.confidence import TRUSTED
from digitize.metadata.model import ADMINISTRATIVE
from pipelines.archive.catalog import Catalog

#: Fields listed when an administrative document has no value for them.
EXPECTED = ("number", "date")


@dataclass(frozen=True)
class FieldToType:
    doc_id: str
    source_path: str
    field: str
    value: str | None  # the extractor's reading, when it has one
    confidence: float
    reason: str


def fields_to_type(catalog: Catalog) -> list[FieldToType]:
    """Every doubted or missing number, date and other field of the finished documents: best guesses first (the
    likeliest to need only a glance at the crop their provenance points to), then the values nobody could read."""
    items: list[FieldToType] = []
    for document in catalog.documents.all(status="done"):
        found = catalog.documents.metadata(document.id)
        items += [
            FieldToType(document.id, document.source_path, name, value, confidence, reason)
            for name, value, confidence, reason in _doubted(found)
        ]
    return sorted(items, key=lambda item: (item.value is None, -item.confidence))


def _doubted(found: Metadata) -> list[tuple[str, str | None, float, str]]:
    listed = []
    for name, field in found.fields().items():
        if field.source != EXTRACTED:  # typed by a person: in a catalog file, or at the desk
            continue
        if field.value is None and found.kind == ADMINISTRATIVE and name in EXPECTED:
            listed.append((name, None, 0.0, "not read"))
        elif field.value is not None and field.notes and field.confidence < TRUSTED:
            listed.append((name, str(field.value), field.confidence, "; ".join(field.notes)))
    return listed
