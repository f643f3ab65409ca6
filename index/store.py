"""The tantivy index of pages: schema, opening, adding and removing documents.

One index entry per page, so a hit names its page. Entries are keyed by
``doc_id:page``; adding a page deletes any entry with its key in the same
commit, so indexing a page twice replaces it, which makes re-running a batch
or resuming a killed one safe.

Tantivy rather than Whoosh for speed (README, Search): at 2,000 pages Whoosh
indexed 62 pages a second and took 300 ms (p95) for a word, where the
targets at 100,000 pages are 300 pages a second and 100 ms.

One writer at a time per index (tantivy's lock file); readers are never
blocked and see each commit once it is made.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tantivy

from digitize.errors import IndexDamagedError, IndexMissingError, IndexOutdatedError, IndexUnusableError
from index.analysis import ANALYZERS, EXACT, FOLDED, PAIRS, folded_pairs, prepared
from index.stored_text import compressed, decompressed

#: Seconds a writer waits for another process's lock before giving up.
WRITE_LOCK_TIMEOUT = 60.0
#: Memory for the writer's buffer: pages are flushed into a segment when it fills.
WRITER_HEAP = 64_000_000
#: Threads and memory for indexing a whole archive, when no OCR worker needs the cores (``PageWriter``).
BULK_THREADS, BULK_HEAP = 2, 256_000_000
#: Metadata fields indexed whole (exact, case-sensitive) and kept for facets and display.
EXACT_FIELDS = ("doc_id", "collection", "type", "number", "agency", "date")
#: The stored page text's field; named for its compression and dictionary (``index.stored_text``), so an index
#: written with another is another layout.
PAGE_TEXT = "page_text_zdict1"


@dataclass(frozen=True)
class PageRecord:
    """What the index knows of one page."""

    doc_id: str
    page: int
    text: str
    title: str = ""
    collection: str = ""
    source_path: str = ""
    type: str = ""
    number: str = ""
    agency: str = ""
    year: int | None = None
    #: ISO 8601, possibly partial (``2018-03``); empty when unknown.
    date: str = ""
    #: The provinces the document names (``digitize.metadata.mentions``), a facet of their own.
    provinces: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return f"{self.doc_id}:{self.page}"


def schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    for name in EXACT_FIELDS:
        builder.add_text_field(name, stored=True, fast=name != "number", tokenizer_name="raw")
    builder.add_integer_field("page", stored=True)
    #: Multi-valued: a document may name several provinces, and counts once under each.
    builder.add_text_field("province", stored=True, fast=True, tokenizer_name="raw")
    #: The document as a number (``document_key``), for counting documents per facet value (docs/decisions.md).
    builder.add_integer_field("doc_key", fast=True)
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    #: The date as a number (``2018-03`` → 20180300; 0 when unknown), for sorting.
    builder.add_integer_field("date_order", fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source_path", stored=True, tokenizer_name="raw", index_option="basic")
    #: Word counts without positions: phrases are asked of the folded words, or of their pairs when common.
    builder.add_text_field("text", tokenizer_name=EXACT, index_option="freq")
    builder.add_text_field("text_folded", tokenizer_name=FOLDED)
    builder.add_text_field("text_pairs", tokenizer_name=PAIRS)
    #: The page as it was given, for snippets: stored apart since ``text`` is given the prepared text. Compressed
    #: here (``index.stored_text``): tantivy's LZ4 leaves text at two thirds of its size, plain zlib at about half,
    #: zlib with a dictionary of Vietnamese official writing at 45% (docs/decisions.md, A million pages).
    builder.add_bytes_field(PAGE_TEXT, stored=True)
    return builder.build()


@cache
def _layout() -> list[dict]:
    """The schema as tantivy writes it in ``meta.json``: field names, types, options and analyzers."""
    with tempfile.TemporaryDirectory() as scratch:
        tantivy.Index(schema(), path=scratch)
        return json.loads((Path(scratch) / "meta.json").read_text(encoding="utf-8"))["schema"]


#: What to do about an index that is missing, damaged or of another layout: the catalog holds all it needs.
REBUILD = "run: digitize index rebuild"
_OLD_INDEX = f"index made by an earlier version of digitize; {REBUILD}"


def require_index(directory: Path) -> None:
    """An ``IndexMissingError`` when ``directory`` holds no index, for readers that must not make an empty one.

    A search of a lost index would otherwise answer "0 hits", which reads as
    "no such pages" rather than "the index is gone".
    """
    if (directory / "meta.json").is_file() or (directory.is_dir() and any(directory.iterdir())):
        return  # an index, or the files of another layout, which ``open_index`` names
    raise IndexMissingError(directory, f"no search index: {REBUILD}")


def open_index(directory: Path, create: bool = False) -> tantivy.Index:
    """The index in ``directory``; made empty there only for a writer (``create``).

    A read never makes one: an index deleted under a running server would
    otherwise come back empty and answer "no matches" where the truth is
    "no index" (an ``IndexMissingError``).

    An index of another layout (the Whoosh index of earlier versions, or
    other fields or analyzers) or a damaged one is refused with a message
    naming the way out, never a traceback from the JSON or tantivy below.

    The index stays open between calls while its ``meta.json`` is unchanged,
    so a search reuses the segment readers rather than opening every segment
    again (4 ms at 20,000 pages, more with more segments); any commit,
    rebuild or damage changes the file and the next call opens it afresh.
    """
    meta = directory / "meta.json"
    try:
        stamp = meta.read_bytes()
    except OSError:
        stamp = None
    key = directory.absolute()
    with _OPEN_LOCK:
        kept = _OPEN.get(key)
        if kept is not None and stamp is not None and kept[0] == stamp:
            _OPEN.move_to_end(key)
            return kept[1]
    ix = _opened(directory, create)
    with _OPEN_LOCK, contextlib.suppress(OSError):
        _OPEN[key] = (stamp if stamp is not None else meta.read_bytes(), ix)
        while len(_OPEN) > KEPT_OPEN:
            _OPEN.popitem(last=False)
    return ix


#: Indexes kept open, most recently used last: directory → (its ``meta.json`` as read, the index).
_OPEN: OrderedDict[Path, tuple[bytes, tantivy.Index]] = OrderedDict()
_OPEN_LOCK = threading.Lock()
#: How many indexes stay open at once (an archive has one; tests and tools open more).
KEPT_OPEN = 4


def _opened(directory: Path, create: bool) -> tantivy.Index:
    if not create:
        require_index(directory)
    directory.mkdir(parents=True, exist_ok=True)
    meta = directory / "meta.json"
    if not meta.exists():
        if any(directory.iterdir()):
            raise IndexOutdatedError(directory, _OLD_INDEX)
        ix = tantivy.Index(schema(), path=str(directory))
    else:
        if _stored_layout(meta) != _layout():
            raise IndexOutdatedError(directory, _OLD_INDEX)
        try:
            ix = tantivy.Index.open(str(directory))
        except ValueError as error:
            raise IndexDamagedError(directory, f"the index is damaged ({error}): {REBUILD}") from None
    for name, analyzer in ANALYZERS.items():
        ix.register_tokenizer(name, analyzer)
    # No watcher thread reloading it behind our back: ``open_index`` opens it anew when ``meta.json`` changes.
    ix.config_reader(reload_policy="Manual")
    return ix


def _stored_layout(meta: Path) -> object:
    """The schema ``meta.json`` records; an ``IndexDamagedError`` when the file is unreadable or not tantivy's."""
    try:
        return json.loads(meta.read_text(encoding="utf-8"))["schema"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not the index's metadata"
        raise IndexDamagedError(meta, f"the index is damaged ({reason}): {REBUILD}") from None


def page_document(record: PageRecord) -> tantivy.Document:
    """The page as tantivy takes it: the prepared text for both text fields, the text as given kept apart."""
    text = prepared(record.text)
    document = tantivy.Document(
        key=record.key,
        page=record.page,
        title=record.title,
        source_path=record.source_path,
        date_order=_date_order(record.date),
        doc_key=document_key(record.doc_id),
        province=list(record.provinces),
        text=text,
        text_folded=text,
        text_pairs=folded_pairs(text),
        **{PAGE_TEXT: compressed(record.text)},
        **{name: getattr(record, name) for name in EXACT_FIELDS},
    )
    if record.year is not None:
        document.add_integer("year", record.year)
    return document


def document_key(doc_id: str) -> int:
    """``doc_id`` as 64 bits, stable across processes and versions (BLAKE2b, not Python's salted ``hash``)."""
    return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def stored_text(stored: dict) -> str:
    """The page's text as it was given, from its stored fields (``Searcher.doc(...).to_dict()``)."""
    return decompressed(stored[PAGE_TEXT][0])


def _date_order(date: str) -> int:
    digits = "".join(char for char in date if char.isdigit())[:8]
    return int(digits.ljust(8, "0")) if len(digits) >= 4 else 0


def writer(directory: Path, threads: int = 1, heap: int = WRITER_HEAP) -> tantivy.IndexWriter:
    """The index's one writer, waiting up to ``WRITE_LOCK_TIMEOUT`` for another process to finish with it.

    One thread by default: during a batch the cores are the OCR workers'.
    Release it with ``wait_merging_threads()`` after the last commit.
    """
    ix = open_index(directory, create=True)
    deadline = time.monotonic() + WRITE_LOCK_TIMEOUT
    while True:
        try:
            return ix.writer(heap_size=heap, num_threads=threads)
        except ValueError as error:
            if "LockBusy" not in str(error) or time.monotonic() > deadline:
                raise IndexUnusableError(directory, f"cannot write to the index: {error}") from None
            time.sleep(0.2)


class PageWriter:
    """One writer held across many commits, for indexing a whole archive (``index rebuild``).

    ``add_pages`` takes the writer for one commit and waits for the merges it
    started, which is right between OCR batches; a rebuild that did so every
    200 documents would spend most of its time opening writers and waiting
    on merges. Here merges go on in the background while the next pages are
    prepared, and ``close`` waits for them once.
    """

    def __init__(self, directory: Path, threads: int = 1, heap: int = WRITER_HEAP) -> None:
        self._writer = writer(directory, threads, heap)

    def add(self, records: Iterable[PageRecord]) -> int:
        """Add or replace ``records``, seen by readers at the next ``commit``; returns how many."""
        written = 0
        for record in records:
            self._writer.delete_documents_by_term("key", record.key)
            self._writer.add_document(page_document(record))
            written += 1
        return written

    def commit(self) -> None:
        self._writer.commit()

    def __enter__(self) -> PageWriter:
        return self

    def close(self) -> None:
        """Wait for the merges and let go of the index's lock."""
        self._writer.wait_merging_threads()

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            if kind is not None:
                self._writer.rollback()
        finally:
            self.close()


def add_pages(directory: Path, records: Iterable[PageRecord]) -> int:
    """Add or replace ``records`` in one commit; returns how many were written."""
    with PageWriter(directory) as pages:
        written = pages.add(records)
        pages.commit()
    return written


def delete_document(directory: Path, doc_id: str) -> int:
    """Remove every page of ``doc_id``; returns how many entries went."""
    ix = open_index(directory)
    pages = ix.searcher().search(tantivy.Query.term_query(ix.schema, "doc_id", doc_id), limit=1).count
    index_writer = writer(directory)
    try:
        index_writer.delete_documents_by_term("doc_id", doc_id)
        index_writer.commit()
    finally:
        index_writer.wait_merging_threads()
    return pages
