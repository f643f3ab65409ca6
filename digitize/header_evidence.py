"""What only a document's first page image tells its metadata: the header read again, the fields written by hand.

The number and the date are one word each in a page of hundreds, and a
misread digit in either costs the page's text nothing and its metadata
everything. The first page's image is where they can be checked: its header
read again by the other engine (``digitize.ocr.second_reading``) and its
number and day measured for a pen's strokes (``digitize.handwriting``). The
second reading costs one more OCR of a third of the page (0.2–0.3 s), and
runs on every administrative document: a summary's misread tone mark makes
another Vietnamese word and checks against nothing but another reading, and
a number and date that check out against each other can still be misread
alike (docs/decisions.md).

Computed where the pixels are (``digitize metadata FILE``; a batch's worker),
kept as plain data with the page, and given to ``digitize.metadata.extract``
beside the whole text wherever a document is described.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitize.errors import OcrEngineError
from digitize.handwriting import handwritten_fields
from digitize.handwritten_fields import read_fields
from digitize.metadata import Metadata, extract, is_administrative
from digitize.metadata.written import HandwrittenReading
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import OcrPage
from digitize.ocr.second_reading import reread_header


@dataclass(frozen=True)
class HeaderEvidence:
    header_again: str | None = None  # None when not read again: no administrative header, or no second engine
    handwritten: frozenset[str] = frozenset()  # "number", "day"
    #: The page is the file's own text: what it leaves blank (a day, a number for the signer) is blank, not unread.
    text_layer: bool = False
    #: The digits read in the number's and the day's blanks, with the blanks' boxes.
    readings: tuple[HandwrittenReading, ...] = ()


def header_evidence(image: np.ndarray, recognized: OcrPage, text: str, options: OcrOptions) -> HeaderEvidence:
    """The evidence of a prepared first page ``image``, read as ``recognized`` (boxes in its pixels) into ``text``."""
    handwritten = handwritten_fields(image, recognized)
    if not is_administrative(text):  # no header a second reading could check, no form filled in
        return HeaderEvidence(handwritten=handwritten)
    readings = read_fields(image, recognized)
    try:
        again = reread_header(image, options)
    except OcrEngineError:  # the other engine cannot run here: the first reading stands alone, as from a text layer
        again = None
    return HeaderEvidence(again, handwritten, readings=readings)


def extract_with(text: str, evidence: HeaderEvidence | None) -> Metadata:
    """The metadata of a document's whole ``text`` with its first page's ``evidence`` (None: there is none, the
    page having a text layer, or the archive being older than the evidence)."""
    evidence = evidence or HeaderEvidence()
    return extract(
        text,
        header_again=evidence.header_again,
        handwritten=evidence.handwritten,
        text_layer=evidence.text_layer,
        readings=evidence.readings,
    )
