"""Line boxes fitted to the text lines their ink holds, so that no box straddles two lines.

trueocr's line finder sometimes gives one box to two neighbouring lines, or to
a line of one column and the slightly lower line of the next: the box then
stands between the two, half of each inside it, and the recognizer reads
neither (``- Ví dụ: Cơ quan nhà`` over ``nước sử dụng Cổng`` read as
``V0u.C000an``; a cut at the column gap parts such a box but leaves each piece
half a row off its line). A box markedly taller than the page's usual line is
looked at row by row: each band of rows whose ink is a good share of the box's
is a text line, grown beyond the box while its rows still hold ink, and the
box becomes one box a line, centred on it. A band that another box already
holds is left to that box. Tone marks and the tails of the lines above and
below are bands too small to count, so a tall box with one line stays whole
unless it stands off that line.

Boxes are (left, top, right, bottom) in the pixels of the image the ink mask
was made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

import numpy as np

from digitize.ink import InkMask

Box = tuple[int, int, int, int]

#: Only a box at least this many times the page's median box height, and wider than tall (not a piece of a
#: column rule), is looked at.
TALL = 1.25
#: A row is part of a text line when it holds at least this share of the box's most inked row (tone marks and
#: the tails of the lines above and below hold less).
ROW_SHARE = 0.1
#: A band is a text line when it holds at least this share of the box's ink.
BAND_SHARE = 0.2
#: A lone line is moved onto when its centre stands this many median heights off the box's centre.
OFF_CENTRE = 0.2
#: A line grows beyond its box by at most this many median heights.
GROWTH = 1.0
#: A found line that overlaps another box by this share of its height (and of the narrower width) is that box's.
HELD = 0.5


def fit_to_lines(ink: InkMask, boxes: Sequence[Box]) -> list[Box]:
    """``boxes`` in their order, each box that straddles text lines replaced by one box a line."""
    if len(boxes) < 2:
        return list(boxes)
    scale = ink.scale
    height = median(b[3] - b[1] for b in boxes) * scale
    if height < 3:
        return list(boxes)
    result: list[Box] = []
    for index, box in enumerate(boxes):
        if (box[3] - box[1]) * scale < TALL * height or box[2] - box[0] < box[3] - box[1]:
            result.append(box)
            continue
        others = [b for k, b in enumerate(boxes) if k != index]
        lines = _lines(ink.mask, tuple(round(v * scale) for v in box), height)
        fitted = [_box_on(box, top / scale, bottom / scale, height / scale) for top, bottom in lines]
        fitted = [b for b in fitted if not any(_holds(other, b) for other in others)]
        if len(lines) == 1 and fitted and abs(_centre(fitted[0]) - _centre(box)) < OFF_CENTRE * height / scale:
            fitted = [box]
        result += fitted or [box]
    return result


def _lines(mask: np.ndarray, box: Box, height: float) -> list[tuple[int, int]]:
    """The (top, bottom) rows, on the mask, of each text line whose ink lies in ``box``."""
    left, top, right, bottom = box
    rows = mask[top:bottom, left:right].sum(axis=1)
    total = int(rows.sum())
    if total == 0:
        return []
    least = ROW_SHARE * rows.max()
    inked = np.concatenate(([False], rows > least, [False])).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(inked) == 1), np.flatnonzero(np.diff(inked) == -1)
    reach = round(GROWTH * height)
    column = mask[max(0, top - reach) : bottom + reach, left:right].sum(axis=1) > least
    offset = top - max(0, top - reach)
    lines = []
    for start, end in zip(starts, ends, strict=True):
        if rows[start:end].sum() < BAND_SHARE * total:
            continue
        first, last = start + offset, end + offset  # in ``column``'s rows
        while first > 0 and column[first - 1]:
            first -= 1
        while last < len(column) and column[last]:
            last += 1
        lines.append((first - offset + top, last - offset + top))
    return lines


def _box_on(box: Box, top: float, bottom: float, height: float) -> Box:
    """A box as wide as ``box`` over the line's rows, at least a usual line tall (the finder pads its boxes)."""
    centre, half = (top + bottom) / 2, max(bottom - top, height) / 2
    return (box[0], round(centre - half), box[2], round(centre + half))


def _centre(box: Box) -> float:
    return (box[1] + box[3]) / 2


def _holds(other: Box, line: Box) -> bool:
    """Whether ``other`` already covers most of ``line``."""
    across = min(other[2], line[2]) - max(other[0], line[0])
    down = min(other[3], line[3]) - max(other[1], line[1])
    narrower = min(other[2] - other[0], line[2] - line[0])
    return across >= HELD * narrower and down >= HELD * (line[3] - line[1])
