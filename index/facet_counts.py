"""Facets that count documents, not pages, and stay fast at a million pages (docs/decisions.md, Facets by document).

A facet value (type, agency, province, year, collection) belongs to a
document and is shared by its pages, so the documents of a value are the
distinct documents among its matching pages. Tantivy counts them exactly with
a terms sub-aggregation on ``doc_key`` (a 64-bit hash of the document id, a
fast field, ``index.store``) inside each value's bucket. That costs about
5 µs a document and value, and a common word matches most of a million
pages' 140,000 documents; tantivy's cardinality per bucket was no way out
(136 ms at a million pages, HyperLogLog sketches per bucket and segment).

So documents are counted one by one only when few match, and beyond on a
sample: the documents whose key falls in the first ``share`` of its range, a
uniform sample since the key is a hash, each document with all its pages; a
value's count is its sampled documents divided by ``share`` (about 10% off for
a value holding a tenth of the matches). Types, agencies and collections the
sample missed are still listed (``COMPLETED``), from their pages (counted over
every match) times the sample's documents per page: a reader can narrow a
broad search to a rare agency. Scaling pages by each value's own documents per
page (a ratio estimator) was tried and was worse: documents of 1 to 200 pages
make that ratio swing with one long document. Such counts are ``estimated``,
never above the value's pages, rounded to two significant figures, and the
reading room says they are approximate.

Each pass over the matches costs as much as finding them, so the first pass
asks for everything a broad search needs: the pages, the pages per value of
``COMPLETED``, and the documents per value of a 1/``PROBE`` sample, taken
inside the same pass by a histogram of the key with hard bounds (the pages
outside the sample fall in no bucket and cost nothing more). When that sample
holds ``ENOUGH`` documents it is the answer: one pass where there were three
(a probe, the pages, the sample). Otherwise it says how many documents match,
and a second pass counts them exactly (about ``COUNTED`` or fewer) or on a
larger sample of about ``COUNTED``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import tantivy

from index.document_values import DocumentValues

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
#: The first pass samples one document in this many; enough sampled there and no second pass is made.
PROBE = 64
#: Documents in the first pass's sample that make it the answer: a sample half ``COUNTED``'s size (a value of a
#: tenth of the matches about 14% off rather than 10%) saves a second pass over every match.
ENOUGH = COUNTED // 2
#: Tantivy's own ceiling on the buckets of one aggregation (its default), which a document count must stay under.
BUCKETS = 65_000
_KEY_RANGE = 2**64
_FIRST_KEY = -(2**63)

Facets = dict[str, list[tuple[str | int, int]]]


@dataclass(frozen=True)
class FacetCounts:
    #: Field → [(value, documents)], most documents first; documents without a value are left out.
    facets: Facets
    #: Documents holding a matching page.
    documents: int
    #: True when counted on a sample of documents: every figure is then an estimate.
    estimated: bool
    #: Matching pages, counted exactly either way: the ranking need not count them again.
    pages: int


def facet_counts(
    searcher: tantivy.Searcher, schema: tantivy.Schema, matching: tantivy.Query, values: DocumentValues | None = None
) -> FacetCounts:
    """Documents per value of each facet, and in all, among the documents with a page ``matching``.

    With the documents' ``values`` (``index.document_values``) tantivy lists
    the matching documents and they are counted per value here; without,
    tantivy counts them under each value's bucket.
    """
    per_value = _Counting(values)
    first = searcher.aggregate(
        matching,
        {
            "pages": {"value_count": {"field": "doc_key"}},
            **{field: {"terms": {"field": field, "size": FACET_VALUES}} for field in COMPLETED},
            "sample": _sample_request(1 / PROBE, per_value.asked),
        },
    )
    sample = _sample(first)
    sampled = len(sample["documents"]["buckets"])
    if sampled >= ENOUGH:
        return _estimated(first, sample, 1 / PROBE, per_value)
    expected = sampled * PROBE
    if expected <= COUNTED:
        answer = searcher.aggregate(matching, _documents_request(per_value.asked))
        counts = per_value(answer)
        return FacetCounts(
            {field: _ranked(counts[field]) for field in FACETS},
            len(answer["documents"]["buckets"]),
            estimated=False,
            pages=int(first["pages"]["value"]),
        )
    share = COUNTED / expected
    sample = _sample(searcher.aggregate(matching, {"sample": _sample_request(share, per_value.asked)}))
    return _estimated(first, sample, share, per_value)


class _Counting:
    """Documents per value of an aggregation's answer: from tantivy's buckets per value, or from ``values``."""

    def __init__(self, values: DocumentValues | None) -> None:
        self.values = values
        #: The fields whose documents per value tantivy is asked to count.
        self.asked = FACETS if values is None else ()

    def __call__(self, answer: dict) -> dict[str, dict[str | int, int]]:
        if self.values is None:
            return {field: _documents_per_value(answer, field) for field in FACETS}
        per_value = self.values.documents_per_value(int(bucket["key"]) for bucket in answer["documents"]["buckets"])
        return {field: dict(_first_values(per_value[field])) for field in FACETS}


def _first_values(counts: dict[str | int, int]) -> list[tuple[str | int, int]]:
    """The ``FACET_VALUES`` values of most documents, as tantivy's buckets would keep (by pages, there)."""
    return _ranked(counts)[:FACET_VALUES]


def _estimated(first: dict, sample: dict, share: float, per_value: _Counting) -> FacetCounts:
    """Documents per value counted on a ``share`` of the documents (``sample``) and scaled; a value of
    ``COMPLETED`` the sample missed is listed too, from its pages (``first``) times the sample's documents per
    page."""
    sampled_documents = sample["documents"]["buckets"]
    per_page = len(sampled_documents) / max(1, sum(bucket["doc_count"] for bucket in sampled_documents))
    sampled = per_value(sample)
    facets = {}
    for field in FACETS:
        counts = {key: _about(documents / share) for key, documents in sampled[field].items()}
        if field in COMPLETED:
            counts = {
                key: min(bucket["doc_count"], counts.get(key) or _about(bucket["doc_count"] * per_page))
                for key, bucket in _buckets(first, field)
            }
        facets[field] = _ranked(counts)
    pages = int(first["pages"]["value"])
    total = min(pages, len(sampled_documents) / share)
    return FacetCounts(facets, _about(total), estimated=True, pages=pages)


def _documents_request(fields: tuple[str, ...] = ()) -> dict:
    """The matching documents (their keys), and for each of ``fields`` the documents per value."""
    documents = {"terms": {"field": "doc_key", "size": BUCKETS}}
    return {
        "documents": documents,
        **{field: {"terms": {"field": field, "size": FACET_VALUES}, "aggs": {"d": documents}} for field in fields},
    }


def _sample_request(share: float, fields: tuple[str, ...]) -> dict:
    """``_documents_request`` of ``fields`` over the documents whose key lies in the first ``share`` of the keys'
    range: one histogram bucket as wide as the range, its hard bounds the sample's (keys compared as floats, the
    same for every page of a document)."""
    return {
        "histogram": {
            "field": "doc_key",
            "interval": float(_KEY_RANGE),
            "offset": float(_FIRST_KEY),
            "hard_bounds": {"min": float(_FIRST_KEY), "max": float(_FIRST_KEY + share * _KEY_RANGE)},
        },
        "aggs": _documents_request(fields),
    }


def _sample(answer: dict) -> dict:
    """The sample's one bucket, or an empty one when no sampled document matches."""
    buckets = answer["sample"]["buckets"]
    if buckets:
        return buckets[0]
    return {"documents": {"buckets": []}, **{field: {"buckets": []} for field in FACETS}}


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
