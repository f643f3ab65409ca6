import pytest

from digitize.metadata.doctypes import abbreviation, cited_type, heading_type, type_of_abbreviation


@pytest.mark.parametrize(
    ("line", "doc_type"),
    [
        ("QUYẾT ĐỊNH", "Quyết định"),
        ("QUYÉT ĐỊNH:", "Quyết định"),  # a wrong diacritic, and the enacting line's colon
        ("THONG BAO", "Thông báo"),
        ("THÔNG CÁO", "Thông cáo"),  # one letter from THÔNG BÁO, but exact
        ("GIAY MOI", "Giấy mời"),
        ("Q U Y Ế T  Đ Ị N H", "Quyết định"),  # letter-spaced
    ],
)
def test_headings(line: str, doc_type: str):
    assert heading_type(line) == doc_type


@pytest.mark.parametrize("line", ["Về việc phê duyệt", "QUYẾT NGHỊ:", "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG"])
def test_lines_that_are_no_heading(line: str):
    assert heading_type(line) is None


def test_abbreviations_regain_a_lost_d_only_when_unambiguous():
    assert (abbreviation("QD"), abbreviation("CD"), abbreviation("HD")) == ("QĐ", "CĐ", "HD")
    assert type_of_abbreviation("HĐ") == "Hợp đồng" and type_of_abbreviation("HD") == "Hướng dẫn"
    assert abbreviation("UBND") is None


def test_cited_type_names_are_spelt_as_in_the_decree():
    assert (cited_type("quyet dinh"), cited_type("NGHỊ ĐỊNH")) == ("Quyết định", "Nghị định")
