"""How much of a page's text a line finder found: the share of its letter-sized ink marks inside the line boxes.

The combined reader reads on trueocr's lines; where trueocr's detector misses
a part of the page (the lower half of a heavy, unevenly lit page turned 25°
lost 54.7% of its words that way), what its lines do not cover is lost. So the
coverage is measured, not assumed: the ink marks (``digitize.ink``) the size of
letters, each counted as found when its centre lies in a line box. Below
``ENOUGH`` the page's lines are also asked of Tesseract's layout analysis, and
its lines that cover ink trueocr's do not are read as well (``extra_lines``).
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from digitize.ink import find_ink, letter_sized
from digitize.ocr.page import Box

#: Line boxes that hold this share of the page's letter marks are taken to cover the page.
ENOUGH = 0.95
#: A line of the other finder is new when this share of its box lies outside the boxes already found.
NEW_SHARE = 0.6


def letter_centres(image: np.ndarray) -> np.ndarray:
    """The centres (x, y, in ``image``'s pixels) of the page's letter-sized ink marks."""
    ink = find_ink(image)
    stats = ink.marks
    letters = stats[letter_sized(stats)] if len(stats) else stats
    x = (letters[:, cv2.CC_STAT_LEFT] + letters[:, cv2.CC_STAT_WIDTH] / 2) / ink.scale
    y = (letters[:, cv2.CC_STAT_TOP] + letters[:, cv2.CC_STAT_HEIGHT] / 2) / ink.scale
    return np.stack([x, y], axis=1) if len(letters) else np.empty((0, 2))


def coverage(centres: np.ndarray, boxes: Sequence[Box]) -> float:
    """The share of ``centres`` inside any of ``boxes`` (1 for a page without letters)."""
    return float(_inside(centres, boxes).mean()) if len(centres) else 1.0


def extra_lines(centres: np.ndarray, found: Sequence[Box], others: Sequence[Box]) -> list[Box]:
    """Those of ``others`` (another finder's lines) that hold letters ``found`` missed and lie mostly outside it."""
    missed = centres[~_inside(centres, found)] if len(centres) else centres
    extra = []
    for box in others:
        if not _inside(missed, [box]).any():
            continue
        if _outside_share(box, found) >= NEW_SHARE:
            extra.append(box)
    return extra


def _inside(centres: np.ndarray, boxes: Sequence[Box]) -> np.ndarray:
    if not len(boxes) or not len(centres):
        return np.zeros(len(centres), bool)
    b = np.asarray(boxes, np.float64)
    x, y = centres[:, :1], centres[:, 1:]
    return ((x >= b[:, 0]) & (x < b[:, 2]) & (y >= b[:, 1]) & (y < b[:, 3])).any(axis=1)


def _outside_share(box: Box, found: Sequence[Box]) -> float:
    """The share of ``box``'s area that no box of ``found`` covers (overlaps among ``found`` counted once)."""
    left, top, right, bottom = box
    area = np.zeros((max(1, bottom - top), max(1, right - left)), bool)
    for x0, y0, x1, y1 in found:
        area[max(0, y0 - top) : max(0, y1 - top), max(0, x0 - left) : max(0, x1 - left)] = True
    return 1.0 - float(area.mean())
