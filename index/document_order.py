"""Documents in the order of their best pages, found by walking ranked pages rather than fetching every match.

The index holds pages; a reader is shown documents. The first documents of a
ranking are found by reading the ranked pages in growing batches until enough
distinct documents are seen: each page's document from the ``doc_key`` fast
field (about 5 µs a page), its ``doc_id`` read from the stored page only for
the first page of each document (20–40 µs, the store being compressed).

The pages of the documents found are then asked of the ranking again,
restricted to those documents (``within``), for their best pages.
"""

from __future__ import annotations

import tantivy

from index.ranking import Ranking
from index.results import Sort

#: Ranked pages read per document wanted, at first, when walking the pages to find the documents of a results page.
PAGES_PER_DOCUMENT_READ = 4


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


def first_documents(searcher: tantivy.Searcher, query: tantivy.Query, sort: Sort, wanted: int) -> list[str]:
    """The ids of the first ``wanted`` documents in the order of their best pages (fewer if fewer match).

    Pages are read in growing batches until enough documents are seen, so a
    document with hundreds of matching pages costs more reading, not a wrong answer.
    """
    seen: dict[int, str] = {}
    if wanted < 1:
        return []
    read, batch = 0, max(wanted * PAGES_PER_DOCUMENT_READ, 20)
    while True:
        pages = [address for _, address in ranked_pages(searcher, query, sort, batch, read)]
        for key, address in zip(searcher.fast_field_values("doc_key", pages), pages, strict=True):
            if key not in seen:
                seen[key] = searcher.doc(address).get_first("doc_id")
                if len(seen) >= wanted:
                    return list(seen.values())
        read += len(pages)
        if len(pages) < batch:
            return list(seen.values())
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
