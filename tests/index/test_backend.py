import shutil
from pathlib import Path

import pytest

from digitize.errors import IndexMissingError
from index.backend import page_index
from index.query import QueryError
from index.store import PageRecord, add_pages


def test_front_ends_search_and_read_pages_through_the_page_index(tmp_path: Path):
    add_pages(
        tmp_path,
        [
            PageRecord("cds", 2, "Ngày Chuyển đổi số quốc gia", title="Chuyển đổi số"),
            PageRecord("cds", 3, "Không liên quan"),
        ],
    )
    index = page_index(tmp_path)
    results = index.search_documents("chuyen doi so")
    assert [(hit.doc_id, [page.page for page in hit.pages]) for hit in results.documents] == [("cds", [2])]
    assert index.read_page("cds", 2, "quoc gia").highlights == ((19, 23), (24, 27))
    assert index.read_page("cds", 4) is None
    assert index.document_pages("cds", "quoc gia").matching == (2,)


def test_the_version_changes_with_every_commit(tmp_path: Path):
    index = page_index(tmp_path)
    assert index.version() is None
    add_pages(tmp_path, [PageRecord("a", 1, "sách")])
    first = index.version()
    assert first is not None and index.version() == first
    add_pages(tmp_path, [PageRecord("b", 1, "sách")])
    assert index.version() != first


def test_an_index_deleted_under_a_reader_is_an_error_and_no_read_makes_a_new_one(tmp_path: Path):
    directory = tmp_path / "index"
    add_pages(directory, [PageRecord("a", 1, "sách")])
    index = page_index(directory)
    assert index.search_documents("sach").total_documents == 1
    shutil.rmtree(directory)  # deleted while a server holds it open
    reads = (
        lambda: index.search_documents("sach"),
        lambda: index.read_page("a", 1),
        lambda: index.document_pages("a"),
        lambda: index.read_document("a"),
    )
    for read in reads:
        with pytest.raises(IndexMissingError, match="no search index: run: digitize index rebuild") as refused:
            read()
        assert refused.value.status == 503
    assert not directory.exists()


def test_a_limit_of_zero_documents_is_an_error_not_the_default(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sách")])
    with pytest.raises(QueryError, match="limit must be at least 1, not 0"):
        page_index(tmp_path).search_documents("sach", limit=0)
