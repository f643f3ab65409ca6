"""Searching the page index: hits with their document's metadata, facets, snippets; pages grouped by document.

The query is parsed by ``index.query`` (both text fields, exact ranked first,
filters apart). Snippets mark matched words with character spans rather than
markup, so each front end (terminal, JSON, HTML) highlights and escapes in its
own way. Facets count matching pages per value over all matches, not only the
hits shown, so a front end can offer them as filters.

``search`` answers pages; ``search_documents`` answers documents, each once
with its best pages inside, as a reader expects (issue 15). It does not
fetch every matching page to group them: it walks the ranked pages only as
far as the documents of the results page asked for (reading each page's
``doc_id``, about 25 µs), then asks tantivy, document by document, for its
best pages and how many match. The number of documents comes from a terms
aggregation on ``doc_id`` beside the facets.
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

from index.analysis import Word, find_words, folded_word, within_one_edit, words
from index.labels import document_label
from index.query import ParsedQuery, QueryError, asked_words, parse_query, to_tantivy
from index.store import REBUILD, IndexDamagedError, open_index, require_index, stored_text

__all__ = [
    "FACETS",
    "DocumentHit",
    "DocumentPages",
    "DocumentResults",
    "Hit",
    "PageMatch",
    "QueryError",
    "Results",
    "document_pages",
    "read_page",
    "search",
    "search_documents",
]

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
#: Best pages shown inside each document; the others are counted ("N more pages").
PAGES_SHOWN = 3
#: Documents counted exactly; beyond, tantivy's cardinality estimate (HyperLogLog, within about 1%). Not more:
#: counting is per matching page, and every counted document is a bucket handed to Python (at a million pages a
#: common word's 100,000 buckets took longer than the rest of the search).
DOCUMENTS_COUNTED = 1_000
#: Ranked pages read per document wanted, at first, when walking the pages to find the documents of a results page.
_PAGES_PER_DOCUMENT_READ = 4
#: What a hit says of its document, page or document hit alike.
#: Never the source's path: a reader is told the document's label (``index.labels``), not where the server keeps it.
DESCRIPTION = ("doc_id", "label", "title", "collection", "type", "number", "date", "agency", "year")
#: What a page's stored fields say of its document, the source's path among them for the label.
_DOCUMENT_FIELDS = ("doc_id", "title", "collection", "source_path", "type", "number", "date", "agency", "year")
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

    @property
    def label(self) -> str:
        return document_label(self.title, self.type, self.number, self.source_path, self.doc_id)

    def to_dict(self) -> dict:
        """The document's description and the page as a document hit lists its pages."""
        return {**_description(self), **PageMatch(self.page, self.score, self.snippet, self.highlights).to_dict()}


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
            "facets": _facets_dict(self.facets),
        }


def _description(hit: Hit | DocumentHit) -> dict:
    return {name: getattr(hit, name) for name in DESCRIPTION}


def _facets_dict(facets: dict[str, list[tuple[str | int, int]]]) -> dict:
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

    @property
    def more_pages(self) -> int:
        return self.matching_pages - len(self.pages)

    @property
    def label(self) -> str:
        return document_label(self.title, self.type, self.number, self.source_path, self.doc_id)

    def to_dict(self) -> dict:
        return {
            **_description(self),
            "page_count": self.page_count,
            "matching_pages": self.matching_pages,
            "more_pages": self.more_pages,
            "pages": [page.to_dict() for page in self.pages],
        }


@dataclass(frozen=True)
class DocumentResults:
    documents: list[DocumentHit]
    #: Documents with at least one matching page, beyond those shown.
    total_documents: int
    #: Matching pages in all.
    total_pages: int
    #: Documents passed over before the first shown (paging).
    offset: int
    #: Field → [(value, pages)], as in ``Results``.
    facets: dict[str, list[tuple[str | int, int]]]

    def to_dict(self) -> dict:
        return {
            "total_documents": self.total_documents,
            "total_pages": self.total_pages,
            "offset": self.offset,
            "documents": [document.to_dict() for document in self.documents],
            "facets": _facets_dict(self.facets),
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
    parsed, ix, compiled = _opened(directory, query, fuzzy, year_from, year_to, existing)
    with _reading(directory):
        searcher = ix.searcher()
        # Tantivy lets go of the GIL: the facets are counted while the hits are found and their snippets made.
        facets = _COUNTING.submit(_facets, searcher, to_tantivy(parsed, ix.schema, scored=False))
        found = _ranked_pages(searcher, compiled, sort, limit)
        hits = []
        for score, address in found.hits:
            stored = searcher.doc(address).to_dict()
            text = stored_text(stored)
            hits.append(_to_hit(stored, *_snippet(text, parsed), score if sort == "relevance" else None))
        return Results(hits=hits, total=found.count, facets=facets.result())


def _opened(
    directory: Path, query: str, fuzzy: bool, year_from: int | None, year_to: int | None, existing: bool
) -> tuple[ParsedQuery, tantivy.Index, tantivy.Query]:
    """The query parsed, the index opened (refused if missing and ``existing``), and the query for it."""
    parsed = parse_query(query, fuzzy=fuzzy, year_from=year_from, year_to=year_to)
    if existing:
        require_index(directory)
    ix = open_index(directory)
    return parsed, ix, to_tantivy(parsed, ix.schema)


def search_documents(
    directory: Path,
    query: str,
    limit: int = 10,
    offset: int = 0,
    *,
    fuzzy: bool = False,
    sort: Sort = "relevance",
    year_from: int | None = None,
    year_to: int | None = None,
    existing: bool = False,
    pages_shown: int = PAGES_SHOWN,
) -> DocumentResults:
    """Documents matching ``query``, each once, ranked by their best page (or newest first), ``limit`` of them
    after the first ``offset``, with their best ``pages_shown`` pages and facets over every matching page."""
    parsed, ix, compiled = _opened(directory, query, fuzzy, year_from, year_to, existing)
    with _reading(directory):
        searcher = ix.searcher()
        counting = _COUNTING.submit(_facets_and_documents, searcher, to_tantivy(parsed, ix.schema, scored=False))
        ranked, total_pages = _ranked_documents(searcher, compiled, sort, offset + limit)
        shown = ranked[offset : offset + limit]
        documents = _document_hits(searcher, ix.schema, compiled, parsed, shown, pages_shown, sort)
        facets, total_documents = counting.result()
    return DocumentResults(documents, total_documents, total_pages, offset, facets)


def _ranked_documents(
    searcher: tantivy.Searcher, query: tantivy.Query, sort: Sort, wanted: int
) -> tuple[list[str], int]:
    """The first ``wanted`` documents in the order of their best pages, and the number of matching pages.

    Pages are read in growing batches until enough documents are seen, so a
    document with hundreds of matching pages costs more reading, not a wrong answer.
    """
    seen: dict[str, None] = {}
    read, batch, total = 0, max(wanted * _PAGES_PER_DOCUMENT_READ, 20), 0
    while True:
        found = _ranked_pages(searcher, query, sort, batch, read)
        total = found.count
        for _, address in found.hits:
            seen.setdefault(searcher.doc(address).get_first("doc_id"), None)
            if len(seen) >= wanted:
                return list(seen), total
        read += len(found.hits)
        if not found.hits or read >= total:
            return list(seen), total
        batch *= 4


def _ranked_pages(searcher: tantivy.Searcher, query: tantivy.Query, sort: Sort, limit: int, offset: int = 0):
    if sort == "date":
        return searcher.search(query, limit, offset=offset, order_by_field="date_order", order=tantivy.Order.Desc)
    return searcher.search(query, limit, offset=offset)


def _document_hits(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: tantivy.Query,
    parsed: ParsedQuery,
    doc_ids: list[str],
    pages_shown: int,
    sort: Sort,
) -> list[DocumentHit]:
    """The documents' best pages (by relevance whatever the sort) with their snippets, and their pages counted.

    One search over the documents' matching pages rather than one per
    document: a query with phrases is a union tantivy cannot skip through
    cheaply, and asked 20 times it took 20 times as long.
    """
    if not doc_ids:
        return []
    one_of = tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "doc_id", doc_id)) for doc_id in doc_ids]
    )
    within = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, query), (tantivy.Occur.Must, tantivy.Query.const_score_query(one_of, 0.0))]
    )
    best: dict[str, list[tuple[float, dict]]] = {doc_id: [] for doc_id in doc_ids}
    matching = dict.fromkeys(doc_ids, 0)
    read, batch = 0, len(doc_ids) * pages_shown * _PAGES_PER_DOCUMENT_READ
    while True:
        found = searcher.search(within, batch, offset=read)
        for score, address in found.hits:
            stored = searcher.doc(address)
            doc_id = stored.get_first("doc_id")
            matching[doc_id] += 1
            if len(best[doc_id]) < pages_shown:
                best[doc_id].append((score, stored.to_dict()))
        read += len(found.hits)
        if read >= found.count or not found.hits:
            break
        if all(len(pages) == pages_shown for pages in best.values()):
            # The best pages are known; the rest are only counted, in Rust.
            answer = searcher.aggregate(within, {"d": {"terms": {"field": "doc_id", "size": len(doc_ids)}}})
            matching = {bucket["key"]: bucket["doc_count"] for bucket in answer["d"]["buckets"]}
            break
        batch *= 4
    return [_document_hit(searcher, schema, doc_id, best[doc_id], matching[doc_id], parsed, sort) for doc_id in doc_ids]


def _document_hit(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    doc_id: str,
    best: list[tuple[float, dict]],
    matching: int,
    parsed: ParsedQuery,
    sort: Sort,
) -> DocumentHit:
    pages, first = [], _to_hit(best[0][1], "", (), None)
    for score, stored in best:
        snippet, spans = _snippet(stored_text(stored), parsed)
        pages.append(PageMatch(stored["page"][0], score if sort == "relevance" else None, snippet, spans))
    return DocumentHit(
        **{name: getattr(first, name) for name in _DOCUMENT_FIELDS},
        page_count=searcher.search(tantivy.Query.term_query(schema, "doc_id", doc_id), 1).count,
        matching_pages=matching,
        pages=tuple(pages),
    )


@contextmanager
def _reading(directory: Path) -> Iterator[None]:
    """Tantivy's ``ValueError`` from a damaged segment as an ``IndexDamagedError`` naming the way out."""
    try:
        yield
    except ValueError as error:
        raise IndexDamagedError(directory, f"the index is damaged ({error}): {REBUILD}") from None


def _facets(searcher: tantivy.Searcher, matching: tantivy.Query) -> dict[str, list[tuple[str | int, int]]]:
    """Pages per value of each facet field over every match (tantivy's terms aggregation)."""
    return _facets_and_documents(searcher, matching, count_documents=False)[0]


def _facets_and_documents(
    searcher: tantivy.Searcher, matching: tantivy.Query, count_documents: bool = True
) -> tuple[dict[str, list[tuple[str | int, int]]], int]:
    """The facets, and how many documents hold a matching page.

    The documents are estimated in the facets' pass (HyperLogLog, a quarter
    of the cost of counting them); only when few are they counted exactly,
    in a second pass (at 127,000 pages a common word's exact count was 12 ms
    of CPU, the estimate 3 ms).
    """
    request = {field: {"terms": {"field": field, "size": FACET_VALUES}} for field in FACETS}
    if count_documents:
        request["documents"] = {"cardinality": {"field": "doc_id"}}
    answer = searcher.aggregate(matching, request)
    facets = {}
    for field in FACETS:
        counts = [(bucket["key"], bucket["doc_count"]) for bucket in answer[field]["buckets"] if bucket["key"] != ""]
        if field == "year":
            counts = [(int(value), count) for value, count in counts]
        facets[field] = sorted(counts, key=lambda item: (-item[1], str(item[0])))
    if not count_documents:
        return facets, 0
    estimate = round(answer["documents"]["value"])
    if estimate > DOCUMENTS_COUNTED:
        return facets, estimate
    # Room for the estimate's error: the exact count is never cut short by it.
    exact = searcher.aggregate(matching, {"d": {"terms": {"field": "doc_id", "size": 2 * DOCUMENTS_COUNTED}}})["d"]
    return facets, len(exact["buckets"]) if not exact["sum_other_doc_count"] else estimate


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


@dataclass(frozen=True)
class DocumentPages:
    """What a page view needs of its document: its pages, and those the query matches, for "next hit"."""

    page_count: int
    matching: tuple[int, ...]


def document_pages(directory: Path, doc_id: str, query: str = "") -> DocumentPages:
    """The number of ``doc_id``'s indexed pages and, in page order, those ``query`` matches."""
    ix = open_index(directory)
    with _reading(directory):
        searcher = ix.searcher()
        document = tantivy.Query.term_query(ix.schema, "doc_id", doc_id)
        count = searcher.search(document, 1).count
        if not query.strip() or not count:
            return DocumentPages(count, ())
        parsed = parse_query(query)
        within = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, to_tantivy(parsed, ix.schema, scored=False)), (tantivy.Occur.Must, document)]
        )
        found = searcher.search(within, count, count=False)
        pages = sorted(searcher.doc(address).get_first("page") for _, address in found.hits)
    return DocumentPages(count, tuple(pages))


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
    # Fragments that would overlap are one, so no words are shown twice.
    pieces: list[tuple[int, int, list[Word]]] = []
    for group in sorted(best, key=lambda group: group[0].start):
        start, end = _bounds(text, group)
        if pieces and start <= pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]), pieces[-1][2] + group)
        else:
            pieces.append((start, end, group))
    snippet, spans = "", ()
    for start, end, group in pieces:
        joint = " … " if snippet else ""
        fragment, found = _marked(text, start, end, group)
        spans += tuple((a + len(snippet) + len(joint), b + len(snippet) + len(joint)) for a, b in found)
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
        found = [word for word in words(text) if any(within_one_edit(word.folded, other) for other in folded)]
    else:
        found = find_words(text, folded)
    exact = [] if parsed.typed_bare else [word for word in found if word.exact in asked]
    return exact or found


def _bounds(text: str, group: list[Word]) -> tuple[int, int]:
    """Where the group's fragment lies: its words with ``FRAGMENT_SURROUND`` characters either side, at least
    ``FRAGMENT_CHARS`` in all, cut at whole words."""
    start = max(0, group[0].start - FRAGMENT_SURROUND)
    end = min(len(text), max(group[-1].end + FRAGMENT_SURROUND, start + FRAGMENT_CHARS))
    while start < group[0].start and (text[start].isspace() or (start > 0 and text[start - 1].isalnum())):
        start += 1
    while group[-1].end < end and (text[end - 1].isspace() or (end < len(text) and text[end].isalnum())):
        end -= 1
    return start, end


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


#: Most pages one document may have in the index: the ids of an index entry's pages are read in one go.
MAX_DOCUMENT_PAGES = 100_000


def read_document(directory: Path, doc_id: str) -> list[Hit]:
    """Every indexed page of one document, in page order, without text (snippet empty); empty if not indexed.

    For a IIIF manifest: the document's metadata is on each of its pages.
    """
    ix = open_index(directory)
    with _reading(directory):
        searcher = ix.searcher()
        found = searcher.search(tantivy.Query.term_query(ix.schema, "doc_id", doc_id), limit=MAX_DOCUMENT_PAGES)
        pages = [_to_hit(searcher.doc(address).to_dict(), "", (), None) for _, address in found.hits]
    return sorted(pages, key=lambda hit: hit.page)
