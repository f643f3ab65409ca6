"""Finding the ink on a page: the pixels clearly darker than the paper around them.

Deskew, orientation and the blank check all start from this mask. It is made
on a copy reduced by halving (Pillow-free, SIMD-fast ``INTER_AREA`` at exactly
one half), against a background estimated on a much smaller copy, so that
uneven lighting, tinted paper and scanner noise do not count as ink.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np

#: The mask is made on a copy halved until its longest side is at most this
#: (1,754 px for an A4 page at 300 DPI: 150 DPI).
WORKING_SIZE = 2000
#: Ink must be darker than the paper by this many noise standard deviations.
NOISE_SIGMAS = 4.0
#: And by at least this many grey levels, however clean the paper: a page whose pixels all lie within this
#: range of each other has no ink (the blank check's shortcut).
MIN_DARKNESS = 8
# Letter-sized, on the ~150-DPI ink mask: bigger than dust, smaller than a frame or shadow.
_MARK_AREA = (6, 5000)
_MARK_HEIGHT = (3, 120)


@dataclass(frozen=True)
class InkMask:
    """``mask`` is True on ink; ``scale`` maps the source page's pixels onto it."""

    mask: np.ndarray
    scale: float

    @property
    def share(self) -> float:
        return float(self.mask.mean())

    @cached_property
    def marks(self) -> np.ndarray:
        """The stats (``cv2.connectedComponentsWithStats`` rows) of each mark, the background left out: the blank
        check and the script check both count them, so they are found once."""
        return cv2.connectedComponentsWithStats(self.mask.astype(np.uint8), connectivity=8)[2][1:]


def halve_until(grey: np.ndarray, longest: int) -> tuple[np.ndarray, float]:
    """``grey`` halved until its longest side is at most ``longest``; returns the copy and its scale."""
    scale = 1.0
    while max(grey.shape) > longest and min(grey.shape) >= 4:
        grey = cv2.resize(grey, (grey.shape[1] // 2, grey.shape[0] // 2), interpolation=cv2.INTER_AREA)
        scale /= 2
    return grey, scale


def has_no_ink(grey: np.ndarray) -> bool:
    """True when no pixel can be ink: the page is one shade within ``MIN_DARKNESS`` (a blank rendered or generated
    page). The paper estimate lies within the page's own range, so ``find_ink`` would find nothing; this costs one
    pass over the pixels instead of the mask's several."""
    darkest, lightest, _, _ = cv2.minMaxLoc(grey)
    return lightest - darkest <= MIN_DARKNESS


def find_ink(grey: np.ndarray) -> InkMask:
    small, scale = halve_until(grey, WORKING_SIZE)
    background = paper_background(small)
    darkness = cv2.subtract(background, small)
    otsu, _ = cv2.threshold(darkness, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # On a sparse page Otsu splits the paper's own noise: ink must also stand clear of it.
    signed = background[::3, ::3].astype(np.float32) - small[::3, ::3]
    noise_sd = 1.4826 * float(np.median(np.abs(signed - np.median(signed))))
    mask = darkness > max(otsu, NOISE_SIGMAS * noise_sd, float(MIN_DARKNESS))
    return InkMask(mask=_without_edge_marks(mask), scale=scale)


def letter_sized(stats: np.ndarray) -> np.ndarray:
    """Which of the marks (rows of ``cv2.connectedComponentsWithStats``' stats) are the size of letters."""
    areas, heights = stats[:, cv2.CC_STAT_AREA], stats[:, cv2.CC_STAT_HEIGHT]
    return (
        (areas >= _MARK_AREA[0])
        & (areas <= _MARK_AREA[1])
        & (heights >= _MARK_HEIGHT[0])
        & (heights <= _MARK_HEIGHT[1])
    )


def _without_edge_marks(mask: np.ndarray) -> np.ndarray:
    """``mask`` without the marks that touch the image's edge: the dark wedge of a slanted photo or the
    scanner lid beside the sheet, not text (one such wedge alone made a page's lines look vertical)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    left, top = stats[:, cv2.CC_STAT_LEFT], stats[:, cv2.CC_STAT_TOP]
    right, bottom = left + stats[:, cv2.CC_STAT_WIDTH], top + stats[:, cv2.CC_STAT_HEIGHT]
    height, width = mask.shape
    at_edge = (left == 0) | (top == 0) | (right == width) | (bottom == height)
    at_edge[0] = False
    if not at_edge[1:].any():
        return mask
    return mask & ~at_edge[labels]


def paper_background(grey: np.ndarray) -> np.ndarray:
    """The paper's brightness at every pixel, as if the ink were lifted off.

    A median over a window much wider than a stroke, taken on a copy reduced
    to ~400 px and scaled back: fast, and blind to text.
    """
    tiny, _ = halve_until(grey, 400)
    background = cv2.medianBlur(tiny, 9)
    return cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
