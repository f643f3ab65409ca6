from pathlib import Path

import pytest

from index.search import QueryError, search
from index.store import PageRecord, add_pages


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("index")
    add_pages(
        directory,
        [
            PageRecord("road", 1, "Con đường dẫn tới thư viện tỉnh.", title="Đường"),
            PageRecord("sun", 4, "Lịch dương và lịch âm được in song song.", title="Lịch"),
            PageRecord("cds", 2, "Ngày Chuyển đổi số quốc gia là ngày 10/10 hằng năm.", title="Chuyển đổi số"),
            PageRecord("svc", 1, "Cổng dịch vụ công trực tuyến của tỉnh; dịch vụ số.", title="Dịch vụ"),
        ],
    )
    return directory


def test_query_without_diacritics_finds_the_accented_page(library: Path):
    hits = search(library, "chuyen doi so")
    assert [(hit.doc_id, hit.page) for hit in hits] == [("cds", 2)]


def test_exact_match_ranks_above_folded_match(library: Path):
    assert [hit.doc_id for hit in search(library, "đường")] == ["road", "sun"]
    assert [hit.doc_id for hit in search(library, "dương")] == ["sun", "road"]


def test_phrase_must_appear_in_order(library: Path):
    assert [hit.doc_id for hit in search(library, '"dich vu cong truc tuyen"')] == ["svc"]
    assert search(library, '"truc tuyen cong"') == []


def test_snippet_highlights_the_matched_words(library: Path):
    hit = search(library, "chuyen doi so")[0]
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked == ["Chuyển", "đổi", "số"]


def test_accented_query_highlights_only_what_was_typed(library: Path):
    hit = search(library, "đường")[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["đường"]


def test_empty_query_is_a_clear_error(library: Path):
    with pytest.raises(QueryError, match="empty query"):
        search(library, "   ")


def test_hit_serializes_for_json(library: Path):
    as_dict = search(library, "thu vien")[0].to_dict()
    assert as_dict["doc_id"] == "road" and as_dict["page"] == 1
    assert as_dict["highlights"] == [
        [as_dict["snippet"].index("thư"), as_dict["snippet"].index("thư") + 3],
        [as_dict["snippet"].index("viện"), as_dict["snippet"].index("viện") + 4],
    ]
