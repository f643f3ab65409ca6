import cv2
import numpy as np
import pytest

from digitize import preprocess
from digitize.ink import find_ink, has_no_ink
from digitize.script import HAN, LATIN, page_script
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import HEAVY, scanned_pages
from tests.conftest import render_strip


def test_prepare_straightens_and_records_each_step():
    page = render_strip(skew=6.0)
    prepared = preprocess.prepare(np.asarray(page.image))
    assert not prepared.blank
    assert prepared.turn.skew_deg == pytest.approx(6.0, abs=0.1) and prepared.turn.orientation == 0
    assert prepared.steps == ("blank-check", "deskew", "flatten-background")


def test_the_page_before_flattening_is_handed_on_in_the_same_frame():
    page = np.asarray(render_strip(skew=6.0).image)
    dim = (page.astype(np.float32) * 0.7).astype(np.uint8)  # grey paper
    prepared = preprocess.prepare(dim)
    assert prepared.unflattened.shape == prepared.image.shape
    assert np.median(prepared.unflattened) < 200 and np.median(prepared.image) == 255
    # the same ink in the same places: the darkest pixels of one are dark in the other
    assert (prepared.image[prepared.unflattened < 60] < 128).mean() > 0.9


def test_upside_down_page_is_turned_in_the_same_resampling():
    prepared = preprocess.prepare(np.asarray(render_strip(skew=183.0).image))
    assert (prepared.turn.orientation, round(prepared.turn.skew_deg)) == (180, 3)
    assert prepared.steps[1] == "rotate-180+deskew"
    assert preprocess.prepare(prepared.image).turn.total_deg == pytest.approx(0.0, abs=0.1)


def test_upright_page_is_not_resampled():
    prepared = preprocess.prepare(np.asarray(render_strip(skew=0.0).image))
    assert "deskew" not in prepared.steps


def test_back_of_a_sheet_is_blank_even_with_noise_and_specks():
    rng = np.random.default_rng(1)
    back = np.clip(rng.normal(230, 8, (1200, 900)), 0, 255).astype(np.uint8)
    back[rng.integers(0, 1200, 400), rng.integers(0, 900, 400)] = 30
    prepared = preprocess.prepare(back)
    assert prepared.blank and prepared.turn.total_deg == 0.0
    assert prepared.steps == ("blank-check",)


def test_a_page_of_one_shade_is_blank_at_a_glance_as_the_ink_would_say():
    rng = np.random.default_rng(2)
    even = np.clip(rng.integers(244, 253, (3508, 2480)), 0, 255).astype(np.uint8)  # within 8 levels
    assert has_no_ink(even) and not find_ink(even).mask.any()
    prepared = preprocess.prepare(even)
    assert prepared.blank and prepared.steps == ("blank-check",) and prepared.image is even
    bar = even.copy()
    bar[1000:1010, 300:1500] = 200  # ink, but one mark and no line of text: the full check decides, blank
    assert not has_no_ink(bar) and preprocess.prepare(bar).steps == ("blank-check",)
    assert not has_no_ink(np.asarray(render_strip().image))


def test_a_single_short_line_is_not_blank():
    page = render_strip(text="Mục lục", degradation=HEAVY)
    assert not preprocess.is_blank(find_ink(np.asarray(page.image)))


def test_written_page_is_not_blank_even_when_heavily_degraded():
    assert not preprocess.is_blank(find_ink(np.asarray(render_strip(degradation=HEAVY).image)))


def test_flatten_background_evens_out_lighting():
    width = 800
    gradient = np.tile(np.linspace(140, 240, width).astype(np.uint8), (600, 1))
    flat = preprocess.flatten_background(gradient)
    assert np.ptp(flat[:, 50:-50]) < 20
    assert flat.mean() > 240


def test_paper_grain_of_a_sparse_noisy_page_becomes_white_so_otsu_splits_ink_from_paper():
    """On a page that is nearly all paper, Otsu would otherwise split the grain and Tesseract read it as specks."""
    page = scanned_pages("Mục lục", [2.0], degradation=HEAVY, seed=5, font_pt=14, page_mm=(150.0, 100.0))[0]
    prepared = preprocess.prepare(np.asarray(page.image)).image
    threshold, ink = cv2.threshold(prepared, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    assert threshold < 200 and cv2.connectedComponents(ink)[0] < 1000  # letters, not tens of thousands of specks


def _on_dark_scanner_bed(page: np.ndarray, margin: int = 90) -> np.ndarray:
    bed = np.full((page.shape[0] + 2 * margin, page.shape[1] + 2 * margin), 30, np.uint8)
    bed[margin:-margin, margin:-margin] = page
    return bed


def test_dark_scanner_border_is_cut_away_and_the_text_kept(strip):
    from digitize.ocr.engines import recognize

    prepared = preprocess.prepare(_on_dark_scanner_bed(np.asarray(strip.image)))
    assert prepared.steps[0] == "remove-borders"
    edge = np.concatenate([prepared.image[:20].ravel(), prepared.image[-20:].ravel()])
    assert edge.min() > 150
    assert " ".join(recognize(prepared.image).text.split()) == " ".join(strip.text.split())


def test_plain_scan_has_no_border_to_remove(strip):
    assert preprocess.paper_mask(np.asarray(strip.image)) is None


def test_blank_sheet_on_a_dark_bed_is_still_blank():
    sheet = np.full((1100, 800), 235, np.uint8)
    assert preprocess.prepare(_on_dark_scanner_bed(sheet)).blank


def test_a_latin_page_turned_far_from_level_is_read_as_latin_not_kept_as_han():
    page = scanned_pages(next(iter(seed_texts().values())), [-40.0], seed=3)[0]
    grey = np.asarray(page.image)
    ink = find_ink(grey)
    assert page_script(grey, ink, preprocess.is_blank(ink)).script == HAN  # as it came, its lines look like Han
    prepared = preprocess.prepare(grey)
    assert prepared.script == LATIN and prepared.steps[-2:] == ("deskew", "flatten-background")
    assert prepared.turn.total_deg == pytest.approx(-40.0, abs=0.5)
