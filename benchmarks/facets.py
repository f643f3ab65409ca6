"""Facets at scale: documents per value as ``index.facet_counts`` counts them, beside the two ways it replaces.

Run from the project root, on an index ``benchmarks.search --keep DIR`` left:
  .venv/bin/python -m benchmarks.facets DIR/ours

For each broad query of ``benchmarks.search`` (and a rarer one), on the same
index in one run, the milliseconds (p50 / p95, and the mean CPU a call) of

- pages per value: one terms aggregation per facet, what the facets counted
  before (they said "pages", not documents);
- cardinality per bucket: tantivy's HyperLogLog of ``doc_id`` inside each
  value's bucket, the documented way, rejected at a million pages;
- ``facet_counts``: documents per value, exact when few match, else from a
  sample of documents (printed with whether it was sampled, and how far its
  figures are from the cardinality's: the median and largest gap over values
  with at least 100 documents), counted by tantivy under each value, and
  (``values``) counted in Python from the documents' values read once
  (``index.document_values``; the time of that one read is printed first).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import tantivy

from benchmarks.search import QUERIES, REPEATS
from index.document_values import read_values
from index.facet_counts import FACET_VALUES, FACETS, facet_counts
from index.query import parse_query, to_tantivy
from index.store import open_index

#: The broad queries of the search benchmark, and a word fewer pages hold.
ASKED = (*QUERIES["faceted"], "chuyển đổi số", "Nguyễn")


def timed(run: Callable[[], object]) -> str:
    """p50 / p95 over ``REPEATS`` calls, and in brackets the mean CPU of a call: on a shared machine the steadier."""
    run()
    times = []
    cpu = time.process_time()
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    per_call = (time.process_time() - cpu) / REPEATS * 1000
    return f"{statistics.median(times):.0f} / {statistics.quantiles(times, n=20)[-1]:.0f} ({per_call:.0f})"


def per_bucket(searcher: tantivy.Searcher, matching: tantivy.Query, metric: dict | None) -> dict:
    request = {field: {"terms": {"field": field, "size": FACET_VALUES}} for field in FACETS}
    if metric:
        for field in FACETS:
            request[field]["aggs"] = {"d": metric}
    return searcher.aggregate(matching, request)


def gaps(counted: dict, cardinality: dict) -> str:
    """The median and largest relative gap between ``facet_counts`` and the cardinality (itself within about 1%),
    over values of 100 documents or more."""
    found = [0.0]
    for field in FACETS:
        estimates = {str(bucket["key"]): bucket["d"]["value"] for bucket in cardinality[field]["buckets"]}
        for value, documents in counted[field]:
            reference = estimates.get(str(value), 0)
            if reference >= 100:
                found.append(abs(documents - reference) / reference)
    return f"{statistics.median(found):.0%} / {max(found):.0%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index", type=Path, help="an index folder (the 'ours' that benchmarks.search --keep left)")
    args = parser.parse_args()
    ix = open_index(args.index)
    searcher = ix.searcher()
    load = " ".join(f"{figure:.2f}" for figure in os.getloadavg())
    print(f"{searcher.num_docs:,} pages; ms p50 / p95 (CPU) over {REPEATS} rounds; load average {load}")
    cpu = time.process_time()
    values = read_values(searcher, ix.schema, FACETS)
    print(f"documents' values read once: {(time.process_time() - cpu) * 1000:,.0f} ms of CPU")
    print(
        f"{'query':28}{'pages per value':>18}{'cardinality/bucket':>20}{'facet_counts':>16}{'values':>16}"
        "  sampled  gap (median, max)"
    )
    cardinality = {"cardinality": {"field": "doc_id"}}
    for query in ASKED:
        matching = to_tantivy(parse_query(query), ix.schema, scored=False)
        pages = timed(lambda matching=matching: per_bucket(searcher, matching, None))
        buckets = timed(lambda matching=matching: per_bucket(searcher, matching, cardinality))
        ours = timed(lambda matching=matching: facet_counts(searcher, ix.schema, matching))
        in_python = timed(lambda matching=matching: facet_counts(searcher, ix.schema, matching, values))
        counted = facet_counts(searcher, ix.schema, matching)
        assert facet_counts(searcher, ix.schema, matching, values) == counted, query
        gap = gaps(counted.facets, per_bucket(searcher, matching, cardinality))
        sampled = "yes" if counted.estimated else "no"
        print(f"{query:28}{pages:>18}{buckets:>20}{ours:>16}{in_python:>16}  {sampled:7}  {gap}", flush=True)


if __name__ == "__main__":
    main()
