import json
import re
from pathlib import Path

import pytest

from digitize.errors import ArchiveError, MetadataImportError
from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.batch.indexing import index_pending
from pipelines.imports.metadata import import_rows
from tests.digitize.metadata.test_extraction import DECISION, DISPATCH
from tests.pipelines.batch.test_description import digitized


@pytest.fixture
def archive(tmp_path: Path) -> Archive:
    """Two documents digitized and indexed, a third still waiting for its pages."""
    archive = Archive(tmp_path / "archive")
    with Catalog(archive.catalog_path) as catalog:
        for doc_id, text in (("qd1287", DECISION), ("cv2145", DISPATCH)):
            digitized(catalog, doc_id, text)
            write_description(catalog, archive, catalog.documents.get(doc_id))
        catalog.documents.register("later", "sha-later", "scans/later.tif", "Lưu trữ", page_count=3)
        index_pending(catalog, archive)
    return archive


def rows(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_override_extracted_values_and_are_marked_as_the_catalogs(tmp_path: Path, archive: Archive):
    csv = rows(
        tmp_path,
        "file,agency,date,recipients\nqd1287.pdf,SỞ NỘI VỤ,14/6/2023,Như Điều 3; Lưu: VT\nlater.tif,,2020,\n",
    )
    summary = import_rows(csv, archive)
    assert (summary.rows, summary.described, summary.waiting) == (2, 1, 1)
    record = json.loads(archive.metadata_path("qd1287").read_text(encoding="utf-8"))
    assert (record["agency"], record["date"], record["recipients"]) == (
        "SỞ NỘI VỤ",
        "2023-06-14",
        ["Như Điều 3", "Lưu: VT"],
    )
    assert record["provenance"]["agency"] == "catalog" and record["confidence"]["agency"] == 1.0
    assert record["provenance"]["number"] == "extracted"
    # re-indexed under the archivist's agency
    assert [hit.doc_id for hit in search(archive.index_dir, 'agency:"SỞ NỘI VỤ"').hits] == ["qd1287"]
    assert search(archive.index_dir, 'agency:"UỶ BAN NHÂN DÂN TỈNH VĨNH LONG"').hits == []
    with Catalog(archive.catalog_path) as catalog:  # kept for when its pages are in
        assert catalog.overrides.values("later") == {"date": "2020"}


def test_rows_match_by_id_or_sha256(tmp_path: Path, archive: Archive):
    csv = rows(tmp_path, "id;sha256;type;date\ncv2145;;Công văn;2023-05-03\n;sha-qd1287;;2023-06-14\n")
    summary = import_rows(csv, archive, delimiter=";")
    assert summary.described == 2
    assert json.loads(archive.metadata_path("cv2145").read_text(encoding="utf-8"))["provenance"]["type"] == "catalog"
    assert json.loads(archive.metadata_path("qd1287").read_text(encoding="utf-8"))["provenance"]["date"] == "catalog"


@pytest.mark.parametrize(
    ("bad_row", "reason"),
    [
        (";sha-qd1287;Biên lai;", "line 3, column 3 (type): 'Biên lai' is not a document type"),
        ("nosuch;;;", "line 3, column 1 (id): no document 'nosuch' in the archive"),
        ("qd1287;;;2023-02-30", "line 3, column 4 (date): date '2023-02-30' is not YYYY-MM-DD"),
        (";;Công văn;", "line 3, column 1 (id): no id, sha256 or file given"),
    ],
)
def test_one_bad_cell_refuses_the_file_before_anything_is_written(
    tmp_path: Path, archive: Archive, bad_row: str, reason: str
):
    before = archive.metadata_path("cv2145").read_text(encoding="utf-8")
    csv = rows(tmp_path, f"id;sha256;type;date\ncv2145;;Công văn;2023-05-03\n{bad_row}\n")
    with pytest.raises(MetadataImportError, match=re.escape(reason)):
        import_rows(csv, archive, delimiter=";")
    assert archive.metadata_path("cv2145").read_text(encoding="utf-8") == before
    with Catalog(archive.catalog_path) as catalog:
        assert catalog.overrides.values("cv2145") == {}


def test_a_misspelt_column_refuses_the_whole_file(tmp_path: Path, archive: Archive):
    with pytest.raises(MetadataImportError, match="unknown column numbr"):
        import_rows(rows(tmp_path, "file,numbr\nqd1287.pdf,5/QĐ-UBND\n"), archive)
    with pytest.raises(MetadataImportError, match="no column naming the document"):
        import_rows(rows(tmp_path, "number\n5/QĐ-UBND\n"), archive)


def test_importing_into_no_archive_is_an_error(tmp_path: Path):
    with pytest.raises(ArchiveError, match="no archive here"):
        import_rows(rows(tmp_path, "file,number\na.pdf,1/QĐ-UBND\n"), Archive(tmp_path / "none"))
