import shutil
from pathlib import Path

import pytest
import tantivy

from digitize.errors import IndexUnusableError
from index.search import search
from index.store import (
    PAGE_TEXT,
    PageRecord,
    add_pages,
    delete_document,
    open_index,
    stored_text,
)


def count(directory: Path) -> int:
    return open_index(directory).searcher().num_docs


def test_pages_are_keyed_so_reindexing_replaces_them(tmp_path: Path):
    pages = [PageRecord("doc1", 1, "Thư viện tỉnh Vĩnh Long"), PageRecord("doc1", 2, "Tư liệu Hán Nôm")]
    add_pages(tmp_path, pages)
    add_pages(tmp_path, [PageRecord("doc1", 2, "Châu bản triều Nguyễn")])
    assert count(tmp_path) == 2
    assert search(tmp_path, "chau ban").hits[0].page == 2
    assert search(tmp_path, "Hán Nôm").hits == []


def test_a_page_given_twice_in_one_batch_is_kept_once(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("doc1", 1, "bản cũ"), PageRecord("doc1", 1, "bản mới")])
    assert count(tmp_path) == 1 and search(tmp_path, "moi").total == 1


def test_deleting_a_document_removes_all_its_pages(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sách cổ"), PageRecord("a", 2, "sách cổ"), PageRecord("b", 1, "sách")])
    assert delete_document(tmp_path, "a") == 2
    assert [hit.doc_id for hit in search(tmp_path, "sach").hits] == ["b"]


def test_index_reopens_with_its_metadata(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("doc", 1, "Đường lối đổi mới", title="Văn kiện", year=1986)])
    hit = search(tmp_path, "duong loi").hits[0]
    assert (hit.title, hit.doc_id, hit.year) == ("Văn kiện", "doc", 1986)


def test_agency_is_an_exact_filter_field(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "văn bản", agency="SỞ NỘI VỤ"), PageRecord("b", 1, "văn bản")])
    assert [hit.doc_id for hit in search(tmp_path, 'agency:"SỞ NỘI VỤ"').hits] == ["a"]
    assert search(tmp_path, 'agency:"sở nội vụ"').hits == []


def test_an_index_from_an_earlier_version_asks_for_a_rebuild(tmp_path: Path):
    (tmp_path / "_MAIN_1.toc").write_bytes(b"whoosh")  # what a Whoosh index left
    with pytest.raises(IndexUnusableError, match="run: digitize index rebuild") as caught:
        search(tmp_path, "sach")
    assert "\n" not in str(caught.value)


def test_an_index_of_another_layout_asks_for_a_rebuild(tmp_path: Path):
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("text", stored=True)
    tantivy.Index(builder.build(), path=str(tmp_path))
    with pytest.raises(IndexUnusableError, match="rebuild"):
        add_pages(tmp_path, [PageRecord("a", 1, "sách")])


def test_the_index_stays_open_until_a_commit_changes_it(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sách cổ")])
    assert open_index(tmp_path) is open_index(tmp_path)
    kept = open_index(tmp_path)
    add_pages(tmp_path, [PageRecord("b", 1, "sách mới")])
    assert open_index(tmp_path) is not kept
    assert search(tmp_path, "sach").total == 2


def test_an_index_folder_replaced_by_a_rebuild_is_opened_afresh(tmp_path: Path):
    live, fresh = tmp_path / "index", tmp_path / "index.rebuild"
    add_pages(live, [PageRecord("old", 1, "bản cũ")])
    assert search(live, "ban").hits[0].doc_id == "old"
    add_pages(fresh, [PageRecord("new", 1, "bản mới")])
    shutil.rmtree(live)
    fresh.rename(live)
    assert [hit.doc_id for hit in search(live, "ban").hits] == ["new"]


def test_the_page_text_is_stored_compressed_and_read_back_as_given(tmp_path: Path):
    text = "Ngày 22/4/2022,  Thủ tướng\n\nký Quyết định " * 40
    add_pages(tmp_path, [PageRecord("a", 1, text)])
    searcher = open_index(tmp_path).searcher()
    stored = searcher.doc(searcher.search(tantivy.Query.all_query(), limit=1).hits[0][1]).to_dict()
    assert len(stored[PAGE_TEXT][0]) < len(text.encode()) / 4
    assert stored_text(stored) == text
