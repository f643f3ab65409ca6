"""Cross-checks: a document's symbol, agency, dates and signer read against each other, as OCR damages them."""

from datetime import date

from digitize.metadata import Metadata, extract
from digitize.metadata.checks import initials, matches_agency
from tests.digitize.metadata.test_extraction import DECISION, DISPATCH


def dispatch(agency_tail="DU LỊCH", number="2145/SVHTTDL-TV", day="03", signer="Trần Thị Thu Hà") -> str:
    """The công văn of the extraction tests, with its agency's last line, number, day or signer read otherwise."""
    return (
        DISPATCH.replace("\nDU LỊCH\n", f"\n{agency_tail}\n")
        .replace("2145/SVHTTDL-TV", number)
        .replace("ngày 03", f"ngày {day}")
        .replace("Trần Thị Thu Hà", signer)
    )


def test_initials_are_what_a_symbol_gives_an_agency():
    assert initials("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH") == "SVHTTDL"
    assert initials("BAN CHỈ ĐẠO 138") == "BCĐ138"
    assert matches_agency("UBND", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    assert matches_agency("TVQG", "THƯ VIỆN QUỐC GIA VIỆT NAM")
    assert not matches_agency("SVHTTDL", "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH")


def test_a_clean_header_passes_every_check_untouched():
    found = extract(dispatch())
    assert (found.number.value, found.agency.value, found.date.value) == (
        "2145/SVHTTDL-TV",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "2023-05-03",
    )
    assert found.to_dict()["provenance"]["number"] == "extracted"
    assert found.number.confidence >= 0.8 and found.date.confidence >= 0.8


def test_a_damaged_letter_of_the_symbol_is_read_again_from_the_agency_initials():
    found = extract(dispatch(number="2145/SVHTTDI-TV"))
    assert found.number.value == "2145/SVHTTDL-TV"
    assert found.number.confidence < 0.8
    assert "SVHTTDI read as the agency's initials SVHTTDL" in found.to_dict()["provenance"]["number"]


def test_a_hyphen_lost_after_the_type_is_put_back():
    assert extract(DECISION.replace("1287/QĐ-UBND", "1287/QĐUBND")).number.value == "1287/QĐ-UBND"


def test_an_agency_misread_is_spelt_as_the_known_name_the_symbol_initials_pick():
    # SỞ and BỘ VĂN HÓA are both known names: the symbol's S tells them apart.
    found = extract(dispatch(agency_tail="DULCH LỊCH"))
    assert found.agency.value == "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
    assert "initials the symbol gives (SVHTTDL)" in found.to_dict()["provenance"]["agency"]


def test_a_document_dated_before_what_it_cites_is_not_trusted():
    found = extract(dispatch().replace("năm 2023", "năm 2020"))
    assert found.date.value == "2020-05-03"
    assert found.date.confidence < 0.8
    assert "older than the document it cites (505/QĐ-TTg of 2022-04-22)" in found.to_dict()["provenance"]["date"]


def test_a_date_after_the_digitization_date_is_not_given():
    found = extract(dispatch(), today=date(2023, 1, 1))
    assert found.date.confidence < 0.5
    assert "after today" in found.to_dict()["provenance"]["date"]


def test_a_legal_document_dated_in_another_year_than_its_number_is_doubted():
    text = dispatch(number="12/2022/QĐ-SVHTTDL").replace("V/v hướng dẫn", "QUYẾT ĐỊNH\nVề việc hướng dẫn")
    found = extract(text)
    assert found.date.confidence < 0.5
    assert "year 2023 is not the number's 2022" in found.to_dict()["provenance"]["date"]


def test_a_number_written_into_the_printed_form_is_marked_handwritten_and_doubted():
    found = extract(dispatch(number="47 /SVHTTDL-TV", day="17"))
    record = found.to_dict()
    assert record["number"] == "47/SVHTTDL-TV"
    assert record["confidence"]["number"] < 0.5 and record["confidence"]["date"] < 0.8
    assert record["provenance"]["number"].startswith("extracted: handwritten")
    assert "handwritten day" in record["provenance"]["date"]


def test_a_signer_whose_family_name_is_under_the_seal_is_doubted():
    found = extract(dispatch(signer="Phước Hiền"))
    assert found.signer.value == "Phước Hiền"
    assert found.signer.confidence < 0.8
    assert "under the seal" in found.to_dict()["provenance"]["signer"]


def test_the_reasons_survive_the_catalog_and_metadata_json():
    found = extract(dispatch(number="2145/SVHTTDI-TV"))
    assert Metadata.from_dict(found.to_dict()).number == found.number


def test_a_date_two_engines_read_differently_is_not_trusted():
    # The page's engine read 03, the other engine, reading the header again, 08: neither is certain.
    found = extract(dispatch(), header_again=dispatch(day="08"))
    assert (found.date.value, found.number.value) == ("2023-05-03", "2145/SVHTTDL-TV")
    assert found.date.confidence <= 0.5 and found.number.confidence >= 0.8
    assert "a second reading of the header gives 2023-05-08" in found.to_dict()["provenance"]["date"]
    assert extract(dispatch(), header_again=dispatch()).date.confidence >= 0.8


def test_a_number_only_the_second_reading_found_is_given_doubted():
    found = extract(dispatch(number="#$%"), header_again=dispatch())
    assert found.number.value == "2145/SVHTTDL-TV" and found.number.confidence == 0.5


def test_a_day_the_page_image_shows_written_by_hand_is_not_trusted():
    found = extract(dispatch(), handwritten=frozenset({"day"}))
    assert found.date.value == "2023-05-03" and found.date.confidence < 0.8
    assert found.number.confidence >= 0.8
    assert found.to_dict()["provenance"]["date"] == "extracted: handwritten day"


def test_of_two_readings_of_a_symbol_the_one_naming_the_document_s_type_is_kept_doubted():
    found = extract(DECISION.replace("1287/QĐ-UBND", "1287/QB-UBND"), header_again=DECISION)
    assert (found.number.value, found.number.confidence) == ("1287/QĐ-UBND", 0.6)
    assert "the first gave 1287/QB-UBND" in found.to_dict()["provenance"]["number"]


def test_a_date_older_than_the_year_its_text_speaks_of_is_doubted():
    plan = DECISION.replace("Kế hoạch số hóa tài liệu lưu trữ", "Kế hoạch số hóa tài liệu lưu trữ năm 2025")
    found = extract(plan)  # dated 14 June 2023: the 2025 of 14 June 2025 misread
    assert found.date.value == "2023-06-14" and 0.5 <= found.date.confidence < 0.8
    assert "the text speaks of năm 2025, after the year 2023 of its date" in found.to_dict()["provenance"]["date"]


def test_a_plan_for_next_year_a_goal_a_span_or_an_older_law_leave_the_date_trusted():
    for mention in ("năm 2024", "đến năm 2030", "giai đoạn năm 2026 - 2030", "Luật Lưu trữ năm 2011"):
        found = extract(DECISION.replace("số hóa tài liệu lưu trữ\n", f"số hóa tài liệu lưu trữ {mention}\n"))
        assert found.summary.value.endswith(mention) and found.date.confidence >= 0.8, mention
        assert found.to_dict()["provenance"]["date"] == "extracted"


def test_a_summary_the_body_spells_otherwise_is_not_trusted():
    body = "Điều 1. Phê duyệt Kế hoạch số hóa tài liệu lưu trữ."
    misread = DECISION.replace(
        "Về việc phê duyệt Kế hoạch số hóa tài liệu", "Về việc phê duyệt Kế hoạch số hòa tài liệu"
    )
    found = extract(misread)
    assert found.summary.confidence < 0.8 and found.title.confidence < 0.8
    assert "the text spells 'hoạch số hòa' otherwise" in found.to_dict()["provenance"]["summary"]
    assert body in misread and extract(DECISION).summary.confidence >= 0.8


def test_other_words_of_the_same_letters_across_punctuation_leave_the_summary_trusted():
    text = DECISION.replace("Về việc phê duyệt", "Về việc triển khai bảo tồn và phê duyệt").replace(
        "Điều 1.", "Các đơn vị triển khai, báo cáo kết quả.\nĐiều 1."
    )
    assert extract(text).summary.confidence >= 0.8


def test_a_summary_a_second_reading_gives_otherwise_or_not_spelt_as_vietnamese_is_not_trusted():
    again = extract(DECISION, header_again=DECISION.replace("lưu trữ\nCHỦ", "lửu trữ\nCHỦ"))
    assert again.summary.confidence < 0.8 and "a second reading of the header gives" in again.summary.notes[0]
    garbled = extract(DECISION.replace("tài liệu lưu trữ\nCHỦ", "tài liệu lưu trqx\nCHỦ"))
    assert garbled.summary.confidence < 0.8 and garbled.summary.notes == ("not Vietnamese syllables: trqx",)
