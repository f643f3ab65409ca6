"""The one rule snippets and hit boxes mark words by: phrases where their words stand together, exact or folded."""

from index.analysis import words
from index.matching import asked_sequences, matches, typed_as_asked
from index.query import parse_query


def marked(text: str, query: str, fuzzy: bool = False) -> list[tuple[str, bool]]:
    tokens = words(text)
    found = matches(tokens, parse_query(query, fuzzy=fuzzy), follows=lambda k: True)
    return [(text[tokens[k].start : tokens[k].end], exact) for k, exact in sorted(found.items())]


def test_a_phrase_matches_only_its_words_standing_together_in_order():
    text = "số hoá và chuyển đổi số, đổi số chuyển"
    assert marked(text, '"chuyển đổi số"') == [("chuyển", True), ("đổi", True), ("số", True)]
    assert marked(text, '"số chuyển đổi"') == []


def test_each_word_is_matched_as_typed_where_the_page_has_it_else_folded():
    assert marked("đường và dương", "đường") == [("đường", True)]
    assert marked("Lịch dương", "đường") == [("dương", False)]
    assert marked("đường và duong", "duong") == [("đường", False), ("duong", True)]  # typed bare: every form


def test_fuzzy_allows_one_slip_and_excluded_words_are_never_matched():
    assert marked("chuyćn đổi", "chuyen", fuzzy=True) == [("chuyćn", False)]
    assert asked_sequences(parse_query('"chuyển đổi" NOT số')) == [("chuyển", "đổi")]


def test_a_mark_tells_from_its_text_alone_whether_it_was_typed_so():
    parsed = parse_query('"Chuyển đổi" so')
    assert typed_as_asked("Chuyển", parsed) and typed_as_asked("so", parsed)
    assert not typed_as_asked("số", parsed) and not typed_as_asked("chuyen", parsed)
