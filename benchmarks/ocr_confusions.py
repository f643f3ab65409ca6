"""The letters OCR confuses on real scans, counted: the table approximate search tries (``index.ocr_confusions``).

Run from the project root:  .venv/bin/python -m benchmarks.ocr_confusions ../shared/realscans

Each hand-transcribed scan (``benchmarks/realscan_pages.scanned_pages``) is
read by plain Tesseract and by ``trueocr`` (``benchmarks.realscans``); the
reading is aligned with the truth word by word, and every word read as
another of the same place is aligned letter by letter. A replaced run of one
or two letters (``ể`` read ``ế``, ``m`` read ``rn``) is one confusion. The
runs seen at least ``MIN_COUNT`` times are printed as the Python table
``index/ocr_confusions.py`` holds, most frequent first.
"""

from __future__ import annotations

import argparse
import difflib
import tempfile
from collections import Counter
from pathlib import Path

import cv2

from benchmarks.realscan_pages import scanned_pages
from benchmarks.realscans import plain_tesseract, trueocr_alone
from index.analysis import exact_words

#: Confusions seen fewer times are chance, not the engines' habits.
MIN_COUNT = 3
#: Longest run of letters counted as one confusion.
MAX_RUN = 2


def confusions(truth: str, read: str) -> Counter[tuple[str, str]]:
    """(true letters, letters read) for every short replaced run inside words read in the truth's place."""
    found: Counter[tuple[str, str]] = Counter()
    true_words, read_words = exact_words(truth), exact_words(read)
    matcher = difflib.SequenceMatcher(None, true_words, read_words, autojunk=False)
    for op, t1, t2, r1, r2 in matcher.get_opcodes():
        if op != "replace" or t2 - t1 != r2 - r1:
            continue
        for true_word, read_word in zip(true_words[t1:t2], read_words[r1:r2], strict=True):
            letters = difflib.SequenceMatcher(None, true_word, read_word, autojunk=False)
            for kind, a1, a2, b1, b2 in letters.get_opcodes():
                true, wrong = true_word[a1:a2], read_word[b1:b2]
                # Letters for digits (``16`` for ``ệ``) are misalignment, not a confusion.
                if kind == "replace" and max(len(true), len(wrong)) <= MAX_RUN and true.isalpha() == wrong.isalpha():
                    found[true, wrong] += 1
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the real-scans folder (scans/*.pdf)")
    args = parser.parse_args()
    counted: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        for page in scanned_pages(args.folder):
            image = Path(scratch) / f"{page.name}.png"
            cv2.imwrite(str(image), page.image)
            for read in (plain_tesseract, trueocr_alone):
                counted += confusions(page.truth, read(image))
            print(f"  {page.name}: {sum(counted.values())} confusions so far", flush=True)
    print("#: (true letters, letters read, times seen) on the real scans, by Tesseract and trueocr together.")
    print("CONFUSIONS = (")
    for (true, read), count in counted.most_common():
        if count >= MIN_COUNT:
            print(f"    ({true!r}, {read!r}, {count}),")
    print(")")


if __name__ == "__main__":
    main()
