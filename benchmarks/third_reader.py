"""Does a third reader pay where the two disagree: asterocr as referee on the lines Tesseract and trueocr read
differently, TUNE beside HELD-OUT.

Run from the project root (asterocr is not a dependency of the project: install it into the venv first,
``.venv/bin/pip install asterocr==1.0.2``):
  nice -n 10 .venv/bin/python -m benchmarks.third_reader ../shared/realscans [--quick] [--split S] [--kind K]

asterocr 1.0.2 (PyPI, MIT) is a line recognizer whose ONNX model
(``assets/asternet.onnx``, 43 MB) is inside its wheel; the benchmark checks
that this bundled file is the one it loads, and that its character set has
every Vietnamese toned vowel and đ. Each page of
``benchmarks/generalization_pages.py`` is prepared as the pipeline prepares it
and read by ``CombinedEngine.readings``; on each line whose two readings
differ, asterocr reads the line box, and of the vote's line, Tesseract's and
trueocr's the one nearest asterocr's reading is kept. Figures: CER and
order-free word error of the vote alone and with the referee, the share of
lines refereed, and asterocr's seconds a page (one core).
"""

from __future__ import annotations

import argparse
import os
import time
import unicodedata
from pathlib import Path

import numpy as np
from rapidfuzz.distance import Levenshtein

from benchmarks.generalization_pages import HELD_OUT, KINDS, TUNE, split_pages
from digitize import preprocess
from digitize.evaluation import Score, comparable, score
from digitize.ocr.combined import CombinedEngine
from digitize.ocr.page import Block, Line, OcrPage
from digitize.ocr.vote import vote, vote_page, without_doubles

TONED_VOWELS = [
    unicodedata.normalize("NFC", vowel + tone)
    for vowel in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
    for tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
]


def load_asterocr():
    """asterocr with its bundled ONNX model, or SystemExit saying why not."""
    import asterocr
    from asterocr import AsterOCR

    bundled = Path(asterocr.__file__).parent / "assets" / "asternet.onnx"
    reader = AsterOCR(model_path=str(bundled), enable_telemetry=False)
    if Path(reader.model_path) != bundled:
        raise SystemExit(f"asterocr loaded {reader.model_path}, not its bundled model")
    charset = set("".join(reader.vocab.idx2char.values()))
    missing = [c for c in [*TONED_VOWELS, "đ", "Đ"] if c not in charset]
    print(
        f"asterocr {asterocr.__version__}: {bundled.name} bundled, {len(charset)} symbols, missing {missing or 'none'}"
    )
    return reader


def referee(pair: tuple[Line, Line], image: np.ndarray, reader) -> tuple[Line, bool]:
    """The vote's line, or the reading nearest asterocr's where the two engines differ; and whether it read."""
    voted = vote(*pair)
    if comparable(pair[0].text) == comparable(pair[1].text) or not voted.words:
        return voted, False
    left, top, right, bottom = voted.box
    pad = max(2, (bottom - top) // 5)
    crop = image[max(0, top - pad) : bottom + pad, max(0, left - pad) : right + pad]
    third = comparable(reader.predict(np.ascontiguousarray(crop)))
    choices = [line for line in (voted, *pair) if line.words]
    return min(choices, key=lambda line: Levenshtein.distance(comparable(line.text), third)), True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument("--quick", action="store_true", help="the benchmark's quick subset")
    parser.add_argument("--split", choices=(TUNE, HELD_OUT), action="append", help="only this split (default both)")
    parser.add_argument("--kind", choices=KINDS, action="append", help="only this kind of page (default all)")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    reader, engine = load_asterocr(), CombinedEngine("vie", 3)
    totals: dict[tuple[str, str, str], Score] = {}
    refereed = lines = 0
    seconds = []
    for page in split_pages(args.folder, tuple(args.split or (TUNE, HELD_OUT)), quick=args.quick):
        if args.kind and page.page.kind not in args.kind:
            continue
        prepared = preprocess.prepare(page.page.image, "auto")
        image = prepared.image
        pairs = engine.readings(image, prepared.unflattened)
        started = time.perf_counter()
        judged = [[referee(pair, image, reader) for pair in block] for block in pairs]
        seconds.append(time.perf_counter() - started)
        refereed += sum(read for block in judged for _, read in block)
        lines += sum(len(block) for block in judged)
        texts = {
            "vote": OcrPage(vote_page(pairs)).text,
            "vote + asterocr": OcrPage(without_doubles([Block(tuple(line for line, _ in b)) for b in judged])).text,
        }
        group = "all real" if page.page.kind in KINDS[:4] else "all generated"
        for name, text in texts.items():
            for label in (page.page.kind, group):
                key = (page.split, label, name)
                totals[key] = totals.get(key, Score()) + score(page.page.truth, text)
        print(f"  {page.key}: {seconds[-1]:.1f} s of asterocr", flush=True)
    print(f"\nlines refereed {refereed} of {lines}; asterocr {np.mean(seconds):.2f} s a page (one core)")
    names = ("vote", "vote + asterocr")
    print(
        f"\n{'CER / order-free word error':<28}"
        + "".join(f"{s + ': ' + n:>30}" for s in (TUNE, HELD_OUT) for n in names)
    )
    for label in (*KINDS, "all real", "all generated"):
        cells = []
        for split in (TUNE, HELD_OUT):
            for name in names:
                total = totals.get((split, label, name), Score())
                cells.append("—" if total.cer is None else f"{total.cer:.2%} / {total.bag_wer:.2%}")
        print(f"{label:<28}" + "".join(f"{cell:>30}" for cell in cells))


if __name__ == "__main__":
    main()
