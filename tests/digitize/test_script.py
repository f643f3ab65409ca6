import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.script_pages import han_decree, latin_page
from digitize import preprocess
from digitize.ink import find_ink
from digitize.script import (
    HAN,
    HAN_SQUARE_SHARE,
    LATIN,
    NO_TEXT,
    OSD_HAN,
    UNSURE_SQUARE_SHARE,
    osd_script,
    page_script,
    text_script,
)
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


def woodblock_page(pitch: float) -> np.ndarray:
    """A small scan of a woodblock print: framed columns of characters set ``pitch`` of their size apart down the
    column, so that they touch, on tinted paper (as the real Hán-Nôm pages of ``benchmarks/scripts.py``)."""
    size = 26
    face = ImageFont.truetype(str(han_fonts()[0]), size)
    width, height = 40 + 9 * round(size * 1.25), 40 + 16 * round(size * pitch)
    page = Image.new("L", (width, height), 200)
    draw = ImageDraw.Draw(page)
    for column in range(9):
        x = width - 20 - (column + 1) * round(size * 1.25)
        draw.line((x - 3, 15, x - 3, height - 15), fill=60, width=2)
        for row in range(16):
            draw.text(
                (x, 20 + row * round(size * pitch)), HAN_TEXT[(column * 16 + row) % len(HAN_TEXT)], font=face, fill=30
            )
    draw.rectangle((8, 8, width - 8, height - 8), outline=40, width=3)
    return np.asarray(page)


def test_a_page_of_touching_characters_is_han_once_osd_is_asked():
    grey = woodblock_page(pitch=1.0)
    measured = page_script(grey, find_ink(grey), blank=False)
    # Too few square blobs to be sure from the ink alone, so OSD was asked, and named a Han script.
    assert UNSURE_SQUARE_SHARE <= measured.square_share < HAN_SQUARE_SHARE
    assert measured.osd in OSD_HAN and measured.script == HAN


def test_osd_names_latin_for_a_vietnamese_page_and_a_han_script_for_a_han_page():
    latin = scanned_pages(next(iter(seed_texts().values())), [0.0], degradation=LIGHT, seed=1)[0]
    assert osd_script(np.asarray(latin.image.convert("L"))) == "Latin"
    han = han_page(han_fonts()[0], True, LIGHT, seed=2, font_pt=20, page_mm=(148, 210))
    assert osd_script(np.asarray(han.image.convert("L"))) in OSD_HAN
