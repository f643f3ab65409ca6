"""Whole documents in, metadata out: the layouts Tesseract produces, and the noise it must not trust."""

import numpy as np
import pytest

from benchmarks.admin_docs import handwritten_set, labeled_set, text_of
from digitize import preprocess
from digitize.metadata import CATALOG, DOCUMENT_TYPES, Reference, extract
from digitize.ocr.engines import recognize
from pipelines.demo.synthetic import LIGHT, scan

# The columns as separate blocks, the way psm 3 often returns them.
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
Điều 1. Phê duyệt Kế hoạch số hóa tài liệu lưu trữ.
Nơi nhận:
- Như Điều 3;
- Lưu: VT, VX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Liệt
"""

# The same columns interleaved line by line, as psm 3 gives them just as often.
DISPATCH = """UBND TỈNH QUẢNG TRỊ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ VĂN HÓA, THỂ THAO VÀ Độc lập - Tự do - Hạnh phúc
DU LỊCH
Số: 2145/SVHTTDL-TV Quảng Trị, ngày 03 tháng 5 năm 2023
V/v hướng dẫn số hóa tài liệu
Hán Nôm tại thư viện huyện

Kính gửi: Thư viện các huyện, thị xã, thành phố
Thực hiện Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ, Sở hướng dẫn như sau.

Nơi nhận: KT. GIÁM ĐỐC
- Như trên; PHÓ GIÁM ĐỐC
- Lưu: VT, TV.

Trần Thị Thu Hà
"""


def test_decree_30_has_29_document_types():
    assert len(DOCUMENT_TYPES) == 29


def test_decision_in_separate_blocks():
    found = extract(DECISION)
    assert found.kind == "administrative"
    assert (found.type.value, found.number.value, found.date.value) == ("Quyết định", "1287/QĐ-UBND", "2023-06-14")
    assert found.type.confidence >= 0.9 and found.number.confidence >= 0.9  # heading and symbol agree
    assert (found.place.value, found.agency.value, found.parent_agency.value) == (
        "Vĩnh Long",
        "UỶ BAN NHÂN DÂN TỈNH VĨNH LONG",
        None,
    )
    assert found.summary.value == "Về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ"
    assert found.title.value == "Quyết định về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ"
    assert found.recipients.value == ("Như Điều 3", "Lưu: VT, VX")
    assert found.signer_position.value == "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
    assert found.signer.value == "Nguyễn Văn Liệt"
    assert found.year == 2023


def test_dispatch_interleaved_is_known_by_its_vv_line():
    found = extract(DISPATCH)
    assert (found.type.value, found.number.value) == ("Công văn", "2145/SVHTTDL-TV")
    assert (found.parent_agency.value, found.agency.value) == ("UBND TỈNH QUẢNG TRỊ", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH")
    assert (found.place.value, found.date.value) == ("Quảng Trị", "2023-05-03")
    assert found.summary.value == "V/v hướng dẫn số hóa tài liệu Hán Nôm tại thư viện huyện"
    assert found.title.value == "Công văn về việc hướng dẫn số hóa tài liệu Hán Nôm tại thư viện huyện"
    assert (found.signer_position.value, found.signer.value) == ("KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC", "Trần Thị Thu Hà")
    assert found.recipients.value == ("Như trên", "Lưu: VT, TV")


def test_incoming_mail_stamp_is_not_the_documents_number_or_date():
    stamped = DECISION.replace("Số: 1287/QĐ-UBND", "CV ĐẾN Số 2352 Ngày 21/3/18\nSố: 1287/QĐ-UBND")
    found = extract(stamped)
    assert (found.number.value, found.date.value) == ("1287/QĐ-UBND", "2023-06-14")
    assert all(ref.number != "2352" for ref in found.references)


def test_stamp_beside_an_unreadable_number_lends_it_neither_number_nor_date():
    text = "UBND TỈNH QUẢNG TRỊ\nSố:0+ /CT-UBND CV ĐẾN Số 2352 Ngày 21/3/18\nCHỈ THỊ\nVề việc tăng cường lưu trữ"
    found = extract(text)
    assert found.number.value is None and found.number.confidence == 0.0
    assert found.date.value is None
    assert found.type.value == "Chỉ thị"  # still read from the heading and the symbol


def test_number_filled_in_by_hand_is_doubted():
    found = extract(DECISION.replace("Số: 1287/QĐ-UBND", "Số: 04 /QĐ-UBND"))
    assert found.number.value == "04/QĐ-UBND" and found.number.confidence <= 0.6


def test_a_day_written_by_hand_makes_the_number_beside_it_doubtful():
    # OCR read the scribbled number as "4", glued to its label; the scribbled day beside it gives it away.
    found = extract(DECISION.replace("Số: 1287/QĐ-UBND", "Số:4/QĐ-UBND").replace("ngày 14", "ngày Âđý"))
    assert found.number.value == "4/QĐ-UBND" and found.number.confidence < 0.5
    assert (found.date.value, found.date.confidence) == ("2023-06", 0.4)


def test_heading_and_symbol_that_disagree_lower_both():
    found = extract(DECISION.replace("1287/QĐ-UBND", "1287/KH-UBND"))
    assert found.type.value == "Quyết định" and found.type.confidence <= 0.6
    assert found.number.confidence <= 0.5


def test_text_that_lost_its_diacritics():
    text = "UY BAN NHAN DAN\nTINH VINH LONG\nSo: 1287/QD-UBND\nVinh Long, ngay 14 thang 6 nam 2023\nQUYET DINH"
    found = extract(text)
    assert (found.type.value, found.number.value, found.date.value) == ("Quyết định", "1287/QĐ-UBND", "2023-06-14")
    assert (found.agency.value, found.place.value) == ("ỦY BAN NHÂN DÂN TỈNH VĨNH LONG", "Vĩnh Long")


def test_impossible_date_is_dropped_not_guessed_nor_replaced_by_a_cited_one():
    text = DECISION.replace("ngày 14 tháng 6", "ngày 31 tháng 2").replace(
        "Căn cứ Nghị định", "Căn cứ Luật Lưu trữ ngày 11 tháng 11 năm 2011;\nCăn cứ Nghị định"
    )
    assert extract(text).date.value is None


def test_cited_documents_are_normalized_and_dated_but_not_the_own_number():
    assert extract(DECISION).references == (
        Reference("Nghị định", "30/2020/NĐ-CP", "2020-03-05", 0.9),
        Reference("Quyết định", "505/QĐ-TTg", "2022-04-22", 0.9),
    )


def test_json_record_keeps_values_at_the_top_with_confidence_and_provenance_beside():
    record = extract(DECISION).overridden({"signer": "Nguyễn Văn Liệt"}).to_dict()
    assert record["number"] == "1287/QĐ-UBND" and record["year"] == 2023
    assert record["confidence"]["number"] == 0.9 and record["confidence"]["signer"] == 1.0
    assert record["provenance"]["number"] == "extracted" and record["provenance"]["signer"] == CATALOG
    assert "author" not in record["provenance"]  # no value, no provenance
    assert record["references"][0] == {
        "type": "Nghị định",
        "number": "30/2020/NĐ-CP",
        "date": "2020-03-05",
        "confidence": 0.9,
    }


def test_overriding_an_unknown_field_is_refused():
    with pytest.raises(KeyError):
        extract(DECISION).overridden({"colour": "red"})


@pytest.fixture(scope="module")
def laid_out() -> list:
    return [(document, document.layout()) for document in labeled_set()]


@pytest.mark.parametrize("interleaved", [False, True], ids=["blocks", "interleaved"])
def test_every_generated_document_is_read_exactly_from_its_text(laid_out: list, interleaved: bool):
    """The labeled set's pages as text, in both column orders: every field as the generator wrote it."""
    for document, page in laid_out:
        found = extract(text_of(page, interleaved)).to_dict()
        for name, expected in document.truth.items():
            if name == "references":
                given = [{k: r[k] for k in ("type", "number", "date")} for r in found["references"]]
                assert given == expected, document.name
            else:
                assert found[name] == expected, (document.name, name)


def test_handwritten_numbers_are_left_out_and_their_dates_kept_partial():
    for document in handwritten_set():
        found = extract(text_of(document.layout(), interleaved=True))
        assert found.number.value is None, document.name
        assert found.date.value == document.truth["date"][:7] and found.date.confidence < 0.5
        assert found.type.value == document.truth["type"]


def test_tesseract_on_a_rendered_stamped_header():
    """Real OCR of the top of a generated page, stamp in the margin: the page's own number, date and type."""
    document = next(d for d in labeled_set() if d.stamp)
    page = document.render(seed=1)
    top = page.crop((0, 0, page.width, page.height // 4))
    prepared = preprocess.prepare(np.asarray(scan(top, 0.8, LIGHT, seed=1)))
    found = extract(recognize(prepared.image).text)
    truth = document.truth
    assert (found.number.value, found.date.value, found.type.value) == (truth["number"], truth["date"], truth["type"])
    assert found.agency.value == truth["agency"]
