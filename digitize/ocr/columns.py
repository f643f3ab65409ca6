"""Columns found from the page's own ink, and line boxes cut where they cross from one column into the next.

A line finder that joins words across a narrow gap joins the columns too: a
newspaper's first lines read across all its columns, a Decree-30 header whose
two columns nearly touch becomes ``UBND TỈNH QUẢNG TRLÔNG HÒA XÃ HỘI``. Once
a line is read as one, its words cannot be parted again (``TVQuảng``), so the
boxes are cut before any line is read:

- **gutters**: a white strip, or a thin vertical rule, that runs down the page
  beside at least ``GUTTER_LINES`` rows of text, with text on both sides; a
  line box crossing one is cut in it. A word space never runs that far down
  (the fragments a finder makes of one crowded line count as one row), and
  the gutter must be wider than the line's own spaces: a headline's word
  space can stand over a gutter, as wide as the gutter itself.
- **rules**: a line finder pads its boxes, and across a narrow ruled gutter
  the padding reaches over the rule, so the rule is read as ``|`` and one
  column's boxes touch the next one's: the reading order then finds no gap
  and reads across. A box is cut at both edges of any rule that runs through
  it, and the pieces that hold only the rule, or no ink at all, are dropped.
- **the header's two columns**: a Decree-30 header is two blocks, each centred
  on its own column, whose lines the finder may join however close they stand
  (a gap narrower than a word space on a crowded page). Of the page's top
  lines, the longest run whose ink gaps can part every line into a left piece
  centred with the others' left pieces and a right piece centred with their
  right pieces, within ``CENTRE_TOLERANCE`` line heights, is that header: each
  of its lines is cut at that gap. The run is the longest that fits, not the
  first: two lines alone cannot show that both columns' lines are centred.

Boxes are (left, top, right, bottom) in the pixels of the image the ink mask was made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from statistics import median

import cv2
import numpy as np

from digitize.ink import InkMask

Box = tuple[int, int, int, int]

#: A gutter runs down the page beside at least this many lines.
GUTTER_LINES = 4
#: ... and is at least this share of a line height wide (or holds a rule), and a strip this share of a line height
#: wide runs white down it (word spaces that happen to line up for a few rows are narrower).
GUTTER_WIDTH = 0.4
STRIP_WIDTH = 0.3
#: ... and this many times as wide as the line's wide spaces (a headline's word spaces are as wide as a body
#: text's gutter): a space is a white run at least this share of its own line's height wide (a headline's letter
#: gaps are as wide as a body line's word spaces), the wide ones those at this percentile (letter gaps that still
#: count, in a tracked headline, outnumber its word spaces).
GUTTER_TO_SPACE = 1.5
SPACE_WIDTH = 0.15
WIDE_SPACE = 75
#: A vertical rule: a mark this many line heights tall and at most this share of one wide.
RULE_LINES = 4.0
RULE_WIDTH = 0.25
#: A box narrower than this many line heights, its ink mostly a rule, is a piece of the rule, not text.
RULE_BOX_LINES = 2.0
#: The header's pieces are centred on their column within this many line heights.
CENTRE_TOLERANCE = 0.6
#: The header is looked for among this many lines from the top of the page.
HEADER_LINES = 8
#: ... its columns' centres at least this many line heights apart, the ends of their lines at least this many
#: apart (centred lines of different lengths, where a paragraph's start level).
MIN_COLUMN_DISTANCE = 6.0
MIN_RAGGED = 1.0


def split_at_columns(ink: InkMask, boxes: Sequence[Box]) -> list[Box]:
    """``boxes`` with every box that crosses a gutter or the header's column gap cut there, in their order, less
    the boxes that hold a piece of a column rule and little else (they bridge the gutter for the reading order)."""
    if len(boxes) < 2:
        return list(boxes)
    scale = ink.scale
    mask = ink.mask
    height = median(b[3] - b[1] for b in boxes) * scale
    if height < 3:
        return list(boxes)
    small = [tuple(round(v * scale) for v in box) for box in boxes]
    blank, rules = _without_rules(mask, height)
    cuts: dict[int, list[int]] = {}
    for index in range(len(small)):
        found = _gutter_cuts(blank, small, index, height)
        if found:
            cuts[index] = found
    for index, cut in _header_cuts(blank, small, height, set(cuts)).items():
        cuts[index] = [cut]
    for index, box in enumerate(small):
        found = _rule_cuts(rules, box)
        if found:
            cuts[index] = cuts.get(index, []) + found
    result: list[Box] = []
    for index, box in enumerate(boxes):
        if index not in cuts:
            result += [] if _on_rule(mask, blank, box, scale, height) else [box]
            continue
        edges = sorted({box[0], box[2], *(min(max(round(x / scale), box[0]), box[2]) for x in cuts[index])})
        pieces = [(a, box[1], b, box[3]) for a, b in pairwise(edges)]
        result += [piece for piece in pieces if _holds_text(mask, blank, piece, scale, height)]
    return result


def _holds_text(mask: np.ndarray, blank: np.ndarray, piece: Box, scale: float, height: float) -> bool:
    """Whether a piece of a cut box is worth reading: not a piece of a rule, and not a white sliver left between a
    cut and the box's padded end."""
    left, top, right, bottom = (round(v * scale) for v in piece)
    return blank[top:bottom, left:right].any() and not _on_rule(mask, blank, piece, scale, height)


def _rule_cuts(rules: np.ndarray, box: Box) -> list[int]:
    """Both edges of each column rule that runs down through ``box`` (a padded box reaching over the rule into the
    gutter): cut there, the rule's piece is dropped, and the box no longer bridges the gutter for the reading
    order."""
    left, top, right, bottom = box
    cuts = []
    for x, y, width, tall in rules:
        if left < x + width and x < right and y <= (top + bottom) / 2 <= y + tall:
            cuts += [max(left, x - 1), min(right, x + width + 1)]
    return cuts


def _on_rule(mask: np.ndarray, blank: np.ndarray, box: Box, scale: float, height: float) -> bool:
    """Whether ``box`` is narrow and most of its ink a column rule."""
    left, top, right, bottom = (round(v * scale) for v in box)
    if right - left >= RULE_BOX_LINES * height:
        return False
    ink = int(mask[top:bottom, left:right].sum())
    return ink > 0 and int(blank[top:bottom, left:right].sum()) < 0.5 * ink


def _without_rules(mask: np.ndarray, height: float) -> tuple[np.ndarray, np.ndarray]:
    """The ink that is not a thin vertical rule (a rule is white space between columns, drawn), and each rule's
    (left, top, width, height)."""
    _, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    tall = (stats[:, cv2.CC_STAT_HEIGHT] >= RULE_LINES * height) & (stats[:, cv2.CC_STAT_WIDTH] <= RULE_WIDTH * height)
    tall[0] = False
    return (mask & ~tall[labels] if tall.any() else mask), stats[tall, :4]


def _white_runs(profile: np.ndarray, minimum: float) -> list[tuple[int, int]]:
    """Runs of zeros in ``profile`` at least ``minimum`` long, not touching its ends."""
    empty = np.concatenate(([False], profile == 0, [False])).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(empty) == 1), np.flatnonzero(np.diff(empty) == -1)
    runs = zip(starts, ends, strict=True)
    return [(int(s), int(e)) for s, e in runs if e - s >= minimum and s > 0 and e < len(profile)]


def _gutter_cuts(mask: np.ndarray, boxes: list[Box], index: int, height: float) -> list[int]:
    """Where ``boxes[index]`` crosses a gutter: the middle of each white run of its line whose white strip runs on
    down or up the page through or beside (within two line heights) at least ``GUTTER_LINES`` lines (a margin or a
    blank beside no text does not count)."""
    left, top, right, bottom = boxes[index]
    line = mask[top:bottom, left:right]
    if line.size == 0:
        return []
    runs = _white_runs(line.any(axis=0), SPACE_WIDTH * max(height, bottom - top))
    cuts = []
    for start, end in runs:
        if end - start < GUTTER_WIDTH * height:  # a word space: the line's other spaces need not be measured
            continue
        spaces = [e - s for s, e in runs if s != start]
        wide = float(np.percentile(spaces, WIDE_SPACE)) if spaces else 0.0
        if end - start < GUTTER_TO_SPACE * wide:
            continue
        middle = left + (start + end) // 2
        half = max(1, round(STRIP_WIDTH * height / 2))
        strip = mask[:, max(0, middle - half) : middle + half + 1].any(axis=1)
        above = np.flatnonzero(strip[:top])
        below = np.flatnonzero(strip[bottom:])
        first = above[-1] + 1 if above.size else 0
        last = bottom + below[0] if below.size else mask.shape[0]
        near = [b for b in boxes if b[0] - 2 * height < middle < b[2] + 2 * height]
        if _rows([b for b in near if b[1] >= first and b[3] <= last]) >= GUTTER_LINES:
            cuts.append(middle)
    return cuts


def _rows(boxes: list[Box]) -> int:
    """How many rows ``boxes`` stand in: boxes level with each other (a line the finder broke in pieces, the
    fragments of a crowded header's number) count once."""
    bottom, rows = -1, 0
    for top, low in sorted((b[1], b[3]) for b in boxes):
        if top >= bottom:
            rows += 1
        bottom = max(bottom, low) if top < bottom else low
    return rows


def _header_cuts(mask: np.ndarray, boxes: list[Box], height: float, done: set[int]) -> dict[int, int]:
    """The cut of each line of a two-column header joined across its gap (see the module's docstring)."""
    order = [i for i in sorted(range(len(boxes)), key=lambda i: boxes[i][1]) if i not in done][:HEADER_LINES]
    partings = [_partings(mask, boxes[i], height) for i in order]
    best: dict[int, int] = {}
    for count in range(2, len(order) + 1):
        chosen = _centred(partings[:count], height)
        if chosen is not None:
            best = {order[k]: part.cut for k, part in enumerate(chosen) if part.cut is not None}
    return best


@dataclass(frozen=True)
class _Parting:
    """A line parted at an ink gap (``cut``), or whole (``cut`` None): its ink's ends and the gap's."""

    cut: int | None
    first: int
    gap_start: int
    gap_end: int
    last: int

    @property
    def left_centre(self) -> float:
        return (self.first + self.gap_start) / 2

    @property
    def right_centre(self) -> float:
        return (self.gap_end + self.last) / 2


def _partings(mask: np.ndarray, box: Box, height: float) -> list[_Parting]:
    """The ways a line may part: at each ink gap of it, or not at all (it lies in one column)."""
    left, top, right, bottom = box
    profile = mask[top:bottom, left:right].any(axis=0)
    ink = np.flatnonzero(profile)
    if ink.size == 0:
        return []
    first, last = left + int(ink[0]), left + int(ink[-1]) + 1
    gaps = [(left + s, left + e) for s, e in _white_runs(profile, max(1.0, 0.04 * height))]
    return [_Parting(None, first, last, first, last)] + [_Parting((s + e) // 2, first, s, e, last) for s, e in gaps]


def _centred(partings: list[list[_Parting]], height: float) -> list[_Parting] | None:
    """One parting a line such that the left pieces share a centre and the right pieces another, at least one
    line cut, the pieces of different lengths on both sides (centred, not aligned as a paragraph's lines are);
    None when no choice fits. Each line's best parting for every pair of centres is found at once (``_misfits``):
    a justified page offers thousands of pairs, and a loop over them cost 0.2 s a page."""
    if any(not choices for choices in partings):
        return None
    tolerance = CENTRE_TOLERANCE * height
    centres = {(p.left_centre, p.right_centre) for choices in partings for p in choices if p.cut is not None}
    pairs = [(left, right) for left, right in centres if right - left >= MIN_COLUMN_DISTANCE * height]
    if not pairs:
        return None
    lefts, rights = (np.array(values, np.float64)[:, None] for values in zip(*pairs, strict=True))
    picks, worst = [], np.zeros(len(pairs))
    for choices in partings:
        misfits = _misfits(choices, lefts, rights)
        picks.append(misfits.argmin(axis=1))  # the first of equal misfits
        worst = np.maximum(worst, misfits[np.arange(len(pairs)), picks[-1]])
    best: tuple[float, list[_Parting]] | None = None
    for index, (left, right) in enumerate(pairs):
        if worst[index] > tolerance or (best is not None and worst[index] >= best[0]):
            continue
        chosen = [choices[pick[index]] for choices, pick in zip(partings, picks, strict=True)]
        if all(p.cut is None for p in chosen):
            continue
        lefts_at = [p.first for p in chosen if p.cut is not None or p.left_centre < (left + right) / 2]
        rights_at = [p.last for p in chosen if p.cut is not None or p.left_centre >= (left + right) / 2]
        if _spread(lefts_at) >= MIN_RAGGED * height and _spread(rights_at) >= MIN_RAGGED * height:
            best = (float(worst[index]), chosen)
    return None if best is None else best[1]


def _misfits(choices: list[_Parting], lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
    """How far each of a line's ``choices`` (columns) is from having its pieces centred on columns centred at each
    pair of ``lefts`` and ``rights`` (rows): a whole line, from the nearer centre."""
    left_centres = np.array([p.left_centre for p in choices], np.float64)
    right_centres = np.array([p.right_centre for p in choices], np.float64)
    whole = np.array([p.cut is None for p in choices])
    off_left = np.abs(left_centres - lefts)
    whole_misfit = np.minimum(off_left, np.abs(left_centres - rights))
    return np.where(whole, whole_misfit, off_left + np.abs(right_centres - rights))


def _spread(values: list[int]) -> int:
    return max(values) - min(values) if values else 0
