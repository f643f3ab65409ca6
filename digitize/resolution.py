"""Text size, measured from the ink, and the resampling that brings small text up to what OCR reads best.

A page's declared dpi says little (a phone photo declares 72 or nothing, a
fax 200 for text the size of 100): the height of its letters says how it will
read. Tesseract reads best with letters about 20–40 px tall, and the page's
own measurements (its turn, its blank check) are made for that size too, so a
page of small text is enlarged before anything else looks at it; pages at
their size or above are left as they are.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize.ink import find_ink

#: The median letter height (pixels of the page) that small text is enlarged to.
TARGET_LETTER_PX = 30.0
#: Pages whose letters are at least this tall are read as they are: enlarging 150-dpi pages (letters of
#: 14 px) measured no better, while phone photos (7 px) went from 17.7% to 8.8% CER (benchmarks/realscans.py).
MIN_LETTER_PX = 12.0
MAX_FACTOR = 4.0
# Marks counted as letters: taller than specks and tone marks, smaller than rules and frames.
_LETTER_HEIGHT = (3, 60)
_MIN_LETTERS = 30


def letter_height(grey: np.ndarray) -> float | None:
    """The median height in pixels of the letter-sized marks of ink on the page; None with too few of them."""
    ink = find_ink(grey)
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink.mask.astype(np.uint8), connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    letters = heights[(heights >= _LETTER_HEIGHT[0]) & (heights <= _LETTER_HEIGHT[1]) & (widths <= 3 * heights)]
    if letters.size < _MIN_LETTERS:
        return None
    return float(np.median(letters)) / ink.scale


def enlargement(grey: np.ndarray) -> float:
    """The factor (1 or more) that brings the page's letters to ``TARGET_LETTER_PX``."""
    height = letter_height(grey)
    if height is None or height >= MIN_LETTER_PX:
        return 1.0
    return round(min(TARGET_LETTER_PX / height, MAX_FACTOR), 2)


def enlarge(grey: np.ndarray, factor: float) -> np.ndarray:
    if factor == 1:
        return grey
    return cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
