"""Search at archive scale: this project's page index beside a plain tantivy index of the same pages.

Run from the project root:  .venv/bin/python -m benchmarks.search [--pages 100000]
(about 5 minutes and 600 MB of temporary disk for the 100,000 pages).

The corpus is made from the articles in ``seeds/``: each page is a few of
their paragraphs, drawn and shuffled with a fixed seed (about 2 KB, like an
OCR'd A4 page), with its document's type, agency, year, collection and
number varied. Ours is indexed through ``index.store.add_pages`` and searched
through ``index.search.search`` (query parsing, analysis, facets, snippets
included), as the pipeline and the web page use them. The reference is a
bare tantivy index of the same text (its default tokenizer, plus an ASCII
folded copy for queries typed without diacritics), asked the nearest
equivalent queries with no facets and no snippets: the floor that Python
work on top of tantivy adds to.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import tantivy

from index.search import search
from index.store import PageRecord, add_pages

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TYPES = ("Quyết định", "Công văn", "Báo cáo", "Kế hoạch", "Thông báo", "Tờ trình", "Nghị quyết", "Chỉ thị")
SYMBOLS = {"Quyết định": "QĐ", "Công văn": "CV", "Báo cáo": "BC", "Kế hoạch": "KH", "Thông báo": "TB"}
AGENCIES = (
    "UBND TỈNH VĨNH LONG",
    "SỞ NỘI VỤ",
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    "THỦ TƯỚNG CHÍNH PHỦ",
    "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
)
COLLECTIONS = ("Văn bản hành chính", "Địa chí", "Báo chí", "Tư liệu Hán Nôm")
PAGES_PER_DOCUMENT = 4
BATCH = 1000  # pages per add_pages call (one commit each)

#: Query kind → queries, as a person would type them into ``digitize search``.
QUERIES: dict[str, tuple[str, ...]] = {
    "word": ("chuyển", "thư viện", "Quyết định", "dữ liệu", "đường", "hồ sơ"),
    "accent-less": ("chuyen doi so", "thu vien", "du lieu", "duong", "dich vu cong", "ho so"),
    "phrase": ('"chuyển đổi số"', '"dịch vụ công trực tuyến"', '"cơ sở dữ liệu"', '"Thủ tướng Chính phủ"'),
    "filtered": (
        'chuyển đổi số type:"Quyết định"',
        "thu vien year:2015..2018",
        'dữ liệu agency:"SỞ NỘI VỤ" year:2020',
        'chinh phu collection:"Địa chí"',
    ),
}
REPEATS = 20


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs += [
            part.strip() for part in path.read_text(encoding="utf-8").split("\n\n") if len(part.strip()) > 40
        ]
    return paragraphs


def corpus(pages: int, seed: int = 2026) -> Iterator[PageRecord]:
    """``pages`` pages, the same for the same seed: paragraphs drawn until ~2 KB, metadata per document."""
    paragraphs = seed_paragraphs()
    rng = random.Random(seed)
    for number in range(pages):
        doc, page = divmod(number, PAGES_PER_DOCUMENT)
        if page == 0:
            kind = rng.choice(TYPES)
            year = rng.randint(2000, 2025)
            meta = {
                "title": f"{kind} {doc}",
                "type": kind,
                "agency": rng.choice(AGENCIES),
                "collection": rng.choice(COLLECTIONS),
                "year": year,
                "date": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "number": f"{doc}/{SYMBOLS.get(kind, 'UBND')}-{rng.choice(('UBND', 'TTg', 'SNV'))}",
                "source_path": f"bench/{doc:06d}.pdf",
            }
        text: list[str] = []
        while sum(map(len, text)) < 2000:
            text.append(rng.choice(paragraphs))
        yield PageRecord(doc_id=f"d{doc:06d}", page=page + 1, text="\n\n".join(text), **meta)


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


def build_ours(directory: Path, pages: int) -> float:
    """Seconds spent in ``add_pages`` (making the corpus is not counted)."""
    seconds = 0.0
    for batch in batches(corpus(pages)):
        start = time.perf_counter()
        add_pages(directory, batch)
        seconds += time.perf_counter() - start
    return seconds


class Reference:
    """A bare tantivy index: default tokenizer, a folded copy, raw metadata fields."""

    def __init__(self, directory: Path) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_text_field("text", stored=True)
        builder.add_text_field("text_folded", tokenizer_name="folded")
        for name in ("type", "agency", "collection"):
            builder.add_text_field(name, stored=True, tokenizer_name="raw")
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

    def build(self, pages: int) -> float:
        """Seconds spent in tantivy, as ``build_ours``."""
        seconds = 0.0
        writer = self.index.writer(heap_size=200_000_000, num_threads=1)
        for batch in batches(corpus(pages)):
            start = time.perf_counter()
            for record in batch:
                writer.add_document(
                    tantivy.Document(
                        text=record.text,
                        text_folded=record.text,
                        type=record.type,
                        agency=record.agency,
                        collection=record.collection,
                        year=record.year,
                    )
                )
            writer.commit()
            seconds += time.perf_counter() - start
        start = time.perf_counter()
        writer.wait_merging_threads()
        self.index.reload()
        return seconds + time.perf_counter() - start

    def search(self, query: str) -> int:
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
        parsed = self.index.parse_query(text, ["text", "text_folded"], field_boosts={"text": 3.0})
        occurs = [(tantivy.Occur.Must, parsed)] + [(tantivy.Occur.Must, query) for query in filters]
        searcher = self.index.searcher()
        result = searcher.search(tantivy.Query.boolean_query(occurs), limit=10)
        for _, address in result.hits:
            searcher.doc(address)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000, help="pages in the corpus (default 100000)")
    parser.add_argument("--keep", type=Path, help="build the indexes in this folder and leave them there")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    ours_dir, reference_dir = work / "ours", work / "tantivy"
    for directory in (ours_dir, reference_dir):
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True)
    try:
        ours_seconds = build_ours(ours_dir, args.pages)
        reference = Reference(reference_dir)
        reference_seconds = reference.build(args.pages)
        print(f"{args.pages:,} pages of ~2 KB, {BATCH} pages per commit")
        print(f"{'':24}{'digitize':>24}{'tantivy reference':>24}")
        print(
            f"{'index pages/s':24}{args.pages / ours_seconds:>24,.0f}{args.pages / reference_seconds:>24,.0f}\n"
            f"{'index size MB':24}{size_mb(ours_dir):>24.1f}{size_mb(reference_dir):>24.1f}"
        )
        for kind, queries in QUERIES.items():
            ours = latencies(lambda query: search(ours_dir, query), queries)
            theirs = latencies(reference.search, queries)
            print(
                f"{kind + ' p50 / p95 ms':24}{f'{ours[0]:.1f} / {ours[1]:.1f}':>24}"
                f"{f'{theirs[0]:.2f} / {theirs[1]:.2f}':>24}"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
