"""The most a set of term clauses can add to any one page's score, found cheaply.

``index.document_order`` stops ranking a tier's pages (``index.ranking.Tier``)
once they score above what any page outside can. For a term on few pages the
bound is its best page, asked of tantivy (short postings: well under a
millisecond). For a term on many pages that costs 5–10 ms at a million pages
(scores of common words are flat, so block-max WAND skips little), and
BM25's own limit is tight enough: tantivy scores a term
``weight × idf × tf / (tf + k1 × (1 − b + b × dl / avgdl))``, the fraction below
1 on every page, so no page gets ``weight × idf × (k1 + 1)``; a common word's idf is small.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import tantivy

#: Tantivy's BM25 saturation (``bm25.rs``).
K1 = 1.2
#: Terms on at most this share of pages are bounded by their best page, the others by BM25's limit.
ASKED_SHARE = 0.02


@dataclass(frozen=True)
class Clause:
    """One term of one field, boosted by ``weight``: ``query`` as the ranking asks it."""

    field: str
    term: str
    weight: float
    query: tantivy.Query


def ceiling(searcher: tantivy.Searcher, clauses: Iterable[Clause], pages: int) -> float:
    """At least what the ``clauses`` together add to the score of any page of an index tantivy scores as ``pages``."""
    total = 0.0
    for clause in clauses:
        holding = searcher.doc_freq(clause.field, clause.term)
        if holding <= pages * ASKED_SHARE:
            hits = searcher.search(clause.query, 1, count=False).hits
            total += hits[0][0] if hits else 0.0
        else:
            total += clause.weight * idf(holding, pages) * (K1 + 1.0)
    return total


def idf(holding: int, pages: int) -> float:
    """Tantivy's idf of a term on ``holding`` of ``pages`` pages."""
    return math.log(1.0 + (pages - holding + 0.5) / (holding + 0.5))


def scored_pages(query: tantivy.Query, searcher: tantivy.Searcher, address: tantivy.DocAddress) -> int:
    """The page count tantivy's idf uses, read from a page's explained score (``address`` must match ``query``).

    It counts deleted pages not yet merged away, which ``Searcher.num_docs``
    does not; a larger count gives a larger idf, and the ceiling needs tantivy's.
    """
    found = _page_count(json.loads(query.explain(searcher, address).to_json()))
    return round(found) if found is not None else searcher.num_docs


def _page_count(explanation: dict) -> float | None:
    if explanation.get("description", "").startswith("N, total number of docs"):
        return explanation["value"]
    for detail in explanation.get("details", ()):
        found = _page_count(detail)
        if found is not None:
            return found
    return None
