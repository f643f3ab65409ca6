import numpy as np
import pytest

from digitize import deskew
from digitize.ink import find_ink
from pipelines.demo.synthetic import HEAVY
from tests.conftest import render_strip


def line_angle(image) -> float:
    return deskew.estimate_line_angle(find_ink(np.asarray(image)))


@pytest.mark.parametrize("angle", [0.0, 2.5, -4.2, 14.8, -14.9, 31.0, -44.0, 60.0, -89.5])
def test_finds_the_text_line_direction_within_a_tenth_of_a_degree(angle: float):
    page = render_strip(skew=angle, seed=int(abs(angle) * 10))
    assert line_angle(page.image) == pytest.approx(angle, abs=0.1)


def test_upside_down_lines_run_the_same_way():
    assert line_angle(render_strip(skew=190.0).image) == pytest.approx(10.0, abs=0.1)


def test_estimate_survives_heavy_scan_noise():
    page = render_strip(skew=-7.3, degradation=HEAVY, seed=3)
    assert line_angle(page.image) == pytest.approx(-7.3, abs=0.15)


def test_blank_page_has_no_direction():
    assert line_angle(np.full((800, 600), 235, np.uint8)) == 0.0


def test_rotating_back_by_the_estimate_levels_the_page():
    page = np.asarray(render_strip(skew=9.0).image)
    assert abs(line_angle(deskew.rotate(page, -line_angle(page)))) < 0.1


def test_rotate_grows_the_canvas_and_fills_it_with_paper_grey():
    page = np.full((100, 200), 200, np.uint8)
    turned = deskew.rotate(page, 30.0)
    assert turned.shape[0] > 100 and turned.shape[1] > 200
    assert turned[0, 0] == 200 and turned[-1, -1] == 200


def test_a_direction_known_roughly_bounds_the_search():
    ink = find_ink(np.asarray(render_strip(skew=12.0).image))
    assert deskew.estimate_line_angle(ink, near=10.0) == pytest.approx(12.0, abs=0.1)
    assert deskew.estimate_line_angle(ink, near=-170.0) == pytest.approx(12.0, abs=0.1)  # 180° on: the same line
