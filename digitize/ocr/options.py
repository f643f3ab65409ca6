"""How pages are read: the engine, its languages and layout mode, tone marks, and PDF text layers."""

from __future__ import annotations

from dataclasses import dataclass

from digitize.ocr.registry import DEFAULT_ENGINE, ENGINES, engine_entry

DEFAULT_LANG = "vie"
DEFAULT_PSM = 3
#: Page segmentation modes that read a page's words with their layout (0 only finds the orientation, 2 no text).
PAGE_SEGMENTATION_MODES = (1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)
#: The engines ``--engine`` names: see ``digitize.ocr.registry``.
ENGINE_NAMES = tuple(ENGINES)
#: The languages a Latin page may be found in (``digitize.language``); a page found in one other than
#: ``vie`` is read again by Tesseract with that language's model beside ``vie``.
DEFAULT_LANGUAGES = ("vie", "fra")


@dataclass(frozen=True)
class OcrOptions:
    """How pages are read: the engine, Tesseract languages (``vie+fra``), page segmentation mode, tone-mark
    placement, and ``mode``, which PDF pages keep their own text layer instead (see ``ingest.TEXT_LAYER_MODES``).

    ``unify_tones`` writes ``hoà``, ``thuỷ`` as ``hòa``, ``thủy``. It is off by
    default: the archive keeps the source's spelling, and search finds either
    placement anyway because the index unifies them when it analyses the text.

    ``languages`` are those a page may be found in (``digitize.language``);
    ``han_ocr`` reads Han pages with Tesseract's traditional Chinese models,
    an approximate reading (Nôm characters are not in them), instead of
    keeping them as images for a specialist.
    """

    lang: str = DEFAULT_LANG
    psm: int = DEFAULT_PSM
    unify_tones: bool = False
    mode: str = "skip"
    engine: str = DEFAULT_ENGINE
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    han_ocr: bool = False

    @property
    def step(self) -> str:
        """The page's ``steps`` entry saying how it was read, e.g. ``ocr-vie-psm3``."""
        label = engine_entry(self.engine).step_label
        return f"{label}-{self.lang}-psm{self.psm}" + ("-new-tones" if self.unify_tones else "")


DEFAULT_OPTIONS = OcrOptions()
