import pytest
from whoosh import query as wq

from index.query import QueryError, parse_query
from index.store import schema


def test_field_filters_are_taken_out_of_the_words():
    parsed = parse_query('đất đai type:"Quyết định" number:505/QĐ-TTg year:2020', schema())
    assert parsed.filter == wq.And(
        [wq.Term("type", "Quyết định"), wq.Term("number", "505/QĐ-TTg"), wq.Term("year", 2020)]
    )
    assert {term.text for term in parsed.words.leaves()} == {"đất", "đai", "dat", "dai"}


def test_values_of_one_field_are_alternatives_and_years_a_range():
    parsed = parse_query("collection:A collection:B year:2019..2021", schema(), year_to=2020)
    assert parsed.filter == wq.And(
        [
            wq.Or([wq.Term("collection", "A"), wq.Term("collection", "B")]),
            wq.NumericRange("year", 2019, 2021),
            wq.NumericRange("year", None, 2020),
        ]
    )


def test_filters_alone_match_every_page_they_allow():
    parsed = parse_query("agency:BỘ", schema())
    assert isinstance(parsed.words, wq.Every) and parsed.filter == wq.Term("agency", "BỘ")


def test_fuzzy_loosens_only_the_folded_words():
    leaves = list(parse_query("chuyen", schema(), fuzzy=True).words.leaves())
    assert {(type(leaf).__name__, leaf.fieldname) for leaf in leaves} == {
        ("Term", "text"),
        ("FuzzyTerm", "text_folded"),
    }


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
        ("  ", "empty query"),
    ],
)
def test_malformed_queries_are_refused_in_one_line(text: str, reason: str):
    with pytest.raises(QueryError, match=reason) as caught:
        parse_query(text, schema())
    assert "\n" not in str(caught.value)
