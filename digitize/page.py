"""One page from source to text: the ``ingest → preprocess → ocr`` chain.

A PDF page with a usable text layer keeps that text and is not OCR'd; its
image is kept only for viewing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitize import ingest, ocr, preprocess
from digitize.errors import DigitizeError


@dataclass(frozen=True)
class PageResult:
    """What the archive keeps of one page."""

    number: int
    text: str
    source: str  # "ocr", "text-layer" or "blank"
    image: np.ndarray
    skew_deg: float
    confidence: float | None
    steps: tuple[str, ...]


def process_page(path: Path, number: int, lang: str = ocr.DEFAULT_LANG) -> PageResult:
    """Page ``number`` (1-based) of ``path``, preprocessed and read.

    Errors from the engine are re-raised naming the file and page.
    """
    source = ingest.load_page(path, number)
    if source.text_layer is not None:
        return PageResult(
            number=number,
            text=source.text_layer,
            source="text-layer",
            image=source.image,
            skew_deg=0.0,
            confidence=None,
            steps=("text-layer",),
        )
    prepared = preprocess.prepare(source.image)
    if prepared.blank:
        return PageResult(
            number=number,
            text="",
            source="blank",
            image=prepared.image,
            skew_deg=0.0,
            confidence=None,
            steps=prepared.steps,
        )
    try:
        result = ocr.recognize(prepared.image, lang=lang)
    except DigitizeError as error:
        raise type(error)(path, f"page {number}: {error.reason}") from None
    return PageResult(
        number=number,
        text=result.text,
        source="ocr",
        image=prepared.image,
        skew_deg=prepared.skew_deg,
        confidence=result.mean_confidence,
        steps=(*prepared.steps, f"ocr-{lang}"),
    )
