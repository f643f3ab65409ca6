"""Does a change to the vote of ``--engine auto`` (a calibrated word confidence, a rule) make it better on pages
it was not fitted on?

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.fit_calibration ../shared/realscans [--quick] [--readings FILE]

Every page of ``benchmarks/generalization_pages.py`` is prepared as the pipeline
prepares it and read by ``CombinedEngine.readings``: each line as Tesseract's
and trueocr's readings. A word counts as right when it is one of the page's
true words. A logistic map from each engine's word confidence and whether the
word is well-formed Vietnamese (``digitize.quality.is_syllable``; numbers and
punctuation count) to P(right) is fitted on the TUNE pages' words only. Then
the vote is scored on both splits, side by side: as the engine votes
(``vote.vote_page``, the engine's own judge ``vote.by_confidence``), with every
page voted however little its readings agree, with the calibrated probabilities
(plain, and by page condition), and each engine's line readings alone; CER and
order-free word error by kind of page. ``--readings FILE`` keeps the readings (pickle) so that a
refit reads nothing again. (The page's sharpness and noise, measured on the
prepared page, were tried as features too: they did not tell blurred photos
from scans once the page is enlarged and flattened.)
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks.generalization_pages import HELD_OUT, KINDS, TUNE, split_pages
from digitize import preprocess
from digitize.evaluation import Score, comparable, score
from digitize.ocr.combined import CombinedEngine
from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.ocr.vote import Judge, agreement, syllables, vote, vote_page, without_doubles

Pairs = list[list[tuple[Line, Line]]]
Blocks = tuple[Block, ...]
Reading = tuple[str, str, str, Pairs]  # split, kind, truth, line pairs
#: A word's features for the logistic map, given its page's ``condition``.
Features = Callable[[Word, tuple[float, float]], list[float]]
ENGINES = ("tesseract", "trueocr")
_NUMBER = re.compile(r"^[\d.,:/%()-]+$|^\W+$")


def read_pages(folder: Path, quick: bool) -> list[Reading]:
    engine = CombinedEngine("vie", 3)
    readings = []
    for page in split_pages(folder, quick=quick):
        prepared = preprocess.prepare(page.page.image, "auto")
        pairs = engine.readings(prepared.image, prepared.unflattened)
        readings.append((page.split, page.page.kind, page.page.truth, pairs))
        print(f"  read {page.key}", flush=True)
    return readings


def well_formed(text: str) -> bool:
    """Whether a word has the shape of written Vietnamese: syllables (joined by hyphens, punctuation around them
    aside), a number, or punctuation."""
    return bool(_NUMBER.match(text)) or syllables(text)


def features(word: Word, page: tuple[float, float]) -> list[float]:
    """Bias, confidence and syllable shape (``page`` is not used: the plain calibration)."""
    return [1.0, word.confidence / 100, float(well_formed(word.text))]


def conditioned(word: Word, page: tuple[float, float]) -> list[float]:
    """``features`` and the page's condition: the engines' agreement (alone and times the confidence) and the
    share of the engine's words that are well-formed."""
    alike, shapely = page
    return [*features(word, page), alike, alike * word.confidence / 100, shapely]


def condition(pairs: Pairs, engine: int) -> tuple[float, float]:
    """The page's condition as its readings show it: the share of words the two engines read alike (low on a
    blurred or tiny page, whatever its kind), and the share of engine ``engine``'s words that are well-formed."""
    alike = agreement(pair for block in pairs for pair in block)
    words = [word for block in pairs for pair in block for word in pair[engine].words]
    return alike, float(np.mean([well_formed(word.text) for word in words])) if words else 0.0


def rows(readings: list[Reading], engine: int, make: Features = features) -> tuple[np.ndarray, np.ndarray]:
    """Features and right (1) or wrong (0) of every word engine ``engine`` (0 Tesseract, 1 trueocr) read."""
    x, y = [], []
    for _, _, truth, pairs in readings:
        words = {comparable(word) for word in truth.split()}
        page = condition(pairs, engine)
        for block in pairs:
            for pair in block:
                for word in pair[engine].words:
                    x.append(make(word, page))
                    y.append(float(comparable(word.text) in words))
    return np.array(x), np.array(y)


def fit(rows: np.ndarray, right: np.ndarray, iterations: int = 50, ridge: float = 1e-3) -> np.ndarray:
    """Logistic regression weights by Newton's method (a little ridge keeps separable data finite)."""
    w = np.zeros(rows.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(rows @ w, -50, 50)))
        gradient = rows.T @ (p - right) + ridge * w
        hessian = (rows * (p * (1 - p))[:, None]).T @ rows + ridge * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def lines(pairs: Pairs, engine: int) -> tuple[Block, ...]:
    """The page as engine ``engine`` (0 Tesseract, 1 trueocr) read its lines, nothing voted."""
    return without_doubles([Block(tuple(pair[engine] for pair in block)) for block in pairs])


def every_line_voted(pairs: Pairs) -> tuple[Block, ...]:
    """The page voted line by line however little its readings agree (``vote_page`` keeps trueocr's lines then)."""
    return without_doubles([Block(tuple(vote(*pair) for pair in block)) for block in pairs])


def calibrated(weights: dict[str, np.ndarray], pairs: Pairs, make: Features = features) -> Judge:
    pages = {engine: condition(pairs, number) for number, engine in enumerate(ENGINES)}

    def judge(word: Word, engine: str) -> float:
        return float(1 / (1 + np.exp(-np.dot(weights[engine], make(word, pages[engine])))))

    return judge


def variants(weights: dict[str, dict[str, np.ndarray]], pairs: Pairs) -> dict[str, Callable[[Pairs], Blocks]]:
    plain, by_page = calibrated(weights["plain"], pairs), calibrated(weights["page"], pairs, conditioned)
    return {
        "tesseract lines": lambda pairs: lines(pairs, 0),
        "trueocr lines": lambda pairs: lines(pairs, 1),
        "vote every page": every_line_voted,
        "vote (engine)": vote_page,
        "vote, calibrated": lambda pairs: vote_page(pairs, plain),
        "vote, by page": lambda pairs: vote_page(pairs, by_page),
    }


def report(readings: list[Reading], weights: dict[str, dict[str, np.ndarray]]) -> None:
    names = list(variants(weights, []))
    totals: dict[tuple[str, str, str], Score] = {}
    for split, kind, truth, pairs in readings:
        for name, combine in variants(weights, pairs).items():
            page = score(truth, OcrPage(combine(pairs)).text)
            for label in (kind, "all real" if kind in KINDS[:4] else "all generated"):
                key = (split, label, name)
                totals[key] = totals.get(key, Score()) + page
    width = 17
    header = "".join(f"{name:>{width}}" for name in names)
    for measure in ("cer", "bag_wer"):
        print(f"\n{measure:<16}{TUNE:^{width * len(names)}}  {HELD_OUT:^{width * len(names)}}")
        print(f"{'':<16}{header}  {header}")
        for label in (*KINDS, "all real", "all generated"):
            cells = []
            for split in (TUNE, HELD_OUT):
                rates = [getattr(totals.get((split, label, n), Score()), measure) for n in names]
                cells.append("".join(f"{'—' if r is None else f'{r:.2%}':>{width}}" for r in rates))
            print(f"{label:<16}{cells[0]}  {cells[1]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--quick", action="store_true", help="the benchmark's quick subset")
    parser.add_argument("--readings", type=Path, help="a pickle keeping the engines' readings between runs")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if args.readings and args.readings.exists():
        readings = pickle.loads(args.readings.read_bytes())
    else:
        readings = read_pages(args.folder, args.quick)
        if args.readings:
            args.readings.write_bytes(pickle.dumps(readings))
    tune = [reading for reading in readings if reading[0] == TUNE]
    weights: dict[str, dict[str, np.ndarray]] = {"plain": {}, "page": {}}
    for number, engine in enumerate(ENGINES):
        for model, make in (("plain", features), ("page", conditioned)):
            x, y = rows(tune, number, make)
            weights[model][engine] = fit(x, y)
            print(f"{engine}, {model}: {len(y)} TUNE words, {y.mean():.1%} right; weights", end=" ")
            print(np.round(weights[model][engine], 2).tolist())
    print("(bias, confidence, well-formed; by page also agreement, agreement × confidence, well-formed share)")
    report(readings, weights)


if __name__ == "__main__":
    main()
