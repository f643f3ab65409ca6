"""Each document's facet values, read once per version of the index, so that facets count documents in Python.

A facet value belongs to a document and all its pages share it
(``index.facet_counts``), so the documents per value among a search's
matching documents are a sum, over those documents, of the values each
holds. Tantivy counted them with a terms sub-aggregation of ``doc_key``
under every value's bucket: about 2.4 µs a document and value, 10 to 13 ms
of the 20 to 30 ms of CPU a search took on 20,000 pages (docs/benchmarks.md,
Search engine CPU per answer). Read once, the values make that count one
``Counter`` over the matching documents' (facet, value) pairs, about 1 µs a
document; tantivy then only lists the documents.

They are read by tantivy's own aggregations, a range of document keys at a
time so that no request passes its ceiling of buckets: about 35 ms of CPU at
20,000 pages, 3.5 s at a million, once for each version of the index
(``index.store.open_index`` gives one object per version). Until they are
read, and for an index whose values tantivy cannot list whole, facets are
counted in tantivy as before (``values_of`` answers None). A large index's
values are read in a background thread only in a process that lives long
enough to use them, a server or a benchmark (``read_in_background``): a
one-shot ``digitize search`` would pay the read and exit before it paid
off. Each (facet, value) pair is one object shared by the documents holding
it: a million pages' 150,000 documents then hold about 30 MB.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, repeat

import tantivy

#: Up to this many pages the values are read before a search answers (about 0.2 s of CPU at 50,000 pages);
#: beyond, in the background (``values_of``).
AT_ONCE_PAGES = 50_000
#: Pages read per aggregation: at most this many documents, a few values each, well under tantivy's ceiling of
#: buckets in one request.
PAGES_PER_READ = 10_000
#: That ceiling (tantivy's default): a range holding more documents than this is not listed whole.
BUCKETS = 65_000
#: Values per field asked of tantivy in one read: more than any archive has.
ALL_VALUES = 60_000
_FIRST_KEY, _KEY_RANGE = -(2**63), 2**64

Value = str | int


@dataclass(frozen=True)
class DocumentValues:
    """Document key → its (facet, value) pairs, a facet by its place in ``fields``; empty values left out."""

    fields: tuple[str, ...]
    pairs: dict[int, tuple[tuple[int, Value], ...]]

    def documents_per_value(self, doc_keys: Iterable[int]) -> dict[str, dict[Value, int]]:
        """For each field, the documents among ``doc_keys`` holding each of its values."""
        counted = Counter(chain.from_iterable(map(self.pairs.get, doc_keys, repeat(()))))
        per_field: dict[str, dict[Value, int]] = {field: {} for field in self.fields}
        for (place, value), documents in counted.items():
            per_field[self.fields[place]][value] = documents
        return per_field


def read_values(searcher: tantivy.Searcher, schema: tantivy.Schema, fields: tuple[str, ...]) -> DocumentValues | None:
    """Every document's values of ``fields``, read a range of document keys at a time; None if tantivy could not
    list them all (more documents and values in a range than its ceiling of buckets)."""
    found: dict[int, list[tuple[int, Value]]] = {}
    shared: dict[tuple[int, Value], tuple[int, Value]] = {}
    reads = max(1, -(-searcher.num_docs // PAGES_PER_READ))
    step = _KEY_RANGE // reads
    for read in range(reads):
        first = _FIRST_KEY + read * step
        last = _FIRST_KEY + _KEY_RANGE - 1 if read == reads - 1 else first + step - 1
        keys = tantivy.Query.range_query(schema, "doc_key", tantivy.FieldType.Integer, first, last)
        documents = {"terms": {"field": "doc_key", "size": BUCKETS}}
        request = {field: {"terms": {"field": field, "size": ALL_VALUES}, "aggs": {"d": documents}} for field in fields}
        try:
            answer = searcher.aggregate(keys, request)
        except ValueError:
            return None
        for place, field in enumerate(fields):
            if answer[field].get("sum_other_doc_count"):
                return None
            for bucket in answer[field]["buckets"]:
                if bucket["d"].get("sum_other_doc_count"):
                    return None
                if bucket["key"] == "":
                    continue
                value = int(bucket["key"]) if isinstance(bucket["key"], float) else bucket["key"]
                pair = shared.setdefault((place, value), (place, value))
                for document in bucket["d"]["buckets"]:
                    found.setdefault(int(document["key"]), []).append(pair)
    return DocumentValues(fields, {key: tuple(sorted(pairs)) for key, pairs in found.items()})


def values_of(
    ix: tantivy.Index, searcher: tantivy.Searcher, fields: tuple[str, ...], at_once: bool = False
) -> DocumentValues | None:
    """``read_values`` of this version of the index, kept; None while they are being read (or could not be, or
    are not read in this process).

    Up to ``AT_ONCE_PAGES`` (or ``at_once``, for a server or benchmark warming
    up) they are read before this search is answered. A larger index is read
    in a background thread once ``read_in_background`` was called, its first
    searches counting in tantivy meanwhile (a million pages: 3.5 s of CPU,
    once); otherwise not at all.
    """
    small = at_once or searcher.num_docs <= AT_ONCE_PAGES
    with _LOCK:
        kept = _KEPT.get(id(ix))
        if kept is not None and kept.index is ix and kept.fields == fields:
            _KEPT.move_to_end(id(ix))
            return kept.values
        if not small and not _BACKGROUND.is_set():
            return None
        kept = _KEPT[id(ix)] = _Kept(ix, fields)
        while len(_KEPT) > KEPT_VERSIONS:
            _KEPT.popitem(last=False)
    if small:
        kept.read(searcher)
    else:
        threading.Thread(target=kept.read, args=(searcher,), name="document-values", daemon=True).start()
    return kept.values


def read_in_background() -> None:
    """From now on, this process reads a large index's values in a background thread (``values_of``): for a
    process that answers many searches, as a server does."""
    _BACKGROUND.set()


class _Kept:
    """One version of an index (kept, so its ``id`` is not reused while here) and its documents' values once
    read."""

    def __init__(self, index: tantivy.Index, fields: tuple[str, ...]) -> None:
        self.index, self.fields = index, fields
        self.values: DocumentValues | None = None

    def read(self, searcher: tantivy.Searcher) -> None:
        self.values = read_values(searcher, self.index.schema, self.fields)


#: Versions of indexes whose values are kept, least recently used first (an archive has one; tests more).
KEPT_VERSIONS = 4
_KEPT: OrderedDict[int, _Kept] = OrderedDict()
_LOCK = threading.Lock()
#: Set in a long-lived process (``read_in_background``).
_BACKGROUND = threading.Event()
