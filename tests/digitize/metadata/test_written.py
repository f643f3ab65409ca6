"""The digits read in a form's blanks put into the number and the date, below trusted confidence."""

from digitize.metadata import extract
from digitize.metadata.written import HandwrittenReading

HEADER = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
Số: 4‡ /QĐ-UBND Quảng Ngãi, ngày ẨT tháng 01 năm 2025

QUYẾT ĐỊNH
Về việc phê duyệt kế hoạch ứng phó sự cố tràn dầu

CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
"""
NUMBER = HandwrittenReading("number", "47", 0.97, (540, 470, 670, 580))
DAY = HandwrittenReading("day", "17", 0.99, (1640, 470, 1780, 580))


def test_the_written_number_and_day_fill_the_fields_with_their_source_and_box():
    found = extract(HEADER, handwritten=frozenset({"number", "day"}), readings=(NUMBER, DAY))
    assert found.number.value == "47/QĐ-UBND"
    assert found.date.value == "2025-01-17"
    assert "handwriting read (0.97) at 540,470,670,580 of page 1" in found.number.provenance
    assert "handwriting read" in found.date.provenance


def test_a_reading_alone_is_never_trusted():
    found = extract(HEADER, handwritten=frozenset({"number", "day"}), readings=(NUMBER, DAY))
    assert 0.5 <= found.number.confidence < 0.8
    assert 0.5 <= found.date.confidence < 0.8


def test_an_unsure_reading_is_a_guess_for_review():
    unsure = HandwrittenReading("number", "41", 0.6, NUMBER.box)
    assert extract(HEADER, handwritten=frozenset({"number"}), readings=(unsure,)).number.confidence < 0.5


def test_an_abstention_leaves_the_number_to_ocr():
    abstained = HandwrittenReading("number", None, 0.3, NUMBER.box)
    found = extract(HEADER, handwritten=frozenset({"number"}), readings=(abstained,))
    assert found.number.value != "47/QĐ-UBND"


def test_a_day_the_month_has_not_is_not_given():
    found = extract(HEADER, handwritten=frozenset({"day"}), readings=(HandwrittenReading("day", "42", 0.9, DAY.box),))
    assert found.date.value == "2025-01"


def test_a_reading_survives_the_catalog_s_json():
    assert HandwrittenReading.from_dict(NUMBER.to_dict()) == NUMBER


def test_a_guess_the_model_abstained_on_fills_only_what_ocr_left_empty_for_review():
    guess = HandwrittenReading("day", "18", 0.35, DAY.box, abstained=True)
    found = extract(HEADER, handwritten=frozenset({"day"}), readings=(guess,))
    assert found.date.value == "2025-01-18" and found.date.confidence < 0.5
    assert "handwriting guessed (0.35)" in found.date.provenance
