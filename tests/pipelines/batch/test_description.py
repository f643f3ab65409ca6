import json
import xml.etree.ElementTree as ET
from pathlib import Path

from digitize.metadata.dublin_core import DC
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
        catalog.documents.save_overrides("d1", {"signer": "Nguyễn Văn Liệt", "date": "2023-06-15"}, source="rows.csv")
        described = describe(catalog, catalog.documents.get("d1"), catalog.pages.of_document("d1"))
    assert (described.date.value, described.date.source, described.date.confidence) == ("2023-06-15", "catalog", 1.0)
    assert (described.number.value, described.number.source) == ("1287/QĐ-UBND", "extracted")
