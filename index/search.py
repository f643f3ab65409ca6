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

import tantivy

from index.analysis import Word, find_words, folded_word, words
from index.query import ParsedQuery, QueryError, asked_words, parse_query, to_tantivy
from index.store import open_index

__all__ = ["FACETS", "Hit", "QueryError", "Results", "read_page", "search"]

#: Fields counted per value for every search, in the order they are shown.
FACETS = ("type", "agency", "year", "collection")
Sort = Literal["relevance", "date"]
#: Values listed per facet, most pages first.
FACET_VALUES = 1000
#: A snippet is at most ``FRAGMENTS`` fragments, each the matches within
#: ``FRAGMENT_CHARS`` characters with ``FRAGMENT_SURROUND`` either side.
FRAGMENTS, FRAGMENT_CHARS, FRAGMENT_SURROUND = 2, 100, 40
_OPEN, _CLOSE = "\x02", "\x03"


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
    parsed = parse_query(query, fuzzy=fuzzy, year_from=year_from, year_to=year_to)
    compiled = to_tantivy(parsed, ix.schema)
    searcher = ix.searcher()
    if sort == "date":
        found = searcher.search(compiled, limit, order_by_field="date_order", order=tantivy.Order.Desc)
    else:
        found = searcher.search(compiled, limit)
    hits = []
    for score, address in found.hits:
        stored = searcher.doc(address).to_dict()
        text = stored["page_text"][0].decode()
        hits.append(_to_hit(stored, _marked(text, parsed), score if sort == "relevance" else None))
    return Results(hits=hits, total=found.count, facets=_facets(searcher, compiled))


def _facets(searcher: tantivy.Searcher, compiled: tantivy.Query) -> dict[str, list[tuple[str | int, int]]]:
    """Pages per value of each facet field over every match (tantivy's terms aggregation)."""
    request = {field: {"terms": {"field": field, "size": FACET_VALUES}} for field in FACETS}
    answer = searcher.aggregate(compiled, request)
    facets = {}
    for field in FACETS:
        counts = [(bucket["key"], bucket["doc_count"]) for bucket in answer[field]["buckets"] if bucket["key"] != ""]
        if field == "year":
            counts = [(int(value), count) for value, count in counts]
        facets[field] = sorted(counts, key=lambda item: (-item[1], str(item[0])))
    return facets


def read_page(directory: Path, doc_id: str, page: int, query: str = "") -> Hit | None:
    """One page whole, with the words of ``query`` highlighted, for a document view; None if not indexed."""
    ix = open_index(directory)
    searcher = ix.searcher()
    found = searcher.search(tantivy.Query.term_query(ix.schema, "key", f"{doc_id}:{page}"), limit=1)
    if not found.hits:
        return None
    stored = searcher.doc(found.hits[0][1]).to_dict()
    text = stored["page_text"][0].decode()
    marked = _marked(text, parse_query(query), whole=True) if query.strip() else text
    return _to_hit(stored, marked, None, whole=True)


def _marked(text: str, parsed: ParsedQuery, whole: bool = False) -> str:
    """The text around its matches (all of it if ``whole``), the matched words between control characters."""
    matched = _matched_words(text, parsed)
    if whole:
        return _mark(text, 0, len(text), matched)
    if not matched:
        return text[:200]
    groups: list[list[Word]] = []
    for word in matched:
        if groups and word.end - groups[-1][0].start <= FRAGMENT_CHARS:
            groups[-1].append(word)
        else:
            groups.append([word])
    best = sorted(groups, key=lambda group: -len({word.folded for word in group}))[:FRAGMENTS]
    return " … ".join(_fragment(text, group) for group in sorted(best, key=lambda group: group[0].start))


def _matched_words(text: str, parsed: ParsedQuery) -> list[Word]:
    """The words of ``text`` the query asked for.

    A query typed without diacritics means any accented form; one typed
    with them is highlighted as typed, unless only its folded form matched.
    """
    asked = asked_words(parsed)
    folded = {folded_word(word) for word in asked}
    if parsed.fuzzy:
        found = [word for word in words(text) if any(_within_one_edit(word.folded, other) for other in folded)]
    else:
        found = find_words(text, folded)
    exact = [] if parsed.typed_bare else [word for word in found if word.exact in asked]
    return exact or found


def _within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` becomes ``b`` by at most one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    return a[start + (len(a) == len(b)) :] == b[start + 1 :]


def _fragment(text: str, group: list[Word]) -> str:
    """The group's words with ``FRAGMENT_SURROUND`` characters either side, at least ``FRAGMENT_CHARS`` in all, cut
    at whole words."""
    start = max(0, group[0].start - FRAGMENT_SURROUND)
    end = min(len(text), max(group[-1].end + FRAGMENT_SURROUND, start + FRAGMENT_CHARS))
    while 0 < start < group[0].start and text[start - 1].isalnum():
        start += 1
    while group[-1].end < end < len(text) and text[end].isalnum():
        end -= 1
    return _mark(text, start, end, group)


def _mark(text: str, start: int, end: int, matched: list[Word]) -> str:
    parts, last = [], start
    for word in matched:
        if start <= word.start and word.end <= end:
            parts += [text[last : word.start], _OPEN, text[word.start : word.end], _CLOSE]
            last = word.end
    return "".join([*parts, text[last:end]])


def _to_hit(stored: dict, marked: str, score: float | None, whole: bool = False) -> Hit:
    """``whole`` for a whole page, whose line breaks are kept; snippets run on one line."""
    snippet, spans = _spans(marked, keep_lines=whole)

    def first(field: str, default=""):
        return stored.get(field, [default])[0]

    return Hit(
        doc_id=first("doc_id"),
        page=first("page"),
        title=first("title"),
        collection=first("collection"),
        source_path=first("source_path"),
        score=score,
        snippet=snippet,
        highlights=spans,
        type=first("type"),
        number=first("number"),
        date=first("date"),
        agency=first("agency"),
        year=first("year", None),
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
