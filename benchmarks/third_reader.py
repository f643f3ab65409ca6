"""Does a third reader pay where the two disagree: asterocr beside Tesseract and trueocr, TUNE beside HELD-OUT.

Run from the project root:
  OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.third_reader ../shared/realscans --quick \\
      --readings FILE [--kind K]

Each page of ``benchmarks/generalization_pages.py`` is prepared as the pipeline
prepares it and read by ``CombinedEngine.readings`` (each line as Tesseract's
and trueocr's readings). asterocr (``digitize.ocr.asterocr``, its bundled
model on one core) then reads, on the page Tesseract reads, every line box
(for its own CER on our lines), and the box of every word the two engines read
differently (``vote.disputes``), each timed. ``--readings FILE`` keeps all of it
(pickle), so a run after a change to the vote reads nothing again. Scored on
both splits, by kind of page:

- each reader's lines alone (asterocr's own CER on our line boxes);
- the vote as ``--engine auto`` did it before the referee (``vote.vote_page``);
- the vote with asterocr settling the disputed words (``vote.verdicts``): on
  every page; only on pages the two engines agree on (``vote.DISAGREEING``); only on
  pages they disagree on;

and the CPU seconds asterocr spends settling a page, as a share of the two
engines' own on it. Decide by the held-out columns.
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from benchmarks.generalization_pages import HELD_OUT, KINDS, TUNE, split_pages
from digitize import preprocess
from digitize.evaluation import Score, score
from digitize.ocr.asterocr import AsterOcrReader
from digitize.ocr.combined import CombinedEngine, Pair
from digitize.ocr.page import Block, Box, Line, OcrPage, bounding_box
from digitize.ocr.vote import DISAGREEING, Dispute, Verdict, disputes, page_agreement, vote_page, without_doubles


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
    settling: list[str] | None = None  # asterocr's reading of each of ``vote.disputes``, in order
    settling_seconds: float = 0.0


def line_box(pair: Pair) -> Box:
    """The box asterocr reads for a line: around both engines' words on it."""
    return bounding_box(word for line in pair for word in line.words)


def read_pages(folder: Path, quick: bool, cache: Path | None) -> dict[str, Reading]:
    """Every page's readings, from ``cache`` where it has them (and kept there, page by page)."""
    readings: dict[str, Reading] = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    engine = reader = None
    for page in split_pages(folder, quick=quick):
        known = readings.get(page.key)
        if known and known.settling is not None:
            continue
        engine, reader = engine or CombinedEngine("vie", 3), reader or AsterOcrReader()
        prepared = preprocess.prepare(page.page.image, "auto")
        if known is None:
            started = time.process_time()
            pairs = engine.readings(prepared.image, prepared.unflattened)
            spent = time.process_time() - started
            lines, seconds = [], []
            for pair in (pair for block in pairs for pair in block):
                started = time.process_time()
                lines += (
                    reader.read_box_lines(prepared.image, [line_box(pair)])
                    if any(line.words for line in pair)
                    else [Line(())]
                )
                seconds.append(time.process_time() - started)
            known = Reading(
                page.split, page.page.kind, page.page.truth, pairs, spent, {"flat": lines}, {"flat": seconds}
            )
        started = time.process_time()
        boxes = [dispute.box for dispute in disputes(known.pairs)]
        known.settling = [line.text for line in reader.read_box_lines(prepared.image, boxes)]
        known.settling_seconds = time.process_time() - started
        readings[page.key] = known
        print(
            f"  {page.key}: engines {known.engines_seconds:.1f} s, asterocr {sum(known.third_seconds['flat']):.1f} s "
            f"every line, {known.settling_seconds:.1f} s {len(boxes)} disputed words (CPU)",
            flush=True,
        )
        if cache:
            cache.write_bytes(pickle.dumps(readings))
    return readings


def lines_of(index: int) -> Callable[[Reading], str]:
    """One reader's lines alone: 0 Tesseract, 1 trueocr, 2 asterocr."""

    def text(reading: Reading) -> str:
        third = iter(reading.third["flat"])
        blocks = [Block(tuple((*pair, next(third))[index] for pair in block)) for block in reading.pairs]
        return OcrPage(without_doubles(blocks)).text

    return text


def settled(every_page: bool = False, nearer: bool = False) -> Callable[[Reading], str]:
    """The vote with asterocr settling disputed words: as ``--engine auto`` does it (``vote.to_settle``, a
    word asterocr reads exactly as one engine did), or on every page, or toward the engine's word nearer
    asterocr's reading in edits."""

    def text(reading: Reading) -> str:
        found = zip(disputes(reading.pairs), reading.settling or [], strict=True)
        if not every_page:
            found = ((dispute, third) for dispute, third in found if voted(reading) and dispute.over_marks)
        rule = _nearer if nearer else Dispute.settle
        chosen = [verdict for dispute, third in found if (verdict := rule(dispute, third))]
        return OcrPage(vote_page(reading.pairs, verdicts=chosen)).text

    return text


def voted(reading: Reading) -> bool:
    """Whether ``--engine auto`` votes on the page, and so has its disputes settled (``vote.to_settle``)."""
    return page_agreement(reading.pairs) >= DISAGREEING


def _nearer(dispute: Dispute, third: str) -> Verdict | None:
    mine, theirs = (Levenshtein.distance(third, word.text) for word in (dispute.tesseract, dispute.trueocr))
    if mine == theirs or not third:
        return None
    winner, loser = (dispute.tesseract, dispute.trueocr) if mine < theirs else (dispute.trueocr, dispute.tesseract)
    return Verdict(winner, loser)


TOOLS: dict[str, Callable[[Reading], str]] = {
    "tesseract lines": lines_of(0),
    "trueocr lines": lines_of(1),
    "asterocr lines": lines_of(2),
    "vote (before)": lambda reading: OcrPage(vote_page(reading.pairs)).text,
    "vote + asterocr": settled(),
    "… every page": settled(every_page=True),
    "… nearer": settled(nearer=True),
}


def report(readings: dict[str, Reading], kinds: tuple[str, ...]) -> None:
    totals: dict[tuple[str, str, str], Score] = {}
    shares: dict[tuple[str, str], list[float]] = {}
    for reading in readings.values():
        if reading.kind not in kinds:
            continue
        group = "all real" if reading.kind in KINDS[:4] else "all generated"
        for label in (reading.kind, group):
            for tool, make in TOOLS.items():
                key = (reading.split, label, tool)
                totals[key] = totals.get(key, Score()) + score(reading.truth, make(reading))
            spent = reading.settling_seconds if voted(reading) else 0.0
            shares.setdefault((reading.split, label), []).append(spent / max(reading.engines_seconds, 1e-3))
    width = 21
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
    print("\nasterocr settling as --engine auto does: CPU as a share of the two engines' own on the page (mean)")
    for (split, label), values in sorted(shares.items()):
        print(f"  {split:<9} {label:<16} {sum(values) / len(values):6.2f}×  ({len(values)} pages)")
    unvoted = [key for key, r in readings.items() if not voted(r) and disputes(r.pairs)]
    print(f"pages not voted on, so not settled (agreement under DISAGREEING): {', '.join(unvoted) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--quick", action="store_true", help="the benchmark's quick subset")
    parser.add_argument("--readings", type=Path, help="a pickle keeping every reading, read again only if missing")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only this kind of page (default all)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    readings = read_pages(args.folder, args.quick, args.readings)
    report(readings, tuple(args.kind or KINDS))


if __name__ == "__main__":
    main()
