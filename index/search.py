"""Searching the page index: hits with their document's metadata, facets, snippets.

The query is parsed by ``index.query`` (both text fields, exact ranked first,
filters apart). Snippets mark matched words with character spans rather than
markup, so each front end (terminal, JSON, HTML) highlights and escapes in its
own way. Facets count matching pages per value over all matches, not only the
hits shown, so a front end can offer them as filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whoosh import highlight
from whoosh import query as wq
from whoosh.searching import Hit as WhooshHit

from index.query import QueryError, parse_query
from index.store import open_index

__all__ = ["FACETS", "Hit", "QueryError", "Results", "read_page", "search"]

#: Fields counted per value for every search, in the order they are shown.
FACETS = ("type", "agency", "year", "collection")
Sort = Literal["relevance", "date"]
_OPEN, _CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class Hit:
    doc_id: str
    page: int
    title: str
    collection: str
    source_path: str
    #: Whoosh's relevance score; None when hits are sorted by date.
    score: float | None
    snippet: str
    #: (start, end) character offsets of matched words within ``snippet``.
    highlights: tuple[tuple[int, int], ...]
    type: str = ""
    number: str = ""
    date: str = ""
    agency: str = ""
    year: int | None = None

    def to_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "page": self.page,
            "title": self.title,
            "collection": self.collection,
            "source_path": self.source_path,
            "type": self.type,
            "number": self.number,
            "date": self.date,
            "agency": self.agency,
            "year": self.year,
            "score": None if self.score is None else round(self.score, 4),
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    #: Pages matching in all, beyond the ``limit`` shown.
    total: int
    #: Field → [(value, pages)], most pages first; pages without a value are left out.
    facets: dict[str, list[tuple[str | int, int]]]

    def to_dict(self) -> dict:
        return {
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {field: [{"value": v, "count": n} for v, n in counts] for field, counts in self.facets.items()},
        }


class _SpanFormatter(highlight.Formatter):
    """Wraps matched words in control characters that ``_spans`` turns into offsets."""

    between = " … "

    def format_token(self, text: str, token, replace: bool = False) -> str:
        return f"{_OPEN}{highlight.get_text(text, token, replace)}{_CLOSE}"


def search(
    directory: Path,
    query: str,
    limit: int = 10,
    *,
    fuzzy: bool = False,
    sort: Sort = "relevance",
    year_from: int | None = None,
    year_to: int | None = None,
) -> Results:
    """Pages matching ``query`` (see ``index.query``), best or newest first, with facets."""
    ix = open_index(directory)
    parsed = parse_query(query, ix.schema, fuzzy=fuzzy, year_from=year_from, year_to=year_to)
    ordering = {"sortedby": "date", "reverse": True} if sort == "date" else {}
    with ix.searcher() as searcher:
        # groupedby makes the results hold every match (for the facets), hence the slice below.
        results = searcher.search(
            parsed.words, filter=parsed.filter, limit=limit, terms=True, groupedby=list(FACETS), **ordering
        )
        results.fragmenter = highlight.ContextFragmenter(maxchars=100, surround=40)
        results.formatter = _SpanFormatter()
        return Results(
            hits=[_to_hit(hit, _marked(hit, parsed.typed_bare), scored=not ordering) for hit in results[:limit]],
            total=len(results),
            facets={field: _counts(results.groups(field)) for field in FACETS},
        )


def _counts(groups: dict) -> list[tuple[str | int, int]]:
    counts = [(value, len(docnums)) for value, docnums in groups.items() if value not in ("", None)]
    return sorted(counts, key=lambda item: (-item[1], str(item[0])))


def read_page(directory: Path, doc_id: str, page: int, query: str = "") -> Hit | None:
    """One page whole, with the words of ``query`` highlighted, for a document view; None if not indexed."""
    ix = open_index(directory)
    key = wq.Term("key", f"{doc_id}:{page}")
    parsed = parse_query(query, ix.schema) if query.strip() else None
    with ix.searcher() as searcher:
        if parsed:
            results = searcher.search(wq.And([key, parsed.words]), limit=1, terms=True)
            results.fragmenter = highlight.WholeFragmenter()
            results.formatter = _SpanFormatter()
            if results:
                return _to_hit(results[0], _marked(results[0], parsed.typed_bare), whole=True)
        results = searcher.search(key, limit=1)
        return _to_hit(results[0], results[0]["text"], whole=True) if results else None


def _marked(hit: WhooshHit, typed_bare: bool) -> str:
    """The hit's text around its matches, the matched words between control characters."""
    # A query typed without diacritics means any accented form; one typed
    # with them is highlighted as typed, unless only its folded form matched.
    marked = "" if typed_bare else hit.highlights("text", top=2)
    return marked or hit.highlights("text_folded", text=hit["text"], top=2) or hit["text"][:200]


def _to_hit(hit: WhooshHit, marked: str, scored: bool = True, whole: bool = False) -> Hit:
    """``whole`` for a whole page, whose line breaks are kept; snippets run on one line."""
    snippet, spans = _spans(marked, keep_lines=whole)
    return Hit(
        doc_id=hit["doc_id"],
        page=hit["page"],
        title=hit.get("title", ""),
        collection=hit.get("collection", ""),
        source_path=hit.get("source_path", ""),
        score=hit.score if scored else None,
        snippet=snippet,
        highlights=spans,
        type=hit.get("type", ""),
        number=hit.get("number", ""),
        date=hit.get("date", ""),
        agency=hit.get("agency", ""),
        year=hit.get("year"),
    )


def _spans(marked: str, keep_lines: bool = False) -> tuple[str, tuple[tuple[int, int], ...]]:
    plain: list[str] = []
    spans: list[tuple[int, int]] = []
    start = 0
    for char in marked:
        if char == _OPEN:
            start = len(plain)
        elif char == _CLOSE:
            spans.append((start, len(plain)))
        elif char.isspace() and not (keep_lines and char == "\n"):
            if not plain or plain[-1] != " ":
                plain.append(" ")
        else:
            plain.append(char)
    return "".join(plain), tuple(spans)
