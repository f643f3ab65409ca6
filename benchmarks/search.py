"""Search at archive scale: this project's page index beside a plain tantivy index of the same pages.

Run from the project root:  .venv/bin/python -m benchmarks.search [--pages 100000]
(100,000 pages: about 5 minutes and 700 MB of temporary disk; 1,000,000 pages:
about 25 minutes on a quiet 2-core machine, over an hour on a busy one, and 6.5 GB;
best left running with ``nohup``).

The corpus is ``benchmarks.search_corpus``: pages of ~2 KB mixing runs of
the seed articles, a Zipf-like vocabulary of Vietnamese syllables and names,
OCR misreadings and numbers, in documents of 1 to 200 pages with a type,
agency, date and collection. Ours is indexed through ``index.store.add_pages``
and searched through ``index.search.search`` (query parsing, analysis,
facets, snippets included), as the pipeline and the web page use them. The
reference is a bare tantivy index of the same text (its default tokenizer,
plus an ASCII folded copy for queries typed without diacritics), asked the
nearest equivalent queries with no snippets and no facets but for the
faceted ones: the floor that Python work on top of tantivy adds to.
Peak memory is the highest resident set seen while each index was built.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import tantivy

from benchmarks.search_corpus import Corpus
from index.backend import page_index
from index.document_values import values_of
from index.facet_counts import FACETS
from index.store import BULK_HEAP, BULK_THREADS, PageRecord, PageWriter, open_index

BATCH = 1000  # pages per add_pages call (one commit each)

#: Query kind → queries, as a person would type them into ``digitize search``.
QUERIES: dict[str, tuple[str, ...]] = {
    "word": ("chuyển", "dữ liệu", "hồ sơ", "đường", "nông nghiệp", "Nguyễn", "xoảng"),
    "accent-less": ("chuyen doi so", "du lieu", "ho so", "duong", "nong nghiep", "xoang"),
    #: Passages a researcher remembers, typed bare: ranked by nearness (``index.ranking``).
    "unquoted words": (
        "thu tuc hanh chinh noi bo",
        "chu tich uy ban nhan dan tinh",
        "bao cao ket qua thuc hien chuyen doi so",
        "co so du lieu quoc gia ve dan cu",
        "ke hoach phat trien nong nghiep",
    ),
    "phrase": (
        '"chuyển đổi số"',
        '"dịch vụ công trực tuyến"',
        '"cơ sở dữ liệu"',
        '"Thủ tướng Chính phủ"',
        '"chuyen doi so"',
    ),
    "filtered": (
        'chuyển đổi số type:"Quyết định"',
        "du lieu year:1990..2000",
        'hồ sơ agency:"SỞ NỘI VỤ" year:2020',
        'chinh phu collection:"Địa chí"',
    ),
    #: Broad queries: the facets count most of the index.
    "faceted": ("của", 'collection:"Công báo"', "year:1990..2010", "và year:2000..2025"),
}
REPEATS = 20
#: The reference's facets: pages per value of the fields it holds (ours count documents, province among them).
PAGE_FACETS = ("type", "agency", "year", "collection")


def corpus(pages: int) -> Iterator[PageRecord]:
    return Corpus().pages(pages)


def size_mb(directory: Path) -> float:
    return sum(path.stat().st_size for path in directory.rglob("*") if path.is_file()) / 1e6


def batches(records: Iterator[PageRecord]) -> Iterator[list[PageRecord]]:
    batch: list[PageRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


class Clock:
    """Seconds spent inside ``timing()`` blocks, on the wall and of the process's CPU (all its threads).

    The CPU figure says what indexing costs whatever else the shared machine
    runs; the wall figure is what the user waits.
    """

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    @contextmanager
    def timing(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu


def build_ours(directory: Path, pages: int) -> Clock:
    """Time spent indexing as ``index rebuild`` does (one ``PageWriter``), making the corpus not counted."""
    clock = Clock()
    with clock.timing():
        writer = PageWriter(directory, BULK_THREADS, BULK_HEAP)
    for batch in batches(corpus(pages)):
        with clock.timing():
            writer.add(batch)
            writer.commit()
    with clock.timing():
        writer.close()
    return clock


class Reference:
    """A bare tantivy index: default tokenizer, a folded copy, raw metadata fields as fast fields for facets."""

    def __init__(self, directory: Path) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=True)
        builder.add_text_field("text_folded", tokenizer_name="folded")
        for name in ("type", "agency", "collection"):
            builder.add_text_field(name, stored=True, fast=True, tokenizer_name="raw")
        builder.add_integer_field("year", stored=True, indexed=True, fast=True)
        self.schema = builder.build()
        self.index = tantivy.Index(self.schema, path=str(directory))
        folded = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build()
        )
        self.index.register_tokenizer("folded", folded)

    def build(self, pages: int) -> Clock:
        """Time spent in tantivy, as ``build_ours``: one writer, a commit per batch.

        Its merges go on in the background while the next batch is made, out
        of the clock: the figure flatters it a little.
        """
        clock = Clock()
        writer = self.index.writer(heap_size=BULK_HEAP, num_threads=BULK_THREADS)
        for batch in batches(corpus(pages)):
            with clock.timing():
                self._add(writer, batch)
        with clock.timing():
            writer.wait_merging_threads()
            self.index.reload()
        return clock

    def _add(self, writer: tantivy.IndexWriter, batch: list[PageRecord]) -> None:
        for record in batch:
            document = tantivy.Document(
                text=record.text,
                text_folded=record.text,
                type=record.type,
                agency=record.agency,
                collection=record.collection,
            )
            if record.year is not None:
                document.add_integer("year", record.year)
            writer.add_document(document)
        writer.commit()

    def search(self, query: str, facets: bool = False) -> int:
        """Filters as term and range queries, the words through tantivy's parser (exact field, then folded)."""
        words, filters = [], []
        for part in _split_filters(query):
            field, _, value = part.partition(":")
            if field in ("type", "agency", "collection") and value:
                filters.append(tantivy.Query.term_query(self.schema, field, value.strip('"')))
            elif field == "year" and value:
                first, _, last = value.partition("..")
                filters.append(
                    tantivy.Query.range_query(
                        self.schema, "year", tantivy.FieldType.Integer, int(first), int(last or first)
                    )
                )
            else:
                words.append(part)
        text = " ".join(words)
        if text:
            parsed = self.index.parse_query(text, ["text", "text_folded"], field_boosts={"text": 3.0})
        else:
            parsed = tantivy.Query.all_query()
        matching = tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in [parsed, *filters]])
        searcher = self.index.searcher()
        result = searcher.search(matching, limit=10)
        for _, address in result.hits:
            searcher.doc(address)
        if facets:
            searcher.aggregate(matching, {field: {"terms": {"field": field, "size": 1000}} for field in PAGE_FACETS})
        return result.count


def _split_filters(query: str) -> list[str]:
    """The query's parts, a quoted value kept with its filter and a phrase kept whole."""
    parts, current, quoted = [], "", False
    for char in query:
        if char == '"':
            quoted = not quoted
        if char == " " and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part for part in [*parts, current] if part]


def latencies(run: Callable[[str], object], queries: tuple[str, ...]) -> tuple[float, float]:
    """p50 and p95 in milliseconds over ``REPEATS`` rounds of ``queries`` (one warm-up round first)."""
    for query in queries:
        run(query)
    times = []
    for _ in range(REPEATS):
        for query in queries:
            start = time.perf_counter()
            run(query)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


class PeakMemory:
    """The highest resident set size seen while the block runs, sampled every 50 ms (Linux ``/proc``)."""

    def __enter__(self) -> PeakMemory:
        self.peak = self._resident()
        self._done = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._sampler.join()

    def _sample(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, self._resident())

    @staticmethod
    def _resident() -> int:
        return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def row(label: str, ours: str, theirs: str) -> str:
    return f"{label:24}{ours:>24}{theirs:>24}"


def load() -> str:
    return "load average " + " ".join(f"{figure:.2f}" for figure in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000, help="pages in the corpus (default 100000)")
    parser.add_argument("--keep", type=Path, help="build the indexes in this folder and leave them there")
    parser.add_argument(
        "--searches-only", action="store_true", help="time the searches of indexes an earlier run left in --keep"
    )
    parser.add_argument(
        "--reference-only", action="store_true", help="build the tantivy reference beside ours in --keep, then search"
    )
    parser.add_argument(
        "--ours-only", action="store_true", help="build our index alone in --keep (no reference), then search"
    )
    args = parser.parse_args()
    if (args.searches_only or args.reference_only or args.ours_only) and not args.keep:
        parser.error("--searches-only, --reference-only and --ours-only need --keep FOLDER")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    ours_dir, reference_dir = work / "ours", work / "tantivy"
    try:
        print(f"{args.pages:,} generated pages of ~2 KB, {BATCH} pages per commit; {os.cpu_count()} cores, {load()}")
        if args.reference_only:
            build_reference(reference_dir, args.pages)
        elif args.ours_only:
            build_ours_alone(ours_dir, args.pages)
        elif not args.searches_only:
            build(ours_dir, reference_dir, args.pages)
        compare_searches(ours_dir, Reference(reference_dir) if (reference_dir / "meta.json").exists() else None)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def build(ours_dir: Path, reference_dir: Path, pages: int) -> None:
    """Both indexes made anew, with their speed, size and memory printed side by side."""
    ours, ours_memory = build_ours_alone(ours_dir, pages)
    shutil.rmtree(reference_dir, ignore_errors=True)
    reference_dir.mkdir(parents=True)
    reference = Reference(reference_dir)
    with PeakMemory() as reference_memory:
        theirs = reference.build(pages)
    print(row("", "digitize", "tantivy reference"))
    print(row("index pages/s", f"{pages / ours.wall:,.0f}", f"{pages / theirs.wall:,.0f}"))
    print(row("pages per CPU second", f"{pages / ours.cpu:,.0f}", f"{pages / theirs.cpu:,.0f}"))
    print(row("index size MB", f"{size_mb(ours_dir):,.0f}", f"{size_mb(reference_dir):,.0f}"))
    print(row("peak memory MB", f"{ours_memory.peak / 1e6:,.0f}", f"{reference_memory.peak / 1e6:,.0f}"), flush=True)


def build_ours_alone(ours_dir: Path, pages: int) -> tuple[Clock, PeakMemory]:
    """This project's index made anew, its speed, size and memory printed (alone: ``--ours-only``, when a change
    of its layout is measured against a reference built before)."""
    shutil.rmtree(ours_dir, ignore_errors=True)
    ours_dir.mkdir(parents=True)
    with PeakMemory() as memory:
        clock = build_ours(ours_dir, pages)
    rates = f"{pages / clock.wall:,.0f} pages/s, {pages / clock.cpu:,.0f} per CPU second"
    print(
        f"digitize built: {rates}, {size_mb(ours_dir):,.0f} MB, peak {memory.peak / 1e6:,.0f} MB; {load()}", flush=True
    )
    return clock, memory


def build_reference(reference_dir: Path, pages: int) -> None:
    """The reference alone, for a run whose own index was built before (a million pages take two sittings)."""
    shutil.rmtree(reference_dir, ignore_errors=True)
    reference_dir.mkdir(parents=True)
    with PeakMemory() as memory:
        clock = Reference(reference_dir).build(pages)
    rates = f"{pages / clock.wall:,.0f} pages/s, {pages / clock.cpu:,.0f} per CPU second"
    print(f"tantivy reference built: {rates}, {size_mb(reference_dir):,.0f} MB, peak {memory.peak / 1e6:,.0f} MB")


def compare_searches(ours_dir: Path, reference: Reference | None) -> None:
    """Each kind of query asked of both: ours as the reading room asks (10 documents with their best pages).

    Beside p50 / p95, the mean CPU a query took (all threads): what it would
    take on a machine with a core to spare, whatever else runs on this one.
    Without a reference index (``--searches-only`` while it is still being built) ours alone.
    """
    ours_index = page_index(ours_dir)
    ix = open_index(ours_dir)
    cpu = time.process_time()
    values_of(ix, ix.searcher(), FACETS, at_once=True)  # as a server warms up: not charged to the first queries
    print(f"digitize: each document's facet values read once, {time.process_time() - cpu:.1f} s of CPU")
    print(row("ms: p50 / p95 (CPU)", "digitize by document", "tantivy reference"))
    for kind, queries in QUERIES.items():
        ours = timed(ours_index.search_documents, queries)
        theirs = "-"
        if reference is not None:
            faceted = kind == "faceted"
            theirs = timed(lambda query, faceted=faceted: reference.search(query, facets=faceted), queries)
        print(row(kind, ours, theirs), flush=True)
    print(
        "digitize: 10 documents, their best pages with snippets, facets and document count on every query; "
        f"tantivy: 10 pages, facets on faceted queries only; {load()}"
    )


def timed(run: Callable[[str], object], queries: tuple[str, ...]) -> str:
    """``latencies`` with the mean CPU per query, as printed."""
    cpu = time.process_time()
    p50, p95 = latencies(run, queries)
    per_query = (time.process_time() - cpu) / ((REPEATS + 1) * len(queries)) * 1000
    return f"{p50:.1f} / {p95:.1f} ({per_query:.1f})"


if __name__ == "__main__":
    main()
