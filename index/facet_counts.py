"""Facets that count documents, not pages, and stay fast at a million pages (docs/decisions.md, Facets by document).

A facet value (type, agency, province, year, collection) belongs to a
document and is shared by its pages, so the documents of a value are the
distinct documents among its matching pages. Tantivy counts them exactly with
a terms sub-aggregation on ``doc_key`` (a 64-bit hash of the document id, a
fast field, ``index.store``) inside each value's bucket. That costs about
5 µs a document and value, and a common word matches most of a million
pages' 140,000 documents; tantivy's cardinality per bucket was no way out
(136 ms at a million pages, HyperLogLog sketches per bucket and segment).

So documents are counted one by one only when a probe of 1/``PROBE`` of them
says about ``COUNTED`` or fewer match. Beyond, they are counted on a sample:
the documents whose key falls in the first ``share`` of its range, a uniform
sample since the key is a hash, each document with all its pages; a value's
count is its sampled documents divided by ``share`` (about 10% off for a value
holding a tenth of the matches). Types, agencies and collections the sample
missed are still listed (``COMPLETED``), from their pages (counted over every
match) times the sample's documents per page: a reader can narrow a broad
search to a rare agency. Scaling pages by each value's own documents per page
(a ratio estimator) was tried and was worse: documents of 1 to 200 pages make
that ratio swing with one long document. Such counts are ``estimated``, never
above the value's pages, rounded to two significant figures, and the reading
room says they are approximate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import tantivy

#: Fields counted per value for every search, in the order they are shown.
FACETS = ("type", "agency", "province", "year", "collection")
#: Values listed per facet, most documents first.
FACET_VALUES = 1000
#: Facets whose values the sample missed are still listed (from their pages): fields of one value a page, which
#: tantivy counts cheaply. Years (some pages have none) and provinces (several a page) cost ten times as much a
#: page to count, so rare ones are left out of a broad search's facets.
COMPLETED = ("type", "agency", "collection")
#: Documents counted one by one at most (about); more are sampled down to about this many.
COUNTED = 1_000
#: The probe that guesses how many documents match looks at one in this many.
PROBE = 64
#: Tantivy's own ceiling on the buckets of one aggregation (its default), which a document count must stay under.
BUCKETS = 65_000
_KEY_RANGE = 2**64

Facets = dict[str, list[tuple[str | int, int]]]


@dataclass(frozen=True)
class FacetCounts:
    #: Field → [(value, documents)], most documents first; documents without a value are left out.
    facets: Facets
    #: Documents holding a matching page.
    documents: int
    #: True when counted on a sample of documents: every figure is then an estimate.
    estimated: bool


def facet_counts(searcher: tantivy.Searcher, schema: tantivy.Schema, matching: tantivy.Query) -> FacetCounts:
    """Documents per value of each facet, and in all, among the documents with a page ``matching``."""
    probe = searcher.aggregate(_sampled(matching, 1 / PROBE, schema), _documents_request())
    expected = len(probe["documents"]["buckets"]) * PROBE
    if expected <= COUNTED:
        answer = searcher.aggregate(matching, _documents_request(FACETS))
        return FacetCounts(
            {field: _ranked(_documents_per_value(answer, field)) for field in FACETS},
            len(answer["documents"]["buckets"]),
            estimated=False,
        )
    return _estimated(searcher, schema, matching, COUNTED / expected)


def _estimated(
    searcher: tantivy.Searcher, schema: tantivy.Schema, matching: tantivy.Query, share: float
) -> FacetCounts:
    """Documents per value counted on a ``share`` of the documents and scaled; a value of ``COMPLETED`` the sample
    missed is listed too, from its pages times the sample's documents per page."""
    pages = searcher.aggregate(
        matching,
        {
            "pages": {"value_count": {"field": "doc_key"}},
            **{field: {"terms": {"field": field, "size": FACET_VALUES}} for field in COMPLETED},
        },
    )
    sample = searcher.aggregate(_sampled(matching, share, schema), _documents_request(FACETS))
    sampled_documents = sample["documents"]["buckets"]
    per_page = len(sampled_documents) / max(1, sum(bucket["doc_count"] for bucket in sampled_documents))
    facets = {}
    for field in FACETS:
        counts = {key: _about(len(bucket["d"]["buckets"]) / share) for key, bucket in _buckets(sample, field)}
        if field in COMPLETED:
            counts = {
                key: min(bucket["doc_count"], counts.get(key) or _about(bucket["doc_count"] * per_page))
                for key, bucket in _buckets(pages, field)
            }
        facets[field] = _ranked(counts)
    total = min(pages["pages"]["value"], len(sampled_documents) / share)
    return FacetCounts(facets, _about(total), estimated=True)


def _documents_request(fields: tuple[str, ...] = ()) -> dict:
    """The matching documents (their keys), and for each of ``fields`` the documents per value."""
    documents = {"terms": {"field": "doc_key", "size": BUCKETS}}
    return {
        "documents": documents,
        **{field: {"terms": {"field": field, "size": FACET_VALUES}, "aggs": {"d": documents}} for field in fields},
    }


def _sampled(matching: tantivy.Query, share: float, schema: tantivy.Schema) -> tantivy.Query:
    """``matching`` on the documents whose key lies in the first ``share`` of the keys' range."""
    first = -(2**63)
    last = first + int(share * _KEY_RANGE) - 1
    keys = tantivy.Query.range_query(schema, "doc_key", tantivy.FieldType.Integer, first, last)
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, matching), (tantivy.Occur.Must, keys)])


def _buckets(answer: dict, field: str) -> list[tuple[str | int, dict]]:
    """The field's buckets by value, the empty value left out (years as numbers)."""
    return [
        (int(bucket["key"]) if field == "year" else bucket["key"], bucket)
        for bucket in answer[field]["buckets"]
        if bucket["key"] != ""
    ]


def _documents_per_value(answer: dict, field: str) -> dict[str | int, int]:
    return {key: len(bucket["d"]["buckets"]) for key, bucket in _buckets(answer, field)}


def _ranked(counts: dict[str | int, int]) -> list[tuple[str | int, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))


def _about(estimate: float) -> int:
    """An estimate of at least one, to two significant figures: no more precise than the sample."""
    if estimate < 1:
        return 1
    digits = max(0, math.floor(math.log10(estimate)) - 1)
    return int(round(estimate / 10**digits) * 10**digits)


def summed(*facets: Facets) -> Facets:
    """The counts of facets over sets of documents that share none, added up value by value."""
    total: dict[str, dict[str | int, int]] = {field: {} for field in FACETS}
    for counts in facets:
        for field, values in counts.items():
            for value, count in values:
                total[field][value] = total[field].get(value, 0) + count
    return {field: _ranked(values) for field, values in total.items()}
