"""One page from source to text: the ``ingest → preprocess → ocr`` chain.

A PDF page with a usable text layer keeps that text and is not OCR'd (unless
the options' mode says otherwise); its image is kept only for viewing. Only
Latin pages are read (``digitize.script``): a Han page is kept as an image for
a specialist (or read approximately with ``han_ocr``), a page without text
(a photograph, a map) is an illustration; a Latin page found in another
language than Vietnamese (``digitize.language``) is read again with it.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from digitize import ingest, preprocess
from digitize.errors import DigitizeError
from digitize.header_evidence import HeaderEvidence, header_evidence
from digitize.language import VIETNAMESE, detect_language
from digitize.ocr.engines import engine_for
from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.ocr.page import OcrPage
from digitize.ocr.registry import LANGUAGE_MODEL_ENGINE, engine_entry
from digitize.ocr.tesseract import available_languages
from digitize.provenance import StageLog, package_version
from digitize.script import HAN, LATIN, NO_TEXT, in_columns, text_script
from digitize.textnorm import unify_tone_marks

#: The flags of pages that are not plain Vietnamese text: a Han page kept for a specialist, a reading of one
#: that is approximate (``han_ocr``).
HAN_FOR_SPECIALIST = "han-for-specialist"
APPROXIMATE = "approximate"
#: The source of a page with no text to read: a photograph, a map, a drawing.
ILLUSTRATION = "illustration"
#: The source of a page dark all over: nothing could be read, and a person must say why (``digitize.polarity``).
UNREADABLE = "unreadable"

_PREPROCESS_VERSION = f"{package_version('digitize')} (OpenCV {package_version('opencv-python-headless')})"


@dataclass(frozen=True)
class PageResult:
    """What the archive keeps of one page.

    ``skew_deg`` and ``orientation`` say how the content was turned on the
    source (counter-clockwise degrees); ``orientation_confidence`` how sure
    the up/down call was; ``confidence`` is the engines' mean word confidence.
    ``dpi`` is the image's resolution; ``recognized`` keeps the words with their
    boxes for ALTO, hOCR and the PDF text layer when the page was OCR'd.
    ``script`` is what the page is written in (``digitize.script.SCRIPTS``),
    ``languages`` the Tesseract languages it was read with or found in, and
    ``flags`` what a reader should know (a legacy encoding converted, a page
    kept for a specialist, an approximate reading). ``header`` is what a
    document's first page image tells its metadata (``with_header_evidence``).
    """

    number: int
    text: str
    source: str  # "ocr", "text-layer", "blank", "illustration" (no text), "image" (kept unread: Han), "unreadable"
    image: np.ndarray
    steps: tuple[str, ...]
    skew_deg: float = 0.0
    orientation: int = 0
    orientation_confidence: float | None = None
    confidence: float | None = None
    dpi: int = ingest.RENDER_DPI
    recognized: OcrPage | None = None
    script: str = LATIN
    languages: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    engine: str | None = None  # the engine that read it (``auto``, ``tesseract``, ``trueocr``), or None
    header: HeaderEvidence | None = None

    def summary(self) -> dict[str, object]:
        """What ``digitize ocr --json`` shows of the page: what it was taken for, its text, and what read it."""
        return {
            "number": self.number,
            "script": self.script,
            "languages": list(self.languages),
            "text": self.text,
            "flags": list(self.flags),
            "engine": self.engine,
            "source": self.source,
        }

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
    with log.stage("load", "pillow", package_version("pillow"), mode=options.mode) as load:
        source = ingest.load_page(path, number, options.mode, options.max_pixels)
        load.tool, load.version = source.reader, package_version(source.reader)
        if source.reader != "pillow":  # a PDF page: drawn at a resolution of our choosing
            load.parameters["render_dpi"] = source.dpi
    if source.text_layer is not None:
        text = unify_tone_marks(source.text_layer) if options.unify_tones else source.text_layer
        script = text_script(text)
        languages = (detect_language(text, options.languages),) if script == LATIN else ()
        return PageResult(
            number, text, "text-layer", source.image, ("text-layer",), dpi=source.dpi, script=script,
            languages=languages, flags=source.flags,
        )  # fmt: skip
    with log.stage("preprocess", "digitize", _PREPROCESS_VERSION):
        prepared = preprocess.prepare(source.image, options.engine, options.max_pixels)
    dpi = round(source.dpi * prepared.scale)
    if prepared.blank:
        return PageResult(number, "", "blank", prepared.image, steps=prepared.steps, dpi=dpi, script=NO_TEXT)
    if prepared.dark:
        return PageResult(number, "", UNREADABLE, prepared.image, prepared.steps, dpi=dpi, script=NO_TEXT)
    if prepared.script == NO_TEXT:
        return PageResult(number, "", ILLUSTRATION, prepared.image, prepared.steps, dpi=dpi, script=NO_TEXT)
    if prepared.script == HAN and not options.han_ocr:
        flags = (HAN_FOR_SPECIALIST,)
        return PageResult(number, "", "image", prepared.image, prepared.steps, dpi=dpi, script=HAN, flags=flags)
    reading = _han_reading(options, prepared.image) if prepared.script == HAN else options
    try:
        result = _read(prepared, reading, log)
        language = detect_language(result.text, _installed(options.languages)) if prepared.script == LATIN else None
        if language not in (None, VIETNAMESE) and language not in reading.lang.split("+"):
            reading = replace(options, engine=LANGUAGE_MODEL_ENGINE, lang=f"{language}+{VIETNAMESE}")
            result = _read(prepared, reading, log, stage=f"ocr-{language}")  # a stage of its own
    except DigitizeError as error:
        raise type(error)(path, f"page {number}: {error.reason}") from None
    return PageResult(
        number,
        result.text,
        "ocr",
        prepared.image,
        steps=(*prepared.steps, reading.step),
        skew_deg=prepared.turn.skew_deg,
        orientation=prepared.turn.orientation,
        orientation_confidence=prepared.turn.confidence,
        confidence=result.mean_confidence,
        dpi=dpi,
        recognized=result,
        script=prepared.script,
        languages=tuple(reading.lang.split("+")),
        flags=(APPROXIMATE,) if prepared.script == HAN else (),
        engine=reading.engine,
    )


def _read(prepared: preprocess.PreparedPage, options: OcrOptions, log: StageLog, stage: str = "ocr") -> OcrPage:
    engine = engine_for(options)
    software = engine.software
    tool = " + ".join(s.name.lower() for s in software)
    with log.stage(stage, tool, " + ".join(s.version for s in software), **engine.settings()):
        return engine.read(prepared.image, prepared.unflattened)


def _han_reading(options: OcrOptions, image: np.ndarray) -> OcrOptions:
    """Tesseract's traditional Chinese model for the page's layout, an approximate reading: the vertical model
    for columns (psm 5, a block of vertical text), the horizontal one for lines (``benchmarks/scripts.py``)."""
    lang, psm = ("chi_tra_vert", 5) if in_columns(image) else ("chi_tra", 6)
    return replace(options, engine=LANGUAGE_MODEL_ENGINE, lang=lang, psm=psm)


def _installed(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Those of ``languages`` whose Tesseract data is installed: a language that is not is never tried."""
    return tuple(code for code in languages if code in available_languages())


def with_header_evidence(
    page: PageResult, options: OcrOptions = DEFAULT_OPTIONS, log: StageLog | None = None
) -> PageResult:
    """A document's first page OCR'd, with what its image tells the metadata (stage ``header`` in ``log``); a first
    page of the file's own text, marked so; any other page as it is."""
    if page.number == 1 and page.source == "text-layer":
        return replace(page, header=HeaderEvidence(text_layer=True))
    if page.number != 1 or page.source != "ocr" or page.recognized is None:
        return page
    log = log if log is not None else StageLog()
    second_engine = engine_entry(options.engine).second_reading
    with log.stage("header", "digitize", package_version("digitize"), second_engine=second_engine):
        return replace(page, header=header_evidence(page.image, page.recognized, page.text, options))


def page_texts(path: Path, options: OcrOptions = DEFAULT_OPTIONS) -> list[str]:
    """The text of every page of ``path``, in order: the whole file through ``process_page``."""
    return [page.text for page in process_file(path, options)]


def process_file(
    path: Path, options: OcrOptions = DEFAULT_OPTIONS, keep_pixels: Container[int] = ()
) -> list[PageResult]:
    """Every page of ``path`` through ``process_page``, in order; only the pages numbered in ``keep_pixels`` keep
    their pixels, so a long file is not held in memory whole."""
    pages = (process_page(path, number, options) for number in range(1, ingest.count_pages(path) + 1))
    return [page if page.number in keep_pixels else page.without_pixels() for page in pages]
