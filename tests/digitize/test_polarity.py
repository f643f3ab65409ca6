import numpy as np
import pytest

from digitize import polarity
from pipelines.demo.rare_pages import drawing, photograph


def grey(image) -> np.ndarray:
    return np.asarray(image.convert("L"))


def test_a_printed_page_is_positive_and_its_negative_is_found(strip):
    page = grey(strip.image)
    assert polarity.page_tone(page) == polarity.POSITIVE
    assert polarity.page_tone(255 - page) == polarity.NEGATIVE
    assert np.array_equal(polarity.positive(255 - page), page)


def test_microfilm_grey_film_with_grain_is_a_negative(strip):
    rng = np.random.default_rng(1)
    film = 40 + (255 - grey(strip.image)) * 0.7 + rng.normal(0, 6, strip.image.size[::-1])
    assert polarity.page_tone(film.clip(0, 255).astype(np.uint8)) == polarity.NEGATIVE


@pytest.mark.parametrize("shade", [0, 25, 60])
def test_a_page_dark_all_over_is_dark_not_negative(shade: int):
    rng = np.random.default_rng(2)
    page = (shade + rng.normal(0, 4, (1200, 900))).clip(0, 255).astype(np.uint8)
    assert polarity.page_tone(page) == polarity.DARK


@pytest.mark.parametrize("picture", [photograph, drawing])
def test_pictures_are_left_as_they_are(picture):
    assert polarity.page_tone(grey(picture(seed=1, size=(1240, 1754)))) == polarity.POSITIVE
