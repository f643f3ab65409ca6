"""Hit boxes on a page the pipeline digitized: the boxes are its ALTO's word boxes, matched as search matches."""

import pytest

from digitize import alto
from digitize.ocr.page import Block, Line, OcrPage, Word
from index.hit_boxes import hit_boxes
from index.query import QueryError, parse_query
from pipelines.archive.layout import Archive


@pytest.fixture(scope="module")
def archived_page(digitized_folder) -> OcrPage:
    """Page 1 of the sample scan, read back from the ALTO the run wrote (the conftest's SAMPLE_TEXT)."""
    archive = Archive(digitized_folder / "archive")
    (doc_dir,) = archive.documents_dir.iterdir()
    return alto.read_page(archive.page_alto_path(doc_dir.name, 1).read_text(encoding="utf-8"))


def texts(boxes) -> list[str]:
    return [box.text for box in boxes]


def test_a_query_without_diacritics_outlines_every_accented_form(archived_page: OcrPage):
    boxes = hit_boxes(archived_page, "so")
    # "Chuyển đổi số - …", "Quyết định số 505/QĐ-TTg", "Chuyển đổi số quốc gia": three times on the page.
    assert [text.strip(".,").lower() for text in texts(boxes)] == ["số", "số", "số"]
    alto_boxes = {(word.text, word.left, word.top, word.width, word.height) for word in archived_page.words}
    assert {(box.text, box.left, box.top, box.width, box.height) for box in boxes} <= alto_boxes
    assert all(box.width > 0 and box.height > 0 for box in boxes)


def test_a_phrase_outlines_only_where_its_words_stand_together(archived_page: OcrPage):
    assert texts(hit_boxes(archived_page, '"chuyen doi so"')) == ["Chuyển", "đổi", "số"] * 2
    assert texts(hit_boxes(archived_page, '"so chuyen"')) == []
    assert texts(hit_boxes(archived_page, "quyet dinh")) == ["Quyết", "định"]


def test_words_inside_a_number_are_found_in_the_ocr_word_that_holds_them(archived_page: OcrPage):
    (box,) = hit_boxes(archived_page, "number:505/QĐ-TTg QĐ")
    assert "505/QĐ-TTg" in box.text


def test_excluded_words_and_filters_alone_outline_nothing(archived_page: OcrPage):
    assert "số" not in texts(hit_boxes(archived_page, "chuyen NOT so"))
    assert hit_boxes(archived_page, "year:2022") == []


def test_accented_query_outlines_what_was_typed_unless_only_the_folded_form_is_there():
    page = OcrPage((Block((Line((Word("Lịch", 90, 0, 0, 40, 20), Word("dương", 90, 50, 0, 60, 20))),)),))
    other = OcrPage((Block((Line((Word("đường", 90, 0, 0, 60, 20), Word("dương", 90, 70, 0, 60, 20))),)),))
    assert texts(hit_boxes(page, "đường")) == ["dương"]  # only the folded form is on this page
    assert texts(hit_boxes(other, "đường")) == ["đường"]
    assert texts(hit_boxes(other, "duong")) == ["đường", "dương"]
    as_dict = hit_boxes(other, "duong")[1].to_dict()
    assert as_dict == {"text": "dương", "x": 70, "y": 0, "w": 60, "h": 20, "exact": False}


def test_a_box_says_whether_its_word_matched_as_typed_or_only_folded():
    page = OcrPage((Block((Line((Word("Lịch", 90, 0, 0, 40, 20), Word("dương", 90, 50, 0, 60, 20))),)),))
    assert [box.exact for box in hit_boxes(page, "Lịch đường")] == [True, False]
    assert [box.exact for box in hit_boxes(page, "lich duong")] == [False, False]  # typed bare, found accented


def test_a_phrase_typed_with_diacritics_outlines_its_words_only_where_they_stand_together():
    line = "Chuyển đổi số và chuyển đổi xanh; chuyen doi so"
    page = OcrPage((Block((Line(tuple(Word(text, 90, 50 * n, 0, 40, 20) for n, text in enumerate(line.split()))),)),))
    boxes = hit_boxes(page, '"chuyển đổi số"')
    assert [(box.text, box.exact) for box in boxes] == [("Chuyển", True), ("đổi", True), ("số", True)]
    # A word asked for alone is matched as typed, independently of the phrase beside it.
    assert [box.text for box in hit_boxes(page, '"chuyển đổi số" xanh;')] == ["Chuyển", "đổi", "số", "xanh;"]


def test_fuzzy_matches_one_ocr_slip_and_a_bad_query_is_refused():
    page = OcrPage((Block((Line((Word("chuyćn", 50, 0, 0, 60, 20),)),)),))
    assert texts(hit_boxes(page, "chuyen")) == []
    assert texts(hit_boxes(page, parse_query("chuyen", fuzzy=True))) == ["chuyćn"]
    with pytest.raises(QueryError):
        hit_boxes(page, '"unclosed')
