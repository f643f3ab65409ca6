"""Does a calibrated word confidence, or a syllable judge, make the vote of ``--engine auto`` better on pages
it was not fitted on?

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.fit_calibration ../shared/realscans [--quick] [--readings FILE]

Every page of ``benchmarks/generalization_pages.py`` is prepared as the pipeline
prepares it and read by ``CombinedEngine.readings``: each line as Tesseract's
and trueocr's readings. A word counts as right when it is one of the page's
true words. A logistic map from each engine's word confidence and whether the
word is well-formed Vietnamese (``digitize.quality.is_syllable``; numbers and
punctuation count) to P(right) is fitted on the TUNE pages' words only. Then
the vote is scored on both splits, side by side: with the engine's own judge
(``vote.by_confidence``), with the calibrated probabilities, with a bonus for
well-formed words, and each engine's line readings alone; CER and order-free word
error by kind of page. ``--readings FILE`` keeps the readings (pickle) so that a
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
from rapidfuzz.distance import Levenshtein

from benchmarks.generalization_pages import HELD_OUT, KINDS, TUNE, split_pages
from digitize import preprocess
from digitize.evaluation import Score, comparable, score
from digitize.ocr.combined import CombinedEngine
from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.ocr.vote import Judge, by_confidence, syllables, vote, without_doubles

Pairs = list[list[tuple[Line, Line]]]
Reading = tuple[str, str, str, Pairs]  # split, kind, truth, line pairs
#: A word's features for the logistic map, given its page's ``condition``.
Features = Callable[[Word, tuple[float, float]], list[float]]
ENGINES = ("tesseract", "trueocr")
#: What the syllable judge adds to a well-formed word's probability.
SYLLABLE_BONUS = 0.05
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
    agreement, shapely = page
    return [*features(word, page), agreement, agreement * word.confidence / 100, shapely]


def condition(pairs: Pairs, engine: int) -> tuple[float, float]:
    """The page's condition as its readings show it: the share of words the two engines read alike (low on a
    blurred or tiny page, whatever its kind), and the share of engine ``engine``'s words that are well-formed."""
    alike = total = 0
    for block in pairs:
        for first, second in block:
            texts = [word.text for word in first.words], [word.text for word in second.words]
            total += max(map(len, texts))
            alike += sum(op.src_end - op.src_start for op in Levenshtein.opcodes(*texts) if op.tag == "equal")
    words = [word for block in pairs for pair in block for word in pair[engine].words]
    return alike / max(total, 1), float(np.mean([well_formed(word.text) for word in words])) if words else 0.0


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


def page_text(pairs: Pairs, choose: Callable[[tuple[Line, Line]], Line]) -> str:
    blocks = [Block(tuple(choose(pair) for pair in block)) for block in pairs]
    return OcrPage(without_doubles(blocks)).text


def calibrated(weights: dict[str, np.ndarray], pairs: Pairs, make: Features = features) -> Judge:
    pages = {engine: condition(pairs, number) for number, engine in enumerate(ENGINES)}

    def judge(word: Word, engine: str) -> float:
        return float(1 / (1 + np.exp(-np.dot(weights[engine], make(word, pages[engine])))))

    return judge


def with_syllables(word: Word, engine: str) -> float:
    return by_confidence(word, engine) + SYLLABLE_BONUS * well_formed(word.text)


def variants(weights: dict[str, dict[str, np.ndarray]], pairs: Pairs) -> dict[str, Callable[[tuple[Line, Line]], Line]]:
    plain, by_page = calibrated(weights["plain"], pairs), calibrated(weights["page"], pairs, conditioned)
    return {
        "tesseract lines": lambda pair: pair[0],
        "trueocr lines": lambda pair: pair[1],
        "vote (engine)": lambda pair: vote(*pair),
        "vote, calibrated": lambda pair: vote(*pair, plain),
        "vote, by page": lambda pair: vote(*pair, by_page),
        "vote, syllables": lambda pair: vote(*pair, with_syllables),
    }


def report(readings: list[Reading], weights: dict[str, dict[str, np.ndarray]]) -> None:
    names = list(variants(weights, []))
    totals: dict[tuple[str, str, str], Score] = {}
    for split, kind, truth, pairs in readings:
        for name, choose in variants(weights, pairs).items():
            for label in (kind, "all real" if kind in KINDS[:4] else "all generated"):
                key = (split, label, name)
                totals[key] = totals.get(key, Score()) + score(truth, page_text(pairs, choose))
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
