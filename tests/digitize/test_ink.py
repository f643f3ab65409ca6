import numpy as np

from digitize.ink import find_ink, halve_until, paper_background
from pipelines.demo.synthetic import HEAVY
from tests.conftest import render_strip


def test_halving_stops_at_the_working_size():
    reduced, scale = halve_until(np.zeros((3508, 2480), np.uint8), 2000)
    assert reduced.shape == (1754, 1240) and scale == 0.5


def test_ink_is_found_on_text_not_on_noisy_paper():
    page = np.asarray(render_strip(degradation=HEAVY).image)
    ink = find_ink(page)
    assert 0.01 < ink.share < 0.2
    paper = np.clip(np.random.default_rng(0).normal(225, 16, page.shape), 0, 255).astype(np.uint8)
    assert find_ink(paper).share < 0.001


def test_uneven_lighting_is_not_ink():
    ramp = np.tile(np.linspace(120, 250, 1200).astype(np.uint8), (900, 1))
    assert find_ink(ramp).share < 0.001
    assert abs(int(paper_background(ramp)[450, 600]) - int(ramp[450, 600])) < 10
