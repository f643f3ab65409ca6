from pathlib import Path

from whoosh import index
from whoosh.fields import Schema
from whoosh.query import Term

from index.search import search
from index.store import PageRecord, add_pages, delete_document, open_index, schema


def count(directory: Path) -> int:
    with open_index(directory).searcher() as searcher:
        return searcher.doc_count()


def test_pages_are_keyed_so_reindexing_replaces_them(tmp_path: Path):
    pages = [PageRecord("doc1", 1, "Thư viện tỉnh Vĩnh Long"), PageRecord("doc1", 2, "Tư liệu Hán Nôm")]
    add_pages(tmp_path, pages)
    add_pages(tmp_path, [PageRecord("doc1", 2, "Châu bản triều Nguyễn")])
    assert count(tmp_path) == 2
    assert search(tmp_path, "chau ban").hits[0].page == 2
    assert search(tmp_path, "Hán Nôm").hits == []


def test_deleting_a_document_removes_all_its_pages(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sách cổ"), PageRecord("a", 2, "sách cổ"), PageRecord("b", 1, "sách")])
    assert delete_document(tmp_path, "a") == 2
    assert [hit.doc_id for hit in search(tmp_path, "sach").hits] == ["b"]


def test_index_reopens_with_its_vietnamese_analyzers(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("doc", 1, "Đường lối đổi mới", title="Văn kiện", year=1986)])
    hit = search(tmp_path, "duong loi").hits[0]
    assert (hit.title, hit.doc_id) == ("Văn kiện", "doc")


def test_agency_is_an_exact_filter_field(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "văn bản", agency="SỞ NỘI VỤ"), PageRecord("b", 1, "văn bản")])
    with open_index(tmp_path).searcher() as searcher:
        hits = searcher.search(Term("agency", "SỞ NỘI VỤ"))
        assert [hit["doc_id"] for hit in hits] == ["a"]


def test_index_made_before_agency_existed_gains_the_field(tmp_path: Path):
    old_fields = {name: field for name, field in schema().items() if name != "agency"}
    index.create_in(str(tmp_path), Schema(**old_fields))
    add_pages(tmp_path, [PageRecord("a", 1, "văn bản", agency="BỘ NỘI VỤ")])
    with open_index(tmp_path).searcher() as searcher:
        assert [hit["doc_id"] for hit in searcher.search(Term("agency", "BỘ NỘI VỤ"))] == ["a"]
