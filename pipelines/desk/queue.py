"""What most likely needs a person, most likely first: the desk's queue.

Doubted or missing metadata fields come first, numbers and days written by
hand before the rest (a wrong one makes a document uncitable), each by its
confidence; then pages held for review, the page with the largest share of
its OCR words under ``DOUBTFUL_WORD`` first (a page of a few bad lines in good
ones outranks a page of middling words throughout, which a mean would not).

No calibrated word error probability exists yet (the OCR's word confidences
are the engines' own, and a measured one was no help on a misread word:
NOTES.md), so the share is of raw confidences; when one lands, it replaces
``doubtful_share``. A corrected field or page leaves the queue: a person's
value is no longer doubted (``review.fields``), and a corrected page counts as
reviewed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from digitize.ocr.page import OcrPage
from pipelines.archive.catalog import Catalog
from pipelines.review.fields import fields_to_type
from pipelines.review.pages import pages_to_review

#: The reasons the queue can be filtered by.
REASONS = ("handwritten", "field", "page")
#: A word's OCR confidence (0-100) under which it likely holds an error: Tesseract's conventional line, not calibrated.
DOUBTFUL_WORD = 60.0


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


def queue(
    catalog: Catalog,
    collection: str | None = None,
    reason: str | None = None,
    page_words: Callable[[str, int], OcrPage | None] | None = None,
) -> list[QueueItem]:
    """The queue of ``collection`` (all when None), only items of ``reason`` when given, most doubtful first.

    ``page_words`` gives a page's OCR words (``Archive.page_words``), whose confidences order the pages; without
    it, or for a page with no words, a page's doubt is its mean confidence's complement."""
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
            _page_doubt(page_words(page.doc_id, page.page) if page_words else None, page.confidence),
            page=page.page,
        )
        for page in pages_to_review(catalog)
    ]
    order = {name: n for n, name in enumerate(REASONS)}
    chosen = [item for item in items if item.doc_id in in_collection and reason in (None, item.reason)]
    return sorted(chosen, key=lambda item: (order[item.reason], -item.doubt, item.doc_id, item.page))


def doubtful_share(reading: OcrPage) -> float | None:
    """The share of a page's words read under ``DOUBTFUL_WORD``; None for a page without words."""
    words = reading.words
    if not words:
        return None
    return sum(word.confidence < DOUBTFUL_WORD for word in words) / len(words)


def _page_doubt(reading: OcrPage | None, mean_confidence: float | None) -> float:
    share = doubtful_share(reading) if reading is not None else None
    return share if share is not None else 1.0 - (mean_confidence or 0.0) / 100
