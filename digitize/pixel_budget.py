"""The pixels one page may hold in memory: a budget a run sets, so a worker's memory stays bounded whatever the scan.

A 316 KB PNG can hold 9999×9999 colour pixels: decoded whole in colour by
Pillow, then turned grey, then enlarged for small text, one such page took a
worker past 1.2 GB. A page over the budget is decoded grey straight from the
file where OpenCV can (never the colour page), reduced to the budget, and never
enlarged past it; a page past ``ingest.MAX_PIXELS`` is refused as before.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PIL import Image

#: The default budget: an A4 page at 600 dpi (35 MP) fits, as does an A3 page at 400 dpi (31 MP).
DEFAULT_MAX_PIXELS = 40_000_000
#: The smallest budget a run may set: an A4 page at 300 dpi (8.7 MP) must fit untouched.
MIN_MAX_PIXELS = 9_000_000

#: Files OpenCV decodes to grey itself, in the modes where its grey is Pillow's (no alpha, palette or CMYK).
_GREY_DECODED = {"PNG", "JPEG", "TIFF", "BMP", "WEBP"}
_GREY_MODES = {"L", "RGB", "1"}
_EXIF_ORIENTATION = 0x0112


def decode_grey(path: Path, image: Image.Image, number: int) -> np.ndarray | None:
    """Page ``number`` of the opened ``image`` as grey pixels decoded by OpenCV without the colour page; None when
    only Pillow reads it as ``ingest.to_grey`` would (a later page of a TIFF, alpha, a palette, an EXIF turn)."""
    simple = (
        number == 1
        and getattr(image, "n_frames", 1) == 1
        and image.format in _GREY_DECODED
        and image.mode in _GREY_MODES
        and _upright(image)
    )
    if not simple:
        return None
    grey = cv2.imdecode(np.fromfile(path, np.uint8), cv2.IMREAD_GRAYSCALE | cv2.IMREAD_IGNORE_ORIENTATION)
    return grey if grey is not None and grey.shape[::-1] == image.size else None


def _upright(image: Image.Image) -> bool:
    """No EXIF turn to apply. A PNG's EXIF may follow its pixels, and reading it would decode them in colour."""
    if image.format == "PNG":
        return "exif" not in image.info
    return image.getexif().get(_EXIF_ORIENTATION, 1) == 1


def reduced(grey: np.ndarray, max_pixels: int) -> tuple[np.ndarray, float]:
    """``grey`` brought within ``max_pixels``, and the factor it was scaled by (1 when it fitted)."""
    height, width = grey.shape
    if width * height <= max_pixels:
        return grey, 1.0
    factor = (max_pixels / (width * height)) ** 0.5
    size = (max(2, int(width * factor)), max(2, int(height * factor)))
    return cv2.resize(grey, size, interpolation=cv2.INTER_AREA), factor


def enlargement_within(factor: float, shape: tuple[int, ...], max_pixels: int) -> float:
    """An enlargement ``factor`` lowered so the enlarged page stays within ``max_pixels`` (never below 1)."""
    fitting = (max_pixels / (shape[0] * shape[1])) ** 0.5
    return max(1.0, min(factor, round(fitting, 3)))
