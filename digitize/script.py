"""Which script a page is written in, told from its ink before any OCR: Latin, Han, or no text at all.

A Hán-Nôm page read with Tesseract's ``vie`` comes out as Latin junk that
would be indexed and counted; a photograph or a map read as text gives specks
of nonsense and lands in the review queue. So a page's ink is looked at
first, and only Latin pages go to the Latin engines:

- **no text** (a photograph, map or drawing): much of the page is dark (a
  photograph's tones), or its ink is mostly in marks far larger than letters
  (a map's lines) with few letter-sized ones;
- **Han**: letter-sized marks, joined across the small gaps inside a character,
  make square blobs of one size (characters), where Latin letters join into
  words, wide or tall; measured on rendered Hán-Nôm pages in three fonts,
  vertical and horizontal, tinted and noisy, and on real Vietnamese scans
  (``benchmarks/scripts.py``; figures in ``docs/decisions.md``);
- **Latin** otherwise, unless the blobs are square often enough to leave
  doubt (``UNSURE_SQUARE_SHARE``) and Tesseract's script detection (``osd``)
  then names a Han script.

Real Hán-Nôm pages (woodblock prints and manuscripts, dense columns of
characters touching down the column, small scans) have square shares of
0.37–0.81, overlapping real Vietnamese scans (0.27–0.43): the ink measure alone
cannot tell them. Tesseract's ``osd`` names all 27 such pages Han and none of
60 real Vietnamese pages Han, but alone it misses sparse decrees of large
characters, takes maps for Japanese and costs ~0.6 CPU seconds a page against
0.08, so it is asked only in the band of doubt, never about a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
import tesserocr
from PIL import Image

from digitize.errors import OcrEngineError
from digitize.ink import InkMask, find_ink, halve_until, letter_sized
from digitize.ocr.tesseract import available_languages, tessdata_dir

LATIN, HAN, NO_TEXT = "Latin", "Han", "none"
SCRIPTS = (LATIN, HAN, NO_TEXT)

#: A page this much darker than its paper (below 60% of its brightness) is a photograph ...
PHOTO_DARK_SHARE = 0.25
#: ... unless it has this many letter-sized marks (a newspaper page with a photograph on it); past twice the
#: share, it is one whatever its marks.
PHOTO_MAX_MARKS = 600
#: Below this share of its ink in letter-sized marks, and with fewer marks than this, a page is a drawing.
DRAWING_LETTER_INK = 0.5
DRAWING_MAX_MARKS = 300
#: Ink in marks bigger than letters covering this share of the page, or dark lines (below 60% of the paper) this
#: share, make a page without letters a drawing, not the back of a sheet (a map's lines run off the page's edge,
#: where the ink finder drops them).
DRAWING_MIN_INK = 0.004
DRAWING_MIN_DARK = 0.01
#: Han: at least this share of the joined blobs square, over at least this many marks of at least this height
#: (pixels of the ink mask, ~150 DPI); on too few or too small marks (a back page's specks) squareness means nothing.
#: A sparse decree of five short columns of 72-pt characters has 42 marks (``benchmarks/script_pages.py``, TUNE).
HAN_SQUARE_SHARE = 0.7
#: From this share of square blobs up to ``HAN_SQUARE_SHARE`` Tesseract's OSD is asked. Tuned on the real Hán-Nôm
#: pages of four works (lowest 0.368; ``benchmarks/scripts.py``), above every generated Latin page (at most 0.25)
#: and under a quarter of the real Vietnamese scans (15 of 60 asked, none taken for Han).
UNSURE_SQUARE_SHARE = 0.35
#: The script names OSD gives Han writing (it calls some Han fonts Japanese or Korean).
OSD_HAN = frozenset({"Han", "HanS", "HanT", "Japanese", "Korean", "Hangul", "Katakana", "Hiragana"})
HAN_MIN_MARKS = 30
HAN_MIN_HEIGHT = 8
#: Text whose marks are taller than this (median, pixels of the ink mask) is measured reduced to this height.
TEXT_HEIGHT = 32
# Marks are joined across gaps of this share of their median height: the strokes of one Han character join,
# Latin letters join into words. A blob is square when its sides differ by less than this ratio.
_JOIN = 0.35
_SQUARE_RATIO = 1.6
#: A blob this many times taller than wide, and than a mark, is a column rule: neither a character nor a word.
RULE_RATIO = 5


@dataclass(frozen=True)
class PageScript:
    """The script a page's ink shows (one of ``SCRIPTS``) and the measures it was told by."""

    script: str
    marks: int
    letter_ink: float  # share of the ink in letter-sized marks
    dark_share: float  # share of the page darker than 60% of its paper
    square_share: float  # share of the joined blobs that are square
    osd: str = ""  # the script Tesseract's OSD named, when it was asked


def page_script(grey: np.ndarray, ink: InkMask, blank: bool) -> PageScript:
    """The script of the page ``grey`` whose ink is ``ink``; ``blank`` is the blank check's answer, which a page
    of large drawn lines (a map) passes as well as the back of a sheet."""
    ink = at_text_size(ink)
    stats = ink.marks
    areas, heights = stats[:, cv2.CC_STAT_AREA], stats[:, cv2.CC_STAT_HEIGHT]
    letters = letter_sized(stats)
    marks = int(letters.sum())
    letter_ink = float(areas[letters].sum() / max(int(areas.sum()), 1))
    dark = _dark_share(grey)
    square = _square_share(ink.mask, float(np.median(heights[letters])) if marks else 0.0)
    measured = {"marks": marks, "letter_ink": round(letter_ink, 3), "dark_share": round(dark, 3)}
    big_ink = float(areas[~letters].sum()) / ink.mask.size
    if blank:
        script = NO_TEXT if big_ink >= DRAWING_MIN_INK or dark >= DRAWING_MIN_DARK else LATIN
    elif _photograph(marks, dark):
        script = NO_TEXT
    elif marks >= HAN_MIN_MARKS and square >= HAN_SQUARE_SHARE and _median_height(heights, letters) >= HAN_MIN_HEIGHT:
        script = HAN  # before the drawing's rule: a seal on a sparse decree can hold more ink than its characters
    elif letter_ink < DRAWING_LETTER_INK and marks < DRAWING_MAX_MARKS:
        script = NO_TEXT  # a drawing: its ink mostly not letters, few letters
    elif marks >= HAN_MIN_MARKS and square >= UNSURE_SQUARE_SHARE:
        named = osd_script(grey)
        return PageScript(HAN if named in OSD_HAN else LATIN, square_share=round(square, 3), osd=named, **measured)
    else:
        script = LATIN
    return PageScript(script, square_share=round(square, 3), **measured)


def osd_script(grey: np.ndarray) -> str:
    """The script Tesseract's orientation and script detection names for ``grey``; ``""`` when it names none or
    its data (``osd.traineddata``, in Debian's ``tesseract-ocr``) is not installed."""
    detector = _osd()
    if detector is None:
        return ""
    detector.SetImage(Image.fromarray(grey))
    try:
        found = detector.DetectOrientationScript()
    except RuntimeError:  # too few characters to tell
        return ""
    return str(found["script_name"]) if found else ""


@cache
def _osd() -> tesserocr.PyTessBaseAPI | None:
    """One detector a process: loading its data costs more than a page's detection."""
    try:
        if "osd" not in available_languages():
            return None
        return tesserocr.PyTessBaseAPI(path=tessdata_dir(), lang="osd", psm=tesserocr.PSM.OSD_ONLY)
    except OcrEngineError:
        return None


def at_text_size(ink: InkMask) -> InkMask:
    """``ink`` reduced until its marks are no taller than ``TEXT_HEIGHT``: the characters of a decree set large are
    strokes taller than any letter, which the letter-sized rules would not count, and sparse."""
    stats = ink.marks
    heights, areas = stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    marks = (areas >= 6) & (heights >= 3) & (heights < ink.mask.shape[0] / 4)
    if not marks.any():
        return ink
    height = float(np.median(heights[marks]))
    if height <= TEXT_HEIGHT:
        return ink
    factor = TEXT_HEIGHT / height
    reduced = cv2.resize(ink.mask.astype(np.uint8) * 255, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return InkMask(mask=reduced >= 96, scale=ink.scale * factor)


def _photograph(marks: int, dark: float) -> bool:
    """A photograph: much of the page dark, and few letters."""
    return dark >= 2 * PHOTO_DARK_SHARE or (dark >= PHOTO_DARK_SHARE and marks < PHOTO_MAX_MARKS)


def in_columns(grey: np.ndarray) -> bool:
    """Whether a Han page is set in columns (read top to bottom) rather than lines: the gaps between columns are
    wider than those between the characters down a column, so more of the page's width is empty than of its height."""
    mask = find_ink(grey).mask
    rows, columns = mask.any(axis=1), mask.any(axis=0)
    inside = slice(*_extent(rows)), slice(*_extent(columns))
    return float(1 - columns[inside[1]].mean()) > float(1 - rows[inside[0]].mean())


def _extent(profile: np.ndarray) -> tuple[int, int]:
    found = np.flatnonzero(profile)
    return (int(found[0]), int(found[-1]) + 1) if found.size else (0, profile.size)


def counts_text(counts: dict[str, int]) -> str:
    """``1 Han, 6 Latin, 2 no text``: how many pages are in each script, as status and the report say it."""
    return ", ".join(f"{count} {'no text' if script == NO_TEXT else script}" for script, count in counts.items())


def text_script(text: str) -> str:
    """The script of a text (a PDF's text layer): Han when most of its letters are Han characters."""
    letters = [c for c in text if c.isalpha()]
    han = sum(1 for c in letters if _is_han(c))
    return HAN if letters and han >= 0.5 * len(letters) else LATIN


def _is_han(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3134F


def _median_height(heights: np.ndarray, letters: np.ndarray) -> float:
    return float(np.median(heights[letters])) if letters.any() else 0.0


def _dark_share(grey: np.ndarray) -> float:
    small, _ = halve_until(grey, 1000)
    paper = float(np.percentile(small, 95))
    return float((small < 0.6 * paper).mean())


def _square_share(mask: np.ndarray, mark_height: float) -> float:
    """Share of the blobs (marks joined across small gaps) at least a mark high that are square."""
    if mark_height <= 0:
        return 0.0
    size = max(1, round(mark_height * _JOIN))
    joined = cv2.dilate(mask.astype(np.uint8), np.ones((size, size), np.uint8))
    stats = cv2.connectedComponentsWithStats(joined, connectivity=8)[2][1:]
    widths, heights = stats[:, cv2.CC_STAT_WIDTH].astype(float), stats[:, cv2.CC_STAT_HEIGHT].astype(float)
    rule = (heights >= RULE_RATIO * widths) & (heights >= RULE_RATIO * mark_height)  # a column rule is no blob
    sized = ((widths > mark_height) | (heights > mark_height)) & ~rule
    if not sized.any():
        return 0.0
    ratio = np.maximum(widths[sized], heights[sized]) / np.maximum(np.minimum(widths[sized], heights[sized]), 1)
    return float(np.mean(ratio < _SQUARE_RATIO))
