"""Trains ``digitize/models/digits.npz``, the handwritten digit classifier of ``digitize.digit_model``.

Run by ``make digits-model`` (which installs what it needs: Debian's ``opencv-doc`` and handwriting fonts,
scikit-learn). Every step is seeded and BLAS runs on one thread, so a rerun gives the same weights.

Data, all from packages:
- ``/usr/share/doc/opencv-doc/examples/data/digits.png``: 5,000 handwritten digits, 500 a class. 50 a class are
  held out for the error figure (``test``), 50 more to fix the abstention threshold (``calibration``); the rest
  train, each also slanted and thickened (the clerks' markers write bold and italic).
- scikit-learn's 1,797 digits (8×8), enlarged.
- Digits rendered in the handwriting fonts of Debian packages (``FONT_PACKAGES``), slanted, turned and thickened:
  they bring the crossed seven and the open four that the clerks write.

Prints the held-out error and the share of held-out digits read (not abstained) beside it.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from sklearn.datasets import load_digits
from sklearn.kernel_approximation import Nystroem
from sklearn.linear_model import LogisticRegression

from digitize.digit_model import MODEL_PATH, DigitModel, features_of, normalized

DIGITS_PNG = Path("/usr/share/doc/opencv-doc/examples/data/digits.png")
#: Debian packages whose fonts imitate handwriting (make digits-model installs them).
FONT_PACKAGES = (
    "fonts-dkg-handwriting fonts-breip fonts-femkeklaver fonts-bwht fonts-sjfonts fonts-comic-neue fonts-dancingscript"
)
FONT_DIRS = ("fifthhorseman", "breip", "femkeklaver", "bwht", "sjfonts", "comic-neue", "dancingscript")
HELD_OUT = 50  # a class, for the test and again for the calibration
#: The abstention threshold is the lowest at which the calibration digits read are at most this often wrong.
ACCEPTED_ERROR = 0.01
SEED = 0
#: Training digits the network compares each digit with, and the linear layer's inverse regularization.
CENTRES, REGULARIZATION = 2500, 10.0


def opencv_digits() -> tuple[np.ndarray, np.ndarray]:
    sheet = cv2.imread(str(DIGITS_PNG), cv2.IMREAD_GRAYSCALE)
    cells = [np.hsplit(row, 100) for row in np.vsplit(sheet, 50)]
    images = np.array(cells).reshape(-1, 20, 20)
    labels = np.repeat(np.arange(10), len(images) // 10)
    return images, labels


def sklearn_digits() -> tuple[list[np.ndarray], np.ndarray]:
    found = load_digits()
    images = [
        cv2.resize((image * 16).clip(0, 255).astype(np.uint8), (24, 24), interpolation=cv2.INTER_CUBIC)
        for image in found.images
    ]
    return images, found.target


def font_digits(rng: np.random.Generator, copies: int) -> tuple[list[np.ndarray], list[int]]:
    fonts = sorted(
        p for d in FONT_DIRS for p in Path("/usr/share/fonts").glob(f"*/{d}/*") if p.suffix in {".ttf", ".otf"}
    )
    if not fonts:
        raise SystemExit(f"no handwriting fonts: apt-get install {FONT_PACKAGES}")
    images, labels = [], []
    for path in fonts:
        font = ImageFont.truetype(str(path), 64)
        for digit in range(10):
            canvas = Image.new("L", (96, 96), 0)
            ImageDraw.Draw(canvas).text((20, 4), str(digit), fill=255, font=font)
            ink = np.asarray(canvas)
            if not ink.any():
                continue
            for _ in range(copies):
                images.append(distorted(ink, rng, big=True))
                labels.append(digit)
    return images, labels


def distorted(ink: np.ndarray, rng: np.random.Generator, big: bool = False) -> np.ndarray:
    """``ink`` slanted, turned, scaled and thickened or thinned at random."""
    if not big:
        ink = cv2.resize(ink, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    height, width = ink.shape
    pad = cv2.copyMakeBorder(ink, height // 2, height // 2, width // 2, width // 2, cv2.BORDER_CONSTANT, value=0)
    centre = (pad.shape[1] / 2, pad.shape[0] / 2)
    turn = cv2.getRotationMatrix2D(centre, rng.uniform(-10, 10), rng.uniform(0.85, 1.1))
    slant = rng.uniform(-0.15, 0.4)  # italic leans right
    turn[0, 1] += slant
    turn[0, 2] -= slant * centre[1]
    out = cv2.warpAffine(pad, turn, (pad.shape[1], pad.shape[0]))
    width_change = int(rng.integers(-1, 4))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * abs(width_change) + 1,) * 2)
    if width_change > 0:
        out = cv2.dilate(out, kernel)
    elif width_change < 0:
        out = cv2.erode(out, kernel)
    return out


def features(images) -> np.ndarray:
    return np.stack([features_of(normalized(image)) for image in images])


def train(out: Path) -> None:
    rng = np.random.default_rng(SEED)
    images, labels = opencv_digits()
    order = rng.permutation(len(images))
    test, calibration, rest = [], [], []
    for digit in range(10):
        mine = order[labels[order] == digit]
        test += list(mine[:HELD_OUT])
        calibration += list(mine[HELD_OUT : 2 * HELD_OUT])
        rest += list(mine[2 * HELD_OUT :])
    train_images = [images[i] for i in rest] + [distorted(images[i], rng) for i in rest for _ in range(2)]
    train_labels = [labels[i] for i in rest] + [labels[i] for i in rest for _ in range(2)]
    small, small_labels = sklearn_digits()
    fonts, font_labels = font_digits(rng, copies=20)
    train_images += small + fonts
    train_labels += list(small_labels) + font_labels
    x, y = features(train_images), np.array(train_labels)
    model = fitted(x, y)
    calibration_features = features(images[calibration])
    calibrated = model.probabilities(calibration_features)
    farthest = round(float(model.distances(calibration_features).max()), 2)
    model = replace(model, threshold=_threshold(calibrated, labels[calibration]), farthest=farthest)
    threshold = model.threshold
    model.save(out)
    tested = model.probabilities(features(images[test]))
    wrong = tested.argmax(axis=1) != labels[test]
    read = (tested.max(axis=1) >= threshold) & (model.distances(features(images[test])) <= farthest)
    print(f"training digits: {len(y)} ({len(rest)} opencv-doc ×3, {len(small)} scikit-learn, {len(fonts)} fonts)")
    print(f"held-out opencv-doc digits: {len(test)}")
    print(f"error, every digit read:           {wrong.mean():.2%}  (deskew + HOG + kNN, docs: 3.6%)")
    print(f"abstention threshold (calibrated): {threshold:.3f}; farthest from a centre: {farthest:.2f}")
    print(f"read above it: {read.mean():.1%}, error among them: {wrong[read].mean():.2%}")
    print(f"wrote {out} ({out.stat().st_size // 1024} KB)")


def fitted(x: np.ndarray, y: np.ndarray) -> DigitModel:
    """A kernel classifier on a Nyström sample of the training digits (an RBF SVM's accuracy, a linear model's
    probabilities), its linear layer folded into the centres' weights so that reading needs numpy alone."""
    gamma = 1 / (x.shape[1] * x.var())
    sample = Nystroem(gamma=gamma, n_components=CENTRES, random_state=SEED).fit(x)
    linear = LogisticRegression(C=REGULARIZATION, max_iter=300).fit(sample.transform(x), y)
    weights = sample.normalization_.T @ linear.coef_.T
    return DigitModel(sample.components_, gamma, weights, linear.intercept_, threshold=0.0)


def _threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    best = probabilities.max(axis=1)
    wrong = probabilities.argmax(axis=1) != labels
    for threshold in np.arange(0.30, 1.0, 0.01):
        read = best >= threshold
        if not read.any() or wrong[read].mean() <= ACCEPTED_ERROR:
            return round(float(threshold), 2)
    return 0.99


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="example: python -m training.digit_model"
    )
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    train(parser.parse_args().out)


if __name__ == "__main__":
    main()
