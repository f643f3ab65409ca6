"""Page cleanup before OCR: small text enlarged, scanner borders, blank check, orientation and deskew, lighting.

Each step is a function on an 8-bit greyscale array, and ``prepare`` records
which ones it ran, so a page's JSON tells what was done to it. Small text
(a phone photo, a 100-dpi scan) is enlarged first, so that the turn is
measured and the page read at the letter size they work best at; the page is
then turned once (quarter turns and skew together).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize import deskew, keystone, polarity, resolution
from digitize.ink import InkMask, find_ink, halve_until, has_no_ink, letter_sized, paper_background
from digitize.orientation import PageTurn, measure_turn
from digitize.pixel_budget import DEFAULT_MAX_PIXELS, enlargement_within
from digitize.script import LATIN, NO_TEXT, page_script

#: Turns smaller than this are left alone: resampling costs more than it gains.
MIN_CORRECTED_SKEW = 0.05
#: A page with fewer letter-sized marks than this is the back of a sheet.
BLANK_MAX_MARKS = 8

#: Paper within this many noise standard deviations of white is made white (``flatten_background``).
PAPER_NOISE_SIGMAS = 4.0
#: Dark surroundings are cut away only when they cover at least this share of the scan.
BORDER_MIN_SHARE = 0.01
# How far, in pixels of the ~800-px copy, the sheet's edge is pulled in (its shadow).
BORDER_EDGE_PX = 5

_UPRIGHT = PageTurn(skew_deg=0.0, orientation=0, confidence=0.5)


@dataclass(frozen=True)
class PreparedPage:
    """A page ready for OCR, and what was done to get it there."""

    image: np.ndarray
    turn: PageTurn
    blank: bool
    steps: tuple[str, ...]
    scale: float = 1.0  # the enlargement: pixels of ``image`` per pixel of the source page
    script: str = LATIN  # one of ``digitize.script.SCRIPTS``: only Latin pages are turned, cleaned and read
    dark: bool = False  # dark all over: nothing to read, yet not blank (``digitize.polarity``)
    #: The same page, upright and enlarged, before ``flatten_background``: what trueocr reads (its recognizer
    #: misreads flattened blurred text, see ``digitize.ocr.trueocr``); None when the page was not flattened.
    unflattened: np.ndarray | None = None

    @property
    def skew_deg(self) -> float:
        return self.turn.skew_deg


def prepare(grey: np.ndarray, engine: str = "tesseract", max_pixels: int = DEFAULT_MAX_PIXELS) -> PreparedPage:
    """``grey`` made ready for ``engine`` to read; a negative is turned positive first, small text enlarged within
    the pixel budget ``max_pixels``."""
    tone = polarity.page_tone(grey)
    if tone == polarity.DARK:  # no ink to see, but not the back of a sheet either: for a person to check
        return PreparedPage(image=grey, turn=_UPRIGHT, blank=False, steps=("tone-check",), script=NO_TEXT, dark=True)
    steps = []
    if tone == polarity.NEGATIVE:
        grey = polarity.positive(grey)
        steps.append("invert-negative")
    if has_no_ink(grey):  # blank for certain: nothing to measure, enlarge or clean
        return PreparedPage(image=grey, turn=_UPRIGHT, blank=True, steps=(*steps, "blank-check"))
    ink: InkMask | None = find_ink(grey)  # measured once while the page stays as it is
    wanted = resolution.resample_factor(resolution.text_size(grey, ink), engine)
    scale = enlargement_within(wanted, grey.shape, max_pixels) if wanted != 1 else 1
    if scale != 1:
        grey, ink = resolution.resample(grey, scale), None
        steps.append(f"enlarge-{scale:g}x")
    paper = paper_mask(grey)
    if paper is not None:
        grey, ink = np.where(paper, grey, np.median(grey[paper])).astype(np.uint8), None
        steps.append("remove-borders")
    steps.append("blank-check")
    ink = find_ink(grey) if ink is None else ink
    blank = is_blank(ink)
    script = page_script(grey, ink, blank).script
    turn = None
    if script != LATIN and not blank:
        turn = measure_turn(ink)
        script = _script_when_level(grey, turn) if abs(turn.total_deg) >= MIN_CORRECTED_SKEW else script
    if script != LATIN:  # a Han page or a picture is kept as it is: its way up is not a Latin page's
        steps.append(f"script-{script.lower()}")
        return PreparedPage(image=grey, turn=_UPRIGHT, blank=False, steps=tuple(steps), scale=scale, script=script)
    if blank:
        return PreparedPage(image=grey, turn=_UPRIGHT, blank=True, steps=tuple(steps), scale=scale)
    turn = turn or measure_turn(ink)
    if abs(turn.total_deg) >= MIN_CORRECTED_SKEW:
        grey = deskew.rotate(grey, -turn.total_deg)
        steps.append("deskew" if turn.orientation == 0 else f"rotate-{turn.orientation}+deskew")
    levelled = keystone.level(grey)
    if levelled is not None:
        grey = levelled
        steps.append("level-keystone")
    # A median filter or a binarization after this measured no better, or
    # worse, on heavily degraded scans (benchmarks/cleanup.py): Tesseract's
    # own thresholding does well on a flat, evenly lit page.
    flat = flatten_background(grey)
    steps.append("flatten-background")
    return PreparedPage(image=flat, turn=turn, blank=False, steps=tuple(steps), scale=scale, unflattened=grey)


def _script_when_level(grey: np.ndarray, turn: PageTurn) -> str:
    """The script of ``grey`` turned level. Lines of Latin text turned 25° or more join into square blobs that
    look like Han characters (every such page of ``benchmarks/ocr.py`` did), so a page not taken for Latin as it
    came is judged again once level; upright pages, which are nearly all pages, are judged once."""
    level = deskew.rotate(grey, -turn.total_deg)
    ink = find_ink(level)
    return page_script(level, ink, is_blank(ink)).script


def measure(grey: np.ndarray) -> PageTurn | None:
    """How the content of ``grey`` is turned; None for a blank page, which has no way up."""
    ink = find_ink(grey)
    return None if is_blank(ink) else measure_turn(ink)


def paper_mask(grey: np.ndarray) -> np.ndarray | None:
    """Where the sheet is, when the scan shows a dark scanner lid or bed around it; None when it does not.

    The sheet is the largest bright region (Otsu on a reduced copy), filled
    solid and pulled in a little so its shadowed edge goes too.
    """
    small, _ = halve_until(grey, 800)
    _, bright = cv2.threshold(cv2.GaussianBlur(small, (5, 5), 0), 0, 1, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(bright, connectivity=4)
    if count < 2:
        return None
    largest = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
    contours, _ = cv2.findContours((labels == largest).astype(np.uint8), cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    sheet = np.zeros_like(small)
    cv2.drawContours(sheet, [cv2.convexHull(max(contours, key=cv2.contourArea))], -1, 1, thickness=cv2.FILLED)
    outside = 1.0 - sheet.mean()
    dark_outside = outside > 0 and float(np.median(small[sheet == 0])) < 0.5 * float(np.median(small[sheet == 1]))
    if outside < BORDER_MIN_SHARE or not dark_outside:
        return None
    sheet = cv2.erode(sheet, np.ones((BORDER_EDGE_PX, BORDER_EDGE_PX), np.uint8))
    return cv2.resize(sheet, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_NEAREST).astype(bool)


def is_blank(ink: InkMask) -> bool:
    """True for the back of a sheet: dust and specks, but not even a line of text."""
    return int(letter_sized(ink.marks).sum()) < BLANK_MAX_MARKS


def flatten_background(grey: np.ndarray) -> np.ndarray:
    """Divide the page by its own paper so uneven lighting and tinted paper become white, and its grain too.

    Paper lighter than ``PAPER_NOISE_SIGMAS`` noise deviations below white is
    set to white: on a sparse, noisy page Tesseract's global Otsu threshold
    otherwise falls inside the paper's grain and reads it as hundreds of
    thousands of specks (one such page took Tesseract 15 minutes).
    """
    background = np.maximum(paper_background(grey), 1)
    flat = cv2.divide(grey, background, scale=255)
    sample = background[::3, ::3].astype(np.float32)
    darkness = (sample - grey[::3, ::3]) * (255 / sample)
    noise_sd = 1.4826 * float(np.median(np.abs(darkness - np.median(darkness))))
    flat[flat > 255 - PAPER_NOISE_SIGMAS * noise_sd] = 255
    return flat
