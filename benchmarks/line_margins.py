"""How trueocr's recognizer reads the lines of blurred and low-resolution pages: the margin a line is cut out with,
the letter vote of several readings of a line it is unsure of, and its unsure marks re-chosen by the lexicon
(``digitize/ocr/respelling.py``), TUNE beside HELD-OUT.

Run from the project root:
  nice -n 10 .venv/bin/python -m benchmarks.line_margins ../shared/realscans [--split fresh]

The real pages of ``benchmarks/generalization_pages.py``'s ``--quick`` subset
(each a 300-dpi scan, a low-dpi scan, a photo and a blurred photo) are prepared
as the pipeline prepares them and read by trueocr alone (``TrueOcrEngine.read``
on the unflattened page, its own lines and order) under each setting of
``TrueOcrEngine``'s ``margins`` and ``respell``: CER by kind of page and the recognizer's CPU
seconds a page by kind (detection and order included). The vote with Tesseract is not
in it: ``benchmarks.generalization`` measures the whole reader.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from benchmarks.generalization import REAL_KINDS
from benchmarks.generalization_pages import ALL_SPLITS, SPLITS, split_pages
from digitize import preprocess
from digitize.evaluation import Score, score
from digitize.ocr.trueocr import LINE_MARGINS, TrueOcrEngine

SETTINGS = {
    "no margin": {"margins": (0.0,), "respell": False},
    f"margin {LINE_MARGINS[0]:g}": {"margins": LINE_MARGINS[:1], "respell": False},
    "margin + vote": {"margins": LINE_MARGINS, "respell": False},
    "+ lexicon": {"margins": LINE_MARGINS, "respell": True},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/, born-digital/)")
    parser.add_argument(
        "--split", choices=ALL_SPLITS, action="append", help=f"this split (default {' and '.join(SPLITS)})"
    )
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    splits = tuple(args.split or SPLITS)
    pages = [page for page in split_pages(args.folder, splits, quick=True) if page.page.kind in REAL_KINDS]
    prepared = [preprocess.prepare(page.page.image, "auto") for page in pages]
    engines = {name: TrueOcrEngine(**setting) for name, setting in SETTINGS.items()}
    totals: dict[tuple[str, str, str], Score] = {}
    seconds: dict[tuple[str, str], float] = {}
    for page, ready in zip(pages, prepared, strict=True):
        for name, engine in engines.items():
            started = time.process_time()
            text = engine.read(ready.image, ready.unflattened).text
            seconds[name, page.page.kind] = seconds.get((name, page.page.kind), 0.0) + time.process_time() - started
            key = (name, page.split, page.page.kind)
            totals[key] = totals.get(key, Score()) + score(page.page.truth, text)
    width = 16
    print(
        f"\n{len(pages)} pages, trueocr alone, CER\n{'':<16}"
        + "".join(f"{split:^{width * len(engines)}}" for split in splits)
    )
    print(f"{'':<16}" + "".join(f"{name:>{width}}" for _ in splits for name in engines))
    for kind in REAL_KINDS:
        cells = [totals.get((name, split, kind), Score()).cer for split in splits for name in engines]
        print(f"{kind:<16}" + "".join(f"{'—' if c is None else f'{c:.2%}':>{width}}" for c in cells))
    rows = [
        sum((totals.get((name, split, kind), Score()) for kind in REAL_KINDS), Score())
        for split in splits
        for name in engines
    ]
    print(f"{'all real':<16}" + "".join(f"{row.cer:>{width}.2%}" for row in rows))
    count = {kind: sum(page.page.kind == kind for page in pages) for kind in REAL_KINDS}
    print(f"\n{'CPU s a page':<16}" + "".join(f"{name:>{width}}" for name in engines))
    for kind in REAL_KINDS:
        print(f"{kind:<16}" + "".join(f"{seconds[name, kind] / count[kind]:>{width}.2f}" for name in engines))


if __name__ == "__main__":
    main()
