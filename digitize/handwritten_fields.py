"""The number and day a clerk wrote into the printed form, found on the page image and read digit by digit.

``Số: 47 /QĐ-UBND`` and ``ngày 17 tháng 01``: the printed words around each
blank are read well by OCR, the ink inside it is not. The blank is placed
from the printed words' boxes (after ``Số:``, before the symbol's slash; after
``ngày``, before ``tháng``); its ink is cut into digits (connected strokes,
touching digits split at their thinnest column) and each digit is read by
``digitize.digit_model``. The blank's box is kept with the reading, for the
review desk and the value's provenance.
"""

from __future__ import annotations

from itertools import pairwise
from math import prod

import cv2
import numpy as np

from digitize import digit_model
from digitize.digit_model import DigitReading
from digitize.metadata.written import HandwrittenReading
from digitize.ocr.page import Line, OcrPage, Word
from digitize.textnorm import fold

#: Lines of the page searched for the number and the date.
HEADER_LINES = 20
#: How far above and below its printed line a written digit may reach, in line heights.
ABOVE, BELOW = 0.7, 0.5
#: Ink at least this far below the paper's grey is a stroke (the print's and the pen's alike).
INK_CONTRAST = 60
#: A digit is at least this tall, in line heights: colons, commas and specks are less.
DIGIT_HEIGHT = 0.45
#: A run of ink at least this many times as wide as it is high may hold two touching digits, or three; from the
#: second figure it likely does (on the real scans single digits measure 0.37–1.05, touching pairs 1.02–1.4).
TOUCHING = {2: 0.7, 3: 1.5}
TOUCHING_LIKELY = {2: 1.0, 3: 2.0}
#: The least probability of each piece for a likely cut to be taken.
PLAUSIBLE = 0.5
MOST_DIGITS = {"number": 5, "day": 2}
#: A blank is at most this many line heights wide: farther, the label and its end are other words' letters.
WIDEST = 6
#: How much a blank's edge placed inside a glued word is widened, in line heights.
GLUED_SLACK = 0.35

Box = tuple[int, int, int, int]  # left, top, right, bottom in the page image's pixels


def read_fields(image: np.ndarray, page: OcrPage) -> tuple[HandwrittenReading, ...]:
    """The number's and the day's blanks of a prepared greyscale first page (``page``'s boxes in its pixels),
    each read; a blank the printed words do not place is left out."""
    model = digit_model.load()
    found = []
    for field, line, box in _blanks(page):
        digits = [d for run in ink_runs(image, box, line_height(line)) for d in _read_run(model, run)]
        value = "".join(str(d.digit) for d in digits) if 0 < len(digits) <= MOST_DIGITS[field] else None
        probability = round(prod(d.probability for d in digits), 3) if digits else 0.0
        found.append(HandwrittenReading(field, value, probability, box, any(d.abstained for d in digits)))
    return tuple(found)


def _read_run(model: digit_model.DigitModel, run: np.ndarray) -> list[DigitReading]:
    """A run of touching ink read as one digit, or as two or three cut at their thinnest columns. A run as wide as
    it is high is taken as touching digits when the pieces read plausibly (a network is sure of a ``4`` in a
    clerk's ``86``); a narrower one is cut only when the pieces read better than the whole."""
    rows = np.nonzero(run.any(axis=1))[0]
    aspect = run.shape[1] / (rows[-1] - rows[0] + 1)
    best = model.read([run])
    for pieces in (2, 3):
        if aspect < TOUCHING[pieces]:
            break
        cut = model.read(_cut(run, pieces))
        surest = min(d.probability for d in cut) if len(cut) == pieces else 0.0
        if surest >= PLAUSIBLE if aspect >= TOUCHING_LIKELY[pieces] else surest > best[0].probability:
            best = cut
    return best


def _blanks(page: OcrPage) -> list[tuple[str, Line, Box]]:
    blanks: dict[str, tuple[str, Line, Box]] = {}
    for line in page.lines[:HEADER_LINES]:
        for field, label, end in (("number", "so", "/"), ("day", "ngay", "thang")):
            if field not in blanks and (box := blank_box(line, label, end)) is not None:
                blanks[field] = (field, line, box)
    if "day" not in blanks:
        for line in page.lines[:HEADER_LINES]:
            if (box := _day_unlabelled(line)) is not None:
                blanks["day"] = ("day", line, box)
                break
    return list(blanks.values())


def _day_unlabelled(line: Line) -> Box | None:
    """The day's blank in a date line whose ``ngày`` OCR lost beside the handwriting (``Ngãi, 4Ệ tháng 01 năm``):
    after the place's comma and the room ``ngày`` takes in print, before ``tháng``."""
    words = list(line.words)
    folded = [fold(w.text).lower() for w in words]
    place = next((i for i, text in enumerate(folded) if text.endswith(",")), None)
    month = next((i for i, text in enumerate(folded) if text == "thang"), None)
    if place is None or month is None or month <= place or "nam" not in folded[month:]:
        return None
    height = line_height(line)
    left = words[place].left + words[place].width + round(5 * _char_width(words) - GLUED_SLACK * height)
    right, top = words[month].left, float(np.median([w.top for w in words]))
    if not height // 2 <= right - left <= WIDEST * height:
        return None
    return left, round(top - ABOVE * height), right, round(top + (1 + BELOW) * height)


def blank_box(line: Line, label: str, end: str) -> Box | None:
    """Where the blank between the printed ``label`` and ``end`` (folded, lower case) stands in ``line``: from
    the label's end to the end's start, each placed in its word in proportion when OCR glued it to the blank."""
    words = list(line.words)
    starts, offset = [], 0
    for word in words:
        starts.append(offset)
        offset += len(word.text) + 1
    folded = fold(" ".join(w.text for w in words)).lower()
    at = _word_start(folded, label)
    if at is None:
        return None
    after = at + len(label)
    while after < len(folded) and folded[after] in ":;.,":
        after += 1
    stop = folded.find(end, after)
    if stop < 0 and end != "/":
        return None
    left = _x_at(words, starts, after, True)
    # no slash: OCR cut the line after the number (the symbol read as a line of its own), the blank is what it kept
    right = _x_at(words, starts, stop, False) if stop >= 0 else max(w.left + w.width for w in words)
    height, top = line_height(line), float(np.median([w.top for w in words]))
    if not height // 2 <= right - left <= WIDEST * height:
        return None
    return left, round(top - ABOVE * height), right, round(top + (1 + BELOW) * height)


def line_height(line: Line) -> int:
    """The printed words' usual height: the line's own box grows with the handwriting in it."""
    return max(1, round(float(np.median([word.height for word in line.words]))))


def _word_start(folded: str, label: str) -> int | None:
    at = 0
    while (at := folded.find(label, at)) >= 0:
        if at == 0 or not folded[at - 1].isalnum():
            return at
        at += 1
    return None


def _x_at(words: list[Word], starts: list[int], position: int, after: bool) -> int:
    """The x of character ``position`` of the joined words: a word's edge when it starts or ends there; inside a
    word OCR glued to the blank (``ngày05``, ``4‡/QĐ-UBND``), the printed part's width measured from its own end
    at the line's usual printed character width (written digits are wider than printed letters)."""
    for word, start in zip(words, starts, strict=True):
        end = start + len(word.text)
        if start <= position <= end:
            if position == start:
                return word.left
            if position == end:
                return word.left + word.width
            char = _char_width(words)
            # a measured width errs by a few pixels a letter: the blank is widened by the slack on that side
            if after:
                return word.left + round((position - start) * char - GLUED_SLACK * word.height)
            return word.left + word.width - round((end - position) * char - GLUED_SLACK * word.height)
    # in the space between two words: the edge of the word on the blank's side
    later = next((w for w, s in zip(words, starts, strict=True) if s > position), words[-1])
    earlier = [w for w, s in zip(words, starts, strict=True) if s + len(w.text) < position]
    return (earlier[-1].left + earlier[-1].width) if after and earlier else later.left


def _char_width(words: list[Word]) -> float:
    printed = [w.width / len(w.text) for w in words if len(w.text) >= 3 and w.text.isalpha()]
    return float(np.median(printed)) if printed else float(np.median([w.width / max(len(w.text), 1) for w in words]))


def ink_runs(image: np.ndarray, box: Box, line_height: int) -> list[np.ndarray]:
    """The runs of ink written in ``box``, left to right, each a digit or touching digits (bright on black)."""
    left, top, right, bottom = box
    margin = line_height // 2  # a digit may stand partly outside the blank as placed; its centre does not
    left, right = max(left - margin, 0), right + margin
    crop = image[max(top, 0) : bottom, left:right]
    if crop.size == 0:
        return []
    paper = float(np.percentile(crop, 90))
    ink = (crop < paper - INK_CONTRAST).astype(np.uint8) * 255
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    runs = []
    for i in range(1, count):
        x, _, w, h, _ = stats[i]
        if h < DIGIT_HEIGHT * line_height or (w > 3 * h):  # colons, specks, the underline of a blank
            continue
        if not margin <= x + w / 2 <= crop.shape[1] - margin:  # a printed letter beside the blank
            continue
        runs.append([x, x + w, [i]])
    runs.sort()
    merged: list[list] = []
    for run in runs:  # strokes one above the other are one digit (a seven's bar, a broken loop)
        if merged and run[0] < merged[-1][1] - 0.5 * min(run[1] - run[0], merged[-1][1] - merged[-1][0]):
            merged[-1] = [merged[-1][0], max(merged[-1][1], run[1]), merged[-1][2] + run[2]]
        else:
            merged.append(run)
    return [np.isin(labels[:, x0:x1], members).astype(np.uint8) * 255 for x0, x1, members in merged]


def _cut(mask: np.ndarray, pieces: int) -> list[np.ndarray]:
    """``mask`` cut into ``pieces`` at its thinnest columns near the even cuts."""
    width = mask.shape[1]
    columns = mask.astype(bool).sum(axis=0)
    reach = max(1, width // (3 * pieces))
    edges = [0]
    for k in range(1, pieces):
        centre = k * width // pieces
        edges.append(max(0, centre - reach) + int(np.argmin(columns[max(0, centre - reach) : centre + reach])))
    edges.append(width)
    return [mask[:, a:b] for a, b in pairwise(edges) if b > a and mask[:, a:b].any()]
