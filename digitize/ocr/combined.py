"""``--engine auto``: Tesseract's layout, every line read by both engines, the better reading kept.

Neither engine is good enough alone (``benchmarks/realscans.py``): the neural
line recognizer reads real scans, photos and small print better, while
Tesseract keeps tone marks and word breaks better on clean 300-dpi print. So
Tesseract finds the page's blocks and lines (and its reading order, block by
block), trueocr reads each of those line boxes again in its context, and a
judge keeps, line by line, the reading that looks more like Vietnamese: more
well-formed syllables, then the more confident engine. Each line keeps the
word boxes of the engine whose reading it keeps, so ALTO, hOCR and the PDF
text layer place the words that were kept.
"""

from __future__ import annotations

import numpy as np

from digitize.ocr.page import Block, Line, OcrPage, Software
from digitize.ocr.tesseract import TesseractEngine
from digitize.ocr.trueocr import TrueOcrEngine
from digitize.quality import syllable_share

#: A reading must have this much larger a share of well-formed syllables to win on syllables alone.
SYLLABLE_MARGIN = 0.1


class CombinedEngine:
    def __init__(self, lang: str, psm: int, unify_tones: bool = False) -> None:
        self._tesseract = TesseractEngine(lang, psm, unify_tones)
        self._neural = TrueOcrEngine(straighten=False, unify_tones=unify_tones)

    @property
    def software(self) -> tuple[Software, ...]:
        return (*self._tesseract.software, *self._neural.software)

    def settings(self) -> dict[str, object]:
        return {**self._tesseract.settings(), "lines": "tesseract", "judge": "syllables, then confidence"}

    def read(self, image: np.ndarray) -> OcrPage:
        layout = self._tesseract.read(image)
        lines = layout.lines
        if not lines:
            return OcrPage((), self.software)
        rereadings = iter(self._neural.read_box_lines(image, [line.box for line in lines]))
        blocks = tuple(Block(tuple(better(line, next(rereadings)) for line in block.lines)) for block in layout.blocks)
        return OcrPage(blocks, self.software)


def better(first: Line, second: Line) -> Line:
    """The reading of one line to keep: the one with clearly more well-formed syllables, else the more confident.

    A line with no words loses; lines without letters (numbers, symbols) go by confidence.
    """
    if not second.words or not first.words:
        return first if first.words else second
    shares = syllable_share(first.text), syllable_share(second.text)
    if None not in shares and abs(shares[0] - shares[1]) >= SYLLABLE_MARGIN:
        return first if shares[0] > shares[1] else second
    return first if _confidence(first) >= _confidence(second) else second


def _confidence(line: Line) -> float:
    return sum(word.confidence for word in line.words) / len(line.words)
