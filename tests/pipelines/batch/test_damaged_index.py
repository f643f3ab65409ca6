"""A lost or damaged search index: noticed, never the cause of a traceback, and never emptied by an empty catalog."""

from pathlib import Path

import pytest

from digitize.errors import ArchiveError, IndexDamagedError, IndexMissingError
from index.health import index_health, indexed_pages
from index.search import search
from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.indexing import index_pending, rebuild_index
from tests.pipelines.batch.test_indexing import finished_document


def damage_meta(index_dir: Path) -> None:
    (index_dir / "meta.json").write_text('{"schema": [', encoding="utf-8")


def test_the_health_of_an_index_missing_damaged_or_sound(tmp_path: Path):
    index_dir = tmp_path / "index"
    with pytest.raises(IndexMissingError, match="no search index: run: digitize index rebuild"):
        indexed_pages(index_dir)
    assert not index_dir.exists()  # asking makes none
    assert index_health(index_dir).check(0) is None  # nothing finished, nothing lost
    assert index_health(index_dir).check(1) == "no search index: run: digitize index rebuild"
    add_pages(index_dir, [PageRecord("a", 1, "sách"), PageRecord("a", 2, "báo")])
    assert indexed_pages(index_dir) == 2
    assert index_health(index_dir).check(2) is None
    assert (
        index_health(index_dir).check(3)
        == "the index holds 2 pages, the catalog 3 finished: run: digitize index rebuild"
    )
    damage_meta(index_dir)
    health = index_health(index_dir)
    assert health.pages is None
    assert health.check(2) == "the index is damaged (not the index's metadata): run: digitize index rebuild"


def test_a_damaged_meta_json_is_one_error_naming_the_rebuild(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sách")])
    damage_meta(tmp_path)
    with pytest.raises(IndexDamagedError, match="run: digitize index rebuild") as caught:
        search(tmp_path, "sach")
    assert "\n" not in str(caught.value)


def test_rebuild_never_empties_an_index_from_a_catalog_with_nothing_finished(tmp_path: Path):
    archive = Archive(tmp_path)
    add_pages(archive.index_dir, [PageRecord("d1", 1, "hồ sơ địa giới")])
    with Catalog(archive.catalog_path) as catalog, pytest.raises(ArchiveError, match="the index holds 1 pages"):
        rebuild_index(catalog, archive)
    assert [hit.doc_id for hit in search(archive.index_dir, "dia gioi").hits] == ["d1"]


def test_rebuild_of_an_empty_archive_still_makes_an_empty_index(tmp_path: Path):
    archive = Archive(tmp_path)
    with Catalog(archive.catalog_path) as catalog:
        assert rebuild_index(catalog, archive) == 0
    assert indexed_pages(archive.index_dir) == 0


def test_a_damaged_index_leaves_documents_waiting_then_rebuild_repairs_it(tmp_path: Path):
    archive = Archive(tmp_path)
    add_pages(archive.index_dir, [])
    damage_meta(archive.index_dir)
    with Catalog(archive.catalog_path) as catalog:
        finished_document(catalog, "d1", ["Hồ sơ địa giới hành chính"])
        with pytest.raises(IndexDamagedError):
            index_pending(catalog, archive)
        assert catalog.documents.stage_status("d1", "index") != "done"
        assert rebuild_index(catalog, archive) == 1
    assert indexed_pages(archive.index_dir) == 1


def test_a_damaged_segment_is_found_by_the_health_check_and_is_one_error_for_search(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", number, "sách báo") for number in range(1, 20)])
    for segment_file in tmp_path.glob("*.term"):
        segment_file.write_bytes(b"\x00" * segment_file.stat().st_size)
    health = index_health(tmp_path)
    assert health.pages is None and health.problem.startswith("the index is damaged (")
    assert health.problem.endswith("): run: digitize index rebuild") and "\n" not in health.problem
    with pytest.raises(IndexDamagedError, match="run: digitize index rebuild"):
        search(tmp_path, "sach")
