"""Tesseract OCR through tesserocr: words with confidence and box, and the page text.

The engine is the library, loaded once per process and language and kept: a
worker reads every page of a batch with the same model instead of starting a
``tesseract`` process, which reloads it, per page (``benchmarks/engine.py``
has the figures). One TSV dump per page gives both the words and, rebuilt from
its block/paragraph/line numbers, the reading-order text.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache

import numpy as np
import tesserocr

from digitize.errors import OcrEngineError
from digitize.textnorm import normalize, unify_tone_marks

DEFAULT_LANG = "vie"
DEFAULT_PSM = 3
#: Page segmentation modes that read a page's words with their layout (0 only finds the orientation, 2 no text).
PAGE_SEGMENTATION_MODES = (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)

# The columns of a Tesseract TSV line, in order.
_TSV_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)


@dataclass(frozen=True)
class OcrOptions:
    """How pages are read: Tesseract languages (``vie+fra``), page segmentation mode, tone-mark placement,
    and ``mode``, which PDF pages keep their own text layer instead (see ``ingest.TEXT_LAYER_MODES``).

    ``unify_tones`` writes ``hoà``, ``thuỷ`` as ``hòa``, ``thủy``. It is off by
    default: the archive keeps the source's spelling, and search finds either
    placement anyway because the index unifies them when it analyses the text.
    """

    lang: str = DEFAULT_LANG
    psm: int = DEFAULT_PSM
    unify_tones: bool = False
    mode: str = "skip"

    @property
    def step(self) -> str:
        """The page's ``steps`` entry saying how it was read, e.g. ``ocr-vie-psm3``."""
        return f"ocr-{self.lang}-psm{self.psm}" + ("-new-tones" if self.unify_tones else "")


DEFAULT_OPTIONS = OcrOptions()


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
    return tesserocr.tesseract_version().split()[1]


@cache
def tessdata_dir() -> str:
    """Where the language data is: ``$TESSDATA_PREFIX``, else where the system's ``tesseract`` finds it.

    The tesserocr wheel brings the engine but no data; Debian's ``tesseract-ocr-vie`` brings the data.
    """
    if os.environ.get("TESSDATA_PREFIX"):
        return os.path.join(os.environ["TESSDATA_PREFIX"], "")
    if shutil.which("tesseract") is None:
        raise OcrEngineError(None, "no Tesseract language data (apt-get install tesseract-ocr tesseract-ocr-vie)")
    listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False).stdout
    found = re.search(r'"([^"]+)"', listing)
    if found is None:
        raise OcrEngineError(None, "tesseract --list-langs names no data folder; set TESSDATA_PREFIX")
    return os.path.join(found.group(1), "")


@cache
def check_engine(lang: str = DEFAULT_LANG) -> None:
    """Fail early, with the fix, when a language's data is missing."""
    _, available = tesserocr.get_languages(tessdata_dir())
    missing = [code for code in lang.split("+") if code not in available]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code}" for code in missing)
        raise OcrEngineError(None, f"Tesseract has no data for {', '.join(missing)} (apt-get install {packages})")


def engine(lang: str = DEFAULT_LANG) -> tesserocr.PyTessBaseAPI:
    """The process's engine for ``lang``, loaded on first use and kept: loading ``vie`` takes longer than a
    small page's OCR. A forked worker loads its own rather than use the parent's copy (one API, one user)."""
    return _engine(lang, os.getpid())


@cache
def _engine(lang: str, process: int) -> tesserocr.PyTessBaseAPI:
    check_engine(lang)
    try:
        return tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang)
    except RuntimeError as error:
        raise OcrEngineError(None, f"Tesseract cannot load {lang}: {error}") from None


def recognize(image: np.ndarray, options: OcrOptions = DEFAULT_OPTIONS) -> OcrResult:
    """OCR of one prepared greyscale page."""
    if options.psm not in PAGE_SEGMENTATION_MODES:
        raise OcrEngineError(None, f"page segmentation mode {options.psm} reads no text")
    api = engine(options.lang)
    page = np.ascontiguousarray(image, dtype=np.uint8)
    height, width = page.shape[:2]
    api.SetPageSegMode(options.psm)
    api.SetImageBytes(page.tobytes(), width, height, 1, width)
    try:
        tsv = api.GetTSVText(0)
    except RuntimeError as error:
        raise OcrEngineError(None, f"Tesseract failed: {error}") from None
    finally:
        api.Clear()
    return assemble(parse_tsv(tsv), options.unify_tones)


def parse_tsv(tsv: str) -> dict[str, list[str]]:
    """Tesseract's TSV lines as columns, the shape pytesseract's ``image_to_data`` returns."""
    columns: dict[str, list[str]] = {name: [] for name in _TSV_COLUMNS}
    for line in tsv.splitlines():
        fields = line.split("\t")
        if len(fields) != len(_TSV_COLUMNS) or fields[0] == "level":
            continue
        for name, value in zip(_TSV_COLUMNS, fields, strict=True):
            columns[name].append(value)
    return columns


def assemble(data: dict[str, list], unify_tones: bool = False) -> OcrResult:
    """Words and text from Tesseract's TSV columns; paragraphs separated by a blank line."""
    words: list[Word] = []
    paragraphs: list[list[list[str]]] = []
    last_paragraph = last_line = None
    block_index = line_index = -1
    for i, raw in enumerate(data["text"]):
        token = normalize(str(raw))
        if not token or float(data["conf"][i]) < 0:
            continue
        if unify_tones:
            token = unify_tone_marks(token)
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
