"""OCR accuracy and speed: the whole digitize pipeline against OCRmyPDF on the same degraded scans.

Run from the project root:  .venv/bin/python -m benchmarks.ocr [--pages 24] [--jobs 2]
(needs the benchmark extras and Debian's ghostscript and unpaper: `make bench` installs them)

Generated A4 pages (benchmarks/pages.py: four layouts, the five fonts, light,
medium and heavy scans in turn, each turned a random skew within ±45°) are
saved as one scanned PDF at 300 DPI, the input of both:

- ``digitize run`` (``pipelines.batch.run_batch``) into a fresh archive: read,
  deskew, clean, OCR, metadata, searchable PDF and index;
- ``ocrmypdf -l vie --deskew --rotate-pages --clean --sidecar`` into a PDF/A.

Both run ``--jobs`` pages at a time with one Tesseract thread each
(``OMP_THREAD_LIMIT=1``). Pages per minute is pages over each tool's wall
time. Errors are ``digitize eval``'s: CER, CER without diacritics, WER and
the order-free word error, totals over all pages, then the CER by noise level,
skew, font and layout.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.pages import BenchPage, bench_pages
from digitize.evaluation import Score
from pipelines.archive.layout import Archive
from pipelines.batch.context import BatchSettings
from pipelines.batch.run import run_batch
from pipelines.demo.ground_truth import PAGE_BREAK, Evaluation, archive_predictions, evaluate, folder_predictions

NOISES = ("light", "medium", "heavy")
SKEW_BANDS = ((0, 5), (5, 15), (15, 30), (30, 45.01))
NAME = "scans"


def degraded_pages(count: int, seed: int) -> list[BenchPage]:
    """Noise level changing every page, layout every page, font every four pages."""
    return [
        bench_pages(1, max_turn=45.0, seed=seed, noises=(NOISES[i % len(NOISES)],), start=i)[0] for i in range(count)
    ]


def run_digitize(pdf: Path, folder: Path, jobs: int) -> tuple[Evaluation, float]:
    archive = Archive(folder / "archive")
    start = time.perf_counter()
    summary = run_batch([pdf], "benchmark", archive, BatchSettings(jobs=jobs, show_progress=False))
    seconds = time.perf_counter() - start
    if summary.failures:
        raise SystemExit(f"digitize failed: {summary.failures}")
    return evaluate(folder / "truth", archive_predictions(archive)), seconds


def run_ocrmypdf(pdf: Path, folder: Path, jobs: int) -> tuple[Evaluation, float]:
    out = folder / "ocrmypdf"
    out.mkdir()
    command = [sys.executable, "-m", "ocrmypdf", "-l", "vie", "--deskew", "--rotate-pages", "--clean"]
    command += ["--sidecar", str(out / f"{NAME}.txt"), "--jobs", str(jobs), str(pdf), str(out / f"{NAME}.pdf")]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ocrmypdf exited {done.returncode}:\n{done.stderr[-2000:]}")
    return evaluate(folder / "truth", folder_predictions(out)), seconds


def _pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.2%}"


def _skew_band(page: BenchPage) -> int:
    return next(i for i, (low, high) in enumerate(SKEW_BANDS) if low <= abs(page.turn_deg) < high)


#: How pages are grouped for the CER breakdown: a sort key, and its label.
GROUPINGS: dict[str, tuple[Callable[[BenchPage], object], Callable[[object], str]]] = {
    "noise": (lambda page: NOISES.index(page.noise), lambda i: NOISES[i]),
    "skew": (_skew_band, lambda i: f"|skew| {SKEW_BANDS[i][0]}–{round(SKEW_BANDS[i][1])}°"),
    "font": (lambda page: page.font, str),
    "layout": (lambda page: page.layout, str),
}


def _grouped(pages: list[BenchPage], evaluation: Evaluation, key: Callable[[BenchPage], object]) -> dict:
    """Scores and page counts summed by ``key``, in its order."""
    groups: dict[object, tuple[Score, int]] = {}
    for page, scored in sorted(zip(pages, evaluation.pages, strict=True), key=lambda pair: key(pair[0])):
        total, count = groups.get(key(page), (Score(), 0))
        groups[key(page)] = (total + scored.score, count + 1)
    return groups


def print_report(pages: list[BenchPage], results: dict[str, tuple[Evaluation, float]], jobs: int) -> None:
    tools = list(results)
    print(f"\n{len(pages)} generated A4 pages at 300 DPI in one PDF, skew within ±45°, --jobs {jobs}")
    print(f"{'':<14}" + "".join(f"{tool:>14}" for tool in tools))
    rows = {
        "CER": lambda e, s: _pct(e.total.cer),
        "CER no marks": lambda e, s: _pct(e.total.folded_cer),
        "WER": lambda e, s: _pct(e.total.wer),
        "WER any order": lambda e, s: _pct(e.total.bag_wer),
        "pages/min": lambda e, s: f"{len(pages) * 60 / s:.1f}",
        "seconds": lambda e, s: f"{s:.0f}",
    }
    for name, cell in rows.items():
        print(f"{name:<14}" + "".join(f"{cell(*results[tool]):>14}" for tool in tools))
    for title, (key, label) in GROUPINGS.items():
        groups = {tool: _grouped(pages, evaluation, key) for tool, (evaluation, _) in results.items()}
        width = max(len(f"CER by {title}"), *(len(label(value)) for value in groups[tools[0]]))
        print(f"\n{f'CER by {title}':<{width}}" + "".join(f"{tool:>14}" for tool in tools) + f"{'pages':>7}")
        for value, (_, count) in groups[tools[0]].items():
            cells = "".join(f"{_pct(groups[tool][value][0].cer):>14}" for tool in tools)
            print(f"{label(value):<{width}}{cells}{count:>7}")
    print(f"\nPages by CER ({tools[0]}), worst first:")
    evaluation = results[tools[0]][0]
    worst = sorted(zip(pages, evaluation.pages, strict=True), key=lambda pair: -(pair[1].score.cer or 0))
    for page, scored in worst[:5]:
        others = "  ".join(f"{tool} {_pct(results[tool][0].pages[scored.page - 1].score.cer)}" for tool in tools[1:])
        print(f"  {page.name} turned {page.turn_deg:+.1f}°: CER {_pct(scored.score.cer)}, {others}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--seed", type=int, default=11, help="of the generated pages (the tests and tuning used others)"
    )
    parser.add_argument("--keep", type=Path, help="keep the scans, truth and both outputs in this new folder")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"  # for our workers and OCRmyPDF's Tesseract alike
    pages = degraded_pages(args.pages, args.seed)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        (folder / "truth").mkdir(parents=True)
        (folder / "truth" / f"{NAME}.txt").write_text(PAGE_BREAK.join(p.text for p in pages), encoding="utf-8")
        pdf = folder / f"{NAME}.pdf"
        first, *rest = (page.image for page in pages)
        first.save(pdf, "PDF", save_all=True, append_images=rest, resolution=300.0)
        results = {
            "digitize": run_digitize(pdf, folder, args.jobs),
            "OCRmyPDF": run_ocrmypdf(pdf, folder, args.jobs),
        }
    print_report(pages, results, args.jobs)


if __name__ == "__main__":
    main()
