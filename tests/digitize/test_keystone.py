import cv2
import numpy as np
import pytest

from digitize import keystone
from pipelines.demo.synthetic import scanned_pages

TEXT = " ".join(["Ủy ban nhân dân tỉnh Quảng Ngãi thông báo kết luận của Phó Chủ tịch về chương trình."] * 14)


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    rendered = scanned_pages(TEXT, [0.0], dpi=150, font_pt=12.0, page_mm=(148.0, 150.0))[0]
    return np.asarray(rendered.image.convert("L"))


def _fanned(page: np.ndarray, spread: float) -> np.ndarray:
    """``page`` shot from below its right edge: the top-right corner pulled down, the bottom-right pushed up."""
    height, width = page.shape
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    moved = corners + np.float32([[0, 0], [0, spread * height], [0, -spread * height], [0, 0]])
    return cv2.warpPerspective(page, cv2.getPerspectiveTransform(corners, moved), (width, height), borderValue=255)


def test_a_flat_page_is_left_alone(page):
    top, bottom = keystone.band_angles(page)
    assert abs(top - bottom) < keystone.MIN_SPREAD_DEG
    assert keystone.level(page) is None


def test_lines_that_fan_out_are_levelled(page):
    fanned = _fanned(page, 0.03)
    top, bottom = keystone.band_angles(fanned)
    assert top < -0.5 and bottom > 0.5  # the top lines fall to the right, the bottom ones climb
    levelled = keystone.level(fanned)
    assert levelled is not None and levelled.shape == fanned.shape
    top, bottom = keystone.band_angles(levelled)
    assert abs(top) < 0.3 and abs(bottom) < 0.3


def test_a_page_without_text_has_no_band_angles():
    assert keystone.band_angles(np.full((600, 400), 240, np.uint8)) is None
