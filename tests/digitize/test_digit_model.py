"""The shipped handwritten digit classifier: ten probabilities a digit, and an abstention when unsure."""

import cv2
import numpy as np

from digitize import digit_model


def written(digit: int, thickness: int = 4) -> np.ndarray:
    """A digit in OpenCV's script font (a hand's slant and loops), ink bright on black as the reader takes it."""
    ink = np.zeros((90, 80), np.uint8)
    cv2.putText(ink, str(digit), (12, 70), cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, 2.2, 255, thickness, cv2.LINE_AA)
    return ink


def test_the_shipped_model_reads_digits_it_never_saw_in_training():
    readings = digit_model.load().read([written(d) for d in range(10)])
    assert sum(r.digit == d for d, r in zip(range(10), readings, strict=True)) >= 8


def test_each_reading_gives_ten_probabilities_that_sum_to_one():
    (reading,) = digit_model.load().read([written(3)])
    assert len(reading.probabilities) == 10
    assert abs(sum(reading.probabilities) - 1) < 1e-4
    assert reading.probability == max(reading.probabilities)


def test_a_reading_below_the_calibrated_threshold_is_an_abstention():
    model = digit_model.load()
    assert 0.3 <= model.threshold < 1
    noise = (np.random.default_rng(0).random((40, 40)) > 0.5).astype(np.uint8) * 255
    readings = model.read([written(d) for d in range(10)] + [noise])
    assert all(r.abstained == (r.probability < model.threshold) for r in readings)


def test_a_digit_is_normalized_whatever_its_size_and_stroke():
    small, large = (
        digit_model.normalized(written(5, 2)),
        digit_model.normalized(cv2.resize(written(5, 6), None, fx=3, fy=3)),
    )
    assert small.shape == large.shape == (digit_model.SIDE, digit_model.SIDE)
    assert digit_model.load().read([small])[0].digit == digit_model.load().read([large])[0].digit


def test_a_model_saved_and_loaded_reads_the_same(tmp_path):
    model = digit_model.load()
    model.save(tmp_path / "digits.npz")
    again = digit_model.load(tmp_path / "digits.npz")
    features = np.stack([digit_model.features_of(digit_model.normalized(written(7)))])
    assert np.allclose(model.probabilities(features), again.probabilities(features))
    assert again.threshold == model.threshold
