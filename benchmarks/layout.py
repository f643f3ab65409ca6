"""Layout: CER per kind of layout page, on the parameters tuned on and on those held out, beside plain Tesseract.

Pages come from ``benchmarks/layout_pages.py``: newspaper pages of 1–4
columns, with column rules or without, slightly skewed; and Decree-30 headers
whose two columns nearly touch. Each page is read by ``digitize ocr`` (the
page stages: preprocess, then the engine, ``auto`` unless ``--engine``) and by
plain ``tesseract IMG - -l vie`` on the same scan, one thread each. Printed
per kind and set: total CER (order-sensitive, which is what a reading order
changes) for both; for the headers, how many numbers came out whole.

    OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.layout [--engine auto] \\
        [--sets tune held-out fresh fresh2] [--kinds "newspaper 4" decree]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.layout_pages import FRESH, FRESH2, FRESH3, HELD_OUT, TUNE, LayoutPage, layout_set
from digitize import preprocess
from digitize.evaluation import Score, score
from digitize.ocr.engines import recognize
from digitize.ocr.options import OcrOptions

SETS = {"tune": TUNE, "held-out": HELD_OUT, "fresh": FRESH, "fresh2": FRESH2, "fresh3": FRESH3}


def ours(page: LayoutPage, options: OcrOptions) -> str:
    prepared = preprocess.prepare(np.asarray(page.image.convert("L")))
    return recognize(prepared.image, options, prepared.unflattened).text


def plain_tesseract(page: LayoutPage, folder: Path) -> str:
    path = folder / f"{page.name}.png"
    page.image.save(path)
    done = subprocess.run(["tesseract", str(path), "-", "-l", "vie"], capture_output=True, text=True, check=False)
    return done.stdout


def measure(name: str, pages: list[LayoutPage], options: OcrOptions, verbose: bool) -> None:
    totals: dict[str, list[Score]] = defaultdict(lambda: [Score(), Score()])
    numbers: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    with tempfile.TemporaryDirectory() as folder:
        for page in pages:
            read = (ours(page, options), plain_tesseract(page, Path(folder)))
            scores = [score(page.text, text) for text in read]
            totals[page.kind] = [total + one for total, one in zip(totals[page.kind], scores, strict=True)]
            if page.number:
                numbers[page.kind][0] += 1
                numbers[page.kind][1] += page.number in read[0]
                numbers[page.kind][2] += page.number in read[1]
            if verbose:
                print(f"  {page.name}: {scores[0].cer:.2%} / {scores[1].cer:.2%}", flush=True)
    print(f"\n{name} ({len(pages)} pages)")
    print(f"{'kind':26}{'pages':>6}{'digitize ' + options.engine:>18}{'tesseract -l vie':>18}{'numbers whole':>16}")
    for kind in sorted(totals):
        count = sum(1 for page in pages if page.kind == kind)
        mine, theirs = (f"{total.cer:.2%}" for total in totals[kind])
        whole = numbers.get(kind)
        found = f"{whole[1]}/{whole[0]} vs {whole[2]}/{whole[0]}" if whole else ""
        print(f"{kind:26}{count:>6}{mine:>18}{theirs:>18}{found:>16}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="auto", choices=("auto", "tesseract", "trueocr"))
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--kinds", nargs="*", help="only pages whose kind starts with one of these")
    parser.add_argument("--verbose", action="store_true", help="print each page's CER")
    args = parser.parse_args()
    os.environ["OMP_THREAD_LIMIT"] = "1"
    options = OcrOptions(engine=args.engine)
    for name in args.sets:
        pages = [p for p in layout_set(SETS[name]) if not args.kinds or p.kind.startswith(tuple(args.kinds))]
        measure(name, pages, options, args.verbose)


if __name__ == "__main__":
    main()
