import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

from digitize.metadata.dublin_core import DC
from digitize.metadata.written import HandwrittenReading
from pipelines.archive.catalog import Catalog, PageRow
from pipelines.archive.layout import Archive
from pipelines.batch.description import describe, write_description
from tests.digitize.metadata.test_extraction import DECISION


def digitized(catalog: Catalog, doc_id: str, text: str) -> None:
    catalog.collections.ensure("Lưu trữ")
    catalog.documents.register(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "Lưu trữ", page_count=1)
    catalog.pages.save(PageRow(doc_id, 1, "ocr", text, 0.0, 90.0, ("ocr-vie",)), page_count=1)


def test_description_is_written_with_confidences_and_as_dublin_core(tmp_path: Path):
    archive = Archive(tmp_path)
    with Catalog(archive.catalog_path) as catalog:
        digitized(catalog, "d1", DECISION)
        write_description(catalog, archive, catalog.documents.get("d1"))
        stored, document = catalog.documents.metadata("d1"), catalog.documents.get("d1")
    record = json.loads(archive.metadata_path("d1").read_text(encoding="utf-8"))
    assert (record["id"], record["number"], record["confidence"]["number"]) == ("d1", "1287/QĐ-UBND", 0.9)
    assert record["provenance"]["number"] == "extracted" and record["pages"][0]["steps"] == ["ocr-vie"]
    assert stored.agency.value == "UỶ BAN NHÂN DÂN TỈNH VĨNH LONG" and document.status == "done"
    assert document.title == "Quyết định về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ"
    dublin_core = ET.fromstring(archive.dublin_core_path("d1").read_text(encoding="utf-8"))
    assert dublin_core.find(f"{{{DC}}}identifier").text == "1287/QĐ-UBND"


def test_archivists_values_override_extracted_ones(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        digitized(catalog, "d1", DECISION)
        catalog.overrides.save("d1", {"signer": "Nguyễn Văn Liệt", "date": "2023-06-15"}, source="rows.csv")
        described = describe(catalog, catalog.documents.get("d1"), catalog.pages.of_document("d1"))
    assert (described.date.value, described.date.source, described.date.confidence) == ("2023-06-15", "catalog", 1.0)
    assert (described.number.value, described.number.source) == ("1287/QĐ-UBND", "extracted")


WRITTEN = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
Số: 8‡ /QĐ-UBND Quảng Ngãi, ngày 1G tháng 01 năm 2025

QUYẾT ĐỊNH
Về việc bổ nhiệm vào ngạch Thanh tra viên
"""
CITING = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc
Số: 120/QĐ-UBND Quảng Ngãi, ngày 03 tháng 02 năm 2025

QUYẾT ĐỊNH
Về việc sửa đổi Quyết định số 87/QĐ-UBND ngày 16/01/2025 của Chủ tịch UBND tỉnh
"""


def test_a_later_document_citing_a_handwritten_number_confirms_it_when_it_is_described(tmp_path: Path):
    archive = Archive(tmp_path)
    readings = [
        HandwrittenReading("number", "87", 0.95, (540, 470, 670, 580)).to_dict(),
        HandwrittenReading("day", "16", 0.93, (1640, 470, 1780, 580)).to_dict(),
    ]
    with Catalog(archive.catalog_path) as catalog:
        catalog.collections.ensure("Lưu trữ")
        catalog.documents.register("old", "sha-old", "old.pdf", "Lưu trữ", page_count=1)
        row = PageRow("old", 1, "ocr", WRITTEN, 0.0, 90.0, ("ocr-vie",), handwritten=("number", "day"))
        catalog.pages.save(replace(row, handwritten_read=tuple(readings)), page_count=1)
        write_description(catalog, archive, catalog.documents.get("old"))
        alone = catalog.documents.metadata("old")
        digitized(catalog, "new", CITING)
        write_description(catalog, archive, catalog.documents.get("new"))
        confirmed = catalog.documents.metadata("old")
        index_stage = catalog.documents.stage_status("old", "index")
    assert (alone.number.value, alone.date.value) == ("87/QĐ-UBND", "2025-01-16")
    assert alone.number.confidence < 0.8 and "handwriting read" in alone.number.provenance
    assert confirmed.number.confidence >= 0.8 and confirmed.date.confidence >= 0.8
    assert "cited by new as 87/QĐ-UBND of 2025-01-16" in confirmed.number.provenance
    assert index_stage == "pending"  # indexed again with its confirmed number
