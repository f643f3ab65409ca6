import numpy as np
import pytest
from PIL import Image

from benchmarks.script_pages import han_decree, latin_page
from digitize import preprocess
from digitize.ink import find_ink
from digitize.script import HAN, LATIN, NO_TEXT, page_script, text_script
from pipelines.demo.rare_pages import FRENCH_TEXT, HAN_TEXT, drawing, han_fonts, han_page, photograph
from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import HEAVY, LIGHT, scanned_pages


def script_of(image: Image.Image) -> str:
    grey = np.asarray(image.convert("L"))
    ink = find_ink(grey)
    return page_script(grey, ink, preprocess.is_blank(ink)).script


@pytest.mark.parametrize("vertical", [True, False], ids=["columns", "lines"])
@pytest.mark.parametrize(("degradation", "paper"), [(LIGHT, 1.0), (HEAVY, 0.78)], ids=["clean", "tinted-noisy"])
def test_han_pages_in_every_font_are_han(vertical: bool, degradation, paper: float):
    for font in han_fonts():
        page = han_page(font, vertical, degradation, paper, seed=3, font_pt=20, page_mm=(148, 210))  # A5: quicker
        assert script_of(page.image) == HAN, font.name


@pytest.mark.parametrize("degradation", [LIGHT, HEAVY], ids=["light", "heavy"])
def test_vietnamese_and_french_pages_are_latin(degradation):
    texts = [*list(seed_texts().values())[:2], FRENCH_TEXT]
    for seed, text in enumerate(texts):
        page = scanned_pages(text, [2.0], degradation=degradation, seed=seed)[0]
        assert script_of(page.image) == LATIN


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_photographs_and_maps_have_no_text(seed: int):
    assert script_of(photograph(seed, size=(1240, 1754), dpi=150)) == NO_TEXT
    assert script_of(drawing(seed)) == NO_TEXT


def test_the_back_of_a_sheet_stays_blank_rather_than_a_picture():
    back = Image.new("L", (2480, 3508), 236)
    grey = np.asarray(back)
    ink = find_ink(grey)
    assert preprocess.is_blank(ink)
    assert page_script(grey, ink, blank=True).script == LATIN  # not a drawing: the page stays blank


def test_a_text_layer_in_han_characters_is_han():
    assert text_script(HAN_TEXT) == HAN
    assert text_script("Cộng hòa xã hội chủ nghĩa Việt Nam, 天地") == LATIN


@pytest.mark.parametrize(("size_pt", "columns"), [(72.0, 5), (96.0, 3)])
def test_a_sparse_decree_of_a_few_columns_of_large_characters_on_tinted_paper_is_han(size_pt: float, columns: int):
    decree = han_decree(han_fonts()[0], size_pt, columns, paper=0.8, seed=4, rules=True, seal=True)
    assert script_of(decree) == HAN


def test_a_latin_page_with_a_seal_and_a_han_word_is_still_latin():
    assert script_of(latin_page(seed=3, seal=True, han_word=True)) == LATIN
