"""Skew estimation by projection profiles, coarse to fine.

Text lines are sharpest in the horizontal projection of ink when the page is
upright. Rather than rotating the image for every candidate angle, the ink
pixels' coordinates are projected (one multiply-add and a ``bincount`` per
angle), first on a small copy over the whole ±45° range, then on larger copies
over a narrowing window. Reducing the page also blurs away the letter-level
detail that gives full-resolution profiles their false peaks.
"""

from __future__ import annotations

import cv2
import numpy as np

#: Widest skew searched, in degrees either way; beyond it a page counts as turned 90°.
MAX_ANGLE = 45.0

#: Longest side of the copy the ink is found on (about 140 DPI for an A4 page at 300).
WORKING_SIZE = 1600
# (scale of the ink coordinates, half-width of the window in °, step in °)
_PASSES = ((0.375, MAX_ANGLE, 1.0), (0.625, 1.5, 0.1), (1.0, 0.15, 0.01))
_COARSE_SAMPLE = 40_000
_MIN_INK_PIXELS = 100


def estimate_angle(grey: np.ndarray) -> float:
    """Counter-clockwise angle, in degrees, by which the content of ``grey`` is turned from upright.

    Returns 0.0 for a page with too little ink to tell.
    """
    ys, xs = _ink_coordinates(grey)
    if ys.size < _MIN_INK_PIXELS:
        return 0.0
    sample = np.random.default_rng(0).choice(ys.size, min(ys.size, _COARSE_SAMPLE), replace=False)
    best = 0.0
    for scale, window, step in _PASSES:
        # Coarser bins on the early, wide passes: the same as projecting a smaller copy.
        pass_ys, pass_xs = (ys[sample], xs[sample]) if window == MAX_ANGLE else (ys, xs)
        candidates = np.arange(best - window, best + window + step / 2, step)
        scores = [_sharpness(pass_ys * scale, pass_xs * scale, angle) for angle in candidates]
        best = _peak(candidates, np.array(scores), step)
    # The search levels the rows of image coordinates (y down); the content's
    # counter-clockwise turn is the opposite of that levelling angle.
    return float(np.clip(round(-best, 3), -MAX_ANGLE, MAX_ANGLE))


def _ink_coordinates(grey: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centred float coordinates of the dark pixels of a reduced copy of ``grey``."""
    scale = min(1.0, WORKING_SIZE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else grey
    # Ink is what is darker than its surroundings: robust to uneven lighting.
    background = cv2.medianBlur(small, 31)
    darkness = cv2.subtract(background, small)
    otsu, _ = cv2.threshold(darkness, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    # On a sparse page Otsu splits the paper's noise; ink must also stand well clear of it.
    signed = background[::3, ::3].astype(np.int16) - small[::3, ::3].astype(np.int16)
    noise_sd = 1.4826 * float(np.median(np.abs(signed - np.median(signed))))
    ys, xs = np.nonzero(darkness > max(otsu, 4.0 * noise_sd))
    height, width = darkness.shape
    return ys.astype(np.float32) - height / 2, xs.astype(np.float32) - width / 2


def _sharpness(ys: np.ndarray, xs: np.ndarray, angle_deg: float) -> float:
    """Sum of squared row counts of the ink projected at ``angle_deg``: highest when lines are level."""
    theta = np.deg2rad(angle_deg)
    rows = ys * np.float32(np.cos(theta)) - xs * np.float32(np.sin(theta))
    counts = np.bincount((rows - rows.min()).astype(np.int32)).astype(np.float64)
    return float(np.dot(counts, counts))


def _peak(candidates: np.ndarray, scores: np.ndarray, step: float) -> float:
    """The best candidate, refined by a parabola through it and its neighbours."""
    i = int(np.argmax(scores))
    if 0 < i < len(scores) - 1:
        left, centre, right = scores[i - 1], scores[i], scores[i + 1]
        curvature = left - 2 * centre + right
        if curvature < 0:
            return float(candidates[i] + 0.5 * step * (left - right) / curvature)
    return float(candidates[i])


def rotate(grey: np.ndarray, angle_deg: float, fill: int | None = None) -> np.ndarray:
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
        grey,
        matrix,
        (new_width, new_height),
        flags=cv2.INTER_CUBIC,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )
