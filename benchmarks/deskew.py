"""Skew and orientation on generated scans: this project beside `deskew` and `jdeskew`.

Run from the project root:  .venv/bin/python -m benchmarks.deskew [--pages 60]
(needs the benchmark extras: .venv/bin/pip install -e '.[bench]')

Part 1, skew: pages turned uniformly within ±45°, in every layout, font and
noise level of ``benchmarks.pages``; each estimator measures every page, one
at a time, on the same greyscale array. Figures, DISE-style: AED (mean
absolute error), TOP80 (mean of the best 80%), CE (share within 0.1°), WE
(worst error) and milliseconds per page.

Part 2, orientation: the same kind of pages also turned 90°, 180° or 270°;
this project against Tesseract's OSD (``--psm 0``) run on the page once our
skew is removed (OSD alone fails on skewed pages).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytesseract

from benchmarks.pages import BenchPage, bench_pages
from digitize import deskew
from digitize.ink import find_ink
from digitize.orientation import measure_turn


def _fold(angle: float) -> float:
    """``angle`` less the nearest multiple of 90°: skews compare modulo quarter turns."""
    return angle - 90.0 * round(angle / 90.0)


def _ours(grey: np.ndarray) -> float:
    return measure_turn(find_ink(grey)).skew_deg


def _deskew_package(grey: np.ndarray) -> float:
    import deskew as deskew_package

    angle = deskew_package.determine_skew(grey)
    return 0.0 if angle is None else -float(angle)  # it returns the correction


def _jdeskew(grey: np.ndarray) -> float:
    from jdeskew.estimator import get_angle

    return -float(get_angle(grey, angle_max=45))  # it returns the correction


ESTIMATORS: dict[str, Callable[[np.ndarray], float]] = {
    "digitize": _ours,
    "jdeskew (angle_max=45)": _jdeskew,
    "deskew": _deskew_package,
}


def _render(args: tuple[int, int, tuple[int, ...], int]) -> list[BenchPage]:
    start, count, turns, seed = args
    return bench_pages(count, turns=turns, seed=seed, start=start)


def render(count: int, turns: tuple[int, ...], seed: int) -> list[tuple[BenchPage, np.ndarray]]:
    """``count`` pages rendered on two processes (rendering is not what is measured)."""
    halves = [(0, count // 2, turns, seed), (count // 2, count - count // 2, turns, seed)]
    with ProcessPoolExecutor(2) as pool:
        pages = [page for chunk in pool.map(_render, halves) for page in chunk]
    return [(page, np.asarray(page.image)) for page in pages]


def skew_table(pages: list[tuple[BenchPage, np.ndarray]]) -> None:
    print(f"\nSkew: {len(pages)} A4 pages at 300 DPI, turned within ±45°")
    print(f"{'estimator':<24}{'AED °':>8}{'TOP80 °':>9}{'CE':>7}{'WE °':>8}{'ms/page':>9}")
    for name, estimate in ESTIMATORS.items():
        errors, seconds = [], 0.0
        for page, grey in pages:
            start = time.perf_counter()
            angle = estimate(grey)
            seconds += time.perf_counter() - start
            errors.append(abs(_fold(angle - page.turn_deg)))
        errors = np.sort(np.array(errors))
        top80 = errors[: max(1, int(0.8 * len(errors)))].mean()
        print(
            f"{name:<24}{errors.mean():>8.3f}{top80:>9.3f}{(errors <= 0.1).mean():>7.1%}"
            f"{errors.max():>8.2f}{1000 * seconds / len(pages):>9.0f}"
        )
    by_group: dict[str, list[float]] = {}
    for page, grey in pages:
        error = abs(_fold(_ours(grey) - page.turn_deg))
        for key in (page.layout, page.noise, page.font):
            by_group.setdefault(key, []).append(error)
    print(
        "digitize AED by layout, noise and font: "
        + ", ".join(f"{key} {np.mean(values):.3f}°" for key, values in by_group.items())
    )


def _osd_orientation(grey: np.ndarray, skew: float) -> int:
    levelled = deskew.rotate(grey, -skew)
    try:
        osd = pytesseract.image_to_osd(levelled, output_type=pytesseract.Output.DICT)
    except pytesseract.TesseractError:
        return -1
    # OSD's "rotate" is the content's counter-clockwise turn; its "orientation" is the opposite.
    return int(osd["rotate"]) % 360


def orientation_table(pages: list[tuple[BenchPage, np.ndarray]]) -> None:
    print(f"\nOrientation: {len(pages)} pages turned 0/90/180/270° plus a skew within ±45°")
    print(f"{'method':<34}{'correct':>9}{'ms/page':>9}{'mean confidence (right / wrong)':>34}")
    truth = [round((page.turn_deg - _fold(page.turn_deg)) / 90.0) * 90 % 360 for page, _ in pages]
    right, wrong, seconds, turns = [], [], 0.0, []
    for (page, grey), expected in zip(pages, truth, strict=True):
        start = time.perf_counter()
        turn = measure_turn(find_ink(grey))
        seconds += time.perf_counter() - start
        turns.append(turn)
        (right if turn.orientation == expected else wrong).append(turn.confidence)
        if turn.orientation != expected:
            print(f"  wrong: {page.name} turned {page.turn_deg}°, read as {turn}")
    confidence = f"{np.mean(right):.2f} / {np.mean(wrong):.2f}" if wrong else f"{np.mean(right):.2f} / —"
    print(f"{'digitize':<34}{len(right) / len(pages):>9.1%}{1000 * seconds / len(pages):>9.0f}{confidence:>34}")
    correct, seconds = 0, 0.0
    for (_, grey), expected, turn in zip(pages, truth, turns, strict=True):
        start = time.perf_counter()
        correct += _osd_orientation(grey, turn.skew_deg) == expected
        seconds += time.perf_counter() - start
    print(f"{'tesseract OSD, after our deskew':<34}{correct / len(pages):>9.1%}{1000 * seconds / len(pages):>9.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pages", type=int, default=60, help="pages per part (default 60: every layout × font × noise)"
    )
    parser.add_argument("--only", choices=("skew", "orientation"), help="run one part")
    args = parser.parse_args()
    if args.only != "orientation":
        skew_table(render(args.pages, turns=(0,), seed=11))
    if args.only != "skew":
        orientation_table(render(args.pages, turns=(0, 90, 180, 270), seed=23))


if __name__ == "__main__":
    main()
