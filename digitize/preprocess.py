"""Page cleanup before OCR: blank check, orientation and deskew, lighting and noise.

Each step is a function on an 8-bit greyscale array, and ``prepare`` records
which ones it ran, so a page's JSON tells what was done to it. The page is
resampled once, by the whole turn (quarter turns and skew together).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize import deskew
from digitize.ink import InkMask, find_ink, paper_background
from digitize.orientation import PageTurn, measure_turn

#: Turns smaller than this are left alone: resampling costs more than it gains.
MIN_CORRECTED_SKEW = 0.05
#: A page with fewer letter-sized marks than this is the back of a sheet.
BLANK_MAX_MARKS = 8
# Letter-sized, on the 150-DPI ink mask: bigger than dust, smaller than a frame or shadow.
_MARK_AREA = (6, 5000)
_MARK_HEIGHT = (3, 120)

_UPRIGHT = PageTurn(skew_deg=0.0, orientation=0, confidence=0.5)


@dataclass(frozen=True)
class PreparedPage:
    """A page ready for OCR, and what was done to get it there."""

    image: np.ndarray
    turn: PageTurn
    blank: bool
    steps: tuple[str, ...]

    @property
    def skew_deg(self) -> float:
        return self.turn.skew_deg


def prepare(grey: np.ndarray) -> PreparedPage:
    ink = find_ink(grey)
    if is_blank(ink):
        return PreparedPage(image=grey, turn=_UPRIGHT, blank=True, steps=("blank-check",))
    steps = ["blank-check"]
    turn = measure_turn(ink)
    if abs(turn.total_deg) >= MIN_CORRECTED_SKEW:
        grey = deskew.rotate(grey, -turn.total_deg)
        steps.append("deskew" if turn.orientation == 0 else f"rotate-{turn.orientation}+deskew")
    grey = flatten_background(grey)
    steps.append("flatten-background")
    grey = cv2.medianBlur(grey, 3)
    steps.append("median-3")
    return PreparedPage(image=grey, turn=turn, blank=False, steps=tuple(steps))


def is_blank(ink: InkMask) -> bool:
    """True for the back of a sheet: dust and specks, but not even a line of text."""
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink.mask.astype(np.uint8), connectivity=8)
    areas, heights = stats[1:, cv2.CC_STAT_AREA], stats[1:, cv2.CC_STAT_HEIGHT]
    marks = (areas >= _MARK_AREA[0]) & (areas <= _MARK_AREA[1])
    marks &= (heights >= _MARK_HEIGHT[0]) & (heights <= _MARK_HEIGHT[1])
    return int(marks.sum()) < BLANK_MAX_MARKS


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """Divide the page by its own paper so uneven lighting and tinted paper become white."""
    return cv2.divide(grey, np.maximum(paper_background(grey), 1), scale=255)
