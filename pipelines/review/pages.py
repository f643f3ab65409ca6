"""Pages that need a person to look at them: low OCR confidence, or text that is not shaped like Vietnamese.

A page waits until a person accepts it (``accept``), and by default its
document does not count as digitized until then. Which pages wait, and what
counts, is the catalog's one rule (``pipelines.archive.catalog.counting``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from digitize.errors import ArchiveError
from pipelines.archive.catalog import Catalog, Document


@dataclass(frozen=True)
class ReviewItem:
    doc_id: str
    source_path: str
    page: int
    source: str
    confidence: float | None
    syllable_share: float | None
    reasons: tuple[str, ...]
    script: str | None = None  # digitize.script.SCRIPTS; None for pages from before scripts were recorded


def pages_to_review(
    catalog: Catalog, min_confidence: float | None = None, min_syllable_share: float | None = None
) -> list[ReviewItem]:
    """Every page under a threshold that no one has accepted, by document and page number, each with why.

    A threshold left out is each collection's own (``ReviewPolicy``), so by
    default the list is what holds documents back.
    """
    documents = {document.id: document for document in catalog.documents.all()}
    items: list[ReviewItem] = []
    for collection in catalog.collections.all():
        review = collection.review
        policy = replace(
            review,
            min_confidence=review.min_confidence if min_confidence is None else min_confidence,
            min_syllable_share=review.min_syllable_share if min_syllable_share is None else min_syllable_share,
        )
        for page in catalog.pages.waiting_for_review(collection.name, policy):
            items.append(
                ReviewItem(
                    page.doc_id,
                    documents[page.doc_id].source_path,
                    page.number,
                    page.source,
                    page.confidence,
                    page.syllable_share,
                    tuple(policy.reasons(page)),
                    page.script,
                )
            )
    return items


@dataclass(frozen=True)
class Acceptance:
    """What ``accept`` did: the document, how many of its pages a person newly accepted, and where it stands."""

    document: Document
    pages: int
    counts: bool  # the document counts as digitized now
    waiting: int  # its pages still waiting for review


def accept(catalog: Catalog, name: str, page: int | None = None) -> Acceptance:
    """Record that a person checked document ``name`` (or one of its pages), and snapshot its collection.

    The snapshot dates the step: a document held for review counts from the
    moment its last waiting page is accepted, not from when it was read.
    """
    document = catalog.documents.find(name)
    if page is not None and page not in catalog.pages.done_numbers(document.id):
        raise ArchiveError(None, f"{document.source_path}: no page {page} read yet")
    accepted = catalog.pages.accept(document.id, page)
    catalog.progress.save_snapshot(document.collection)
    waiting = [p for p in catalog.pages.waiting_for_review(document.collection) if p.doc_id == document.id]
    counts = any(d.id == document.id for d in catalog.progress.digitized_documents(document.collection))
    return Acceptance(document, accepted, counts, len(waiting))
