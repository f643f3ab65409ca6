"""``--engine auto``: trueocr's lines in trueocr's reading order, each read by both engines, word by word the
more trustworthy reading kept.

Measured on real scans and on generated pages (``benchmarks/realscans.py``,
``benchmarks/ocr.py``), each engine has its strength:

- trueocr's line detection and reading order (blocks ordered by XY-cut) are
  what real pages need: read on those lines, Tesseract's error on the real set
  fell from 7.0% to 3.1% CER, most of it order (a Decree-30 header's two
  columns, seals and stamps between lines);
- on those lines Tesseract still writes tone marks and word breaks better
  (generated pages: 0.5% CER against trueocr's 2.2%, words lost 0.6% against
  8.3%), while trueocr reads a word Tesseract is unsure of better (a
  handwritten day, a word under a seal).

So the two readings of a line are aligned word by word (an edit-distance
alignment over words): where they agree, or disagree word for word, the
Tesseract word is kept unless trueocr is more confident by ``TRUEOCR_MARGIN``
points and its word is not Tesseract's run into the next (word breaks are
Tesseract's strength); a run of words one engine split and the other merged goes the same
way by mean confidence; words only Tesseract saw are kept when its confidence
is at least ``TESSERACT_ALONE`` and they are not already part of a trueocr word
beside them, words only trueocr saw are left out (they were seal and stamp
fragments more often than text). Every kept word keeps its own
engine's box, so ALTO, hOCR and the PDF text layer place what was kept.
"""

from __future__ import annotations

import numpy as np

from digitize.ocr.page import Block, OcrPage, Software, Word
from digitize.ocr.tesseract import TesseractEngine
from digitize.ocr.trueocr import TrueOcrEngine
from digitize.ocr.vote import vote, without_doubles

#: trueocr's word replaces Tesseract's only when it is this many confidence points (0–100) surer.
TRUEOCR_MARGIN = 10.0


class CombinedEngine:
    def __init__(self, lang: str, psm: int, unify_tones: bool = False) -> None:
        self._tesseract = TesseractEngine(lang, psm, unify_tones)
        self._neural = TrueOcrEngine(unify_tones=unify_tones)

    @property
    def software(self) -> tuple[Software, ...]:
        return (*self._tesseract.software, *self._neural.software)

    def settings(self) -> dict[str, object]:
        return {
            **self._tesseract.settings(),
            "lines": "trueocr",
            "trueocr_margin": TRUEOCR_MARGIN,
        }

    def read(self, image: np.ndarray) -> OcrPage:
        layout = self._neural.read(image)
        rereadings = iter(self._tesseract.read_box_lines(image, [line.box for line in layout.lines]))
        blocks = [Block(tuple(vote(next(rereadings), line, judge) for line in block.lines)) for block in layout.blocks]
        return OcrPage(without_doubles(blocks), self.software)


def judge(word: Word, engine: str) -> float:
    """The engine's confidence as a probability, trueocr's discounted by ``TRUEOCR_MARGIN``."""
    return (word.confidence - (TRUEOCR_MARGIN if engine == "trueocr" else 0.0)) / 100
