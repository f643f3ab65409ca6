"""Known-item search: does a passage a researcher remembers bring back its document, first or in the top three?

Run from the project root:  .venv/bin/python -m benchmarks.relevance [--realscans ../shared/realscans]
[--pages 100000] [--tune]

The documents sought are real: the hand transcriptions of the development
scans (``benchmarks/realscans/truth/scans``) and the text layers of the
born-digital PDFs (read from ``FOLDER/born-digital`` with ``--realscans``,
else their copies in ``truth/born-digital``). They are indexed, each page an
entry, among distractors: each other, Decree-30 documents of
``benchmarks.admin_docs`` (the same administrative words, scattered in other
passages) and ``--pages`` generated pages of ``benchmarks.search_corpus``.

From each page, windows of 3, 4 and 6 consecutive words are asked three times: typed
without diacritics and unquoted (``thu tuc hanh chinh noi bo``), exact
and quoted (``"thủ tục hành chính nội bộ"``), and typed bare with one word
as OCR might have read it (``thu tuc hanh chinb noi bo``: a letter dropped or
confused, ``benchmarks.search_corpus.misread``), which stands for a page whose
OCR garbled a word the researcher types right: OCR-tolerant matching
(``index.approximate``) is what finds those. A window whose words, folded,
stand together in more than one document is left out: it has no one answer.
Each query is asked through ``index.search.search_documents`` with today's
ranking (``index.ranking.NEARNESS``) and with BM25 on words alone
(``PLAIN``, the ranking before nearness) on the same index, in one run.
Figures: success@1 and @3 (the document first, among the first three), MRR
over the first ten, and page@1 (when the document is first, the page shown
holds the window).

The documents are split in two before any tuning, by a rule fixed here:
every other one in name order is held out (``HELD_OUT``). Weights are tuned
on the other half (``--tune`` prints a grid over it) and reported on both,
and so is how few documents found as typed call for approximate ones after
them (``--little`` prints success and latency for each threshold tried).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber

from benchmarks.admin_docs import labeled_set, text_of
from benchmarks.realscan_pages import TRUTH, text_in_block_order
from benchmarks.search_corpus import Corpus, misread
from index.analysis import folded_word, words
from index.approximate import LITTLE
from index.ranking import NEARNESS, PLAIN, Nearness
from index.search import search_documents
from index.store import BULK_HEAP, BULK_THREADS, PageRecord, PageWriter

WINDOWS = (3, 4, 6)
#: Windows taken per page and size, spread evenly over the page.
PER_PAGE = 5
#: Decree-30 documents generated as distractors.
ADMIN_DOCUMENTS = 120
#: Results read per query: MRR is over these.
DEPTH = 10
#: Weights tried by ``--tune`` (pairs, phrase, slop).
GRID = tuple(itertools.product((2.0, 4.0, 8.0), (4.0, 8.0, 16.0, 32.0), (0, 1, 2)))
#: Thresholds tried by ``--little``: fewer documents than this found as typed, and approximate ones follow.
LITTLE_GRID = (1, 2, 3, 5, 10)
#: The three ways a window is typed.
KINDS = ("folded", "exact", "misread")


@dataclass(frozen=True)
class Known:
    """A document sought, its pages' texts in page order."""

    doc_id: str
    pages: tuple[str, ...]


@dataclass(frozen=True)
class Window:
    doc_id: str
    page: int
    size: int
    folded: str
    exact: str
    #: ``folded`` with one word misread.
    misread: str

    def query(self, kind: str) -> str:
        return {"folded": self.folded, "exact": f'"{self.exact}"', "misread": self.misread}[kind]


def known_documents(realscans: Path | None) -> list[Known]:
    """The scans' transcriptions and the born-digital text layers, one ``Known`` per PDF."""
    pages: dict[str, dict[int, str]] = {}
    for path in sorted((TRUTH / "scans").glob("*.txt")):
        stem, number = path.stem.rsplit("-p", 1)
        pages.setdefault(stem, {})[int(number)] = path.read_text(encoding="utf-8")
    if realscans is None:
        for path in sorted((TRUTH / "born-digital").glob("*.txt")):
            stem, number = path.stem.rsplit("-p", 1)
            pages.setdefault(stem, {})[int(number)] = path.read_text(encoding="utf-8")
    else:
        for pdf_path in sorted((realscans / "born-digital").glob("*.pdf")):
            with pdfplumber.open(pdf_path) as pdf:
                pages[pdf_path.stem] = {n: text_in_block_order(page) for n, page in enumerate(pdf.pages, 1)}
    return [Known(stem, tuple(found[n] for n in sorted(found))) for stem, found in sorted(pages.items())]


#: (doc_id, page) → the page's words, folded, one space apart: whether a page shown holds a window.
_folded_pages: dict[tuple[str, int], str] = {}


def held_out(known: list[Known]) -> set[str]:
    """Every other document in name order, the first included: fixed before any weight was tried."""
    return {document.doc_id for document in sorted(known, key=lambda d: d.doc_id)[::2]}


def records(known: list[Known], generated: int) -> Iterator[PageRecord]:
    for document in known:
        for number, text in enumerate(document.pages, 1):
            yield PageRecord(document.doc_id, number, text, title=document.doc_id)
    for admin in labeled_set(ADMIN_DOCUMENTS, seed=29):
        yield PageRecord(admin.name, 1, text_of(admin.layout(), interleaved=False), title=admin.name)
    yield from Corpus().pages(generated)


def build(directory: Path, known: list[Known], generated: int) -> None:
    with PageWriter(directory, BULK_THREADS, BULK_HEAP) as writer:
        batch: list[PageRecord] = []
        for record in records(known, generated):
            batch.append(record)
            if len(batch) == 1000:
                writer.add(batch)
                writer.commit()
                batch = []
        writer.add(batch)
        writer.commit()


def windows(known: list[Known], per_page: int) -> Iterator[Window]:
    """``per_page`` windows of each size from each page, evenly spaced."""
    rng = np.random.default_rng(29)
    for document in known:
        for number, text in enumerate(document.pages, 1):
            found = words(text)
            _folded_pages[document.doc_id, number] = " ".join(word.folded for word in found)
            for size in WINDOWS:
                starts = range(0, len(found) - size + 1)
                step = max(1, len(starts) // per_page)
                for start in list(starts)[::step][:per_page]:
                    taken = found[start : start + size]
                    folded = " ".join(word.folded for word in taken)
                    exact = " ".join(text[word.start : word.end] for word in taken)
                    yield Window(document.doc_id, number, size, folded, exact, misread_window(folded, rng))


def misread_window(folded: str, rng: np.random.Generator) -> str:
    """``folded`` with one word of two letters or more misread so that its folded form changes."""
    found = folded.split()
    candidates = [at for at, word in enumerate(found) if len(word) > 1] or [0]
    at = candidates[int(rng.integers(len(candidates)))]
    for _ in range(20):
        wrong = folded_word(misread(found[at], rng))
        if wrong != found[at] and wrong.isalnum():
            return " ".join([*found[:at], wrong, *found[at + 1 :]])
    return folded


def unique(directory: Path, window: Window) -> bool:
    """True when one document alone holds the window's words side by side (diacritics aside)."""
    return search_documents(directory, f'"{window.folded}"', limit=2, little=0).total_documents == 1


@dataclass
class Score:
    ranks: list[int | None]
    pages: list[bool]

    def line(self) -> str:
        count = len(self.ranks)
        first = sum(rank == 1 for rank in self.ranks) / count
        top3 = sum(rank is not None and rank <= 3 for rank in self.ranks) / count
        mrr = sum(1 / rank for rank in self.ranks if rank) / count
        page = sum(self.pages) / max(1, sum(rank == 1 for rank in self.ranks))
        return f"{first:6.1%} {top3:6.1%} {mrr:6.3f} {page:6.1%}"


def score(directory: Path, asked: list[Window], kind: str, nearness: Nearness, little: int = LITTLE) -> Score:
    """Where each window's document comes, and whether the page shown first holds it."""
    ranks: list[int | None] = []
    pages: list[bool] = []
    for window in asked:
        found = search_documents(
            directory, window.query(kind), limit=DEPTH, nearness=nearness, pages_shown=1, little=little
        )
        ids = [document.doc_id for document in found.documents]
        rank = ids.index(window.doc_id) + 1 if window.doc_id in ids else None
        ranks.append(rank)
        if rank == 1:
            shown = found.documents[0].pages[0].page
            pages.append(shown == window.page or f" {window.folded} " in f" {_folded_pages[window.doc_id, shown]} ")
    return Score(ranks, pages)


def report(directory: Path, asked: list[Window], held: set[str]) -> None:
    header = "success@1 success@3 MRR page@1"
    print(f"{'split':9}{'query':17}{'n':>5}   {'BM25: ' + header:34}   nearness: {header}")
    for split, kind, size in itertools.product(("tune", "held-out"), KINDS, (*WINDOWS, 0)):
        chosen = [w for w in asked if (w.doc_id in held) == (split == "held-out") and (size == 0 or w.size == size)]
        if not chosen:
            continue
        label = f"{kind} {'all' if size == 0 else f'{size} words'}"
        plain, near = score(directory, chosen, kind, PLAIN), score(directory, chosen, kind, NEARNESS)
        print(f"{split:9}{label:17}{len(chosen):>5}   {plain.line():34}   {near.line()}", flush=True)


def tune(directory: Path, asked: list[Window], held: set[str]) -> None:
    """The grid of weights on the tune split's folded, unquoted windows."""
    tuning = [w for w in asked if w.doc_id not in held]
    print(f"tune split, folded unquoted, {len(tuning)} windows: pairs phrase slop → success@1 success@3 MRR page@1")
    for pairs, phrase, slop in GRID:
        print(
            f"{pairs:5} {phrase:5} {slop:3}  {score(directory, tuning, 'folded', Nearness(pairs, phrase, slop)).line()}"
        )


def tune_little(directory: Path, asked: list[Window], held: set[str]) -> None:
    """Each ``LITTLE_GRID`` threshold on the tune split: success of every kind of query, and the latency of the
    misread ones (what asking again approximately costs)."""
    tuning = [w for w in asked if w.doc_id not in held]
    kinds = "   ".join(f"{kind}: success@1 success@3 MRR page@1" for kind in KINDS)
    print(f"tune split, {len(tuning)} windows; little → {kinds}   misread p50 / p95")
    for little in LITTLE_GRID:
        lines = "   ".join(score(directory, tuning, kind, NEARNESS, little).line() for kind in KINDS)
        print(f"{little:6}  {lines}   {latency(directory, tuning, NEARNESS, 'misread', little)}", flush=True)


def latency(
    directory: Path, asked: list[Window], nearness: Nearness, kind: str = "folded", little: int = LITTLE
) -> str:
    """p50 / p95 of the queries of one kind, in ms."""
    times = []
    for window in asked:
        start = time.perf_counter()
        search_documents(directory, window.query(kind), limit=DEPTH, nearness=nearness, little=little)
        times.append((time.perf_counter() - start) * 1000)
    return f"{statistics.median(times):.1f} / {statistics.quantiles(times, n=20)[-1]:.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--realscans", type=Path, help="the real-scans folder: born-digital text layers from its PDFs")
    parser.add_argument("--pages", type=int, default=2000, help="generated distractor pages (default 2000)")
    parser.add_argument("--per-page", type=int, default=PER_PAGE, help="windows per page and size")
    parser.add_argument("--tune", action="store_true", help="print the grid of weights on the tune split")
    parser.add_argument(
        "--little", action="store_true", help="print success and latency on the tune split for each LITTLE threshold"
    )
    parser.add_argument("--keep", type=Path, help="build the index in this folder (reused when it exists)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-relevance-"))
    directory = work / "index"
    known = known_documents(args.realscans)
    try:
        if not (directory / "meta.json").exists():
            started = time.perf_counter()
            build(directory, known, args.pages)
            print(f"indexed in {time.perf_counter() - started:.0f} s")
        asked = [window for window in windows(known, args.per_page) if unique(directory, window)]
        held = held_out(known)
        print(
            f"{len(known)} real documents ({len(held)} held out: {', '.join(sorted(held))}), "
            f"{ADMIN_DOCUMENTS} Decree-30 documents, {args.pages:,} generated pages; "
            f"{len(asked)} windows held by one document; {NEARNESS}"
        )
        if args.tune:
            tune(directory, asked, held)
        elif args.little:
            tune_little(directory, asked, held)
        else:
            report(directory, asked, held)
        print(
            f"folded unquoted queries, p50 / p95: nearness {latency(directory, asked, NEARNESS)}, "
            f"BM25 {latency(directory, asked, PLAIN)}; misread: {latency(directory, asked, NEARNESS, 'misread')}"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
