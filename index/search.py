"""Searching the page index: hits with their document's metadata, facets, snippets.

The query is parsed by ``index.query`` (both text fields, exact ranked first,
filters apart). Snippets mark matched words with character spans rather than
markup, so each front end (terminal, JSON, HTML) highlights and escapes in its
own way. Facets count matching pages per value over all matches, not only the
hits shown, so a front end can offer them as filters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import tantivy

from index.analysis import Word, find_words, folded_word, words
from index.query import ParsedQuery, QueryError, asked_words, parse_query, to_tantivy
from index.store import REBUILD, IndexDamagedError, open_index, require_index, stored_text

__all__ = ["FACETS", "Hit", "QueryError", "Results", "read_page", "search"]

#: Fields counted per value for every search, in the order they are shown.
FACETS = ("type", "agency", "year", "collection")
Sort = Literal["relevance", "date"]
#: Values listed per facet, most pages first.
FACET_VALUES = 1000
#: A snippet is at most ``FRAGMENTS`` fragments, each the matches within
#: ``FRAGMENT_CHARS`` characters with ``FRAGMENT_SURROUND`` either side.
FRAGMENTS, FRAGMENT_CHARS, FRAGMENT_SURROUND = 2, 100, 40
_SPACES = re.compile(r"\s+")
_SPACES_IN_LINE = re.compile(r"[^\S\n]+")
Spans = tuple[tuple[int, int], ...]
_COUNTING = ThreadPoolExecutor(max_workers=4, thread_name_prefix="facets")


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
    existing: bool = False,
) -> Results:
    """Pages matching ``query`` (see ``index.query``), best or newest first, with facets.

    ``existing`` refuses a directory that holds no index (``IndexMissingError``)
    rather than making an empty one, for a command that only reads.
    """
    parsed = parse_query(query, fuzzy=fuzzy, year_from=year_from, year_to=year_to)
    if existing:
        require_index(directory)
    ix = open_index(directory)
    compiled = to_tantivy(parsed, ix.schema)
    with _reading(directory):
        searcher = ix.searcher()
        # Tantivy lets go of the GIL: the facets are counted while the hits are found and their snippets made.
        facets = _COUNTING.submit(_facets, searcher, to_tantivy(parsed, ix.schema, scored=False))
        if sort == "date":
            found = searcher.search(compiled, limit, order_by_field="date_order", order=tantivy.Order.Desc)
        else:
            found = searcher.search(compiled, limit)
        hits = []
        for score, address in found.hits:
            stored = searcher.doc(address).to_dict()
            text = stored_text(stored)
            hits.append(_to_hit(stored, *_snippet(text, parsed), score if sort == "relevance" else None))
        return Results(hits=hits, total=found.count, facets=facets.result())


@contextmanager
def _reading(directory: Path) -> Iterator[None]:
    """Tantivy's ``ValueError`` from a damaged segment as an ``IndexDamagedError`` naming the way out."""
    try:
        yield
    except ValueError as error:
        raise IndexDamagedError(directory, f"the index is damaged ({error}): {REBUILD}") from None


def _facets(searcher: tantivy.Searcher, matching: tantivy.Query) -> dict[str, list[tuple[str | int, int]]]:
    """Pages per value of each facet field over every match (tantivy's terms aggregation)."""
    request = {field: {"terms": {"field": field, "size": FACET_VALUES}} for field in FACETS}
    answer = searcher.aggregate(matching, request)
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
    with _reading(directory):
        searcher = ix.searcher()
        found = searcher.search(tantivy.Query.term_query(ix.schema, "key", f"{doc_id}:{page}"), limit=1)
        if not found.hits:
            return None
        stored = searcher.doc(found.hits[0][1]).to_dict()
    text = stored_text(stored)
    matched = _matched_words(text, parse_query(query)) if query.strip() else []
    return _to_hit(stored, *_marked(text, 0, len(text), matched, keep_lines=True), None)


def _snippet(text: str, parsed: ParsedQuery) -> tuple[str, Spans]:
    """The text around its matches on one line, with the matches' spans."""
    matched = _matched_words(text, parsed)
    if not matched:
        return _SPACES.sub(" ", text[:200]), ()
    groups: list[list[Word]] = []
    for word in matched:
        if groups and word.end - groups[-1][0].start <= FRAGMENT_CHARS:
            groups[-1].append(word)
        else:
            groups.append([word])
    best = sorted(groups, key=lambda group: -len({word.folded for word in group}))[:FRAGMENTS]
    snippet, spans = "", ()
    for group in sorted(best, key=lambda group: group[0].start):
        joint = " … " if snippet else ""
        fragment, found = _fragment(text, group)
        spans += tuple((start + len(snippet) + len(joint), end + len(snippet) + len(joint)) for start, end in found)
        snippet += joint + fragment
    return snippet, spans


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


def _fragment(text: str, group: list[Word]) -> tuple[str, Spans]:
    """The group's words with ``FRAGMENT_SURROUND`` characters either side, at least ``FRAGMENT_CHARS`` in all, cut
    at whole words."""
    start = max(0, group[0].start - FRAGMENT_SURROUND)
    end = min(len(text), max(group[-1].end + FRAGMENT_SURROUND, start + FRAGMENT_CHARS))
    while start < group[0].start and (text[start].isspace() or (start > 0 and text[start - 1].isalnum())):
        start += 1
    while group[-1].end < end and (text[end - 1].isspace() or (end < len(text) and text[end].isalnum())):
        end -= 1
    return _marked(text, start, end, group)


def _marked(text: str, start: int, end: int, matched: list[Word], keep_lines: bool = False) -> tuple[str, Spans]:
    """``text[start:end]`` with runs of spaces made one (line breaks kept if ``keep_lines``), and the spans of
    the ``matched`` words within it."""
    spaces = _SPACES_IN_LINE if keep_lines else _SPACES
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    last, length = start, 0
    for word in matched:
        if start <= word.start and word.end <= end:
            gap = spaces.sub(" ", text[last : word.start])
            parts += [gap, text[word.start : word.end]]
            spans.append((length + len(gap), length + len(gap) + word.end - word.start))
            length = spans[-1][1]
            last = word.end
    parts.append(spaces.sub(" ", text[last:end]))
    return "".join(parts), tuple(spans)


def _to_hit(stored: dict, snippet: str, spans: Spans, score: float | None) -> Hit:
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
