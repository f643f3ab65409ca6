"""Which way to drive Tesseract: a ``tesseract`` process per page (pytesseract) or the library kept loaded (tesserocr).

Run from the project root:  .venv/bin/python -m benchmarks.engine [--pages 10]
(needs the benchmark extras: .venv/bin/pip install -e '.[bench]')

The same generated A4 pages (light and medium scans turned within ±15°,
prepared by ``preprocess.prepare`` beforehand, so only OCR is timed) are read
with `vie` at psm 3 both ways, in a pool of 1 and of 2 worker processes with
OMP_THREAD_LIMIT=1, the two engines alternating page by page so that both
see the same load from whatever else runs on the machine. Figures per
engine: CPU seconds per page (the ``tesseract`` child processes included,
engine loading included), wall seconds per page, pages a minute (processes ×
60 / wall seconds), and CER (Levenshtein on whitespace-normalized text)
against the text rendered.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import cv2
import numpy as np
import pytesseract
from rapidfuzz.distance import Levenshtein

from benchmarks.pages import bench_pages
from digitize import preprocess
from digitize.ocr import tesseract
from digitize.ocr.engines import recognize
from digitize.ocr.options import DEFAULT_LANG, DEFAULT_PSM
from digitize.ocr.page import OcrPage
from pipelines.batch.executors import limit_engine_threads


def _pytesseract(image: np.ndarray) -> str:
    """The previous engine path: a PGM file handed to a new ``tesseract`` process, its TSV parsed the same way."""
    with tempfile.NamedTemporaryFile(suffix=".pgm") as page_file:
        cv2.imwrite(page_file.name, image)
        data = pytesseract.image_to_data(
            page_file.name,
            lang=DEFAULT_LANG,
            config=f"--psm {DEFAULT_PSM}",
            output_type=pytesseract.Output.DICT,
        )
    return OcrPage(tesseract.assemble(data)).text


def _tesserocr(image: np.ndarray) -> str:
    return recognize(image).text


ENGINES: dict[str, Callable[[np.ndarray], str]] = {"pytesseract": _pytesseract, "tesserocr": _tesserocr}


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (pytesseract's ``tesseract`` runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _read(task: tuple[str, int, np.ndarray]) -> tuple[str, int, float, float, str]:
    engine, index, image = task
    cpu, wall = _cpu_seconds(), time.perf_counter()
    text = ENGINES[engine](image)
    return engine, index, _cpu_seconds() - cpu, time.perf_counter() - wall, text


def _cer(truth: str, read: str) -> float:
    truth, read = " ".join(truth.split()), " ".join(read.split())
    return Levenshtein.distance(truth, read) / len(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    pages = bench_pages(args.pages, max_turn=15.0, seed=11, noises=("light", "medium"))
    images = [preprocess.prepare(np.asarray(page.image)).image for page in pages]
    # Alternate which engine reads a page first, so neither always meets the other's warm caches.
    tasks = [
        (engine, i, image)
        for i, image in enumerate(images)
        for engine in (ENGINES if i % 2 == 0 else reversed(ENGINES))
    ]
    print(f"\nTesseract vie psm 3 on {args.pages} generated A4 pages at 300 DPI, already prepared; OMP_THREAD_LIMIT=1")
    print(f"{'engine':<13}{'processes':>10}{'CPU s/page':>11}{'wall s/page':>12}{'pages/min':>10}{'CER':>8}")
    for jobs in (1, 2):
        results: dict[str, list[tuple[float, float, float]]] = {engine: [] for engine in ENGINES}
        with ProcessPoolExecutor(jobs, initializer=limit_engine_threads) as pool:
            for engine, index, cpu, wall, text in pool.map(_read, tasks):
                results[engine].append((cpu, wall, _cer(pages[index].text, text)))
        for engine, rows in results.items():
            cpu, wall, cer = (float(np.mean(column)) for column in zip(*rows, strict=True))
            print(f"{engine:<13}{jobs:>10}{cpu:>11.2f}{wall:>12.2f}{jobs * 60 / wall:>10.1f}{cer:>8.2%}")


if __name__ == "__main__":
    main()
