"""What each reader and stage of ``digitize run`` costs a page, in CPU seconds, on generated and on real pages.

Run from the project root:
  OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.page_costs [--pages 12] [REALSCANS --real-pages 6]

The whole ``digitize run`` (``pipelines.batch.run.run_batch``, one job, in this
process) reads ``benchmarks.throughput``'s generated pages, and with a
real-scans folder the first ``--real-pages`` pages of its ``scans/`` PDFs.
Each stage's functions are wrapped with a CPU clock (this process's, plus any
child's) while the run lasts; a stage's figure is its own time, without the
stages it calls, so the rows add up to the run. CPU seconds rather than wall
seconds: they hold steady on a machine shared with others, where the wall
clock of ``benchmarks.throughput`` swings. What a worker process pays once
(start-up, loading the models) is given apart from what it pays a page.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

#: (row, module, owner in it or "", attribute): the functions whose own time is a row of the table, in page order.
STAGES = (
    ("decode the page", "digitize.ingest", "", "load_page"),
    ("prepare the page", "digitize.preprocess", "", "prepare"),
    ("trueocr: line detector", "digitize.ocr.trueocr", "TrueOcrEngine", "_line_boxes"),
    ("trueocr: line reads", "digitize.ocr.trueocr", "TrueOcrEngine", "_run"),
    ("trueocr: line reads", "digitize.ocr.trueocr", "TrueOcrEngine", "_inputs"),
    ("trueocr: unsure lines re-read", "digitize.ocr.trueocr", "", "vote"),
    ("trueocr: words, boxes", "digitize.ocr.trueocr", "", "_words"),
    ("trueocr: lexicon respelling", "digitize.ocr.trueocr", "", "respelled"),
    ("layout: columns, order", "digitize.ocr.trueocr", "", "find_ink"),
    ("layout: columns, order", "digitize.ocr.trueocr", "", "split_at_columns"),
    ("layout: columns, order", "digitize.ocr.trueocr", "", "fit_to_lines"),
    ("layout: columns, order", "digitize.ocr.trueocr", "TrueOcrEngine", "_blocks"),
    ("layout: columns, order", "digitize.ocr.trueocr", "", "in_reading_order"),
    ("tesseract: line reads", "digitize.ocr.tesseract", "TesseractEngine", "read_box_lines"),
    ("tesseract: lines trueocr missed", "digitize.ocr.combined", "CombinedEngine", "_missed_lines"),
    ("tesseract: lines trueocr missed", "digitize.ocr.tesseract", "TesseractEngine", "line_boxes"),
    ("referee (asterocr)", "digitize.ocr.asterocr", "AsterOcrReader", "read_box_lines"),
    ("vote", "digitize.ocr.combined", "", "to_settle"),
    ("vote", "digitize.ocr.combined", "", "vote_page"),
    ("vote", "digitize.ocr.combined", "", "verdicts"),
    ("OCR, rest", "digitize.page", "", "_read"),
    ("language of the page", "digitize.page", "", "detect_language"),
    ("first page: header evidence", "pipelines.batch.run", "", "with_header_evidence"),
    ("output: page image (JPEG)", "pipelines.batch.run", "", "write_image"),
    ("output: ALTO", "digitize.alto", "", "to_xml"),
    ("output: hOCR", "digitize.hocr", "", "to_xhtml"),
    ("output: document PDF", "pipelines.batch.run", "", "write_document_pdf"),
    ("metadata, METS, description", "pipelines.batch.run", "", "write_description"),
    ("index", "pipelines.batch.run", "", "index_pending"),
)
#: Paid once by each worker process, not a page.
ONCE = (("load the models", "digitize.ocr.engines", "", "_load"),)
#: The unsure lines are re-read by the same ``_inputs``/``_run`` as the first reads: told apart by the margin.
REREAD = "trueocr: unsure lines re-read"
REST = "catalog, planning, rest of the run"


def cpu() -> float:
    """CPU seconds of this process (every thread) and of its finished children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class CostMeter:
    """Each stage's own CPU seconds: a stage called inside another is taken out of the outer one's figure."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[list[float]] = []  # per open stage: [its start, the time its inner stages took]
        self._rereading = False

    def timed(self, label: str, function: Callable) -> Callable:
        @wraps(function)
        def run(*args, **kwargs):
            row = REREAD if self._rereading and label == "trueocr: line reads" else label
            if function.__name__ == "_inputs":  # the re-reads use the other margins (``TrueOcrEngine.margins``)
                self._rereading = args[3] != args[0].margins[0]
                row = REREAD if self._rereading else label
            self._stack.append([cpu(), 0.0])
            try:
                return function(*args, **kwargs)
            finally:
                started, inner = self._stack.pop()
                spent = cpu() - started
                self.seconds[row] += spent - inner
                if self._stack:
                    self._stack[-1][1] += spent

        return run

    @contextmanager
    def installed(self, stages: tuple[tuple[str, str, str, str], ...]) -> Iterator[CostMeter]:
        """The stages' functions wrapped while the block runs, and put back after."""
        import importlib

        undo = []
        for label, module_name, owner_name, attribute in stages:
            owner = importlib.import_module(module_name)
            owner = getattr(owner, owner_name) if owner_name else owner
            original = getattr(owner, attribute)
            setattr(owner, attribute, self.timed(label, original))
            undo.append((owner, attribute, original))
        try:
            yield self
        finally:
            for owner, attribute, original in reversed(undo):
                setattr(owner, attribute, original)


def measure(folder: Path, archive: Path) -> tuple[dict[str, float], float, int]:
    """Each stage's CPU seconds over a whole ``digitize run`` of ``folder``, the run's wall seconds, its pages."""
    from pipelines.archive.layout import Archive
    from pipelines.batch.context import QUIET
    from pipelines.batch.run import run_batch

    meter = CostMeter()
    with meter.installed(STAGES + ONCE):
        started, wall = cpu(), time.perf_counter()
        summary = run_batch([folder], "bench", Archive(archive), QUIET)
        total, wall = cpu() - started, time.perf_counter() - wall
    if summary.failures:
        raise SystemExit(f"the run failed: {summary.failures}")
    seconds = dict(meter.seconds)
    seconds[REST] = total - sum(seconds.values())
    return seconds, wall, summary.pages


def start_up() -> float:
    """CPU seconds a new process spends before it reads a page: Python and the ``digitize`` command loaded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([str(Path(sys.executable).with_name("digitize")), "run", "--help"], check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def plain_tesseract(images: list[Path]) -> float:
    """CPU seconds a page of the peer, plain ``tesseract IMG - -l vie`` on one core, on the same pages."""
    from benchmarks.throughput import plain_tesseract as read

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    read(images, 1)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / len(images)


def generated(folder: Path, count: int) -> tuple[Path, list[Path]]:
    """``benchmarks.throughput``'s pages, one PNG each: the folder ``digitize run`` reads, and the images."""
    from benchmarks.throughput import render

    folder.mkdir()
    return folder, render(folder, count)[0]


def real(source: Path, folder: Path, count: int) -> tuple[Path, list[Path]]:
    """The first scan PDFs of the real-scans folder, whole, until they hold at least ``count`` pages: a folder of
    them, and each page as a 300-dpi PNG beside it for plain Tesseract."""
    import pypdfium2

    (folder / "pdf").mkdir(parents=True)
    images: list[Path] = []
    for pdf in sorted((source / "scans").glob("*.pdf")):
        if len(images) >= count:
            break
        shutil.copy(pdf, folder / "pdf" / pdf.name)
        for number, page in enumerate(pypdfium2.PdfDocument(pdf), 1):
            images.append(folder / f"{pdf.stem}-{number}.png")
            page.render(scale=300 / 72, grayscale=True).to_pil().save(images[-1])
    return folder / "pdf", images


def report(runs: dict[str, tuple[dict[str, float], float, int]], peers: dict[str, float], once: float) -> None:
    """The table: each stage's CPU seconds a page and its share of the page, run by run; the peer below it."""
    labels = list(dict.fromkeys([label for label, *_ in STAGES] + [REREAD, REST]))
    per_page = {
        name: {label: seconds.get(label, 0.0) / pages for label in labels} for name, (seconds, _, pages) in runs.items()
    }
    totals = {name: sum(stages.values()) for name, stages in per_page.items()}
    print(f"{'CPU seconds a page (share)':<34}" + "".join(f"{name:>22}" for name in runs))
    for label in labels:
        cells = (f"{stages[label]:>15.3f} ({stages[label] / totals[name]:>4.0%})" for name, stages in per_page.items())
        print(f"{label:<34}" + "".join(cells))
    print(f"{'whole page':<34}" + "".join(f"{totals[name]:>15.3f} (100%)" for name in runs))
    print(f"{'plain tesseract -l vie (peer)':<34}" + "".join(f"{peers[name]:>22.3f}" for name in runs))
    ratios = (f"{peers[name] / totals[name]:>21.0%}" for name in runs)
    print(f"{'peer / whole page (CPU)':<34}" + " ".join(ratios))
    walls = (f"{wall / pages:.2f} s, {pages} pages" for _, wall, pages in runs.values())
    print(f"{'wall a page, one job':<34}" + "".join(f"{cell:>22}" for cell in walls))
    print("\nonce a worker process (CPU seconds):")
    print(f"  start-up (Python, `digitize run --help`)  {once:.2f}")
    for name, (seconds, _, _) in runs.items():
        print(f"  load the models ({name})  {seconds.get(ONCE[0][0], 0.0):.2f}")
    print(f"\nload average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("realscans", type=Path, nargs="?", help="the real-scans folder (its scans/ PDFs)")
    parser.add_argument("--pages", type=int, default=12, help="generated pages")
    parser.add_argument("--real-pages", type=int, default=6, help="real pages at least (whole PDFs)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    runs, peers = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sets = {"generated": generated(work / "generated", args.pages)}
        if args.realscans:
            sets["real scans"] = real(args.realscans, work / "real", args.real_pages)
        for name, (folder, images) in sets.items():
            runs[name] = measure(folder, work / f"archive-{len(runs)}")
            peers[name] = plain_tesseract(images)
    report(runs, peers, start_up())


if __name__ == "__main__":
    main()
