from pathlib import Path

import pytest

from index.search import QueryError, read_page, search
from index.store import PageRecord, add_pages, delete_document, page_document, writer


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
    hits = search(library, "chuyen doi so").hits
    assert [(hit.doc_id, hit.page) for hit in hits] == [("cds", 2)]


def test_exact_match_ranks_above_folded_match(library: Path):
    assert [hit.doc_id for hit in search(library, "đường").hits] == ["road", "sun"]
    assert [hit.doc_id for hit in search(library, "dương").hits] == ["sun", "road"]


def test_phrase_must_appear_in_order(library: Path):
    assert [hit.doc_id for hit in search(library, '"dich vu cong truc tuyen"').hits] == ["svc"]
    assert search(library, '"truc tuyen cong"').hits == []
    assert search(library, '"số chuyển đổi"').hits == []  # every word on the page, not in this order


def test_a_phrase_as_typed_ranks_above_its_folded_form(tmp_path: Path):
    add_pages(
        tmp_path,
        [
            PageRecord("folded", 1, "Hội nghị về chuyen doi so toàn tỉnh, chuyen doi so cấp xã."),
            PageRecord("exact", 1, "Hội nghị về chuyển đổi số toàn tỉnh."),
        ],
    )
    assert [hit.doc_id for hit in search(tmp_path, '"chuyển đổi số"').hits] == ["exact", "folded"]
    assert search(tmp_path, '"doi so toan tinh"').total == 2


def test_or_not_and_parentheses_combine_words(library: Path):
    assert {hit.doc_id for hit in search(library, "duong OR (chuyen doi)").hits} == {"road", "sun", "cds"}
    assert [hit.doc_id for hit in search(library, "tinh NOT duong").hits] == ["svc"]
    assert {hit.doc_id for hit in search(library, "NOT duong").hits} == {"cds", "svc"}


def test_snippet_highlights_the_matched_words(library: Path):
    hit = search(library, "chuyen doi so").hits[0]
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked == ["Chuyển", "đổi", "số"]


def test_accented_query_highlights_only_what_was_typed(library: Path):
    hit = search(library, "đường").hits[0]
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["đường"]


def test_empty_query_is_a_clear_error(library: Path):
    with pytest.raises(QueryError, match="empty query"):
        search(library, "   ")


def test_hit_serializes_for_json(library: Path):
    as_dict = search(library, "thu vien").hits[0].to_dict()
    assert as_dict["doc_id"] == "road" and as_dict["page"] == 1
    assert as_dict["highlights"] == [
        [as_dict["snippet"].index("thư"), as_dict["snippet"].index("thư") + 3],
        [as_dict["snippet"].index("viện"), as_dict["snippet"].index("viện") + 4],
    ]


@pytest.fixture(scope="module")
def decisions(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("decisions")
    qd = {"type": "Quyết định", "agency": "THỦ TƯỚNG CHÍNH PHỦ", "collection": "Văn bản"}
    add_pages(
        directory,
        [
            PageRecord(
                "qd505", 1, "Ngày Chuyển đổi số quốc gia", number="505/QĐ-TTg", year=2022, date="2022-04-22", **qd
            ),
            PageRecord("qd942", 1, "Chiến lược chuyển đổi số", number="942/QĐ-TTg", year=2021, date="2021-06-15", **qd),
            PageRecord("lines", 1, "Kính gửi:\nSở Thông tin"),
            PageRecord(
                "cv12", 1, "Hướng dẫn chuyển đổi số tại Thanh Hoá", type="Công văn", year=2020, date="2020-01-02"
            ),
        ],
    )
    return directory


def test_number_filter_matches_the_symbol_exactly(decisions: Path):
    assert [hit.doc_id for hit in search(decisions, "chuyen doi so number:505/QĐ-TTg").hits] == ["qd505"]
    assert search(decisions, "number:505/QĐ").hits == []


def test_number_filter_finds_the_symbol_typed_as_people_type_it(decisions: Path):
    for typed in ("number:505/QD-TTg", 'number:"505 / QĐ-TTg"', 'number:"505/ QĐ-TTg"'):
        assert [hit.doc_id for hit in search(decisions, typed).hits] == ["qd505"], typed


def test_filters_and_year_range_narrow_the_hits(decisions: Path):
    assert {hit.doc_id for hit in search(decisions, 'type:"Quyết định"').hits} == {"qd505", "qd942"}
    assert [hit.doc_id for hit in search(decisions, "chuyển đổi số", year_from=2021, year_to=2021).hits] == ["qd942"]
    assert [hit.doc_id for hit in search(decisions, "chuyen year:2022").hits] == ["qd505"]
    assert {hit.doc_id for hit in search(decisions, "chuyen year:2020..2021").hits} == {"qd942", "cv12"}


def test_a_date_range_takes_days_months_or_years(decisions: Path):
    def found(query: str) -> set[str]:
        return {hit.doc_id for hit in search(decisions, query).hits}

    assert found("chuyen date:2021-06-15") == {"qd942"}
    assert found("chuyen date:2021-06") == {"qd942"}
    assert found("chuyen date:2020-01-03..2022-04-22") == {"qd942", "qd505"}
    assert found("chuyen date:2020..2021-06-14") == {"cv12"}
    assert found("date:2023") == set()


def test_facets_count_every_matching_page(decisions: Path):
    results = search(decisions, "chuyen doi so", limit=1)
    assert (len(results.hits), results.total) == (1, 3)
    assert results.facets["type"] == [("Quyết định", 2), ("Công văn", 1)]
    assert results.facets["year"] == [(2020, 1), (2021, 1), (2022, 1)]
    assert results.facets["collection"] == [("Văn bản", 2)]


def test_sort_by_date_puts_the_newest_document_first(decisions: Path):
    assert [hit.doc_id for hit in search(decisions, "chuyen doi so", sort="date").hits] == ["qd505", "qd942", "cv12"]


def test_hits_carry_their_documents_metadata(decisions: Path):
    hit = search(decisions, "chiến lược").hits[0]
    assert (hit.type, hit.number, hit.date, hit.agency, hit.year) == (
        "Quyết định",
        "942/QĐ-TTg",
        "2021-06-15",
        "THỦ TƯỚNG CHÍNH PHỦ",
        2021,
    )


def test_either_tone_mark_placement_finds_the_other(decisions: Path):
    hit = search(decisions, "Thanh Hóa").hits[0]
    assert hit.doc_id == "cv12" and [hit.snippet[a:b] for a, b in hit.highlights] == ["Thanh", "Hoá"]


def test_fuzzy_search_forgives_an_ocr_slip(decisions: Path):
    assert search(decisions, "chien luoc").hits[0].doc_id == "qd942"
    assert search(decisions, "chien luac").hits == []
    hit = search(decisions, "chien luac", fuzzy=True).hits[0]
    assert hit.doc_id == "qd942" and [hit.snippet[a:b] for a, b in hit.highlights] == ["Chiến", "lược"]


def test_results_serialize_for_json(decisions: Path):
    as_dict = search(decisions, "number:942/QĐ-TTg").to_dict()
    assert (as_dict["total"], as_dict["hits"][0]["number"]) == (1, "942/QĐ-TTg")
    assert as_dict["facets"]["agency"] == [{"value": "THỦ TƯỚNG CHÍNH PHỦ", "count": 1}]


def test_index_changes_incrementally_and_answers_while_a_batch_is_written(tmp_path: Path):
    add_pages(tmp_path, [PageRecord("a", 1, "sắc phong"), PageRecord("b", 1, "sắc phong")])
    delete_document(tmp_path, "a")
    add_pages(tmp_path, [PageRecord("b", 1, "châu bản")])  # re-processed: replaced
    assert search(tmp_path, "sac phong").hits == []
    batch = writer(tmp_path)  # a batch indexing: its pages are seen once committed
    batch.add_document(page_document(PageRecord("c", 1, "châu bản")))
    assert [hit.doc_id for hit in search(tmp_path, "chau ban").hits] == ["b"]
    batch.commit()
    assert {hit.doc_id for hit in search(tmp_path, "chau ban").hits} == {"b", "c"}
    batch.wait_merging_threads()


def test_a_page_is_read_whole_with_the_query_highlighted(decisions: Path):
    hit = read_page(decisions, "cv12", 1, "chuyen doi so")
    assert hit.snippet == "Hướng dẫn chuyển đổi số tại Thanh Hoá"
    assert [hit.snippet[a:b] for a, b in hit.highlights] == ["chuyển", "đổi", "số"]
    assert read_page(decisions, "cv12", 1).highlights == ()
    assert read_page(decisions, "lines", 1, "thu").snippet == "Kính gửi:\nSở Thông tin"
    assert read_page(decisions, "cv12", 2) is None


def test_phrases_of_common_and_of_rare_words_match_only_in_order(tmp_path: Path):
    add_pages(
        tmp_path,
        [
            PageRecord("apart", 1, "Chuyển đổi xoảng đổi số: cụm từ bị chen giữa."),
            PageRecord("whole", 1, "Hồ sơ ông Nguyễn Văn Khải về chuyển đổi số."),
        ],
    )
    assert [hit.doc_id for hit in search(tmp_path, '"chuyen doi so"').hits] == ["whole"]
    assert [hit.doc_id for hit in search(tmp_path, '"Nguyễn Văn Khải"').hits] == ["whole"]
    assert [hit.doc_id for hit in search(tmp_path, '"doi xoang doi"').hits] == ["apart"]


def test_a_server_warming_up_reads_a_large_index_s_facet_values_in_the_background(tmp_path: Path, monkeypatch):
    import threading
    import time

    from index.document_values import values_of
    from index.facet_counts import FACETS
    from index.search import warm_up
    from index.store import document_key, open_index

    monkeypatch.setattr("index.document_values._BACKGROUND", threading.Event())  # a one-shot process so far
    monkeypatch.setattr("index.document_values.AT_ONCE_PAGES", 1)  # "large" from two pages
    add_pages(tmp_path, [PageRecord("law", 1, "điều một", type="Luật"), PageRecord("note", 1, "ghi chú")])
    ix = open_index(tmp_path)
    assert search(tmp_path, "điều").facets["type"] == [("Luật", 1)]  # counted in tantivy: nothing read
    assert values_of(ix, ix.searcher(), FACETS) is None
    warm_up(tmp_path)
    deadline = time.monotonic() + 30
    while values_of(ix, ix.searcher(), FACETS) is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert values_of(ix, ix.searcher(), FACETS).documents_per_value([document_key("law")])["type"] == {"Luật": 1}
    warm_up(tmp_path / "nothing here")  # the first search reports a missing index, not the warm-up
