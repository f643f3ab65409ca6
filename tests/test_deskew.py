import numpy as np
import pytest

from digitize import deskew
from pipelines.synthetic import HEAVY
from tests.conftest import render_strip


@pytest.mark.parametrize("angle", [0.0, 2.5, -4.2, 14.8, -14.9, 31.0, -44.0])
def test_estimates_counter_clockwise_skew_within_a_tenth_of_a_degree(angle: float):
    page = render_strip(skew=angle, seed=int(abs(angle) * 10))
    assert deskew.estimate_angle(np.asarray(page.image)) == pytest.approx(angle, abs=0.1)


@pytest.mark.parametrize(("line_angle", "skew"), [(89.5, -0.5), (-44.0, -44.0), (135.0, -45.0), (-100.0, -10.0)])
def test_skew_is_what_is_left_after_a_quarter_turn(line_angle: float, skew: float):
    assert deskew.fold_to_skew(line_angle) == pytest.approx(skew)


def test_estimate_survives_heavy_scan_noise():
    page = render_strip(skew=-7.3, degradation=HEAVY, seed=3)
    assert deskew.estimate_angle(np.asarray(page.image)) == pytest.approx(-7.3, abs=0.15)


def test_blank_page_has_no_skew():
    paper = np.full((800, 600), 235, np.uint8)
    assert deskew.estimate_angle(paper) == 0.0


def test_rotating_back_by_the_estimate_levels_the_page():
    page = np.asarray(render_strip(skew=9.0).image)
    straightened = deskew.rotate(page, -deskew.estimate_angle(page))
    assert abs(deskew.estimate_angle(straightened)) < 0.1


def test_rotate_grows_the_canvas_and_fills_it_with_paper_grey():
    page = np.full((100, 200), 200, np.uint8)
    turned = deskew.rotate(page, 30.0)
    assert turned.shape[0] > 100 and turned.shape[1] > 200
    assert turned[0, 0] == 200 and turned[-1, -1] == 200
