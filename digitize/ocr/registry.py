"""The OCR engines there are, one entry each: every fact about an engine the rest of the pipeline needs.

The CLI's ``--engine`` choices, the text size a page is enlarged to, the
engine that reads a first page's header a second time and the page's
``steps`` label are all read from ``ENGINES``; nothing else names an engine.
Adding one is an ``EngineEntry`` here and the engine's own module, which
defines ``load(options) -> OcrEngine`` (the protocol in ``digitize.ocr.engines``):

    EngineEntry("newocr", "digitize.ocr.newocr", target_x_height=None,
                second_reading="tesseract", step_label="ocr-newocr")

(asterocr, which has no line finder, is not an engine of its own: ``auto`` has it settle words,
``digitize.ocr.asterocr``.)
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.errors import OcrEngineError


@dataclass(frozen=True)
class EngineEntry:
    """One engine: ``name`` as ``--engine`` gives it; ``module``, whose ``load(options)`` makes it (imported on
    first use, so an engine's heavy dependencies load only when it reads); ``target_x_height``, the x-height in
    pixels it reads best at (``digitize.resolution``; None: it scales text itself, the page is read as it is);
    ``second_reading``, the engine that reads the header again (``digitize.ocr.second_reading``: never itself,
    two readings by one engine make the same mistakes); ``step_label``, how a page's ``steps`` say it read it."""

    name: str
    module: str
    target_x_height: float | None
    second_reading: str
    step_label: str


ENGINES: dict[str, EngineEntry] = {
    entry.name: entry
    for entry in (
        # auto reads trueocr's lines and votes word by word with Tesseract, whose reading is enlarged for it.
        EngineEntry("auto", "digitize.ocr.combined", 14.0, second_reading="tesseract", step_label="ocr-auto"),
        EngineEntry("tesseract", "digitize.ocr.tesseract", 14.0, second_reading="trueocr", step_label="ocr"),
        EngineEntry("trueocr", "digitize.ocr.trueocr", None, second_reading="tesseract", step_label="ocr-trueocr"),
    )
}
DEFAULT_ENGINE = "auto"
#: The engine that reads with Tesseract's language models: a page found in another language than Vietnamese,
#: a Han page read approximately (``digitize.page``).
LANGUAGE_MODEL_ENGINE = "tesseract"


def engine_entry(name: str) -> EngineEntry:
    """The entry of the engine called ``name``; an unknown name fails with the names there are."""
    if name not in ENGINES:
        raise OcrEngineError(None, f"no OCR engine called {name!r} (one of {', '.join(ENGINES)})")
    return ENGINES[name]
