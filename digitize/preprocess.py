"""Page cleanup before OCR: blank check, deskew, lighting and noise.

Each step is one function on an 8-bit greyscale array, and ``prepare`` records
which ones it ran, so a page's JSON tells what was done to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize import deskew

#: Share of a page's pixels that must be ink for it to count as written on.
BLANK_INK_SHARE = 0.0015
#: Skews smaller than this are left alone: resampling costs more than it gains.
MIN_CORRECTED_SKEW = 0.05


@dataclass(frozen=True)
class PreparedPage:
    """A page ready for OCR, and what was done to get it there."""

    image: np.ndarray
    skew_deg: float
    blank: bool
    steps: tuple[str, ...]


def prepare(grey: np.ndarray) -> PreparedPage:
    if is_blank(grey):
        return PreparedPage(image=grey, skew_deg=0.0, blank=True, steps=("blank-check",))
    steps = ["blank-check"]
    skew = deskew.estimate_angle(grey)
    if abs(skew) >= MIN_CORRECTED_SKEW:
        grey = deskew.rotate(grey, -skew)
        steps.append("deskew")
    grey = flatten_background(grey)
    steps.append("flatten-background")
    grey = cv2.medianBlur(grey, 3)
    steps.append("median-3")
    return PreparedPage(image=grey, skew_deg=skew, blank=False, steps=tuple(steps))


def is_blank(grey: np.ndarray) -> bool:
    """True for the back of a sheet: no more than a few specks darker than the paper around them."""
    scale = min(1.0, 1000 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    darkness = cv2.subtract(cv2.medianBlur(small, 31), small)
    ink = cv2.morphologyEx((darkness > 50).astype(np.uint8), cv2.MORPH_OPEN, np.ones((2, 2), np.uint8))
    return float(ink.mean()) < BLANK_INK_SHARE


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """Divide the page by its own paper so uneven lighting and tinted paper become white.

    The background is a large median of a reduced copy: text strokes are too thin to survive it.
    """
    scale = min(1.0, 400 / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    background = cv2.medianBlur(small, 21)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(background, 1), scale=255)
