import sqlite3
from pathlib import Path

import pytest

from digitize.errors import ArchiveError
from pipelines.catalog import Catalog, Collection, PageRow


@pytest.fixture
def catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as opened:
        opened.ensure_collection("Sách cổ")
        yield opened


def page(doc_id: str, number: int, text: str = "văn bản") -> PageRow:
    return PageRow(doc_id, number, "ocr", text, 1.5, 91.0, ("deskew", "ocr-vie"))


def test_pages_stage_completes_with_the_last_page(catalog: Catalog):
    catalog.register_document("d1", "sha-1", "a.tif", "Sách cổ", page_count=2)
    catalog.save_page(page("d1", 1), page_count=2)
    assert catalog.stage_status("d1", "pages") == "running"
    assert catalog.done_page_numbers("d1") == {1}
    catalog.save_page(page("d1", 2), page_count=2)
    assert catalog.stage_status("d1", "pages") == "done"
    assert [p.steps for p in catalog.pages("d1")] == [("deskew", "ocr-vie")] * 2


def test_finished_document_waits_for_the_index(catalog: Catalog):
    catalog.register_document("d1", "sha-1", "a.tif", "Sách cổ", page_count=1)
    catalog.finish_document("d1", "Sắc phong", {"type": None, "year": 1890})
    assert catalog.document_by_sha("sha-1").status == "done"
    assert [d.id for d in catalog.documents_to_index()] == ["d1"]
    catalog.set_stage("d1", "index", "done")
    assert catalog.documents_to_index() == []
    assert catalog.metadata("d1") == {"type": None, "year": 1890}


def test_failed_document_keeps_its_reason_and_can_be_retried(catalog: Catalog):
    catalog.register_document("d1", "sha-1", "bad.pdf", "Sách cổ", page_count=3)
    catalog.fail_document("d1", "pages", "page 2: cannot be decoded")
    failed = catalog.document("d1")
    assert (failed.status, failed.error) == ("failed", "page 2: cannot be decoded")
    catalog.register_document("d1", "sha-1", "bad.pdf", "Sách cổ", page_count=3)
    assert catalog.document("d1").status == "pending"


def test_collection_counts_only_finished_documents(catalog: Catalog):
    for doc_id, pages in (("d1", 3), ("d2", 5), ("d3", 1)):
        catalog.register_document(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "Sách cổ", page_count=pages)
    catalog.finish_document("d1", None, {})
    catalog.finish_document("d2", None, {})
    catalog.fail_document("d3", "pages", "unreadable")
    assert catalog.collection_counts("Sách cổ") == (2, 8, 1)


def test_saving_a_collection_twice_updates_it(catalog: Catalog):
    assert catalog.save_collection(Collection("Châu bản", 100, 50.0, "2027-06-30")) is True
    assert catalog.save_collection(Collection("Châu bản", 120, 60.0, None)) is False
    assert catalog.collection("Châu bản") == Collection("Châu bản", 120, 60.0, None)
    assert [c.name for c in catalog.collections()] == ["Châu bản", "Sách cổ"]


def test_a_file_that_is_not_a_catalog_is_refused(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match="not a usable catalog"):
        Catalog(path)


def test_archivists_values_are_kept_per_field_the_latest_winning(catalog: Catalog):
    catalog.register_document("d1", "sha-1", "scans/a.tif", "Sách cổ", page_count=1)
    catalog.save_overrides("d1", {"number": "5/QĐ-UBND", "recipients": ["Như trên"]}, source="first.csv")
    catalog.save_overrides("d1", {"number": "6/QĐ-UBND"}, source="second.csv")
    assert catalog.overrides("d1") == {"number": "6/QĐ-UBND", "recipients": ["Như trên"]}
    assert catalog.overrides("d2") == {}


def test_documents_named_by_path_or_bare_file_name(catalog: Catalog):
    catalog.register_document("d1", "sha-1", "scans/2023/qd_1287.pdf", "Sách cổ", page_count=1)
    catalog.register_document("d2", "sha-2", "scans/qd%1287.pdf", "Sách cổ", page_count=1)
    assert [d.id for d in catalog.documents_named("qd_1287.pdf")] == ["d1"]
    assert [d.id for d in catalog.documents_named("scans/2023/qd_1287.pdf")] == ["d1"]
    assert catalog.documents_named("QD_1287.pdf") == [] and catalog.documents_named("1287.pdf") == []
    assert [d.id for d in catalog.documents_named("qd%1287.pdf")] == ["d2"]


def test_catalog_made_before_overrides_existed_still_opens(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT, source_path TEXT, collection TEXT,"
            " page_count INTEGER, status TEXT, error TEXT, title TEXT, metadata TEXT, created_at TEXT, updated_at TEXT)"
        )
    with Catalog(path) as catalog:
        assert catalog.overrides("d1") == {}
