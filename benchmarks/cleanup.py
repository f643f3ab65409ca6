"""Which cleanup steps earn their place: OCR error with each step added in turn.

Run from the project root:  .venv/bin/python -m benchmarks.cleanup [--pages 10]
(needs the benchmark extras: .venv/bin/pip install -e '.[bench]')

Heavily degraded scans (blur 1.2 px, noise sd 16, specks, a 35% lighting
drop, JPEG quality 40) of generated pages turned within ±15°, and the same
pages scanned clean, are read by the default engine (`auto`: trueocr and Tesseract `vie`) after each variant
of the preprocessing. Figures: CER (Levenshtein on whitespace-normalized
text) and the share of words lost or wrong counted regardless of reading
order, per variant, with seconds of preprocessing per page.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import cv2
import numpy as np
from rapidfuzz.distance import Levenshtein

from benchmarks.pages import bench_pages
from digitize import deskew, preprocess
from digitize.ink import find_ink
from digitize.ocr.engines import recognize
from digitize.orientation import measure_turn


def _levelled(grey: np.ndarray, fill: int | None = None) -> np.ndarray:
    return deskew.rotate(grey, -measure_turn(find_ink(grey)).total_deg, fill=fill)


def _sauvola(grey: np.ndarray, window: int = 31, k: float = 0.2) -> np.ndarray:
    """Sauvola's adaptive threshold, from box-filtered mean and variance."""
    values = grey.astype(np.float32)
    mean = cv2.boxFilter(values, -1, (window, window))
    sd = np.sqrt(np.maximum(cv2.boxFilter(values * values, -1, (window, window)) - mean * mean, 0))
    return np.where(values > mean * (1 + k * (sd / 128 - 1)), 255, 0).astype(np.uint8)


VARIANTS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "none (raw scan)": lambda grey: grey,
    "deskew, white corners": lambda grey: _levelled(grey, fill=255),
    "deskew, paper-grey corners": _levelled,
    "+ flatten background": lambda grey: preprocess.flatten_background(_levelled(grey)),
    "digitize default": lambda grey: preprocess.prepare(grey).image,
    "+ median 3×3": lambda grey: cv2.medianBlur(preprocess.prepare(grey).image, 3),
    "+ median 5×5": lambda grey: cv2.medianBlur(preprocess.prepare(grey).image, 5),
    "+ Sauvola binarization": lambda grey: _sauvola(preprocess.prepare(grey).image),
}


def _words_lost(truth: str, read: str) -> float:
    expected, got = Counter(truth.split()), Counter(read.split())
    return sum((expected - got).values()) / max(1, sum(expected.values()))


def _measure(task: tuple[str, str, np.ndarray, str]) -> tuple[str, str, float, float, float]:
    variant, quality, grey, truth = task
    start = time.perf_counter()
    image = VARIANTS[variant](grey)
    seconds = time.perf_counter() - start
    read = " ".join(recognize(image).text.split())
    truth = " ".join(truth.split())
    return variant, quality, Levenshtein.distance(truth, read) / len(truth), _words_lost(truth, read), seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    sets = {
        quality: bench_pages(args.pages, max_turn=15.0, seed=5, noises=(quality,)) for quality in ("heavy", "clean")
    }
    tasks = [
        (variant, quality, np.asarray(page.image), page.text)
        for quality, pages in sets.items()
        for variant in (VARIANTS if quality == "heavy" else ["digitize default"])
        for page in pages
    ]
    results: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for variant, quality, cer, lost, seconds in pool.map(_measure, tasks):
            results.setdefault((variant, quality), []).append((cer, lost, seconds))
    print(f"\nOCR after each cleanup variant: {args.pages} generated A4 pages, turned within ±15°, engine auto")
    print(f"{'variant':<30}{'scan':>7}{'CER':>8}{'words lost':>12}{'worst CER':>11}{'s/page':>8}")
    for (variant, quality), rows in results.items():
        cer, lost, seconds = (np.array(column) for column in zip(*rows, strict=True))
        print(
            f"{variant:<30}{quality:>7}{cer.mean():>8.2%}{lost.mean():>12.2%}{cer.max():>11.2%}{seconds.mean():>8.2f}"
        )


if __name__ == "__main__":
    main()
