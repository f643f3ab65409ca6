import pytest

from digitize.metadata.numbers import normalize, parse


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1287/QĐ-UBND Vĩnh Long, ngày 14", "1287/QĐ-UBND"),  # the right column read into the same line
        ("30/2020/NĐ-CP ngày 05/3/2020", "30/2020/NĐ-CP"),
        ("2145/SVHTTDL-TV", "2145/SVHTTDL-TV"),
        ("36-NQ/TW", "36-NQ/TW"),
        ("41-CTr/TU", "41-CTr/TU"),
        ("505/ QĐ-TTg", "505/QĐ-TTg"),
        ("1287/QĐ- UBND", "1287/QĐ-UBND"),
        ("505/QĐ-TTg - Thủ tướng", "505/QĐ-TTg"),  # a dash in prose is not part of the symbol
        ("2767/CT-.UBND", "2767/CT-UBND"),  # a speck by the hyphen
    ],
)
def test_numbers_as_printed(text: str, number: str):
    assert parse(text).text == number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1287/QD-UBND", "1287/QĐ-UBND"),
        ("363/QĐĐ-VTLTNN", "363/QĐ-VTLTNN"),
        ("l287/QĐ-UBND", "1287/QĐ-UBND"),
    ],
    ids=["lost Đ", "doubled Đ", "l for 1"],
)
def test_ocr_damage_is_repaired_and_said_so(text: str, number: str):
    found = parse(text)
    assert found.text == number and found.repaired


def test_ambiguous_bare_abbreviation_is_left_alone():
    # HD is Hướng dẫn and HĐ Hợp đồng: a lost Đ cannot be told from none.
    assert parse("12/HD-UBND").symbol == "HD-UBND"


def test_a_gap_before_the_slash_marks_a_form_filled_in_by_hand():
    assert parse("04 /CT-UBND").gap and not parse("04/CT-UBND").gap


@pytest.mark.parametrize("text", ["0+ /CT-UBND", "        /CT-UBND"], ids=["junk", "blank"])
def test_unreadable_number_keeps_its_symbol_only(text: str):
    found = parse(text)
    assert (found.digits, found.text, found.symbol, found.type_abbreviation) == (None, None, "CT-UBND", "CT")


def test_pen_stroke_before_the_symbol_leaves_the_symbol():
    assert parse("/ÑQĐ-UBND").symbol == "QĐ-UBND"


def test_digits_without_a_symbol_are_no_document_number():
    assert parse("2352") is None


def test_type_abbreviation_of_state_and_party_symbols():
    assert parse("12/2023/NQ-HĐND").type_abbreviation == "NQ"
    assert parse("36-NQ/TW").type_abbreviation == "NQ"
    assert parse("2145/SVHTTDL-TV").type_abbreviation is None


def test_agency_code_regains_its_d_with_stroke():
    assert normalize("12/2023/NQ-HDND") == "12/2023/NQ-HĐND"
