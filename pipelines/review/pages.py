"""Pages that need a person to look at them: low OCR confidence, or text that is not shaped like Vietnamese.

Thresholds are applied when asked, to the measures stored per page, so they
can be tightened or relaxed without reading anything again. Blank pages never
wait for review; a page from a PDF's text layer has no confidence and is judged
by its syllables alone. A page waits until a person accepts it (``accept``),
and by default its document does not count as digitized until then.

The rule is written once, as ``_CHECKS``: ``ReviewPolicy.reasons`` reads it for
the list, and ``PAGE_WAITS_SQL`` is it in SQL for the catalog's count, so the
two cannot drift apart (and the count stays in SQLite, at SQL speed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from digitize.errors import ArchiveError

if TYPE_CHECKING:
    from pipelines.archive.catalog import Catalog, Document, PageRow

#: Defaults: the test strips read at a mean confidence over 90; the seed articles' true text is 97–99.5%
#: syllables (acronyms and English words being the rest); the issue's mangled layer (CONG Hcok xA HQI CHiJ NGHiA) 50%.
MIN_CONFIDENCE = 70.0
MIN_SYLLABLE_SHARE = 0.8


@dataclass(frozen=True)
class _Check:
    """A page waits when its ``measure`` (a page column; None when not measured) is under the policy's ``threshold``."""

    measure: str
    threshold: str
    reason: str  # formatted with the page's value and the threshold


_CHECKS = (
    _Check("confidence", "min_confidence", "mean word confidence {value:.0f} < {minimum:g}"),
    _Check("syllable_share", "min_syllable_share", "{value:.0%} well-formed syllables < {minimum:.0%}"),
)
_NEVER_WAITS = "blank"  # the source of pages with nothing to read

#: ``_CHECKS`` over the catalog's page ``p``, the thresholds as named parameters (``ReviewPolicy.parameters``).
#: SQL's NULL < x is not true, as a measure of None passes in Python.
_UNDER_A_THRESHOLD = " OR ".join(f"p.{check.measure} < :{check.threshold}" for check in _CHECKS)
PAGE_WAITS_SQL = f"COALESCE(p.source != '{_NEVER_WAITS}' AND ({_UNDER_A_THRESHOLD}), 0)"


@dataclass(frozen=True)
class ReviewPolicy:
    """A collection's review rule: which pages wait for a person, and whether their documents count meanwhile.

    ``hold`` (the default) keeps a document with a page waiting out of the
    digitized count until that page is accepted; without it the document
    counts once its pages are done, reviewed or not.
    """

    hold: bool = True
    min_confidence: float = MIN_CONFIDENCE
    min_syllable_share: float = MIN_SYLLABLE_SHARE

    def reasons(self, page: PageRow) -> list[str]:
        """Why ``page`` needs a human look, or nothing when it passes."""
        if page.source == _NEVER_WAITS:
            return []
        return [
            check.reason.format(value=value, minimum=minimum)
            for check in _CHECKS
            if (value := getattr(page, check.measure)) is not None
            and value < (minimum := getattr(self, check.threshold))
        ]

    def parameters(self) -> dict[str, object]:
        """The named parameters of ``PAGE_WAITS_SQL`` (and ``hold``)."""
        return asdict(self)


@dataclass(frozen=True)
class ReviewItem:
    doc_id: str
    source_path: str
    page: int
    source: str
    confidence: float | None
    syllable_share: float | None
    reasons: tuple[str, ...]


def pages_to_review(
    catalog: Catalog, min_confidence: float | None = None, min_syllable_share: float | None = None
) -> list[ReviewItem]:
    """Every page under a threshold that no one has accepted, by document and page number, each with why.

    A threshold left out is each collection's own (``ReviewPolicy``), so by
    default the list is what holds documents back.
    """
    documents = {document.id: document for document in catalog.documents()}
    items: list[ReviewItem] = []
    for collection in catalog.collections():
        policy = ReviewPolicy(
            collection.review.hold,
            collection.review.min_confidence if min_confidence is None else min_confidence,
            collection.review.min_syllable_share if min_syllable_share is None else min_syllable_share,
        )
        for page in catalog.pages_waiting_for_review(collection.name, policy):
            items.append(
                ReviewItem(
                    page.doc_id,
                    documents[page.doc_id].source_path,
                    page.number,
                    page.source,
                    page.confidence,
                    page.syllable_share,
                    tuple(policy.reasons(page)),
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


def find_document(catalog: Catalog, name: str) -> Document:
    """The one document called ``name``: its id, an unambiguous start of its id, or its source file's name or path."""
    found = catalog.document(name)
    if found is not None:
        return found
    matches = catalog.documents_named(name) or [d for d in catalog.documents() if d.id.startswith(name)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ArchiveError(None, f"no document {name!r}: give its id or its source file's name")
    listed = ", ".join(f"{d.id} ({d.source_path})" for d in matches[:5])
    raise ArchiveError(None, f"{len(matches)} documents match {name!r}: {listed}; give the id")


def accept(catalog: Catalog, name: str, page: int | None = None) -> Acceptance:
    """Record that a person checked document ``name`` (or one of its pages), and snapshot its collection.

    The snapshot dates the step: a document held for review counts from the
    moment its last waiting page is accepted, not from when it was read.
    """
    document = find_document(catalog, name)
    if page is not None and page not in catalog.done_page_numbers(document.id):
        raise ArchiveError(None, f"{document.source_path}: no page {page} read yet")
    accepted = catalog.accept_pages(document.id, page)
    catalog.save_snapshot(document.collection)
    waiting = [p for p in catalog.pages_waiting_for_review(document.collection) if p.doc_id == document.id]
    counts = any(d.id == document.id for d in catalog.digitized_documents(document.collection))
    return Acceptance(document, accepted, counts, len(waiting))
