from index.analysis import exact_analyzer, folded_analyzer


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text)]


def test_exact_analyzer_keeps_diacritics_and_lowercases():
    assert tokens(exact_analyzer(), "Quyết định số 505/QĐ-TTg") == ["quyết", "định", "số", "505", "qđ", "ttg"]


def test_folded_analyzer_types_like_a_bare_keyboard():
    assert tokens(folded_analyzer(), "Đường Nguyễn Trãi") == ["duong", "nguyen", "trai"]


def test_tesseracts_eth_matches_the_real_d_with_stroke():
    assert tokens(exact_analyzer(), "ÐẠI HỌC") == tokens(exact_analyzer(), "ĐẠI HỌC") == ["đại", "học"]


def test_positions_and_offsets_survive_folding():
    token = next(iter(folded_analyzer()("Đường", positions=True, chars=True)))
    assert (token.text, token.pos, token.startchar, token.endchar) == ("duong", 0, 0, 5)


def test_both_tone_mark_placements_index_as_one_word():
    assert tokens(exact_analyzer(), "hoà thuỷ") == tokens(exact_analyzer(), "hòa thủy") == ["hòa", "thủy"]
    assert tokens(folded_analyzer(), "Hoà") == ["hoa"]
