"""Keystone: lines that slope one way at the top of a page and another at the bottom, as a phone photo
taken at a slant shows them, levelled by one perspective transform.

Deskew turns a page by one angle; on a photo taken from below or to one side
the text lines fan out, and a single turn levels the middle of the page while
the top and bottom lines stay slanted by a degree or more. Tesseract and
trueocr both read a slanted line across its neighbours (one such page read at
22% and 50% CER). The line angle is measured on a band at the top and a band
at the bottom of the upright page (``deskew``'s projection profiles), and when
they differ the page is warped so both bands are level: the quadrilateral
through the two bands' lines is mapped onto a rectangle.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize import deskew
from digitize.ink import InkMask, find_ink

#: Bands whose line angles differ by less than this (degrees) are one page turned as a whole.
MIN_SPREAD_DEG = 0.3
#: Share of the page's height in each band.
BAND = 0.3
# A band needs this share of ink pixels to have measurable lines.
_MIN_INK = 0.005


def band_angles(grey: np.ndarray) -> tuple[float, float] | None:
    """The text-line angle (counter-clockwise degrees) of the top and of the bottom band; None without text."""
    ink = find_ink(grey)
    height = ink.mask.shape[0]
    band = round(BAND * height)
    top, bottom = ink.mask[:band], ink.mask[height - band :]
    if min(top.mean(), bottom.mean()) < _MIN_INK:
        return None
    return deskew.estimate_line_angle(InkMask(top, ink.scale)), deskew.estimate_line_angle(InkMask(bottom, ink.scale))


def level(grey: np.ndarray) -> np.ndarray | None:
    """``grey`` with its top and bottom lines levelled; None when they already run alike."""
    angles = band_angles(grey)
    if angles is None or abs(angles[0] - angles[1]) < MIN_SPREAD_DEG or max(map(abs, angles)) > 10:
        return None
    height, width = grey.shape
    middle = width / 2
    rows = (BAND * height / 2, height - BAND * height / 2)  # the bands' centres
    source, target = [], []
    for row, angle in zip(rows, angles, strict=True):
        rise = np.tan(np.radians(angle))  # a counter-clockwise line climbs (y falls) to the right
        for x in (0.0, float(width)):
            source.append((x, row - (x - middle) * rise))
            target.append((x, row))
    warp = cv2.getPerspectiveTransform(np.float32(source), np.float32(target))
    paper = int(np.median(grey[::4, ::4]))
    return cv2.warpPerspective(grey, warp, (width, height), flags=cv2.INTER_CUBIC, borderValue=paper)
