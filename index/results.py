"""What a search answers, whatever index answered it: pages (``Hit``), documents with their best pages
(``DocumentHit``), a document's matching pages (``DocumentPages``).

Plain dataclasses, the seam between the index (``index.search``, tantivy) and
its front ends (the CLI, the reading room, IIIF): a front end imports these,
not the search engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from digitize.labels import document_label

#: How hits are ordered: best match first, or newest first.
Sort = Literal["relevance", "date"]
#: (start, end) character offsets of matched words within a snippet.
Spans = tuple[tuple[int, int], ...]
#: What a hit says of its document, page or document hit alike.
DESCRIPTION = ("doc_id", "label", "title", "collection", "type", "number", "date", "agency", "year")
#: What a page's stored fields say of its document: the source's path among them, for the label, never for a reader.
DOCUMENT_FIELDS = ("doc_id", "title", "collection", "source_path", "type", "number", "date", "agency", "year")


@dataclass(frozen=True)
class Hit:
    doc_id: str
    page: int
    title: str
    collection: str
    source_path: str
    #: Tantivy's relevance score (BM25); None when hits are sorted by date.
    score: float | None
    snippet: str
    #: (start, end) character offsets of matched words within ``snippet``.
    highlights: tuple[tuple[int, int], ...]
    type: str = ""
    number: str = ""
    date: str = ""
    agency: str = ""
    year: int | None = None

    @property
    def label(self) -> str:
        return document_label(self.title, self.type, self.number, self.source_path, self.doc_id)

    def to_dict(self) -> dict:
        """The document's description and the page as a document hit lists its pages."""
        return {**description(self), **PageMatch(self.page, self.score, self.snippet, self.highlights).to_dict()}


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    #: Pages matching in all, beyond the ``limit`` shown.
    total: int
    #: Field → [(value, documents)], most documents first; documents without a value are left out.
    facets: dict[str, list[tuple[str | int, int]]]

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": facets_dict(self.facets),
        }


def description(hit: Hit | DocumentHit) -> dict:
    """The document a hit is on, as every JSON answer gives it: its label, never its source's path."""
    return {name: getattr(hit, name) for name in DESCRIPTION}


def facets_dict(facets: dict[str, list[tuple[str | int, int]]]) -> dict:
    """Facets as JSON lists of value and count."""
    return {field: [{"value": v, "count": n} for v, n in counts] for field, counts in facets.items()}


@dataclass(frozen=True)
class PageMatch:
    """A matching page inside a document hit: its number and its snippet."""

    page: int
    #: Tantivy's relevance score (BM25); None when hits are sorted by date.
    score: float | None
    snippet: str
    highlights: Spans

    def to_dict(self) -> dict:
        return {
            "page": self.page,
            "score": None if self.score is None else round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass(frozen=True)
class DocumentHit:
    """A matching document: its description, its best pages, and how many more match."""

    doc_id: str
    title: str
    collection: str
    source_path: str
    type: str
    number: str
    date: str
    agency: str
    year: int | None
    #: The document's pages in the index, matching or not.
    page_count: int
    #: Its pages that match the query.
    matching_pages: int
    #: The best of them, best first.
    pages: tuple[PageMatch, ...]
    #: True when it matches the words only allowing for OCR errors (``index.approximate``), listed after the others.
    approximate: bool = False

    @property
    def more_pages(self) -> int:
        return self.matching_pages - len(self.pages)

    @property
    def label(self) -> str:
        return document_label(self.title, self.type, self.number, self.source_path, self.doc_id)

    def to_dict(self) -> dict:
        return {
            **description(self),
            "page_count": self.page_count,
            "matching_pages": self.matching_pages,
            "more_pages": self.more_pages,
            "approximate": self.approximate,
            "pages": [page.to_dict() for page in self.pages],
        }


@dataclass(frozen=True)
class DocumentResults:
    documents: list[DocumentHit]
    #: Documents with at least one matching page, beyond those shown (an estimate when ``estimated``).
    total_documents: int
    #: Matching pages in all.
    total_pages: int
    #: Documents passed over before the first shown (paging).
    offset: int
    #: Field → [(value, documents)], as in ``Results``.
    facets: dict[str, list[tuple[str | int, int]]]
    #: True when the documents and the facets were counted on a sample of them (``index.facet_counts``).
    estimated: bool = False
    #: True when OCR-tolerant matches (``index.approximate``) follow the documents matching the words as typed,
    #: which were few or none.
    approximate: bool = False
    #: With few or no documents: the query, words the index lacks replaced by its own ("Có phải bạn muốn tìm …").
    suggestion: str | None = None
    #: Of ``total_documents``, those matching only approximately, counted after the others.
    approximate_documents: int = 0

    def to_dict(self) -> dict:
        return {
            "total_documents": self.total_documents,
            "total_pages": self.total_pages,
            "offset": self.offset,
            "estimated": self.estimated,
            "approximate": self.approximate,
            "approximate_documents": self.approximate_documents,
            "suggestion": self.suggestion,
            "documents": [document.to_dict() for document in self.documents],
            "facets": facets_dict(self.facets),
        }


@dataclass(frozen=True)
class DocumentPages:
    """What a page view needs of its document: its pages, and those the query matches, for "next hit"."""

    page_count: int
    matching: tuple[int, ...]
