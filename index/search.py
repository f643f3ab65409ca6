"""Searching the page index: hits with their document's metadata, facets, snippets; pages grouped by document.

The query is parsed by ``index.query`` (both text fields, exact ranked first,
filters apart). Snippets are ``index.snippets``'s: matched words as character
spans. Facets count the documents with a matching page per value over all
matches, not only the hits shown, so a front end can offer them as filters
(``index.facet_counts``: exactly when few, estimated beyond).

``search`` answers pages; ``search_documents`` answers documents, each once
with its best pages inside, as a reader expects (issue 15). It does not
fetch every matching page to group them: it walks the ranked pages only as
far as the documents of the results page asked for (``index.document_order``),
then asks tantivy, in one search over those documents' pages, for
their best pages and how many match. The documents and pages are counted
with the facets, in the second thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import tantivy

from digitize.errors import IndexDamagedError, IndexUnusableError
from index.approximate import FEW_DOCUMENTS, LITTLE, suggestion, tolerant
from index.document_order import PAGES_PER_DOCUMENT_READ, first_documents, ranked_pages, within
from index.document_values import read_in_background, values_of
from index.facet_counts import FACETS, FacetCounts, facet_counts, summed
from index.query import ParsedQuery, QueryError, parse_query, to_tantivy
from index.ranking import NEARNESS, Nearness, Ranking, ranked
from index.results import (
    DOCUMENT_FIELDS,
    DocumentHit,
    DocumentPages,
    DocumentResults,
    Hit,
    PageMatch,
    Results,
    Sort,
    Spans,
)
from index.snippets import snippet, whole_page
from index.store import REBUILD, document_key, open_index, require_index, stored_text

__all__ = [
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
    "warm_up",
]

#: Best pages shown inside each document; the others are counted ("N more pages").
PAGES_SHOWN = 3


@cache
def _counting() -> ThreadPoolExecutor:
    """The threads that count facets while the pages are ranked: made on the first search, not at import."""
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="facets")


def warm_up(directory: Path) -> None:
    """For a process that answers many searches (the reading room, a benchmark): from now on the documents'
    values of a large index (``index.document_values``) are read in the background, starting now with the index
    in ``directory``. A one-shot search does not call this: it would exit before the read paid off.

    An index missing or unusable is left to the first search to report.
    """
    read_in_background()
    with suppress(IndexUnusableError, ValueError):
        ix = open_index(directory)
        values_of(ix, ix.searcher(), FACETS)


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
    nearness: Nearness = NEARNESS,
) -> Results:
    """Pages matching ``query`` (see ``index.query``), best or newest first, with facets.

    ``existing`` refuses a directory that holds no index (``IndexMissingError``)
    rather than making an empty one, for a command that only reads.
    """
    parsed, ix, ranking = _opened(directory, query, fuzzy, year_from, year_to, existing, nearness)
    with _reading(directory):
        searcher = ix.searcher()
        # Tantivy lets go of the GIL: the facets are counted while the hits are found and their snippets made.
        facets = _faceted(ix, searcher, to_tantivy(parsed, ix.schema, scored=False))
        hits = []
        for score, address in ranked_pages(searcher, ranking.query, sort, limit):
            stored = searcher.doc(address).to_dict()
            text = stored_text(stored)
            hits.append(_to_hit(stored, *snippet(text, parsed), score if sort == "relevance" else None))
        counted = facets.result()
        return Results(hits=hits, total=counted.pages, facets=counted.facets)


def _faceted(ix: tantivy.Index, searcher: tantivy.Searcher, matching: tantivy.Query) -> Future[FacetCounts]:
    """The facets of the pages ``matching``, counted in another thread (tantivy lets go of the GIL), with the
    documents' values read once for this version of the index (``index.document_values``)."""
    return _counting().submit(lambda: facet_counts(searcher, ix.schema, matching, values_of(ix, searcher, FACETS)))


def _opened(
    directory: Path,
    query: str,
    fuzzy: bool,
    year_from: int | None,
    year_to: int | None,
    existing: bool,
    nearness: Nearness,
) -> tuple[ParsedQuery, tantivy.Index, Ranking]:
    """The query parsed, the index opened (refused if missing and ``existing``), and how to rank its pages with
    ``nearness``."""
    parsed = parse_query(query, fuzzy=fuzzy, year_from=year_from, year_to=year_to)
    if existing:
        require_index(directory)
    ix = open_index(directory)
    return parsed, ix, ranked(to_tantivy(parsed, ix.schema), parsed, ix.schema, nearness)


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
    nearness: Nearness = NEARNESS,
    little: int = LITTLE,
) -> DocumentResults:
    """Documents matching ``query``, each once, ranked by their best page (or newest first), ``limit`` of them
    after the first ``offset``, with their best ``pages_shown`` pages and facets over every matching page.

    When fewer than ``little`` documents match the words as typed, documents
    matching them approximately (``index.approximate``) follow, each marked so.
    """
    parsed, ix, ranking = _opened(directory, query, fuzzy, year_from, year_to, existing, nearness)
    asked = _Asked(offset, limit, pages_shown, sort)
    with _reading(directory):
        searcher = ix.searcher()
        matching = to_tantivy(parsed, ix.schema, scored=False)
        results = _documents_found(ix, searcher, parsed, ranking, matching, asked)
        if fuzzy or parsed.words is None or results.total_documents >= little:
            return results
        if results.total_documents < FEW_DOCUMENTS:
            results = replace(results, suggestion=suggestion(query, searcher, rare_too=not results.total_documents))
        # Little or nothing: OCR may have garbled the words; ask again tolerantly, and say so.
        exact = first_documents(searcher, ranking, sort, results.total_documents)
        wider = tolerant(parsed, searcher)
        widened = to_tantivy(wider.widened, ix.schema)
        for meaning in wider.meanings:
            widened = ranked(widened, meaning, ix.schema, nearness).query
        loose = to_tantivy(wider.widened, ix.schema, scored=False)
        after = _Asked(max(0, offset - len(exact)), max(0, offset + limit - max(offset, len(exact))), pages_shown, sort)
        found = _documents_found(
            ix,
            searcher,
            wider.widened,
            Ranking(_without(widened, exact, ix.schema)),
            _without(loose, exact, ix.schema),
            after,
        )
    return _followed_by(results, found)


def _without(query: tantivy.Query, doc_ids: list[str], schema: tantivy.Schema) -> tantivy.Query:
    """``query`` on pages of documents other than ``doc_ids``."""
    if not doc_ids:
        return query
    excluded = [(tantivy.Occur.MustNot, tantivy.Query.term_query(schema, "doc_id", doc_id)) for doc_id in doc_ids]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query), *excluded])


def _followed_by(exact: DocumentResults, approximate: DocumentResults) -> DocumentResults:
    """The documents matching as typed, then those matching only approximately, marked; facets counted over both
    (the two sets of documents are apart, so their counts add up)."""
    if not approximate.total_documents:
        return exact
    return DocumentResults(
        [*exact.documents, *(replace(document, approximate=True) for document in approximate.documents)],
        exact.total_documents + approximate.total_documents,
        exact.total_pages + approximate.total_pages,
        exact.offset,
        summed(exact.facets, approximate.facets),
        estimated=exact.estimated or approximate.estimated,
        approximate=True,
        suggestion=exact.suggestion,
        approximate_documents=approximate.total_documents,
    )


@dataclass(frozen=True)
class _Asked:
    """Which documents of the ranking a results page shows, and how."""

    offset: int
    limit: int
    pages_shown: int
    sort: Sort


def _documents_found(
    ix: tantivy.Index,
    searcher: tantivy.Searcher,
    parsed: ParsedQuery,
    ranking: Ranking,
    matching: tantivy.Query,
    asked: _Asked,
) -> DocumentResults:
    """The documents ``ranking`` ranks, as ``asked``, counted and faceted over ``matching`` (the same pages,
    unscored); ``parsed`` says what their snippets highlight."""
    counting = _faceted(ix, searcher, matching)
    wanted = asked.offset + asked.limit
    order = first_documents(searcher, ranking, asked.sort, wanted)
    shown = order[asked.offset : wanted] if asked.limit else []
    documents = _document_hits(searcher, ix.schema, ranking, parsed, shown, asked.pages_shown, asked.sort)
    counted = counting.result()
    return DocumentResults(
        documents, counted.documents, counted.pages, asked.offset, counted.facets, estimated=counted.estimated
    )


def _document_hits(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    ranking: Ranking,
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
    inside = within(ranking, doc_ids, schema)
    best: dict[str, list[tuple[float, dict]]] = {doc_id: [] for doc_id in doc_ids}
    matching = dict.fromkeys(doc_ids, 0)
    read, batch = 0, len(doc_ids) * pages_shown * PAGES_PER_DOCUMENT_READ
    documents = {document_key(doc_id): doc_id for doc_id in doc_ids}
    while True:
        found = searcher.search(inside, batch, offset=read)
        keys = searcher.fast_field_values("doc_key", [address for _, address in found.hits])
        for (score, address), key in zip(found.hits, keys, strict=True):
            doc_id = documents[key]
            matching[doc_id] += 1
            if len(best[doc_id]) < pages_shown:
                best[doc_id].append((score, searcher.doc(address).to_dict()))
        read += len(found.hits)
        if read >= found.count or not found.hits:
            break
        if all(len(pages) == pages_shown for pages in best.values()):
            # The best pages are known; the rest are only counted, in Rust.
            answer = searcher.aggregate(inside, {"d": {"terms": {"field": "doc_id", "size": len(doc_ids)}}})
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
        snippet_text, spans = snippet(stored_text(stored), parsed)
        pages.append(PageMatch(stored["page"][0], score if sort == "relevance" else None, snippet_text, spans))
    return DocumentHit(
        **{name: getattr(first, name) for name in DOCUMENT_FIELDS},
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
    return _to_hit(stored, *whole_page(text, parse_query(query) if query.strip() else None), None)


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
