"""MARC 21 export: records that open in pymarc with every field a catalogue needs, in NFC Vietnamese, no mojibake."""

import unicodedata
from pathlib import Path

import pymarc
import pytest
from click.testing import CliRunner

from digitize.errors import ArchiveError, ExportError
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.cli import main
from pipelines.exchange.marc import export_marc, to_record
from tests.pipelines.exchange.conftest import COLLECTIONS


def read_records(path: Path) -> list[pymarc.Record]:
    if path.suffix == ".xml":
        return pymarc.parse_xml_to_array(str(path))
    with path.open("rb") as file:
        return list(pymarc.MARCReader(file, to_unicode=True, force_utf8=True))


def values(record: pymarc.Record, tag: str, code: str = "a") -> list[str]:
    return [value for field in record.get_fields(tag) for value in field.get_subfields(code)]


@pytest.mark.parametrize("suffix", [".mrc", ".xml"])
def test_a_collection_round_trips_through_pymarc_with_its_fields(catalogued: Archive, tmp_path: Path, suffix: str):
    out = tmp_path / f"cong-bao{suffix}"
    count = export_marc(catalogued, out, collection="Công báo", base_url="https://thuvien.example.vn/")

    records = read_records(out)
    assert count == len(records) == 6  # the even-numbered half of the twelve
    record = records[0]
    assert record.leader[9] == "a" and record.leader[5:8] == "nam"
    assert len(record["008"].data) == 40 and record["008"].data[7:11] == "2024" and record["008"].data[35:38] == "vie"
    assert values(record, "245") == ["Quyết định số 2 về việc số hóa tài liệu Hán Nôm"]
    assert record["245"].indicators == pymarc.Indicators("1", "0")  # a 110 heads the record
    assert values(record, "110") == ["UBND TỈNH QUẢNG TRỊ"] and not record.get_fields("100")  # the parent agency
    assert values(record, "110", "b") == ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"]
    assert values(record, "264") == ["Quảng Trị"] and values(record, "264", "c") == ["2024-12-09"]
    assert record["264"].indicators.second == "0"  # produced, not published: an administrative document
    assert values(record, "300") == ["3 tr."]
    assert values(record, "336", "b") + values(record, "337", "b") + values(record, "338", "b") == ["txt", "c", "cr"]
    assert values(record, "490") == ["Công báo"]
    assert values(record, "500") == [
        "Số, ký hiệu: 2/QĐ-SVHTTDL",
        "Văn bản dẫn chiếu: Quyết định 206/QĐ-TTg",
    ]
    assert values(record, "520") == ["Về việc ban hành Kế hoạch số hóa tài liệu Hán Nôm của Thư viện tỉnh"]
    assert values(record, "651") == ["Quảng Trị", "Thừa Thiên Huế"]
    assert values(record, "610") == ["Thủ tướng Chính phủ", "Bộ Nội vụ"]
    assert values(record, "655") == ["Quyết định"] and values(record, "700") == ["Lê Thị Hương"]
    doc_id = record["001"].data
    assert values(record, "856", "u") == [
        f"https://thuvien.example.vn/iiif/{doc_id}/manifest",
        f"https://thuvien.example.vn/page/{doc_id}/1",
    ]


def test_every_value_is_nfc_vietnamese_without_mojibake(catalogued: Archive, tmp_path: Path):
    out = tmp_path / "all.mrc"
    export_marc(catalogued, out, collection=COLLECTIONS[1])
    raw = out.read_bytes()
    assert "Châu bản triều Nguyễn".encode() in raw  # UTF-8 bytes as written, not MARC-8 or Latin-1
    for record in read_records(out):
        for field in record.get_fields():
            for value in [field.data] if field.is_control_field() else field.subfields:
                text = value if isinstance(value, str) else value.value
                assert unicodedata.normalize("NFC", text) == text
                assert "Ã" not in text and "\ufffd" not in text  # the marks of UTF-8 read as Latin-1, or lost
        assert not record.get_fields("856")  # no public address given: no links


def test_an_author_heads_an_article_and_nfd_input_comes_out_nfc(catalogued: Archive):
    decomposed = unicodedata.normalize("NFD", "Trần Thị Hoà")
    with Catalog(catalogued.catalog_path) as catalog:
        described = catalog.described.changed(limit=1)[0]
    article = described.metadata.overridden({"author": decomposed, "source": "Báo Quảng Trị", "date": "khoảng 1945"})
    record = to_record(type(described)(described.document, article, described.changed_at))
    assert values(record, "100") == ["Trần Thị Hoà"] and not record.get_fields("110")
    assert values(record, "264", "b") == ["Báo Quảng Trị"] and values(record, "264", "c") == ["khoảng 1945"]
    assert record["008"].data[6:15] == "nuuuuuuuu"  # a date typed as free text: no year in the fixed fields


def test_one_document_by_the_command_line_and_the_refusals(catalogued: Archive, tmp_path: Path):
    runner = CliRunner()
    out = tmp_path / "one.xml"
    result = runner.invoke(main, ["export", "marc", "qd-0003.pdf", str(out), "--archive", str(catalogued.root)])
    assert result.exit_code == 0, result.output
    assert "wrote 1 MARC record to" in result.output
    [record] = read_records(out)
    assert values(record, "500")[0] == "Số, ký hiệu: 3/QĐ-SVHTTDL"

    with pytest.raises(ExportError, match=r"\.xml \(MARCXML\) or \.mrc"):
        export_marc(catalogued, tmp_path / "one.json", "qd-0003.pdf")
    with pytest.raises(ArchiveError, match="no collection"):
        export_marc(catalogued, out, collection="Không có")
    bad = runner.invoke(main, ["export", "marc", str(out), "--archive", str(catalogued.root)])
    assert bad.exit_code == 2 and "give DOC and OUT" in bad.output
