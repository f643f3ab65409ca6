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
