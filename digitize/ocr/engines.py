"""The engine seam: what an OCR engine is, and the one per worker process that reads its pages.

An engine is loaded once per process (a model takes longer to load than a
small page takes to read) and then reads page after page: a prepared greyscale
image in, an ``OcrPage`` out, its boxes in that image's pixels. The preparation
also hands on the page as it stood before its background was flattened
(``PreparedPage.unflattened``, same pixels and frame): an engine that reads
better without the flattening (trueocr) reads that one. Adding an engine
is a module with a class that has these methods and a ``load(options)`` that
makes one, and its entry in ``digitize.ocr.registry``.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import replace
from functools import cache
from typing import Protocol

import numpy as np

from digitize.ocr.options import DEFAULT_OPTIONS, OcrOptions
from digitize.ocr.page import OcrPage, Software
from digitize.ocr.registry import engine_entry


class OcrEngine(Protocol):
    @property
    def software(self) -> tuple[Software, ...]:
        """The engines this one runs, named as ALTO and hOCR name the software that read the page."""

    def settings(self) -> dict[str, object]:
        """The settings it reads with, recorded in the page's provenance."""

    def read(self, image: np.ndarray, unflattened: np.ndarray | None = None) -> OcrPage:
        """The words of one prepared 8-bit greyscale page; ``unflattened`` is the same page before its background
        was flattened, for an engine that reads that better (None: ``image`` is all there is)."""


def check(options: OcrOptions) -> None:
    """Fail before a batch starts, with the fix, when the engine or its language data is missing."""
    from digitize.ocr.tesseract import check_engine

    engine_entry(options.engine)
    check_engine(options.lang)


def engine_for(options: OcrOptions) -> OcrEngine:
    """This process's engine for ``options``, loaded on first use and kept.

    A forked worker loads its own rather than use its parent's (one engine, one user).
    """
    check(options)
    # The PDF text-layer mode is not the engine's business: pages of every mode share one engine.
    return _load(replace(options, mode=DEFAULT_OPTIONS.mode), os.getpid())


@cache
def _load(options: OcrOptions, process: int) -> OcrEngine:
    return importlib.import_module(engine_entry(options.engine).module).load(options)


def recognize(
    image: np.ndarray, options: OcrOptions = DEFAULT_OPTIONS, unflattened: np.ndarray | None = None
) -> OcrPage:
    """One prepared page read by the engine ``options`` name."""
    return engine_for(options).read(image, unflattened)
