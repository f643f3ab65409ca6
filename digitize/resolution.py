"""Text size: how many pixels high a page's lowercase letters are, and the resample that suits an engine.

A page's dpi says little about its text (a phone photo has none, a 300-dpi
scan of a 9-pt table has small text), so the size is measured on the ink: the
heights of the connected components of ``digitize.ink.find_ink``'s mask. Their
histogram has a peak at the x-height (a, c, e, m, n, o, r, s, u, v, x: the
bulk of any Latin text), another at the height of capitals and ascenders
(about 1.5 × higher) and, in Vietnamese, a peak of tone marks and dots far
below both. The x-height is the lowest strong peak at least half as high as
the tallest one: tone marks are a third of the x-height, capitals 1.5 ×.

Each engine reads best at its own text size (its ``target_x_height`` in
``digitize.ocr.registry``); a page
whose text is smaller is enlarged to it before OCR (Lanczos), and the factor
recorded so that boxes can be mapped back (``OcrPage.scaled``). Measured on
the 9 born-digital pages rendered at 70–300 dpi, clean and print-and-scan
degraded (x-height 6.4 px at 70 dpi, 27.5 px at 300), Tesseract read best at
an x-height of 12–16 px: degraded 70 dpi 7.9% CER as it is, 5.6% at 12 px,
6.0% at 14, 6.2% at 16; degraded 100 dpi 5.1% → 4.3% (12 or 14); clean 100
dpi 4.7% → 4.0% (14), 3.9% (16); from 150 dpi on, enlarging gained nothing
and past 20 px it lost. trueocr has no target: its recognizer scales every
line to about 23 px itself and its detector works on a 1,024-px copy, and
enlarging changed its CER by no more than the noise (±0.3 point) at any dpi.
Shrinking 300-dpi pages to 16–20 px cost Tesseract no accuracy and saved a
quarter of its time, but is not done: small print on those pages would shrink too.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize.ink import InkMask, find_ink
from digitize.ocr.registry import engine_entry

#: Fewer letter-sized components than this: too little text to measure (a blank back, a photo).
MIN_COMPONENTS = 100
#: A histogram peak counts when it holds at least this share of the tallest peak.
PEAK_SHARE = 0.4
#: Never enlarge more than this: beyond it Lanczos only makes bigger blur.
MAX_FACTOR = 4.0
#: Text this close below the target is left alone (a resample costs time and sharpness for nothing).
TOLERANCE = 0.9


@dataclass(frozen=True)
class TextSize:
    """The measured x-height in pixels of the page measured, and how many components it was measured on."""

    x_height: float
    components: int


def text_size(grey: np.ndarray, ink: InkMask | None = None) -> TextSize | None:
    """The x-height of ``grey``'s text, or None when there is too little text to tell. ``ink`` is ``grey``'s
    ``find_ink`` when the caller has it already (``preprocess.prepare`` uses it again, and its marks)."""
    ink = find_ink(grey) if ink is None else ink
    mask = ink.mask
    stats = ink.marks
    heights, widths = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_WIDTH]
    # Letter-sized: not a speck, not a rule, a frame or a picture.
    letters = (heights >= 3) & (widths >= 2) & (heights < mask.shape[0] // 20) & (widths < mask.shape[1] // 10)
    if int(letters.sum()) < MIN_COMPONENTS:
        return None
    histogram = np.bincount(heights[letters]).astype(np.float64)
    smooth = np.convolve(histogram, [1.0, 2.0, 1.0], "same")
    mode = int(np.argmax(smooth))
    peaks = [
        i
        for i in range(1, len(smooth) - 1)
        if smooth[i] >= smooth[i - 1] and smooth[i] >= smooth[i + 1] and smooth[i] >= PEAK_SHARE * smooth[mode]
    ]
    peak = min((i for i in peaks if i >= 0.5 * mode), default=mode)
    # The peak's centre of mass over its three bins: a fraction of a pixel of the mask.
    bins = np.arange(max(peak - 1, 0), min(peak + 2, len(histogram)))
    weights = histogram[bins]
    centre = float((weights * bins).sum() / weights.sum()) if weights.sum() else float(peak)
    return TextSize(x_height=centre / ink.scale, components=int(letters.sum()))


def resample_factor(size: TextSize | None, engine: str) -> float:
    """How much to enlarge a page whose text is ``size`` for ``engine`` to read it best (1: as it is)."""
    target = engine_entry(engine).target_x_height
    if size is None or target is None or size.x_height >= TOLERANCE * target:
        return 1.0
    return round(min(target / size.x_height, MAX_FACTOR), 3)


def resample(grey: np.ndarray, factor: float) -> np.ndarray:
    """``grey`` enlarged (Lanczos) or reduced (area) by ``factor``."""
    if factor == 1.0:
        return grey
    interpolation = cv2.INTER_LANCZOS4 if factor > 1 else cv2.INTER_AREA
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=interpolation)
