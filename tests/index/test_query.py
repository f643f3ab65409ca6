import re

import pytest
import tantivy

from index.query import (
    MAX_NESTING,
    AllOf,
    AnyOf,
    Match,
    Not,
    QueryError,
    Range,
    Words,
    asked_words,
    folded_phrase,
    parse_query,
)
from index.store import PageRecord, add_pages, open_index


def test_field_filters_are_taken_out_of_the_words():
    parsed = parse_query('đất đai type:"Quyết định" number:505/QĐ-TTg year:2020')
    assert parsed.filters == (
        (Match("type", "Quyết định"),),
        (Match("number", "505/QĐ-TTg"),),
        (Match("year", 2020),),
    )
    assert parsed.words == AllOf((Words(("đất",)), Words(("đai",))))


def test_a_date_filter_is_a_range_of_days_partial_dates_covering_their_month_or_year():
    assert parse_query("date:2020-03").filters == ((Range("date_order", 20200300, 20200399),),)
    assert parse_query("date:2019..2020-06-30").filters == ((Range("date_order", 20190000, 20200630),),)
    with pytest.raises(QueryError, match="date: needs a date"):
        parse_query("date:03/2020")


def test_values_of_one_field_are_alternatives_and_years_a_range():
    parsed = parse_query("collection:A collection:B year:2019..2021", year_to=2020)
    assert parsed.filters == (
        (Match("collection", "A"), Match("collection", "B")),
        (Range("year", 2019, 2021),),
        (Range("year", None, 2020),),
    )


def test_filters_alone_match_every_page_they_allow():
    parsed = parse_query("agency:BỘ")
    assert parsed.words is None and parsed.filters == ((Match("agency", "BỘ"),),)


def test_words_are_analyzed_like_the_pages():
    parsed = parse_query('Thanh Hoá "Chuyển  đổi số" 505/QĐ')
    assert parsed.words == AllOf(
        (Words(("thanh",)), Words(("hóa",)), Words(("chuyển", "đổi", "số")), Words(("505", "qđ")))
    )
    assert not parsed.typed_bare and parse_query("chuyen doi so").typed_bare


def test_or_binds_tighter_than_words_side_by_side_and_not_excludes():
    parsed = parse_query("sắc phong OR (châu bản) NOT Hán")
    assert parsed.words == AllOf(
        (Words(("sắc",)), AnyOf((Words(("phong",)), AllOf((Words(("châu",)), Words(("bản",)))))), Not(Words(("hán",))))
    )
    assert asked_words(parsed) == {"sắc", "phong", "châu", "bản"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('"unclosed', "unclosed quote"),
        ("type:", "type: needs a value"),
        ('agency:""', "agency: needs a value"),
        ("AND OR NOT", "nothing to search for"),
        ("((((", "unbalanced parentheses"),
        ("a) OR (b", "unbalanced parentheses"),
        ("year:20x", "year: needs a year"),
        ("… –", "nothing to search for"),
        ("  ", "empty query"),
    ],
)
def test_malformed_queries_are_refused_in_one_line(text: str, reason: str):
    with pytest.raises(QueryError, match=reason) as caught:
        parse_query(text)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "query",
    ["date:2020-13-45", "date:2020-02-30", "date:2020-00", "year:2025..2019", "date:2020-03..2020-02", "\udcff"],
)
def test_a_filter_no_calendar_has_or_an_inverted_range_is_an_error_not_nothing(query: str):
    with pytest.raises(QueryError):
        parse_query(query)


def test_a_leap_day_and_nesting_within_bounds_are_fine():
    assert parse_query("date:2020-02-29").filters
    assert parse_query("(" * MAX_NESTING + "sách" + ")" * MAX_NESTING).words is not None
    with pytest.raises(QueryError, match="nests more than"):
        parse_query("(" * (MAX_NESTING + 1) + "sách" + ")" * (MAX_NESTING + 1))
    with pytest.raises(QueryError, match="the years 2025 to 2019 end before they start"):
        parse_query("sách", year_from=2025, year_to=2019)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("foo:bar", "unknown field foo: the fields are type, agency, province, collection, number, year, date"),
        ("sách title:Kiều", "unknown field title"),
        ("ch*", "'ch*': * is not a wildcard here"),
        ("chuyển đổi *", "'*': * is not a wildcard here"),
    ],
)
def test_an_unknown_field_or_a_wildcard_is_an_error_not_an_empty_answer(query: str, reason: str):
    with pytest.raises(QueryError, match=re.escape(reason)):
        parse_query(query)


def test_a_colon_in_a_phrase_or_after_a_vietnamese_word_is_text():
    assert parse_query('"foo:bar"').words is not None
    assert parse_query("Số:04 Lưu:VT").words is not None
    assert parse_query("https://thuvien.example.vn").words is not None


def test_a_phrase_with_some_common_neighbours_finds_and_scores_as_the_bare_phrase(tmp_path):
    add_pages(
        tmp_path,
        [
            PageRecord("whole", 1, "Kế hoạch xây dựng đường giao thông của tỉnh."),
            PageRecord("pairs", 1, "Đường giao thông đã xong; xây dựng còn lại."),
            PageRecord("apart", 1, "Xây dựng mới; đường và giao thông."),
        ],
    )
    ix = open_index(tmp_path)
    searcher = ix.searcher()
    run = ["xay", "dung", "duong", "giao", "thong"]  # duong is not a common word, its neighbours are
    bare = tantivy.Query.phrase_query(ix.schema, "text_folded", run)

    def found(query):
        return [
            (round(score, 5), searcher.doc(address)["key"][0]) for score, address in searcher.search(query, 10).hits
        ]

    assert found(folded_phrase(run, ix.schema)) == found(bare) == [(found(bare)[0][0], "whole:1")]
    # With gaps allowed the pairs need not stand together: the page with the words two gaps apart is found.
    assert sorted(key for _, key in found(folded_phrase(run, ix.schema, slop=2))) == ["apart:1", "whole:1"]
