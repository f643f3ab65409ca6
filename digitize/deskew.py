"""Skew estimation by projection profiles, coarse to fine.

Text lines are sharpest in the projection of ink across them. Rather than
rotating the image for every candidate angle, the ink pixels' coordinates are
projected (one multiply-add and a ``bincount`` per angle): first a sample over
every direction in 180° at coarse bins, then all of them over a narrowing
window at finer bins. Coarse bins on the wide pass are the same as projecting
a reduced copy, which also blurs away the letter-level detail that gives
full-resolution profiles their false peaks.
"""

from __future__ import annotations

import cv2
import numpy as np

from digitize.ink import InkMask

# (scale of the ink coordinates, half-width of the window in °, step in °); the
# first pass covers every line direction.
_PASSES = ((0.25, 90.0, 1.0), (0.5, 1.5, 0.1), (1.0, 0.15, 0.01))
_COARSE_SAMPLE = 30_000
_MIN_INK_PIXELS = 100
#: How far from ``near`` the lines may run.
NEAR_WINDOW = 2.5


def estimate_line_angle(ink: InkMask, near: float | None = None) -> float:
    """Direction of the text lines, counter-clockwise from horizontal, in (−90°, 90°].

    0.0 when there is too little ink to tell. ``near``, a direction known within ``NEAR_WINDOW`` degrees (mod 180),
    bounds the first pass: a page of several columns projects sharpest along a diagonal of its grid of lines.
    """
    ys, xs = np.nonzero(ink.mask)
    if ys.size < _MIN_INK_PIXELS:
        return 0.0
    height, width = ink.mask.shape
    ys = ys.astype(np.float32) - height / 2
    xs = xs.astype(np.float32) - width / 2
    sample = np.random.default_rng(0).choice(ys.size, min(ys.size, _COARSE_SAMPLE), replace=False)
    best = 0.0
    for scale, window, step in _PASSES:
        if window == 90.0:  # every direction once: −90° is the same line as 90°
            pass_ys, pass_xs = ys[sample], xs[sample]
            candidates = (
                np.arange(-90.0, 90.0, step)
                if near is None
                else -near + np.arange(-NEAR_WINDOW, NEAR_WINDOW + step, step)
            )
        else:
            pass_ys, pass_xs = ys, xs
            candidates = np.arange(best - window, best + window + step / 2, step)
        pass_ys, pass_xs = pass_ys * scale, pass_xs * scale  # once a pass, not once an angle
        scores = [_sharpness(pass_ys, pass_xs, angle) for angle in candidates]
        best = _peak(candidates, np.array(scores), step)
    # The search levels the rows of image coordinates (y down); the content's
    # counter-clockwise turn is the opposite of that levelling angle.
    angle = -best
    return float(round(angle - 180.0 if angle > 90.0 else angle + 180.0 if angle <= -90.0 else angle, 3))


def _sharpness(ys: np.ndarray, xs: np.ndarray, angle_deg: float) -> float:
    """How unevenly the ink falls in rows when projected at ``angle_deg``: highest when lines are level.

    The sum of squared row counts less what an even spread over as many rows
    would give: a plain sum of squares favours directions with fewer rows, so a
    portrait page whose lines are slightly curved (a phone photo) scored higher
    read across its width, as if its lines were vertical.
    """
    theta = np.deg2rad(angle_deg)
    rows = ys * np.float32(np.cos(theta)) - xs * np.float32(np.sin(theta))
    counts = np.bincount((rows - rows.min()).astype(np.int32)).astype(np.float64)
    return float(np.dot(counts, counts) - counts.sum() ** 2 / counts.size)


def _peak(candidates: np.ndarray, scores: np.ndarray, step: float) -> float:
    """The best candidate, refined by a parabola through it and its neighbours."""
    i = int(np.argmax(scores))
    if 0 < i < len(scores) - 1:
        left, centre, right = scores[i - 1], scores[i], scores[i + 1]
        curvature = left - 2 * centre + right
        if curvature < 0:
            return float(candidates[i] + 0.5 * step * (left - right) / curvature)
    return float(candidates[i])


def rotate(
    grey: np.ndarray, angle_deg: float, fill: int | None = None, interpolation: int = cv2.INTER_CUBIC
) -> np.ndarray:
    """``grey`` turned ``angle_deg`` counter-clockwise on a canvas grown to keep every corner.

    The new corners are filled with the page's median grey: pure white wedges
    beside grey, noisy paper make Tesseract lose whole lines.
    """
    if abs(angle_deg) < 1e-3:
        return grey
    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle_deg, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_width = round(height * sin + width * cos)
    new_height = round(height * cos + width * sin)
    matrix[0, 2] += new_width / 2 - width / 2
    matrix[1, 2] += new_height / 2 - height / 2
    border = int(np.median(grey[::4, ::4])) if fill is None else fill
    return cv2.warpAffine(
        grey, matrix, (new_width, new_height), flags=interpolation, borderMode=cv2.BORDER_CONSTANT, borderValue=border
    )
