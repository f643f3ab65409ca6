"""Which way up a page is: quarter turns and skew from the ink alone.

The line direction (from ``deskew``) tells upright-or-upside-down pages from
pages turned 90° either way. What is left, up or down, is read from the shape
of the lines: in Vietnamese, ink reaches much further above the x-height band
(tone marks, circumflexes, breves, ascenders, capitals) than below the
baseline (descenders and the dot of the nặng tone). Each text line votes,
weighted by its ink and by how clear its shape is; the winner's share of the
votes is the confidence. No OCR engine is involved: this takes milliseconds
where Tesseract's OSD takes a second, and OSD is unreliable on skewed pages.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from digitize import deskew
from digitize.ink import InkMask

_MIN_LINE_HEIGHT = 6
#: A page is turned upside down only when this share of the votes or more says so. Scans are far more often
#: upright than not: a real upright page (a short list, a signature block) was voted 61% upside down and read
#: at 83% CER turned over, while generated upside-down pages vote 74% to 100% (benchmarks/realscans.py).
MIN_FLIP_SHARE = 0.7


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
    levelled = deskew.rotate(ink.mask.astype(np.uint8), -line_angle, fill=0, interpolation=cv2.INTER_NEAREST)
    upright_share = upright_vote(levelled)
    flip = 1.0 - upright_share >= MIN_FLIP_SHARE
    total = line_angle + (180.0 if flip else 0.0)
    quarter = 90 * round(total / 90.0)
    # An upside-down vote too weak to act on leaves the call at a coin toss.
    confidence = max(upright_share, 1.0 - upright_share) if flip or upright_share >= 0.5 else 0.5
    skew = round(total - quarter, 3) + 0.0
    return PageTurn(skew_deg=skew, orientation=quarter % 360, confidence=round(confidence, 3))


def upright_vote(levelled: np.ndarray) -> float:
    """Ink-weighted share of text lines that look upright, on a mask whose lines are level.

    0.5 when nothing can be told (no lines).
    """
    profile = levelled.sum(axis=1, dtype=np.int64)
    if not profile.any():
        return 0.5
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
    total = upright + upside_down
    return 0.5 if total == 0 else upright / total


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in ``flags``."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], flags.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
