import json
import sqlite3
from pathlib import Path

import pdfplumber
import pytest

from digitize import alto
from digitize.errors import ArchiveError
from digitize.labels import document_label
from digitize.pdf_description import read_description
from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive, write_text
from pipelines.desk.corrections import correct_field, correct_line, reapply_corrections, undo
from pipelines.preservation.fixity import verify_archive
from tests.pipelines.cli.conftest import invoke


def _document(archive: Archive):
    with Catalog(archive.catalog_path) as catalog:
        return catalog.documents.all("done")[0]


def _first_line(archive: Archive, doc_id: str) -> tuple[str, str]:
    reading = archive.page_words(doc_id, 1)
    line_id = next(iter(alto.line_ids(reading)))
    return line_id, reading.lines[0].text


def test_a_corrected_line_is_in_every_file_and_found_by_search(digitized_archive: Archive):
    document = _document(digitized_archive)
    line_id, machine = _first_line(digitized_archive, document.id)
    correct_line(digitized_archive, document.id, 1, line_id, "Quốc ngữ xylograph chỉnhsửa", "lan")

    doc_id = document.id
    assert digitized_archive.page_words(doc_id, 1).lines[0].text == "Quốc ngữ xylograph chỉnhsửa"
    assert "chỉnhsửa" in digitized_archive.page_hocr_path(doc_id, 1).read_text(encoding="utf-8")
    assert "chỉnhsửa" in digitized_archive.page_text_path(doc_id, 1).read_text(encoding="utf-8")
    with pdfplumber.open(digitized_archive.pdf_path(doc_id)) as pdf:
        assert "xylograph" in pdf.pages[0].extract_text()
    assert [hit.doc_id for hit in search(digitized_archive.index_dir, "chinhsua").hits] == [doc_id]
    assert verify_archive(digitized_archive).intact
    with Catalog(digitized_archive.catalog_path) as catalog:
        [record] = catalog.audit.entries(doc_id)
        assert "chỉnhsửa" in catalog.pages.of_document(doc_id)[0].text
    assert (record.author, record.target) == ("lan", f"line:1:{line_id}")
    assert (json.loads(record.before), json.loads(record.after)) == (machine, "Quốc ngữ xylograph chỉnhsửa")


def test_undo_gives_back_the_machines_words_as_a_change_of_its_own(digitized_archive: Archive):
    document = _document(digitized_archive)
    line_id, machine = _first_line(digitized_archive, document.id)
    boxes = [word.box for word in digitized_archive.page_words(document.id, 1).lines[0].words]
    correct_line(digitized_archive, document.id, 1, line_id, "một", "lan")
    record = undo(digitized_archive, 1, "minh")

    restored = digitized_archive.page_words(document.id, 1).lines[0]
    assert restored.text == machine and [word.box for word in restored.words] == boxes
    assert (record.undoes, record.author, json.loads(record.after)) == (1, "minh", machine)
    assert search(digitized_archive.index_dir, "một").hits == [] or "một" in machine
    assert verify_archive(digitized_archive).intact


def test_a_corrected_field_is_the_archivists_and_undo_returns_the_extracted_value(digitized_archive: Archive):
    document = _document(digitized_archive)
    described = correct_field(digitized_archive, document.id, "number", "01/CT-UBND", "lan")
    assert (described.number.value, described.number.confidence, described.number.source) == (
        "01/CT-UBND",
        1.0,
        "archivist lan",
    )
    record = json.loads(digitized_archive.metadata_path(document.id).read_text(encoding="utf-8"))
    assert record["number"] == "01/CT-UBND" and record["provenance"]["number"] == "archivist lan"
    assert {hit.doc_id for hit in search(digitized_archive.index_dir, "number:01/CT-UBND").hits} == {document.id}

    undo(digitized_archive, 1, "lan")
    record = json.loads(digitized_archive.metadata_path(document.id).read_text(encoding="utf-8"))
    assert record["number"] != "01/CT-UBND" and record["provenance"].get("number") != "archivist lan"
    assert search(digitized_archive.index_dir, "number:01/CT-UBND").hits == []


def test_a_new_reading_keeps_corrections_where_it_agrees_and_reports_where_it_does_not(digitized_archive: Archive):
    document = _document(digitized_archive)
    alto_path = digitized_archive.page_alto_path(document.id, 1)
    machine_xml = alto_path.read_text(encoding="utf-8")
    line_id, _ = _first_line(digitized_archive, document.id)
    correct_line(digitized_archive, document.id, 1, line_id, "Dòng đã sửa", "lan")

    write_text(alto_path, machine_xml)  # the page read again, as the machine read it before
    with Catalog(digitized_archive.catalog_path) as catalog:
        assert reapply_corrections(catalog, digitized_archive, document) == []
    assert digitized_archive.page_words(document.id, 1).lines[0].text == "Dòng đã sửa"

    write_text(alto_path, machine_xml.replace('CONTENT="', 'CONTENT="x', 1))  # a reading that differs
    with Catalog(digitized_archive.catalog_path) as catalog:
        assert reapply_corrections(catalog, digitized_archive, document) == [f"page 1 {line_id}"]


def test_the_audit_trail_cannot_be_rewritten(digitized_archive: Archive):
    document = _document(digitized_archive)
    correct_field(digitized_archive, document.id, "title", "Bản sắc phong", "lan")
    db = sqlite3.connect(digitized_archive.catalog_path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET author = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda a, d: correct_field(a, d, "colour", "red", "lan"), "no metadata field 'colour'"),
        (lambda a, d: correct_field(a, d, "date", "30/02/2023", "lan"), "is not YYYY-MM-DD"),
        (lambda a, d: correct_line(a, d, 1, "LINE_99_1", "chữ", "lan"), "has no line 'LINE_99_1'"),
        (lambda a, d: correct_line(a, d, 1, "LINE_1_1", "   ", "lan"), "needs at least one word"),
        (lambda a, d: correct_line(a, "nosuch", 1, "LINE_1_1", "chữ", "lan"), "no document 'nosuch'"),
        (lambda a, d: undo(a, 42, "lan"), "no change 42"),
    ],
)
def test_impossible_corrections_are_refused_and_change_nothing(digitized_archive: Archive, change, reason):
    document = _document(digitized_archive)
    with pytest.raises(ArchiveError, match=reason):
        change(digitized_archive, document.id)
    with Catalog(digitized_archive.catalog_path) as catalog:
        assert catalog.audit.entries() == []


def test_a_correction_survives_a_repair_that_reads_its_page_again(digitized_archive: Archive):
    document = _document(digitized_archive)
    line_id, _ = _first_line(digitized_archive, document.id)
    correct_line(digitized_archive, document.id, 1, line_id, "Dòng đã sửa tay", "lan")
    digitized_archive.page_alto_path(document.id, 1).unlink()  # damaged: the page is read again from its scan

    assert invoke("repair", "--archive", digitized_archive.root, "--jobs", "1").exit_code == 0
    assert digitized_archive.page_words(document.id, 1).lines[0].text == "Dòng đã sửa tay"
    assert [hit.doc_id for hit in search(digitized_archive.index_dir, "da sua tay").hits] == [document.id]
    assert verify_archive(digitized_archive).intact


def test_the_pdf_is_titled_as_the_reading_room_labels_the_document_and_follows_a_corrected_title(
    digitized_archive: Archive,
):
    document = _document(digitized_archive)
    with Catalog(digitized_archive.catalog_path) as catalog:
        label = document_label(document.title or "", *_type_and_number(catalog, document.id), "a.tif", document.id)
    described = read_description(digitized_archive.pdf_path(document.id))
    assert described is not None and described.title == label and described.title != "untitled"

    correct_field(digitized_archive, document.id, "title", "Ngày Chuyển đổi số quốc gia", "lan")
    correct_field(digitized_archive, document.id, "agency", "THỦ TƯỚNG CHÍNH PHỦ", "lan")
    described = read_description(digitized_archive.pdf_path(document.id))
    assert described is not None and described.title == "Ngày Chuyển đổi số quốc gia"
    assert "THỦ TƯỚNG CHÍNH PHỦ" in described.authors and described.language == "vi"
    assert verify_archive(digitized_archive).intact  # the PDF's new checksum recorded, METS listing it


def _type_and_number(catalog: Catalog, doc_id: str) -> tuple[str, str]:
    metadata = catalog.documents.metadata(doc_id)
    return metadata.type.value or "", metadata.number.value or ""


def test_verify_knows_the_remade_files_and_flags_a_corrected_alto_edited_by_hand(digitized_archive: Archive):
    document = _document(digitized_archive)
    line_id, _ = _first_line(digitized_archive, document.id)
    correct_line(digitized_archive, document.id, 1, line_id, "Quốc ngữ chỉnhsửa", "lan")
    correct_field(digitized_archive, document.id, "number", "01/CT-UBND", "lan")
    assert verify_archive(digitized_archive).intact  # ALTO, hOCR, text, PDF, metadata, DC and METS as remade

    path = digitized_archive.page_alto_path(document.id, 1)
    path.write_text(path.read_text(encoding="utf-8").replace("chỉnhsửa", "chinhsua"), encoding="utf-8")
    report = verify_archive(digitized_archive)
    assert not report.intact and report.changed == (digitized_archive.relative(path),)


def test_a_correction_survives_an_index_rebuild_a_bag_and_the_batch_run_again(digitized_archive: Archive, tmp_path):
    document = _document(digitized_archive)
    line_id, _ = _first_line(digitized_archive, document.id)
    correct_line(digitized_archive, document.id, 1, line_id, "Dòng sửa bềnvững", "lan")
    root = digitized_archive.root

    assert invoke("index", "rebuild", "--archive", root).exit_code == 0
    assert [hit.doc_id for hit in search(digitized_archive.index_dir, "benvung").hits] == [document.id]
    assert invoke("run", Path(document.source_path).parent, "--collection", "Hán Nôm", "--archive", root).exit_code == 0
    assert digitized_archive.page_words(document.id, 1).lines[0].text == "Dòng sửa bềnvững"
    assert invoke("export", "bagit", document.id, tmp_path / "bag", "--archive", root).exit_code == 0
    [bagged] = (tmp_path / "bag").rglob("page-0001.alto.xml")
    assert "bềnvững" in bagged.read_text(encoding="utf-8")
    assert verify_archive(digitized_archive).intact
