from index.query import parse_query
from index.snippets import snippet, whole_page

TEXT = "Quyết định về chuyển đổi số.\nKế hoạch chuyển  đổi số của tỉnh Quảng Trị năm 2024."


def test_a_snippet_marks_the_words_asked_for_typed_without_diacritics():
    shown, spans = snippet(TEXT, parse_query("chuyen doi so"))
    assert [shown[a:b] for a, b in spans][:3] == ["chuyển", "đổi", "số"]
    assert "\n" not in shown and "  " not in shown  # one line, runs of spaces made one


def test_a_whole_page_keeps_its_lines_and_marks_nothing_without_a_query():
    shown, spans = whole_page(TEXT, None)
    assert shown.count("\n") == 1 and spans == ()
    shown, spans = whole_page(TEXT, parse_query("Quảng Trị"))
    assert [shown[a:b] for a, b in spans] == ["Quảng", "Trị"]


def test_a_quoted_phrase_marks_only_the_phrase_not_its_words_elsewhere():
    shown, spans = whole_page(TEXT, parse_query('"kế hoạch chuyển"'))
    assert [shown[a:b] for a, b in spans] == ["Kế", "hoạch", "chuyển"]  # not the "chuyển" of the first line
    shown, spans = snippet("Số 12. Chuyển đổi và số hoá: chuyển đổi, số.", parse_query('"chuyen doi so"'))
    # A word between breaks the phrase; punctuation does not, as in the index, whose words have no commas.
    assert [shown[a:b] for a, b in spans] == ["chuyển", "đổi", "số"]


def test_words_asked_for_beside_a_phrase_are_marked_wherever_they_are():
    shown, spans = whole_page(TEXT, parse_query('"chuyển đổi số" Quảng'))
    assert [shown[a:b] for a, b in spans] == ["chuyển", "đổi", "số", "chuyển", "đổi", "số", "Quảng"]
