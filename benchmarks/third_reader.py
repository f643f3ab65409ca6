"""Does a third reader pay where the two disagree: asterocr beside Tesseract and trueocr, TUNE beside HELD-OUT.

Run from the project root:
  OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.third_reader ../shared/realscans --quick \\
      --readings FILE [--split S] [--kind K]

Each page of ``benchmarks/generalization_pages.py`` is prepared as the pipeline
prepares it and read by ``CombinedEngine.readings`` (each line as Tesseract's
and trueocr's readings); asterocr (``digitize.ocr.asterocr``, its bundled
model on one core) then reads every line box twice, on the flattened page
Tesseract reads and on the unflattened one trueocr reads, each line timed.
``--readings FILE`` keeps all of it (pickle), so a run after a change to the
vote reads nothing again. Scored on both splits, by kind of page:

- each reader's lines alone (asterocr's own CER on our line boxes);
- the vote as ``--engine auto`` does it (``vote.vote_page``);
- the vote with asterocr as referee (``vote.refereed_page``): where it
  reads, and on which lines, is the rule under test;

and the CPU seconds a page asterocr costs under each rule, beside the two
engines' own. Decide by the held-out columns.
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generalization_pages import HELD_OUT, KINDS, TUNE, split_pages
from digitize import preprocess
from digitize.evaluation import Score, score
from digitize.ocr.asterocr import AsterOcrReader
from digitize.ocr.combined import CombinedEngine, Pair
from digitize.ocr.page import Block, Box, Line, OcrPage, bounding_box
from digitize.ocr.vote import refereed_page, referee_lines, vote_page, without_doubles

IMAGES = ("flat",)  # the page Tesseract reads (trueocr's unflattened page read worse: docs/benchmarks.md)


@dataclass
class Reading:
    """One page's readings: its line pairs, and asterocr's reading and seconds of each line on each image."""

    split: str
    kind: str
    truth: str
    pairs: list[list[Pair]]
    engines_seconds: float
    third: dict[str, list[Line]]
    third_seconds: dict[str, list[float]]


def line_box(pair: Pair) -> Box:
    """The box asterocr reads for a line: around both engines' words on it."""
    return bounding_box(word for line in pair for word in line.words)


def read_pages(folder: Path, quick: bool, cache: Path | None) -> dict[str, Reading]:
    """Every page's readings, from ``cache`` where it has them (and kept there, page by page)."""
    readings: dict[str, Reading] = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    engine = reader = None
    for page in split_pages(folder, quick=quick):
        if page.key in readings:
            continue
        engine, reader = engine or CombinedEngine("vie", 3), reader or AsterOcrReader()
        prepared = preprocess.prepare(page.page.image, "auto")
        started = time.process_time()
        pairs = engine.readings(prepared.image, prepared.unflattened)
        spent = time.process_time() - started
        flat = [pair for block in pairs for pair in block]
        third: dict[str, list[Line]] = {}
        seconds: dict[str, list[float]] = {}
        for name, image in zip(IMAGES, (prepared.image,), strict=True):
            third[name], seconds[name] = [], []
            for pair in flat:
                started = time.process_time()
                third[name] += reader.read_box_lines(image, [line_box(pair)]) if any(l.words for l in pair) else [Line(())]
                seconds[name].append(time.process_time() - started)
        readings[page.key] = Reading(page.split, page.page.kind, page.page.truth, pairs, spent, third, seconds)
        print(f"  {page.key}: engines {spent:.1f} s, asterocr {sum(seconds['flat']):.1f} s CPU", flush=True)
        if cache:
            cache.write_bytes(pickle.dumps(readings))
    return readings


def nested(reading: Reading, image: str) -> list[list[tuple[Line, Line, Line]]]:
    """The page's line pairs with asterocr's reading of each line on ``image`` as a third reading."""
    third = iter(reading.third[image])
    return [[(*pair, next(third)) for pair in block] for block in reading.pairs]


def alone(index: int) -> Callable[[Reading, str], tuple[str, float]]:
    def text(reading: Reading, image: str) -> tuple[str, float]:
        blocks = [Block(tuple(triple[index] for triple in block)) for block in nested(reading, image)]
        return OcrPage(without_doubles(blocks)).text, 0.0

    return text


def voted(reading: Reading, image: str) -> tuple[str, float]:
    return OcrPage(vote_page(reading.pairs)).text, 0.0


def refereed(reading: Reading, image: str) -> tuple[str, float]:
    """The vote with asterocr as referee, and the seconds asterocr spent on the lines the rule had it read."""
    triples = nested(reading, image)
    read = referee_lines(reading.pairs)
    seconds = sum(s for s, chosen in zip(reading.third_seconds[image], read, strict=True) if chosen)
    return OcrPage(refereed_page(triples)).text, seconds


TOOLS: dict[str, Callable[[Reading, str], tuple[str, float]]] = {
    "tesseract lines": alone(0),
    "trueocr lines": alone(1),
    "asterocr lines": alone(2),
    "vote (engine)": voted,
    "vote + asterocr": refereed,
}


def report(readings: dict[str, Reading], image: str, kinds: tuple[str, ...]) -> None:
    totals: dict[tuple[str, str, str], Score] = {}
    seconds: dict[tuple[str, str], list[float]] = {}
    for reading in readings.values():
        if reading.kind not in kinds:
            continue
        group = "all real" if reading.kind in KINDS[:4] else "all generated"
        for tool, make in TOOLS.items():
            text, spent = make(reading, image)
            for label in (reading.kind, group):
                key = (reading.split, label, tool)
                totals[key] = totals.get(key, Score()) + score(reading.truth, text)
                if tool == "vote + asterocr":
                    seconds.setdefault((reading.split, label), []).append(spent / max(reading.engines_seconds, 1e-3))
    width = 17
    print(f"\nasterocr on the {image} page; CER, then order-free word error, by kind of page")
    for rate in ("cer", "bag_wer"):
        print(f"\n{rate:<16}{TUNE:^{width * len(TOOLS)}}  {HELD_OUT:^{width * len(TOOLS)}}")
        print(f"{'':<16}" + "".join(f"{tool:>{width}}" for tool in TOOLS) * 2)
        for label in (*KINDS, "all real", "all generated"):
            cells = []
            for split in (TUNE, HELD_OUT):
                for tool in TOOLS:
                    value = getattr(totals.get((split, label, tool), Score()), rate)
                    cells.append("—" if value is None else f"{value:.2%}")
            print(f"{label:<16}" + "".join(f"{cell:>{width}}" for cell in cells))
    print("\nasterocr's CPU under the referee rule, as a share of the two engines' own CPU on the page (mean)")
    for (split, label), shares in sorted(seconds.items()):
        print(f"  {split:<9} {label:<16} {sum(shares) / len(shares):6.2f}×  ({len(shares)} pages)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--quick", action="store_true", help="the benchmark's quick subset")
    parser.add_argument("--readings", type=Path, help="a pickle keeping every reading, read again only if missing")
    parser.add_argument("--image", choices=IMAGES, default="flat", help="which page asterocr's figures are of")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only this kind of page (default all)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    readings = read_pages(args.folder, args.quick, args.readings)
    report(readings, args.image, tuple(args.kind or KINDS))


if __name__ == "__main__":
    main()
