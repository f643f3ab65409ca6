"""The ``metadata`` commands."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from digitize.legacy_encoding import from_unicode
from digitize.metadata.dublin_core import DC
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.cli import main
from tests.conftest import SAMPLE_TEXT, born_digital_pdf, decree_30_header
from tests.digitize.metadata.test_extraction import DECISION
from tests.pipelines.batch.test_description import digitized
from tests.pipelines.cli.conftest import invoke


def test_metadata_of_a_scanned_header_as_json(tmp_path: Path):
    page = decree_30_header("SỞ NỘI VỤ", "88/KH-SNV", "KẾ HOẠCH", "Chỉnh lý tài liệu tồn đọng năm 2024")
    path = tmp_path / "header.png"
    page.save(path)
    result = invoke("metadata", path, "--json")
    found = json.loads(result.output)
    assert (found["type"], found["number"], found["date"]) == ("Kế hoạch", "88/KH-SNV", "2024-09-05")
    assert (found["agency"], found["parent_agency"]) == ("SỞ NỘI VỤ", "UBND TỈNH VĨNH LONG")
    assert found["summary"] == "Chỉnh lý tài liệu tồn đọng năm 2024" and found["confidence"]["number"] >= 0.9


UNSIGNED = (
    "UBND TỈNH QUẢNG NGÃI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
    "Số:    /TB-SNV Quảng Ngãi, ngày    tháng 01 năm 2025\nTHÔNG BÁO\nVề việc tổ chức hội nghị"
)


def test_a_day_and_number_a_pdf_leaves_blank_are_blank_not_handwriting(tmp_path: Path):
    typed = json.loads(invoke("metadata", born_digital_pdf(tmp_path / "unsigned.pdf", UNSIGNED), "--json").output)
    assert (typed["number"], typed["date"]) == (None, "2025-01")
    assert typed["confidence"]["date"] == 0.7 and "left blank" in typed["provenance"]["date"]
    # A .txt may be OCR's output (digitize ocr scan.pdf > scan.txt), where a blank may be a day written by hand.
    (tmp_path / "scan.txt").write_text(UNSIGNED, encoding="utf-8")
    read = json.loads(invoke("metadata", tmp_path / "scan.txt", "--json").output)
    assert read["date"] == "2025-01" and read["confidence"]["date"] < 0.5


def test_metadata_of_a_text_file_as_text_and_as_dublin_core(tmp_path: Path):
    path = tmp_path / "qd-1287.txt"
    path.write_text(DECISION, encoding="utf-8")
    shown = invoke("metadata", "show", path)
    assert "number           1287/QĐ-UBND  [0.90]" in shown.output
    assert "cites            Nghị định 30/2020/NĐ-CP of 2020-03-05  [0.90]" in shown.output
    dublin_core = ET.fromstring(invoke("metadata", path, "--dc").output)
    assert dublin_core.find(f"{{{DC}}}date").text == "2023-06-14"
    both = CliRunner().invoke(main, ["metadata", str(path), "--json", "--dc"])
    assert both.exit_code == 2 and "--json and --dc are exclusive" in both.output


def test_metadata_of_a_file_typed_in_tcvn3_is_read_from_its_unicode_text(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes(from_unicode(DECISION, "tcvn3").encode("cp1252"))  # as a .VnTime word processor saved it
    found = json.loads(invoke("metadata", path, "--json").output)
    assert (found["type"], found["number"], found["date"]) == ("Quyết định", "1287/QĐ-UBND", "2023-06-14")


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """An archive of one finished document, ``cds``, described from its text."""
    archive = Archive(tmp_path / "archive")
    with Catalog(archive.catalog_path) as catalog:
        digitized(catalog, "cds", SAMPLE_TEXT)
        write_description(catalog, archive, catalog.documents.get("cds"))
    return archive


def test_catalog_rows_imported_over_an_archive(tmp_path: Path, archive: Archive):
    rows = tmp_path / "rows.csv"
    rows.write_text("file,type,number,date\ncds.pdf,Báo cáo,12/BC-UBND,2022-10-10\n", "utf-8")
    result = CliRunner().invoke(main, ["metadata", "import", str(rows), "--archive", str(archive.root)])
    assert result.exit_code == 0
    assert "1 rows read: 1 documents re-described, 0 waiting for their pages." in result.output
    record = json.loads(archive.metadata_path("cds").read_text("utf-8"))
    assert (record["type"], record["number"], record["year"]) == ("Báo cáo", "12/BC-UBND", 2022)
    assert record["provenance"]["number"] == "catalog" and record["provenance"]["title"] == "extracted"


def test_a_catalog_file_with_one_bad_cell_is_refused_whole_by_line_and_column(tmp_path: Path, archive: Archive):
    before = archive.metadata_path("cds").read_text("utf-8")
    rows = tmp_path / "rows.csv"
    rows.write_text("file,type,number,date\ncds.pdf,Báo cáo,12/BC-UBND,2022-10-10\nmissing.pdf,,,2022\n", "utf-8")
    result = CliRunner().invoke(main, ["metadata", "import", str(rows), "--archive", str(archive.root)])
    assert result.exit_code == 1
    assert result.output == f"error: {rows}: line 3, column 1 (file): no document 'missing.pdf' in the archive\n"
    assert archive.metadata_path("cds").read_text("utf-8") == before


def test_a_semicolon_file_needs_its_delimiter_named(tmp_path: Path, archive: Archive):
    rows = tmp_path / "rows.csv"
    rows.write_text('file;title\ncds.pdf;"Báo cáo ""chuyển đổi số""; năm 2024"\n', "utf-8")
    command = ["metadata", "import", str(rows), "--archive", str(archive.root)]
    refused = CliRunner().invoke(main, command)
    assert refused.exit_code == 1 and "give --delimiter ';'" in refused.output
    assert CliRunner().invoke(main, [*command, "--delimiter", ";"]).exit_code == 0
    record = json.loads(archive.metadata_path("cds").read_text("utf-8"))
    assert record["title"] == 'Báo cáo "chuyển đổi số"; năm 2024'
