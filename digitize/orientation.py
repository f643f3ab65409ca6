"""Which way up a page is: quarter turns and skew from the ink alone.

The line direction (from ``deskew``) tells upright-or-upside-down pages from
pages turned 90° either way. What is left, up or down, is read from the shape
of the lines: in Vietnamese, ink reaches much further above the x-height band
(tone marks, circumflexes, breves, ascenders, capitals) than below the
baseline (descenders and the dot of the nặng tone). Each text line votes,
weighted by its ink and by how clear its shape is; the winner's share of the
votes is the confidence. No OCR engine is involved: this takes milliseconds
where Tesseract's OSD takes a second, and OSD is unreliable on skewed pages.

The line direction of a page of three or four columns is checked against its
letters: the projection that makes rows of ink sharpest can be a diagonal of
the grid the columns' lines make (four newspaper columns came out turned
123°). Each letter's nearest letters stand beside it on its line, not above
it, so the directions from letters to their nearest neighbours peak along
the lines (O'Gorman's docstrum); where that peak is clear and the projection
disagrees with it, the projection is searched again near it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize import deskew
from digitize.ink import InkMask, letter_sized

_MIN_LINE_HEIGHT = 6
#: A page is turned upside down only when this share of the votes or more says so. Scans are far more often
#: upright than not: a real upright page (a short list, a signature block) was voted 61% upside down and read
#: at 83% CER turned over, while generated upside-down pages vote 74% to 100% (benchmarks/realscans.py).
MIN_FLIP_SHARE = 0.7
#: The neighbours' direction overrules the projection when it disagrees by more than this many degrees and its
#: peak is this many times the count across the lines (generated pages: 30–300 along lines of text; 4 on a strip
#: of three short lines).
MAX_DISAGREEMENT = 2.5
MIN_CLARITY = 3.0
# Letters whose neighbours are counted (a sample: the direction needs hundreds, not thousands), and the marks
# that count as letters: from half to two and a half times the median letter's height (no tone marks, no rules).
_SAMPLE = 500
# Pieces of line are ink joined across this share of a letter's height down (a tone mark to its letter).
_JOIN_DOWN = 0.3
_LETTER_HEIGHTS = (0.5, 2.5)


@dataclass(frozen=True)
class PageTurn:
    """How the content sits on the scan.

    The content is turned ``orientation`` (0, 90, 180 or 270) plus ``skew_deg``
    (within ±45) degrees counter-clockwise from upright. ``confidence`` (0.5 to
    1) is how sure the up/down call is.
    """

    skew_deg: float
    orientation: int
    confidence: float

    @property
    def total_deg(self) -> float:
        return self.orientation + self.skew_deg


def measure_turn(ink: InkMask) -> PageTurn:
    line_angle = deskew.estimate_line_angle(ink)
    direction, clarity = neighbour_direction(ink)
    if clarity >= MIN_CLARITY and _apart(line_angle, direction) > MAX_DISAGREEMENT:
        line_angle = deskew.estimate_line_angle(ink, near=direction)
    levelled = deskew.rotate(ink.mask.astype(np.uint8), -line_angle, fill=0, interpolation=cv2.INTER_NEAREST)
    upright_share = upright_vote(
        levelled, _letter_height(ink, cv2.CC_STAT_WIDTH if abs(line_angle) > 45 else cv2.CC_STAT_HEIGHT)
    )
    flip = 1.0 - upright_share >= MIN_FLIP_SHARE
    total = line_angle + (180.0 if flip else 0.0)
    quarter = 90 * round(total / 90.0)
    # An upside-down vote too weak to act on leaves the call at a coin toss.
    confidence = max(upright_share, 1.0 - upright_share) if flip or upright_share >= 0.5 else 0.5
    skew = round(total - quarter, 3) + 0.0
    return PageTurn(skew_deg=skew, orientation=quarter % 360, confidence=round(confidence, 3))


def neighbour_direction(ink: InkMask) -> tuple[float, float]:
    """The direction (degrees counter-clockwise, in [0, 180)) in which letters' nearest neighbours lie, and how
    clear it is: the count at that direction over the count across it (0 when there are too few letters)."""
    stats = ink.marks
    heights = stats[:, cv2.CC_STAT_HEIGHT]
    typical = _letter_height(ink)
    low, high = _LETTER_HEIGHTS
    chosen = stats[letter_sized(stats) & (heights >= low * typical) & (heights <= high * typical)]
    centres = (chosen[:, :2] + chosen[:, 2:4] / 2).astype(np.float32)
    if len(centres) < 10:
        return 0.0, 0.0
    picked = np.random.default_rng(0).choice(len(centres), min(_SAMPLE, len(centres)), replace=False)
    queries = centres[picked]
    distances = (queries**2).sum(1)[:, None] + (centres**2).sum(1)[None, :] - 2 * queries @ centres.T
    distances[np.arange(len(picked)), picked] = np.inf
    nearest = np.argpartition(distances, 2, axis=1)[:, :2]
    steps = centres[nearest] - queries[:, None, :]
    degrees = np.degrees(np.arctan2(-steps[..., 1], steps[..., 0])) % 180  # image rows run down
    counts = np.bincount(np.round(degrees).astype(int).ravel() % 180, minlength=180).astype(float)
    kernel = np.exp(-0.5 * (np.arange(-6, 7) / 2.5) ** 2)
    smooth = np.convolve(np.concatenate([counts[-6:], counts, counts[:6]]), kernel, "valid")
    peak = int(np.argmax(smooth))
    return float(peak), float(smooth[peak] / max(smooth[(peak + 90) % 180], 1e-9))


def _letter_height(ink: InkMask, across: int = cv2.CC_STAT_HEIGHT) -> float:
    """The median size of the page's letter-sized marks across their lines (0 without any): their height, or on a
    page whose lines run up and down (``across`` ``cv2.CC_STAT_WIDTH``) their width."""
    letters = letter_sized(ink.marks)
    return float(np.median(ink.marks[letters, across])) if letters.any() else 0.0


def _apart(first: float, second: float) -> float:
    """How far apart two line directions are, in degrees (lines: 180° apart is the same line)."""
    difference = (first - second) % 180
    return min(difference, 180 - difference)


def upright_vote(levelled: np.ndarray, letter_height: float = 0.0) -> float:
    """Ink-weighted share of text lines that look upright, on a mask whose lines are level.

    Given the letters' height, each line is read on its own: ink joined across a letter's width (not a gutter) and
    a third of its height (a tone mark to its letter) into pieces of line, each voting on its own ink. A row profile
    across the page blurs each line's shape where neighbouring columns' lines are not level with each other (a
    paragraph's space shifts them; four-column pages voted 74–82% upside down). 0.5 when nothing can be told.
    """
    if letter_height <= 0:
        return _share(*_line_votes(levelled.sum(axis=1, dtype=np.int64)))
    kernel = np.ones((max(1, round(_JOIN_DOWN * letter_height)), max(1, round(letter_height))), np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(cv2.dilate(levelled, kernel), connectivity=8)
    upright = upside_down = 0.0
    for label in range(1, count):
        left, top, width, height = stats[label, :4]
        if width < 2 * letter_height:  # a word alone, a speck: too little to tell
            continue
        inside = labels[top : top + height, left : left + width] == label
        up, down = _line_votes((levelled[top : top + height, left : left + width] * inside).sum(axis=1, dtype=np.int64))
        upright, upside_down = upright + up, upside_down + down
    return _share(upright, upside_down)


def _share(upright: float, upside_down: float) -> float:
    total = upright + upside_down
    return 0.5 if total == 0 else upright / total


def _line_votes(profile: np.ndarray) -> tuple[float, float]:
    """The ink of the lines of a row profile that look upright, and of those that look upside down."""
    if not profile.any():
        return 0.0, 0.0
    in_line = profile > max(1, 0.05 * np.percentile(profile[profile > 0], 90))
    upright = upside_down = 0.0
    for top, bottom in _runs(in_line):
        if bottom - top < _MIN_LINE_HEIGHT:
            continue
        line = profile[top:bottom]
        # Where the line's ink starts, is centred and ends, ignoring the outer
        # 2% (stray rows): upright, the ink reaches further above its centre
        # than below it. A near tie (a line in capitals) weighs little.
        share = np.cumsum(line) / line.sum()
        start, centre, end = np.searchsorted(share, (0.02, 0.5, 0.98))
        reach_up, reach_down = int(centre - start), int(end - centre)
        if reach_up + reach_down == 0:
            continue
        vote = float(line.sum()) * (reach_up - reach_down) / (reach_up + reach_down)
        if vote > 0:
            upright += vote
        else:
            upside_down -= vote
    return upright, upside_down


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``flags``."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
