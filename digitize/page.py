"""One page from source to text: the ``ingest → preprocess → ocr`` chain.

A PDF page with a usable text layer keeps that text and is not OCR'd (unless
the options' mode says otherwise); its image is kept only for viewing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from digitize import ingest, preprocess
from digitize.errors import DigitizeError
from digitize.ocr.engines import engine_for
from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.ocr.page import OcrPage
from digitize.provenance import StageLog, package_version
from digitize.textnorm import unify_tone_marks

_PREPROCESS_VERSION = f"{package_version('digitize')} (OpenCV {package_version('opencv-python-headless')})"


@dataclass(frozen=True)
class PageResult:
    """What the archive keeps of one page.

    ``skew_deg`` and ``orientation`` say how the content was turned on the
    source (counter-clockwise degrees); ``orientation_confidence`` how sure
    the up/down call was; ``confidence`` is the engines' mean word confidence.
    ``dpi`` is the image's resolution; ``recognized`` keeps the words with their
    boxes for ALTO, hOCR and the PDF text layer when the page was OCR'd.
    """

    number: int
    text: str
    source: str  # "ocr", "text-layer" or "blank"
    image: np.ndarray
    steps: tuple[str, ...]
    skew_deg: float = 0.0
    orientation: int = 0
    orientation_confidence: float | None = None
    confidence: float | None = None
    dpi: int = ingest.RENDER_DPI
    recognized: OcrPage | None = None

    def without_pixels(self) -> PageResult:
        """The result without its image and words, once they are written to files: what a worker sends back
        to the coordinator, which records the rest."""
        return replace(self, image=_NO_IMAGE, recognized=None)


_NO_IMAGE = np.empty((0, 0), np.uint8)


def process_page(
    path: Path, number: int, options: OcrOptions = DEFAULT_OPTIONS, log: StageLog | None = None
) -> PageResult:
    """Page ``number`` (1-based) of ``path``, preprocessed and read; each stage is recorded in ``log``.

    Errors from the engine are re-raised naming the file and page.
    """
    log = log if log is not None else StageLog()
    kind = ingest.detect_kind(path)
    loader, settings = ("pdfplumber", {"render_dpi": ingest.RENDER_DPI}) if kind == "pdf" else ("pillow", {})
    with log.stage("load", loader, package_version(loader), mode=options.mode, **settings):
        source = ingest.load_page(path, number, options.mode)
    if source.text_layer is not None:
        text = unify_tone_marks(source.text_layer) if options.unify_tones else source.text_layer
        return PageResult(number, text, "text-layer", source.image, steps=("text-layer",), dpi=source.dpi)
    with log.stage("preprocess", "digitize", _PREPROCESS_VERSION):
        prepared = preprocess.prepare(source.image, options.engine)
    if prepared.blank:
        dpi = round(source.dpi * prepared.scale)
        return PageResult(number, "", "blank", prepared.image, steps=prepared.steps, dpi=dpi)
    try:
        engine = engine_for(options)
        software = engine.software
        tool = " + ".join(s.name.lower() for s in software)
        with log.stage("ocr", tool, " + ".join(s.version for s in software), **engine.settings()):
            result = engine.read(prepared.image)
    except DigitizeError as error:
        raise type(error)(path, f"page {number}: {error.reason}") from None
    return PageResult(
        number,
        result.text,
        "ocr",
        prepared.image,
        steps=(*prepared.steps, options.step),
        skew_deg=prepared.turn.skew_deg,
        orientation=prepared.turn.orientation,
        orientation_confidence=prepared.turn.confidence,
        confidence=result.mean_confidence,
        dpi=round(source.dpi * prepared.scale),
        recognized=result,
    )


def page_texts(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> list[str]:
    """The text of every page of ``path``, in order: the whole file through ``process_page``."""
    return [process_page(path, number, options).text for number in range(1, ingest.count_pages(path) + 1)]
