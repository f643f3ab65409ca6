"""Documents in the order of their best pages, found by walking ranked pages rather than fetching every match.

The index holds pages; a reader is shown documents. The first documents of a
ranking are found by reading the ranked pages in growing batches until enough
distinct documents are seen: each page's document from the ``doc_key`` fast
field (about 5 µs a page), its ``doc_id`` read from the stored page only for
the first page of each document (20–40 µs, the store being compressed).

A ranking with a tier (``index.ranking.Tier``) is walked in its tier first:
while the tier's pages score above what any page outside can, they are the
whole ranking's first pages in the same order. Only when the tier runs out or
falls below that ceiling before enough documents are seen is every matching
page ranked.

The pages of the documents found are then asked of the ranking again,
restricted to those documents (``within``), for their best pages.
"""

from __future__ import annotations

import tantivy

from index.ranking import Ranking
from index.results import Sort
from index.score_ceiling import Clause, ceiling, scored_pages

#: Ranked pages read per document wanted, at first, when walking the pages to find the documents of a results page.
PAGES_PER_DOCUMENT_READ = 4
#: A tier's page must score this much above the ceiling of pages outside it: float sums in another order differ.
CEILING_MARGIN = 1.001


def ranked_pages(
    searcher: tantivy.Searcher, query: tantivy.Query, sort: Sort, limit: int, offset: int = 0
) -> list[tuple[float, tantivy.DocAddress]]:
    """``limit`` pages after ``offset``, best or newest first, with their scores; not counted (the facets count)."""
    if sort == "date":
        found = searcher.search(
            query, limit, count=False, offset=offset, order_by_field="date_order", order=tantivy.Order.Desc
        )
    else:
        found = searcher.search(query, limit, count=False, offset=offset)
    return found.hits


def first_documents(searcher: tantivy.Searcher, ranking: Ranking, sort: Sort, wanted: int) -> list[str]:
    """The ids of the first ``wanted`` documents in the order of their best pages (fewer if fewer match).

    Pages are read in growing batches until enough documents are seen, so a
    document with hundreds of matching pages costs more reading, not a wrong answer.
    """
    if wanted < 1:
        return []
    if sort == "relevance" and ranking.tier is not None:
        found = _documents(searcher, ranking.tier.query, sort, wanted, ranking.tier.outside)
        if found is not None:
            return found
    return _documents(searcher, ranking.query, sort, wanted) or []


def _documents(
    searcher: tantivy.Searcher, query: tantivy.Query, sort: Sort, wanted: int, outside: tuple[Clause, ...] = ()
) -> list[str] | None:
    """The first ``wanted`` documents of ``query``'s pages; None if ``outside`` (a tier's query) names clauses
    pages outside may score more on than a page that found them."""
    seen: dict[int, str] = {}
    floor = None
    read, batch = 0, max(wanted * PAGES_PER_DOCUMENT_READ, 20)
    while True:
        hits = ranked_pages(searcher, query, sort, batch, read)
        if outside and hits and floor is None:
            floor = ceiling(searcher, outside, scored_pages(query, searcher, hits[0][1])) * CEILING_MARGIN
        addresses = [address for _, address in hits]
        for (score, address), key in zip(hits, searcher.fast_field_values("doc_key", addresses), strict=True):
            if floor is not None and score <= floor:
                return None
            if key not in seen:
                seen[key] = searcher.doc(address).get_first("doc_id")
                if len(seen) >= wanted:
                    return list(seen.values())
        read += len(hits)
        if len(hits) < batch:
            return None if outside else list(seen.values())
        batch *= 4


def within(ranking: Ranking, doc_ids: list[str], schema: tantivy.Schema) -> tantivy.Query:
    """``ranking``'s query on the pages of ``doc_ids`` only, scored as it scores them."""
    one_of = tantivy.Query.const_score_query(
        tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, tantivy.Query.term_query(schema, "doc_id", doc_id)) for doc_id in doc_ids]
        ),
        0.0,
    )
    return ranking.restricted(
        lambda query: tantivy.Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, one_of)])
    )
