import numpy as np

from digitize import preprocess
from pipelines.synthetic import HEAVY
from tests.conftest import render_strip


def test_prepare_straightens_and_records_each_step():
    page = render_strip(skew=6.0)
    prepared = preprocess.prepare(np.asarray(page.image))
    assert not prepared.blank
    assert abs(prepared.skew_deg - 6.0) < 0.1
    assert prepared.steps == ("blank-check", "deskew", "flatten-background", "median-3")


def test_upright_page_is_not_resampled():
    prepared = preprocess.prepare(np.asarray(render_strip(skew=0.0).image))
    assert "deskew" not in prepared.steps


def test_back_of_a_sheet_is_blank_even_with_noise_and_specks():
    rng = np.random.default_rng(1)
    back = np.clip(rng.normal(230, 8, (1200, 900)), 0, 255).astype(np.uint8)
    back[rng.integers(0, 1200, 40), rng.integers(0, 900, 40)] = 30
    prepared = preprocess.prepare(back)
    assert prepared.blank and prepared.skew_deg == 0.0
    assert prepared.steps == ("blank-check",)


def test_written_page_is_not_blank_even_when_heavily_degraded():
    assert not preprocess.is_blank(np.asarray(render_strip(degradation=HEAVY).image))


def test_flatten_background_evens_out_lighting():
    width = 800
    gradient = np.tile(np.linspace(140, 240, width).astype(np.uint8), (600, 1))
    flat = preprocess.flatten_background(gradient)
    assert np.ptp(flat[:, 50:-50]) < 20
    assert flat.mean() > 240
