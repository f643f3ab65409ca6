"""Numbers and days written by hand into a printed Decree 30 form, found by their strokes.

A clerk fills in the number (``Số: 47 /QĐ-UBND``) and the day (``ngày 17
tháng 01``) with a pen or a marker when the document is issued. OCR misreads
such digits often (``4‡``, ``1G``), and a misread digit given as the
document's number is worse than none. A pen's stroke is seldom as wide as the
print's: what stands in the number's place (between ``Số:`` and the slash) and
in the day's (between ``ngày`` and ``tháng``) is compared with the page's
printed words, and where its strokes are much wider or much thinner, the field
is taken as written by hand.
"""

from __future__ import annotations

from statistics import median

import cv2
import numpy as np

from digitize.ocr.page import Line, OcrPage, Word
from digitize.textnorm import fold

#: Strokes this much wider than the print's are a marker's or a pen's: on generated pages printed digits measure
#: 0.86–1.05 times the print's stroke, on the real scans' handwritten numbers and days 1.26–2.0 (one 0.98).
WIDER = 1.2
#: ... or this much thinner (a fine pen; not seen on the real scans, so kept far from the print's 0.86).
THINNER = 0.7
#: Lines of the page searched for the number and the date, and whose words give the print's stroke width.
HEADER_LINES = 20
#: Each field: the label before the blank, and what ends the blank (the symbol's slash, the month's label).
_BLANKS = {"number": ("so", "/"), "day": ("ngay", "thang")}

Box = tuple[int, int, int, int]


def handwritten_fields(image: np.ndarray, page: OcrPage) -> frozenset[str]:
    """Which of ``number`` and ``day`` were written by hand into the form, on a prepared greyscale page and its
    reading (boxes in that image's pixels)."""
    lines = page.lines[:HEADER_LINES]
    printed = [_stroke_width(image, w.box) for line in lines for w in line.words if _letters(w) >= 3]
    printed = [width for width in printed if width]
    if not printed:
        return frozenset()
    usual = median(printed)
    found = set()
    for field, (label, end) in _BLANKS.items():
        blank = next((box for line in lines if (box := _blank(line, label, end)) is not None), None)
        width = _stroke_width(image, blank) if blank else None
        if width and not THINNER < width / usual < WIDER:
            found.add(field)
    return frozenset(found)


def _blank(line: Line, label: str, end: str) -> Box | None:
    """The box of what stands between ``label`` and ``end`` in ``line`` (parts of words glued to either)."""
    text = " ".join(word.text for word in line.words)
    folded = fold(text).lower()
    start = _word_start(folded, label)
    if start is None:
        return None
    start += len(label)
    while start < len(folded) and folded[start] in ":;., ":
        start += 1
    stop = folded.find(end, start)
    if stop <= start or not any(c.isalnum() for c in folded[start:stop]):
        return None
    return _span_box(line, start, stop)


def _word_start(folded: str, label: str) -> int | None:
    at = 0
    while (at := folded.find(label, at)) >= 0:
        if at == 0 or folded[at - 1] == " ":
            return at
        at += 1
    return None


def _span_box(line: Line, start: int, stop: int) -> Box | None:
    """The box of characters ``start:stop`` of a line's text, cut out of its words' boxes in proportion."""
    boxes = []
    offset = 0
    for word in line.words:
        first, last = max(start, offset), min(stop, offset + len(word.text))
        if first < last:
            share = word.width / max(len(word.text), 1)
            left = word.left + round((first - offset) * share)
            boxes.append((left, word.top, word.left + round((last - offset) * share), word.top + word.height))
        offset += len(word.text) + 1
    boxes = [box for box in boxes if box[2] > box[0]]
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def _letters(word: Word) -> int:
    return sum(c.isalpha() for c in word.text)


def _stroke_width(image: np.ndarray, box: Box) -> float | None:
    """The mean width of the strokes in ``box``: twice the ink's area over its outline's length (a stroke's outline
    runs along both its sides), which unlike a distance transform's steps tells a width of 4.2 pixels from 4.8."""
    left, top, right, bottom = box
    crop = image[max(top, 0) : bottom, max(left, 0) : right]
    if crop.size < 16:
        return None
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    contours, _ = cv2.findContours(ink, cv2.RETR_LIST, cv2.CHAIN_APPROX_NONE)
    outline = sum(cv2.arcLength(contour, True) for contour in contours)
    return 2 * float(np.count_nonzero(ink)) / outline if outline else None
