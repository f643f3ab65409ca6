"""Tesseract OCR through pytesseract: words with confidence and box, and the page text.

One ``image_to_data`` call gives both the words and, rebuilt from its
block/paragraph/line numbers, the reading-order text: half the engine time of
asking for the text and the data separately.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import pytesseract

from digitize.errors import OcrEngineError
from digitize.textnorm import normalize

DEFAULT_LANG = "vie"
DEFAULT_PSM = 3


@dataclass(frozen=True)
class Word:
    """A word as Tesseract read it: confidence 0–100, box in pixels of the page read.

    ``block`` and ``line`` number the word's text block and line on the page, in
    reading order from 0, so ALTO, hOCR and the PDF text layer keep Tesseract's layout.
    """

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int
    block: int
    line: int


@dataclass(frozen=True)
class OcrResult:
    text: str
    words: tuple[Word, ...]

    @property
    def mean_confidence(self) -> float | None:
        """Mean of Tesseract's word confidences (0–100); None when no word was read."""
        if not self.words:
            return None
        return round(sum(w.confidence for w in self.words) / len(self.words), 2)

    def blocks(self) -> list[list[list[Word]]]:
        """The words as blocks of lines, in reading order: the nesting ALTO and hOCR are written in."""
        blocks: list[list[list[Word]]] = []
        last_block = last_line = None
        for word in self.words:
            if word.block != last_block:
                blocks.append([])
            if word.line != last_line or word.block != last_block:
                blocks[-1].append([])
            blocks[-1][-1].append(word)
            last_block, last_line = word.block, word.line
        return blocks


def bounding_box(words: list[Word]) -> tuple[int, int, int, int]:
    """``(left, top, right, bottom)`` of the box around ``words``."""
    return (
        min(w.left for w in words),
        min(w.top for w in words),
        max(w.left + w.width for w in words),
        max(w.top + w.height for w in words),
    )


@cache
def engine_version() -> str:
    """Tesseract's version, named in the ALTO and hOCR files as the software that read the page."""
    return str(pytesseract.get_tesseract_version())


@cache
def check_engine(lang: str = DEFAULT_LANG) -> None:
    """Fail early, with the fix, when Tesseract or a language's data is missing."""
    if shutil.which(pytesseract.pytesseract.tesseract_cmd) is None:
        raise OcrEngineError(None, "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    available = set(pytesseract.get_languages(config=""))
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise OcrEngineError(None, f"Tesseract has no data for {', '.join(missing)} (apt-get install {packages})")


def recognize(image: np.ndarray, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM) -> OcrResult:
    """OCR of one prepared greyscale page."""
    check_engine(lang)
    # Tesseract's OpenMP threads fight the batch's worker processes: one
    # thread per engine measured 5× faster per page on two cores.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # Handing Tesseract an uncompressed PGM saves the second pytesseract
    # spends PNG-encoding a 300-DPI page.
    with tempfile.NamedTemporaryFile(suffix=".pgm") as page_file:
        cv2.imwrite(page_file.name, image)
        try:
            data = pytesseract.image_to_data(
                page_file.name, lang=lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT
            )
        except (pytesseract.TesseractError, RuntimeError, OSError) as error:
            raise OcrEngineError(None, f"Tesseract failed: {error}") from None
    return _assemble(data)


def _assemble(data: dict[str, list]) -> OcrResult:
    """Words and text from Tesseract's TSV columns; paragraphs separated by a blank line."""
    words: list[Word] = []
    paragraphs: list[list[list[str]]] = []
    last_paragraph = last_line = None
    block_index = line_index = -1
    for i, raw in enumerate(data["text"]):
        token = normalize(str(raw))
        if not token or float(data["conf"][i]) < 0:
            continue
        paragraph = (data["block_num"][i], data["par_num"][i])
        line = (*paragraph, data["line_num"][i])
        if paragraph != last_paragraph:
            paragraphs.append([])
            if last_paragraph is None or paragraph[0] != last_paragraph[0]:
                block_index += 1
        if line != last_line:
            paragraphs[-1].append([])
            line_index += 1
        paragraphs[-1][-1].append(token)
        last_paragraph, last_line = paragraph, line
        words.append(
            Word(
                text=token,
                confidence=float(data["conf"][i]),
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                block=block_index,
                line=line_index,
            )
        )
    text = "\n\n".join("\n".join(" ".join(line) for line in lines) for lines in paragraphs)
    return OcrResult(text=text, words=tuple(words))
