import json
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
    assert (summary.rows, summary.described, summary.waiting, summary.problems) == (2, 1, 1, [])
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
        assert catalog.documents.overrides("later") == {"date": "2020"}


def test_rows_match_by_id_or_sha256_and_bad_rows_are_reported_not_applied(tmp_path: Path, archive: Archive):
    csv = rows(
        tmp_path,
        "id;sha256;type;date\ncv2145;;Công văn;2023-05-03\n;sha-qd1287;Biên lai;\nnosuch;;;\nqd1287;;;2023-02-30\n",
    )
    summary = import_rows(csv, archive)
    assert summary.described == 1
    assert summary.problems == [
        "line 3: 'Biên lai' is not a document type of Decree 30/2020 or a legal document",
        "line 4: no document 'nosuch' in the archive",
        "line 5: date '2023-02-30' is not YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY",
    ]
    assert json.loads(archive.metadata_path("cv2145").read_text(encoding="utf-8"))["provenance"]["type"] == "catalog"


def test_a_misspelt_column_refuses_the_whole_file(tmp_path: Path, archive: Archive):
    with pytest.raises(MetadataImportError, match="unknown column numbr"):
        import_rows(rows(tmp_path, "file,numbr\nqd1287.pdf,5/QĐ-UBND\n"), archive)
    with pytest.raises(MetadataImportError, match="no column naming the document"):
        import_rows(rows(tmp_path, "number\n5/QĐ-UBND\n"), archive)


def test_importing_into_no_archive_is_an_error(tmp_path: Path):
    with pytest.raises(ArchiveError, match="no archive here"):
        import_rows(rows(tmp_path, "file,number\na.pdf,1/QĐ-UBND\n"), Archive(tmp_path / "none"))
