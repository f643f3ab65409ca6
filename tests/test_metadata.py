from pathlib import Path

from digitize.metadata import DOCUMENT_TYPES, Reference, extract

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

DECISION = """UỶ BAN NHÂN DÂN
TỈNH VĨNH LONG
Số: 1287/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Vĩnh Long, ngày 14 tháng 6 năm 2023
QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Căn cứ Quyết định số 505/ QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ;
"""


def test_decree_30_has_29_document_types():
    assert len(DOCUMENT_TYPES) == 29


def test_administrative_decision_header():
    found = extract(DECISION)
    assert found.type == "Quyết định"
    assert found.number == "1287/QĐ-UBND"
    assert found.place == "Vĩnh Long"
    assert found.date == "2023-06-14" and found.year == 2023
    assert found.title == "Quyết định về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ"


def test_cited_documents_are_normalized_and_dated():
    assert extract(DECISION).references == (
        Reference("Nghị định", "30/2020/NĐ-CP", "2020-03-05"),
        Reference("Quyết định", "505/QĐ-TTg", "2022-04-22"),
    )


def test_type_falls_back_to_the_symbols_abbreviation():
    found = extract("Số: 41/KH-UBND\nTriển khai số hóa tư liệu Hán Nôm")
    assert found.type == "Kế hoạch"


def test_impossible_dates_are_dropped_not_guessed():
    assert extract("Hà Nội, ngày 31 tháng 2 năm 2023").date is None


def test_seed_article_title_skips_page_chrome_and_finds_party_resolutions():
    text = (SEEDS / "001_4dc06c117001647d.txt").read_text(encoding="utf-8")
    found = extract(text)
    assert found.title.startswith("Vĩnh Long đẩy mạnh ứng dụng, phát triển công nghệ thông tin")
    assert found.date == "2024-06-25"
    assert Reference("Nghị quyết", "36-NQ/TW", None) in found.references


def test_metadata_serializes_with_its_year():
    as_dict = extract(DECISION).to_dict()
    assert as_dict["year"] == 2023
    assert as_dict["references"][0] == {"type": "Nghị định", "number": "30/2020/NĐ-CP", "date": "2020-03-05"}
