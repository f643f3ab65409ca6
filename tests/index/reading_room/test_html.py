"""Marks made in Python: escaped exactly as the templates' autoescape would, titled in the reader's language."""

from markupsafe import escape

from index.reading_room.html import marked, segments

HOSTILE = "Chuyển đổi số <script>alert(\"x\")</script> & 'số'"


def test_marked_text_is_escaped_as_jinja_escapes_it_and_hits_are_titled_by_kind():
    pieces = segments(HOSTILE, ((0, 6), (11, 13)), "Chuyển doi so")
    html = marked(pieces, "vi")
    assert html == (
        '<mark class="exact" title="Khớp đúng như đã gõ, cả dấu">Chuyển</mark> đổi '
        '<mark class="folded" title="Khớp khi bỏ qua dấu">số</mark>' + str(escape(HOSTILE[13:]))
    )
    assert 'title="Matches only with diacritics ignored"' in marked(pieces, "en")
