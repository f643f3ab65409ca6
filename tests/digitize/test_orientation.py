from pathlib import Path

import numpy as np
import pytest

from benchmarks.layout_pages import newspaper_page
from digitize.ink import InkMask, find_ink
from digitize.orientation import measure_turn, neighbour_direction, upright_vote
from pipelines.demo.synthetic import HEAVY, LIGHT
from tests.conftest import render_strip


@pytest.mark.parametrize(
    ("turned", "orientation", "skew"),
    [(0.0, 0, 0.0), (7.5, 0, 7.5), (180.0, 180, 0.0), (168.0, 180, -12.0), (90.0, 90, 0.0), (-95.0, 270, -5.0)],
)
def test_quarter_turns_and_skew_are_told_apart(turned: float, orientation: int, skew: float):
    for degradation in (LIGHT, HEAVY):
        page = render_strip(skew=turned, degradation=degradation, seed=int(abs(turned)))
        turn = measure_turn(find_ink(np.asarray(page.image)))
        assert turn.orientation == orientation
        assert turn.skew_deg == pytest.approx(skew, abs=0.1)
        assert turn.confidence > 0.65


@pytest.mark.parametrize(("turned", "orientation", "skew"), [(44.6, 0, 44.6), (-44.6, 0, -44.6), (135.4, 180, -44.6)])
def test_skews_near_45_degrees_keep_their_quarter(turned: float, orientation: int, skew: float):
    turn = measure_turn(find_ink(np.asarray(render_strip(skew=turned).image)))
    assert turn.orientation == orientation and turn.skew_deg == pytest.approx(skew, abs=0.1)


def test_vote_is_a_coin_toss_without_lines():
    assert upright_vote(np.zeros((50, 50), np.uint8)) == 0.5


def test_vietnamese_marks_above_the_line_vote_upright():
    levelled = find_ink(np.asarray(render_strip().image)).mask.astype(np.uint8)
    assert upright_vote(levelled) > 0.9
    assert upright_vote(levelled[::-1]) < 0.1


def test_a_weak_upside_down_vote_leaves_the_page_as_it_is():
    levelled = find_ink(np.asarray(render_strip().image)).mask.astype(np.uint8)
    # Upright lines, and a few more upside-down ones: 60% of the ink votes upside down.
    lines = np.concatenate([levelled[::-1], levelled[::-1], levelled[::-1], levelled, levelled])
    assert 0.3 < upright_vote(lines) < 0.5
    turn = measure_turn(InkMask(lines, 1.0))
    assert turn.orientation == 0 and turn.confidence == 0.5


@pytest.mark.parametrize(("rule_px", "skew", "turned"), [(0, 0.0, 0), (2, 0.7, 0), (1, -0.5, 180), (4, 1.2, 90)])
def test_a_four_column_newspaper_page_keeps_its_way_up(rule_px: int, skew: float, turned: int):
    # Four columns of lines shifted by paragraph spaces: the sharpest row projection ran along a diagonal of
    # their grid, and a profile across the page blurred each line's shape.
    page = newspaper_page(4, rule_px, skew, Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"), seed=3)
    grey = np.rot90(np.asarray(page.image.convert("L")), turned // 90)
    turn = measure_turn(find_ink(grey))
    assert turn.orientation == turned
    assert turn.skew_deg == pytest.approx(skew, abs=0.15)


def test_letters_nearest_neighbours_lie_along_the_lines():
    direction, clarity = neighbour_direction(find_ink(np.asarray(render_strip(skew=30.0).image)))
    assert direction == pytest.approx(30.0, abs=2.0)
    assert clarity > 10
