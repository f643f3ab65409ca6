"""Fixity of an archive a real batch wrote: every file it wrote is recorded, and damage to any of them is found."""

import shutil
import sqlite3
from pathlib import Path

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.preservation.fixity import FixityReport, check, verify_archive


def checked(archive: Archive, orphans: bool = True) -> FixityReport:
    with Catalog(archive.catalog_path) as catalog:
        return check(catalog, archive, catalog.documents.all(), orphans=orphans)


def only_document(archive: Archive) -> str:
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    return document.id


def test_a_batch_records_the_checksum_of_every_file_it_writes(digitized_archive: Archive):
    report = checked(digitized_archive)
    doc_id = only_document(digitized_archive)
    assert report.intact and report.unrecorded == ()
    assert (report.documents, report.files, report.sources) == (1, 10, 1)
    with Catalog(digitized_archive.catalog_path) as catalog:
        names = [Path(file.path).name for file in catalog.documents.files(doc_id)]
    assert names == [
        "document.pdf",
        "dublin-core.xml",
        "metadata.json",
        "mets.xml",
        "page-0001.alto.xml",
        "page-0001.hocr",
        "page-0001.jpg",
        "page-0001.txt",
        "page-0002.jpg",  # the blank back: an image and an empty text, no ALTO
        "page-0002.txt",
    ]


def test_a_changed_byte_a_lost_file_and_a_stray_one_are_all_found(digitized_archive: Archive):
    doc_id = only_document(digitized_archive)
    text = digitized_archive.page_text_path(doc_id, 1)
    data = bytearray(text.read_bytes())
    data[5] ^= 1
    text.write_bytes(bytes(data))
    digitized_archive.page_alto_path(doc_id, 1).unlink()
    (digitized_archive.document_dir(doc_id) / "notes.txt").write_text("added by hand", encoding="utf-8")
    (digitized_archive.document_dir(doc_id) / ".page-0003.txt.partial").write_text("a killed write", encoding="utf-8")
    (digitized_archive.root / "documents" / "0123456789abcdef").mkdir()
    (digitized_archive.root / "documents" / "0123456789abcdef" / "page-0001.txt").write_text("?", encoding="utf-8")

    report = checked(digitized_archive)
    assert not report.intact
    assert report.changed == (f"documents/{doc_id}/page-0001.txt",)
    assert report.missing == (f"documents/{doc_id}/page-0001.alto.xml",)
    assert report.unrecorded == ("documents/0123456789abcdef/page-0001.txt", f"documents/{doc_id}/notes.txt")
    assert checked(digitized_archive, orphans=False).unrecorded == (f"documents/{doc_id}/notes.txt",)


def test_a_moved_source_is_reported_apart_and_leaves_the_archive_intact(digitized_archive: Archive, tmp_path: Path):
    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        source = tmp_path / "a.tif"
        shutil.copy(document.source_path, source)
        # As when the scan is digitized again from where it now lies.
        catalog.documents.register(document.id, document.sha256, str(source), document.collection, 2)
    source.write_bytes(source.read_bytes() + b"\0")
    report = checked(digitized_archive)
    assert report.intact and report.sources_changed == (str(source),) and report.sources_missing == ()
    source.unlink()
    assert checked(digitized_archive).sources_missing == (str(source),)


def test_a_document_described_again_stays_intact(digitized_archive: Archive):
    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
        catalog.overrides.save(document.id, {"title": "Chuyển đổi số"}, source="rows.csv")
        write_description(catalog, digitized_archive, document)
    assert "Chuyển đổi số" in digitized_archive.metadata_path(document.id).read_text(encoding="utf-8")
    assert checked(digitized_archive).intact


def test_files_of_an_archive_from_before_checksums_can_be_taken_as_sound(digitized_archive: Archive):
    with sqlite3.connect(digitized_archive.catalog_path) as db:
        db.execute("DELETE FROM files WHERE path LIKE '%.hocr'")
    report = verify_archive(digitized_archive, record_unrecorded=True)
    assert report.intact and [Path(path).name for path in report.unrecorded] == ["page-0001.hocr"]
    assert report.recorded == 1 and verify_archive(digitized_archive).unrecorded == ()
