"""A handwritten digit classifier: one digit's ink in, ten probabilities out, or an abstention.

The numbers and days clerks write into a printed form are read by no OCR
engine we have (Tesseract gives ``4‡`` for ``47``). This is a small network
(HOG and a coarse pixel grid, one hidden layer) trained by
``training/digit_model.py`` from data that ships in packages: Debian's
``opencv-doc`` digits, scikit-learn's digits and handwriting fonts. Its
weights are a numpy file in the package, so reading costs numpy and OpenCV
only. The training script fixes the abstention threshold on held-out digits;
the probabilities are a network's, not a guarantee: a reading alone is kept
below trusted confidence by the metadata (``digitize.handwritten_fields``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

MODEL_PATH = Path(__file__).with_name("models") / "digits.npz"
#: The side of the square every digit is normalized to, and of the box its ink is scaled into.
SIDE, INNER = 20, 18
#: Histograms of gradient directions: cells of this many pixels, this many directions (0–180°).
CELL, BINS = 5, 9


@dataclass(frozen=True)
class DigitReading:
    """One digit's best class and the network's probabilities for all ten."""

    probabilities: tuple[float, ...]
    abstained: bool  # the best class is below the held-out threshold: the reading is not given

    @property
    def digit(self) -> int:
        return int(np.argmax(self.probabilities))

    @property
    def probability(self) -> float:
        return max(self.probabilities)


@dataclass(frozen=True)
class DigitModel:
    """A radial basis network: each digit's likeness to ``centres`` (training digits), weighed into ten scores.

    The training script fits it as a kernel (RBF) classifier on a Nyström sample of the training digits, its
    linear layer folded into ``weights``; ``threshold`` is the abstention threshold fixed on held-out digits.
    """

    centres: np.ndarray  # (k, features)
    gamma: float
    weights: np.ndarray  # (k, 10)
    bias: np.ndarray  # (10,)
    threshold: float
    #: The farthest a held-out digit stood from its nearest centre: ink farther than that (a scribble, a stroke
    #: of print) is unlike any digit the model knows, however sure its scores, and is abstained on.
    farthest: float = np.inf

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        """Rows of class probabilities for rows of ``features`` (``features_of``)."""
        return self._scored(features)[0]

    def distances(self, features: np.ndarray) -> np.ndarray:
        """How far each row of ``features`` stands from its nearest centre."""
        return self._scored(features)[1]

    def _scored(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        features = features.astype(np.float32)
        squared = (features**2).sum(axis=1)[:, None] - 2 * features @ self.centres.T
        squared = np.maximum(squared + (self.centres**2).sum(axis=1)[None], 0)
        scores = np.exp(-self.gamma * squared) @ self.weights + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True), np.sqrt(squared.min(axis=1))

    def read(self, inks: list[np.ndarray]) -> list[DigitReading]:
        """Each digit's reading, from its ink (any size; ink bright on black)."""
        if not inks:
            return []
        found, far = self._scored(np.stack([features_of(normalized(ink)) for ink in inks]))
        return [
            DigitReading(tuple(float(p) for p in row), float(row.max()) < self.threshold or distance > self.farthest)
            for row, distance in zip(found, far, strict=True)
        ]

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            centres=self.centres.astype(np.float32),
            gamma=np.float32(self.gamma),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            threshold=np.float32(self.threshold),
            farthest=np.float32(self.farthest),
        )


@cache
def load(path: Path = MODEL_PATH) -> DigitModel:
    """The shipped model (loaded once per process)."""
    with np.load(path) as stored:
        return DigitModel(
            stored["centres"],
            float(stored["gamma"]),
            stored["weights"],
            stored["bias"],
            float(stored["threshold"]),
            float(stored["farthest"]) if "farthest" in stored.files else np.inf,
        )


def normalized(ink: np.ndarray) -> np.ndarray:
    """A digit's ink cropped to its box, scaled into ``INNER`` pixels (aspect kept), centred on its mass in a
    ``SIDE`` square and deskewed: a marker's digit on a scan and a pen's in the training set then look alike."""
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return np.zeros((SIDE, SIDE), np.uint8)
    crop = ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
    scale = INNER / max(crop.shape)
    width, height = max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale))
    small = cv2.resize(crop, (width, height), interpolation=cv2.INTER_AREA)
    square = np.zeros((SIDE, SIDE), np.float32)
    top, left = (SIDE - height) // 2, (SIDE - width) // 2
    square[top : top + height, left : left + width] = small
    moments = cv2.moments(square)
    if moments["m00"]:
        shift = np.float32(
            [[1, 0, SIDE / 2 - moments["m10"] / moments["m00"]], [0, 1, SIDE / 2 - moments["m01"] / moments["m00"]]]
        )
        square = cv2.warpAffine(square, shift, (SIDE, SIDE))
    return np.clip(_deskewed(square), 0, 255).astype(np.uint8)


def _deskewed(square: np.ndarray) -> np.ndarray:
    moments = cv2.moments(square)
    if abs(moments["mu02"]) < 1e-2:
        return square
    skew = moments["mu11"] / moments["mu02"]
    shear = np.float32([[1, skew, -0.5 * SIDE * skew], [0, 1, 0]])
    return cv2.warpAffine(square, shear, (SIDE, SIDE), flags=cv2.WARP_INVERSE_MAP | cv2.INTER_LINEAR)


def features_of(square: np.ndarray) -> np.ndarray:
    """HOG of a normalized digit beside its ink on a 10×10 grid, both scaled to about unit size."""
    hog = _gradient_histograms(square.astype(np.float32))
    grid = cv2.resize(square, (10, 10), interpolation=cv2.INTER_AREA).astype(np.float32).ravel() / 255
    return np.concatenate([hog, grid]).astype(np.float32)


def _gradient_histograms(square: np.ndarray) -> np.ndarray:
    """Each cell's gradient directions weighted by their strength, each histogram's square root over its sum
    (Hellinger), so a thick and a thin stroke of the same shape give near the same figures."""
    dx = cv2.Sobel(square, cv2.CV_32F, 1, 0)
    dy = cv2.Sobel(square, cv2.CV_32F, 0, 1)
    magnitude, angle = cv2.cartToPolar(dx, dy)
    bins = (angle % np.pi / np.pi * BINS).astype(np.int32) % BINS
    cells = SIDE // CELL
    histograms = np.zeros((cells, cells, BINS), np.float32)
    rows, cols = np.indices(square.shape) // CELL
    np.add.at(histograms, (rows, cols, bins), magnitude)
    histograms /= histograms.sum(axis=2, keepdims=True) + 1e-6
    return np.sqrt(histograms).ravel()
