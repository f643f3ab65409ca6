"""What most likely needs a person, most likely first: the desk's queue.

Doubted or missing metadata fields come first, numbers and days written by
hand before the rest (a wrong one makes a document uncitable), each by its
confidence; then pages held for review, least confident first. A corrected
field or page leaves the queue: a person's value is no longer doubted
(``review.fields``), and a corrected page counts as reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.archive.catalog import Catalog
from pipelines.review.fields import fields_to_type
from pipelines.review.pages import pages_to_review

#: The reasons the queue can be filtered by.
REASONS = ("handwritten", "field", "page")


@dataclass(frozen=True)
class QueueItem:
    doc_id: str
    #: What is doubted: a field (``number``) or a page (``page``).
    target: str
    reason: str  # one of REASONS
    detail: str  # in words, for the person
    #: How likely the item holds an error, from 0 to 1: what the queue is ordered by.
    doubt: float
    page: int = 1
    value: str | None = None  # a field's best guess


def queue(catalog: Catalog, collection: str | None = None, reason: str | None = None) -> list[QueueItem]:
    """The queue of ``collection`` (all when None), only items of ``reason`` when given, most doubtful first."""
    in_collection = {d.id for d in catalog.documents.all() if collection is None or d.collection == collection}
    items = [
        QueueItem(
            field.doc_id,
            field.field,
            "handwritten" if "handwritten" in field.reason else "field",
            field.reason,
            1.0 - field.confidence,
            value=field.value,
        )
        for field in fields_to_type(catalog)
    ]
    items += [
        QueueItem(
            page.doc_id,
            "page",
            "page",
            ", ".join(page.reasons),
            1.0 - (page.confidence or 0.0) / 100,
            page=page.page,
        )
        for page in pages_to_review(catalog)
    ]
    order = {name: n for n, name in enumerate(REASONS)}
    chosen = [item for item in items if item.doc_id in in_collection and reason in (None, item.reason)]
    return sorted(chosen, key=lambda item: (order[item.reason], -item.doubt, item.doc_id, item.page))
