"""``--engine auto``: trueocr's lines, cut at column gaps and put in reading order (and Tesseract's where
trueocr's detector missed ink), each read by both engines, word by word the more trustworthy reading kept.

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

So the two readings of a line are voted word by word (``digitize.ocr.vote``),
and every kept word keeps its own engine's box, so ALTO, hOCR and the PDF text
layer place what was kept; a word read twice over the same ink is written once.
trueocr's detector is not a single point of failure: where its lines hold less
than ``line_coverage.ENOUGH`` of the page's letter marks, Tesseract's layout
analysis finds the lines it missed (``line_coverage``), and both engines read them;
such a line is kept only where the two read it alike, for on real pages what
trueocr's detector leaves out is mostly a seal's or a signature's ink, which
Tesseract's layout takes for lines and both engines read as junk.

Each engine reads the page as it reads best, in one frame: Tesseract the
prepared page (enlarged to its text size, background flattened), trueocr the
same page before the flattening (``PreparedPage.unflattened``; its recognizer
wrote garbage, or dropped faint strokes, on flattened blurred photos), so a line
box is the same on both and every word's box is in the archived image's pixels.
On the held-out pages of ``benchmarks/generalization.py --quick`` this took
real-page CER from 9.65% to 7.13% (blurred photos 31.1% → 20.3%).

Measured on pages none of this was tuned on (``benchmarks/generalization.py``,
TUNE and HELD-OUT splits by source document, other fonts, blur, noise and
resolutions in the held-out split; ``benchmarks/fit_calibration.py`` scores
the vote on cached readings; figures in ``docs/benchmarks.md``): the vote
compares the engines' own confidences, trueocr's ``TRUEOCR_MARGIN`` points
lower, with the syllable rules of ``digitize.ocr.vote`` (a fragment that is no
syllable gives way, a malformed word to a well-formed one, junk both engines
are unsure of is left out); on a page whose two readings agree on fewer than
``vote.DISAGREEING`` of their words (blurred photos) trueocr's lines are kept
unvoted. On the whole set this took held-out real-page CER from 5.63% to
4.64% (TUNE 3.78% → 2.92%); calibrated confidences fitted on TUNE
(plain, or by page condition) did worse on held-out pages. asterocr as a third
reader settles the words the two read differently, where it reads one of them letter for letter
(``vote.to_settle``, ``digitize.ocr.asterocr``): held-out real pages of the quick set 4.49% → 4.36%, TUNE
1.65% → 1.53% (``benchmarks/third_reader.py``); only the words told apart by tone marks or case since: the
others changed the kept word in 15 of 125 reads on TUNE pages, at no gain in CER.
"""

from __future__ import annotations

import numpy as np

from digitize.ocr.asterocr import AsterOcrReader
from digitize.ocr.line_coverage import ENOUGH, coverage, extra_lines, letter_centres
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import Box, Line, OcrPage, Software, bounding_box
from digitize.ocr.tesseract import TesseractEngine
from digitize.ocr.trueocr import TrueOcrEngine
from digitize.ocr.vote import (
    DISAGREEING,
    TRUEOCR_MARGIN,
    agreement,
    page_agreement,
    to_settle,
    verdicts,
    vote_page,
)

#: One line as (Tesseract's reading, trueocr's reading).
Pair = tuple[Line, Line]


def load(options: OcrOptions) -> CombinedEngine:
    """Both engines as ``options`` set them: see ``digitize.ocr.registry``."""
    return CombinedEngine(options.lang, options.psm, options.unify_tones)


class CombinedEngine:
    def __init__(self, lang: str, psm: int, unify_tones: bool = False) -> None:
        self._tesseract = TesseractEngine(lang, psm, unify_tones)
        self._neural = TrueOcrEngine(unify_tones=unify_tones)
        self._referee = AsterOcrReader()

    @property
    def software(self) -> tuple[Software, ...]:
        return (*self._tesseract.software, *self._neural.software, *self._referee.software)

    def settings(self) -> dict[str, object]:
        return {
            **self._tesseract.settings(),
            "lines": "trueocr",
            "trueocr_margin": TRUEOCR_MARGIN,
            "vote_from_agreement": DISAGREEING,
            "referee": "asterocr, on the words the two read differently by tone marks or case",
        }

    def read(self, image: np.ndarray, unflattened: np.ndarray | None = None) -> OcrPage:
        readings = self.readings(image, unflattened)
        agreeing = page_agreement(readings)
        found = to_settle(readings, agreeing)
        thirds = [line.text for line in self._referee.read_box_lines(image, [dispute.box for dispute in found])]
        return OcrPage(vote_page(readings, verdicts=verdicts(found, thirds), agreeing=agreeing), self.software)

    def readings(self, image: np.ndarray, unflattened: np.ndarray | None = None) -> list[list[Pair]]:
        """Blocks of lines in reading order, each line as (Tesseract's reading, trueocr's reading): trueocr's
        lines, and Tesseract's where trueocr's detector missed ink. Tesseract reads ``image`` (flattened),
        trueocr ``unflattened`` when there is one; both share one frame, so a line box is the same on both."""
        neural = image if unflattened is None else unflattened
        layout = self._neural.read(neural)
        rereadings = iter(self._tesseract.read_box_lines(image, [line.box for line in layout.lines]))
        blocks = [[(next(rereadings), line) for line in block.lines] for block in layout.blocks]
        missed = self._missed_lines(image, neural, [line.box for line in layout.lines])
        return in_block_order([*blocks, *missed]) if missed else blocks

    def _missed_lines(self, image: np.ndarray, neural: np.ndarray, found: list[Box]) -> list[list[Pair]]:
        """Both readings, in Tesseract's blocks, of the lines Tesseract's layout analysis finds on ``image`` where
        trueocr's detector left letters out (``line_coverage``); none when trueocr's lines cover the page.

        A line is kept only when the two engines read at least ``DISAGREEING`` of its words alike: text missed
        by a detector reads alike, the ink of a seal or a signature does not (on the held-out photo of
        ``87_QD-CT`` those lines, ``00TCH``, ``/7/77/8/A21``, cost 1.7 points of CER)."""
        centres = letter_centres(image)
        if coverage(centres, found) >= ENOUGH:
            return []
        blocks = [extra_lines(centres, found, boxes) for boxes in self._tesseract.line_boxes(image)]
        boxes = [box for block in blocks for box in block]
        if not boxes:
            return []
        pairs = iter(
            zip(self._tesseract.read_box_lines(image, boxes), self._neural.read_box_lines(neural, boxes), strict=True)
        )
        read = [[next(pairs) for _ in block] for block in blocks]
        text = [[pair for pair in block if pair[1].words and agreement([pair]) >= DISAGREEING] for block in read]
        return [block for block in text if block]


def in_block_order(blocks: list[list[Pair]]) -> list[list[Pair]]:
    """Blocks of lines put in reading order by a recursive XY-cut over their boxes, as trueocr orders its own."""
    from trueocr.order import order_xycut

    bounds = np.array(
        [bounding_box(word for pair in pairs for line in pair for word in line.words) for pairs in blocks], np.float32
    )
    return [blocks[k] for k in order_xycut(bounds)]
