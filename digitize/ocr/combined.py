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

from collections.abc import Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein

from digitize.ocr.options import OcrOptions
from digitize.ocr.page import Block, Line, OcrPage, Software, Word
from digitize.ocr.tesseract import TesseractEngine
from digitize.ocr.trueocr import TrueOcrEngine

#: trueocr's word replaces Tesseract's only when it is this many confidence points (0–100) surer.
TRUEOCR_MARGIN = 10.0
#: A word only Tesseract read is kept when its confidence is at least this.
TESSERACT_ALONE = 50.0


def load(options: OcrOptions) -> CombinedEngine:
    """Both engines as ``options`` set them: see ``digitize.ocr.registry``."""
    return CombinedEngine(options.lang, options.psm, options.unify_tones)


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
            "tesseract_alone": TESSERACT_ALONE,
        }

    def read(self, image: np.ndarray) -> OcrPage:
        layout = self._neural.read(image)
        rereadings = iter(self._tesseract.read_box_lines(image, [line.box for line in layout.lines]))
        blocks = (Block(tuple(vote(next(rereadings), line) for line in block.lines)) for block in layout.blocks)
        return OcrPage(tuple(block for block in blocks if block.lines), self.software)


def vote(tesseract: Line, trueocr: Line) -> Line:
    """One line from Tesseract's and trueocr's readings of it, word by word (see the module's docstring)."""
    if not tesseract.words or not trueocr.words:
        return tesseract if tesseract.words else trueocr
    first, second = tesseract.words, trueocr.words
    kept: list[tuple[Word, str]] = []  # each word with the engine it came from, "alone" if only Tesseract saw it
    for op in Levenshtein.opcodes([w.text for w in first], [w.text for w in second]):
        ours, theirs = first[op.src_start : op.src_end], second[op.dest_start : op.dest_end]
        if op.tag == "equal":
            kept += [(word, "tesseract") for word in ours]
        elif op.tag == "delete":
            kept += [(word, "alone") for word in ours if word.confidence >= TESSERACT_ALONE]
        elif op.tag == "replace" and len(ours) == len(theirs):
            for mine, other in zip(ours, theirs, strict=True):
                kept.append((other, "trueocr") if _surer(other, mine) else (mine, "tesseract"))
        elif op.tag == "replace":
            trueocr_wins = _mean(theirs) > _mean(ours) + TRUEOCR_MARGIN
            kept += [(word, "trueocr") for word in theirs] if trueocr_wins else [(word, "tesseract") for word in ours]
    words = [word for i, (word, engine) in enumerate(kept) if not (engine == "alone" and _inside_neighbour(kept, i))]
    engines = {"tesseract" if engine == "alone" else engine for _, engine in kept}
    return Line(tuple(words), "+".join(sorted(engines)))


def _surer(other: Word, mine: Word) -> bool:
    """Whether trueocr's word replaces Tesseract's: clearly more confident, and not Tesseract's word run into its
    neighbour (``THƯVIỆN`` for ``THƯ VIỆN``: Tesseract's word breaks are the better ones)."""
    return other.confidence > mine.confidence + TRUEOCR_MARGIN and mine.text not in other.text


def _inside_neighbour(kept: list[tuple[Word, str]], index: int) -> bool:
    """Whether a word only Tesseract saw is already part of a trueocr word beside it (``NĐ-CP ngày`` read by
    trueocr as one word ``NĐ-CP_ngày``), so keeping it would write it twice."""
    text = kept[index][0].text
    neighbours = (kept[j] for j in (index - 1, index + 1) if 0 <= j < len(kept))
    return any(engine == "trueocr" and text in word.text for word, engine in neighbours)


def _mean(words: Sequence[Word]) -> float:
    return sum(word.confidence for word in words) / len(words)
