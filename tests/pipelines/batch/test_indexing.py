from pathlib import Path

import pytest

from digitize.metadata.model import Field, Metadata
from index.search import search
from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog, PageRow
from pipelines.archive.layout import Archive
from pipelines.batch.indexing import index_pending, page_records, rebuild_index


def finished_document(catalog: Catalog, doc_id: str, texts: list[str]) -> None:
    catalog.collections.ensure("Địa chí")
    catalog.documents.register(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "Địa chí", page_count=len(texts))
    for number, text in enumerate(texts, 1):
        catalog.pages.save(PageRow(doc_id, number, "ocr", text, 0.0, 90.0, ()), page_count=len(texts))
    sure = {name: Field(value, 1.0) for name, value in (("type", "Báo cáo"), ("number", "12/BC-UBND"))}
    catalog.documents.finish(
        doc_id,
        Metadata(
            title=Field("Địa chí Quảng Trị", 1.0),
            agency=Field("SỞ NỘI VỤ", 1.0),
            date=Field("2021-03-05", 1.0),
            provinces=("Quảng Trị",),
            **sure,
        ),
    )


def test_records_carry_the_documents_metadata(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        finished_document(catalog, "d1", ["Trang một", "Trang hai"])
        records = page_records(catalog, catalog.documents.get("d1"))
    assert [(r.page, r.text) for r in records] == [(1, "Trang một"), (2, "Trang hai")]
    assert {(r.type, r.number, r.agency, r.year, r.date, r.collection, r.provinces) for r in records} == {
        ("Báo cáo", "12/BC-UBND", "SỞ NỘI VỤ", 2021, "2021-03-05", "Địa chí", ("Quảng Trị",))
    }


def test_index_pending_indexes_each_document_once(tmp_path: Path):
    archive = Archive(tmp_path)
    with Catalog(archive.catalog_path) as catalog:
        finished_document(catalog, "d1", ["Hồ sơ địa giới hành chính"])
        assert index_pending(catalog, archive) == 1
        assert index_pending(catalog, archive) == 0
        assert catalog.documents.stage_status("d1", "index") == "done"
    assert [hit.doc_id for hit in search(archive.index_dir, "dia gioi").hits] == ["d1"]
    assert search(archive.index_dir, 'province:"Quảng Trị"').facets["province"] == [("Quảng Trị", 1)]


def test_rebuild_makes_the_index_anew_from_the_catalog(tmp_path: Path):
    archive = Archive(tmp_path)
    add_pages(archive.index_dir, [PageRecord("gone", 1, "hồ sơ địa giới cũ")])  # not in the catalog
    with Catalog(archive.catalog_path) as catalog:
        finished_document(catalog, "d1", ["Hồ sơ địa giới hành chính", "Bản đồ"])
        assert rebuild_index(catalog, archive) == 1
        assert catalog.documents.stage_status("d1", "index") == "done"
    assert [(hit.doc_id, hit.date) for hit in search(archive.index_dir, "dia gioi").hits] == [("d1", "2021-03-05")]
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith("index")) == ["index"]


@pytest.mark.parametrize("new", [[], ["d2"]], ids=["nothing new", "a new document"])
def test_an_index_left_by_an_earlier_version_is_remade_from_the_catalog(tmp_path: Path, new: list[str]):
    archive = Archive(tmp_path)
    archive.index_dir.mkdir()
    (archive.index_dir / "_MAIN_1.toc").write_bytes(b"a Whoosh table of contents")
    with Catalog(archive.catalog_path) as catalog:
        finished_document(catalog, "d1", ["Hồ sơ địa giới hành chính"])
        catalog.documents.set_stage("d1", "index", "done")  # indexed by the earlier version
        for doc_id in new:
            finished_document(catalog, doc_id, ["Địa giới mới"])
        assert index_pending(catalog, archive) == 1 + len(new)
    assert sorted(hit.doc_id for hit in search(archive.index_dir, "dia gioi").hits) == ["d1", *new]
