"""Pages per minute of the whole ``digitize run`` beside the engine alone and beside OCRmyPDF.

Run from the project root:  .venv/bin/python -m benchmarks.throughput [--pages 40] [--jobs 2]
(OCRmyPDF needs the benchmark extras and Ghostscript: `make bench` installs them.)

The same generated A4 pages at 300 DPI (seed articles in five fonts and four
layouts, lightly and moderately degraded, skewed within ±2° as real scans are)
go through, each with the same number of parallel jobs:

- ``digitize run`` on the folder of PNG pages, as the command line runs it:
  decode, preprocess, OCR, ALTO/hOCR, searchable PDF, metadata, index;
- plain ``tesseract IMG - -l vie`` on each PNG, ``OMP_THREAD_LIMIT=1``,
  ``--jobs`` processes at a time: the engine alone, the ceiling;
- OCRmyPDF on one PDF of the same pages (``-l vie --jobs N``, and with
  ``--cleanup`` also ``--deskew --rotate-pages --clean``, which is slow);
- ``digitize run`` with one job, for the scaling from 1 to ``--jobs``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.pages import bench_pages


def render(folder: Path, count: int) -> tuple[list[Path], Path]:
    pages = bench_pages(count, max_turn=2.0, noises=("light", "medium"), seed=40)
    paths = []
    for page in pages:
        path = folder / f"{page.name}.png"
        page.image.save(path, dpi=(300, 300))
        paths.append(path)
    pdf = folder.parent / "pages.pdf"
    first, *rest = [page.image for page in pages]
    first.save(pdf, "PDF", save_all=True, append_images=rest, resolution=300.0)
    return paths, pdf


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _digitize(folder: Path, archive: Path, jobs: int) -> None:
    digitize = Path(sys.executable).with_name("digitize")
    command = [str(digitize), "run", str(folder), "--collection", "bench", "--archive", str(archive)]
    subprocess.run([*command, "--jobs", str(jobs)], check=True, capture_output=True)


def plain_tesseract(paths: list[Path], jobs: int) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def read(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "-l", "vie"], check=True, capture_output=True, env=env)

    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(read, paths))


def _ocrmypdf(pdf: Path, out: Path, jobs: int, cleanup: bool) -> None:
    options = ["--deskew", "--rotate-pages", "--clean"] if cleanup else []
    command = [sys.executable, "-m", "ocrmypdf", "-l", "vie", "--jobs", str(jobs), *options, str(pdf), str(out)]
    subprocess.run(command, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cleanup", action="store_true", help="also time OCRmyPDF --deskew --rotate-pages --clean")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "pages").mkdir()
        paths, pdf = render(work / "pages", args.pages)
        print(f"{args.pages} A4 pages at 300 DPI, {args.jobs} jobs, {os.cpu_count()} CPUs\n")
        runs: dict[str, float] = {}
        runs[f"tesseract IMG - -l vie, {args.jobs} at a time"] = _timed(lambda: plain_tesseract(paths, args.jobs))
        runs[f"digitize run --jobs {args.jobs}"] = _timed(lambda: _digitize(work / "pages", work / "a2", args.jobs))
        runs["digitize run --jobs 1"] = _timed(lambda: _digitize(work / "pages", work / "a1", 1))
        if shutil.which("gs") is None or importlib.util.find_spec("ocrmypdf") is None:
            print("OCRmyPDF left out: it or Ghostscript is not installed (make bench installs both)\n")
        else:
            runs[f"ocrmypdf -l vie --jobs {args.jobs}"] = _timed(
                lambda: _ocrmypdf(pdf, work / "plain.pdf", args.jobs, cleanup=False)
            )
            if args.cleanup:
                runs[f"ocrmypdf -l vie --jobs {args.jobs} --deskew --rotate-pages --clean"] = _timed(
                    lambda: _ocrmypdf(pdf, work / "clean.pdf", args.jobs, cleanup=True)
                )

    engine = next(iter(runs.values()))
    print(f"{'':<62}{'seconds':>9}{'pages/min':>11}{'vs engine':>11}")
    for name, seconds in runs.items():
        print(f"{name:<62}{seconds:>9.1f}{args.pages / seconds * 60:>11.1f}{engine / seconds:>10.0%}")
    one, many = runs["digitize run --jobs 1"], runs[f"digitize run --jobs {args.jobs}"]
    print(f"\ndigitize run from 1 to {args.jobs} jobs: {one / many:.2f}× the pages per minute")


if __name__ == "__main__":
    main()
