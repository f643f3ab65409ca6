"""Tesseract through tesserocr: one of the engines behind ``digitize.ocr.engines``.

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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache

import numpy as np
import tesserocr
from tesserocr import PSM, RIL, iterate_level

from digitize.errors import OcrEngineError
from digitize.ocr.options import DEFAULT_LANG, DEFAULT_PSM, PAGE_SEGMENTATION_MODES, OcrOptions
from digitize.ocr.page import Block, Box, Line, OcrPage, Software, Word
from digitize.ocr.reading_order import in_reading_order
from digitize.textnorm import normalize, unify_tone_marks

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
def available_languages() -> frozenset[str]:
    """The languages whose Tesseract data is installed."""
    return frozenset(tesserocr.get_languages(tessdata_dir())[1])


@cache
def check_engine(lang: str = DEFAULT_LANG) -> None:
    """Fail early, with the fix, when a language's data is missing."""
    missing = [code for code in lang.split("+") if code not in available_languages()]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code.replace('_', '-')}" for code in missing)  # chi_tra: -chi-tra
        raise OcrEngineError(None, f"Tesseract has no data for {', '.join(missing)} (apt-get install {packages})")


def load(options: OcrOptions) -> TesseractEngine:
    """Tesseract as ``options`` set it: the registry's way to make it (``digitize.ocr.registry``)."""
    return TesseractEngine(options.lang, options.psm, options.unify_tones)


class TesseractEngine:
    """Tesseract for one set of languages and one page segmentation mode, its model loaded once."""

    def __init__(self, lang: str = DEFAULT_LANG, psm: int = DEFAULT_PSM, unify_tones: bool = False) -> None:
        if psm not in PAGE_SEGMENTATION_MODES:
            raise OcrEngineError(None, f"page segmentation mode {psm} reads no text")
        check_engine(lang)
        self.lang, self.psm, self.unify_tones = lang, psm, unify_tones
        try:
            self._api = tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang=lang)
        except RuntimeError as error:
            raise OcrEngineError(None, f"Tesseract cannot load {lang}: {error}") from None

    @property
    def software(self) -> tuple[Software, ...]:
        return (Software("Tesseract", engine_version()),)

    def settings(self) -> dict[str, object]:
        return {"lang": self.lang, "psm": self.psm, "unify_tones": self.unify_tones}

    def read(self, image: np.ndarray, unflattened: np.ndarray | None = None) -> OcrPage:
        """The page's words, the two columns of a header or foot read one after the other (``reading_order``).
        Tesseract reads the flattened page (its global threshold wants even paper): ``unflattened`` is not used."""
        return in_reading_order(OcrPage(assemble(parse_tsv(self.tsv(image)), self.unify_tones), self.software))

    def read_box_lines(self, image: np.ndarray, boxes: Sequence[Box]) -> list[Line]:
        """Each line box (left, top, right, bottom) of ``image`` read as one line of text (psm 7), its words'
        boxes in ``image``'s pixels; a line read as nothing has no words."""
        height, width = image.shape[:2]
        lines = []
        with self._image(image, PSM.SINGLE_LINE):
            for left, top, right, bottom in boxes:
                pad = max(2, (bottom - top) // 5)
                x0, y0 = max(0, left - pad), max(0, top - pad)
                self._api.SetRectangle(x0, y0, min(width, right + pad) - x0, min(height, bottom + pad) - y0)
                words = OcrPage(assemble(parse_tsv(self._tsv()), self.unify_tones)).words
                lines.append(Line(words, "tesseract"))
        return lines

    def line_boxes(self, image: np.ndarray) -> list[list[Box]]:
        """The text lines of Tesseract's layout analysis alone (no recognition), grouped in its blocks: a second
        line finder beside trueocr's (``digitize.ocr.line_coverage``)."""
        blocks: list[list[Box]] = []
        with self._image(image, self.psm):
            iterator = self._api.AnalyseLayout()
            if iterator is None:
                return blocks
            for line in iterate_level(iterator, RIL.TEXTLINE):
                box = line.BoundingBox(RIL.TEXTLINE)
                if box is None:
                    continue
                if not blocks or line.IsAtBeginningOf(RIL.BLOCK):
                    blocks.append([])
                blocks[-1].append(tuple(box))
        return blocks

    def tsv(self, image: np.ndarray) -> str:
        """Tesseract's TSV dump of ``image``: one row per block, paragraph, line and word."""
        with self._image(image, self.psm):
            return self._tsv()

    @contextmanager
    def _image(self, image: np.ndarray, psm: int) -> Iterator[None]:
        page = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = page.shape[:2]
        self._api.SetPageSegMode(psm)
        self._api.SetImageBytes(page.tobytes(), width, height, 1, width)
        try:
            yield
        finally:
            self._api.Clear()

    def _tsv(self) -> str:
        try:
            return self._api.GetTSVText(0)
        except RuntimeError as error:
            raise OcrEngineError(None, f"Tesseract failed: {error}") from None


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


def assemble(data: dict[str, list], unify_tones: bool = False) -> tuple[Block, ...]:
    """Blocks (Tesseract's paragraphs) of lines of words from its TSV columns; empty and rejected words left out."""
    paragraphs: dict[tuple, dict[tuple, list[Word]]] = {}
    for i, raw in enumerate(data["text"]):
        token = normalize(str(raw))
        if not token or float(data["conf"][i]) < 0:
            continue
        if unify_tones:
            token = unify_tone_marks(token)
        paragraph = (int(data["block_num"][i]), int(data["par_num"][i]))
        line = (*paragraph, int(data["line_num"][i]))
        word = Word(
            text=token,
            confidence=float(data["conf"][i]),
            left=int(data["left"][i]),
            top=int(data["top"][i]),
            width=int(data["width"][i]),
            height=int(data["height"][i]),
        )
        paragraphs.setdefault(paragraph, {}).setdefault(line, []).append(word)
    return tuple(
        Block(tuple(Line(tuple(words), "tesseract") for words in lines.values())) for lines in paragraphs.values()
    )
