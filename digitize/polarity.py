"""Which way round a page's tones are: dark ink on light paper, a negative (light text on dark film), or dark all
over, told before anything else measures its ink.

Every later stage assumes dark ink on light paper: on a microfilm negative the
ink finder sees the film as ink and the letters as paper, and the page is kept
as a picture with no text. A negative is turned positive first. A page dark
all over (an exposure gone wrong, a lens cap, a black sheet) has nothing a
reader can see, but it is not the back of a sheet: it is held for a person.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize.ink import halve_until

#: The working copy's longest side: tones, not shapes, are measured.
WORKING_SIZE = 800
#: A page whose median grey is darker than this has a dark ground (paper is rarely below 150, film rarely above 90).
DARK_GROUND = 110
#: Bright marks on a dark ground are text when they cover this share of the page (letters cover 2–25 %).
MIN_BRIGHT_SHARE, MAX_BRIGHT_SHARE = 0.002, 0.45
#: The dark ground of a negative is even (film, toner); a dark photograph spreads over many greys.
MAX_GROUND_SPREAD = 28.0
#: A page with less than this share of pixels lighter than its dark ground's gap holds nothing visible.
DARK_PAGE_BRIGHT_SHARE = 0.0005
#: How much lighter than the ground a pixel must be to count as a mark.
MIN_CONTRAST = 60


#: The tones a page can have.
POSITIVE, NEGATIVE, DARK = "positive", "negative", "dark"


def page_tone(grey: np.ndarray) -> str:
    """``NEGATIVE`` for light marks on an even dark ground (a microfilm negative, white-on-black print), ``DARK``
    for a page dark all over with no light mark, else ``POSITIVE``: dark ink on light paper, or a picture."""
    small, _ = halve_until(grey, WORKING_SIZE)
    ground = float(np.median(small))
    if ground >= DARK_GROUND:
        return POSITIVE
    bright = small > ground + MIN_CONTRAST
    share = float(bright.mean())
    if share < DARK_PAGE_BRIGHT_SHARE:
        return DARK
    if share > MAX_BRIGHT_SHARE or share < MIN_BRIGHT_SHARE:
        return POSITIVE
    dark = small[~cv2.dilate(bright.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)]
    return NEGATIVE if dark.size and float(dark.std()) < MAX_GROUND_SPREAD else POSITIVE


def positive(grey: np.ndarray) -> np.ndarray:
    """The negative ``grey`` as a positive: dark ink on light paper."""
    return cv2.bitwise_not(grey)
