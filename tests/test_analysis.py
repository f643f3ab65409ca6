from index.analysis import exact_words, folded_word, indexed_fields, words


def test_exact_words_keep_diacritics_and_lowercase():
    assert exact_words("Quyết định số 505/QĐ-TTg") == ["quyết", "định", "số", "505", "qđ", "ttg"]


def test_folded_words_type_like_a_bare_keyboard():
    assert indexed_fields("Đường Nguyễn Trãi") == ("đường nguyễn trãi", "duong nguyen trai")
    assert folded_word("đổi") == "doi"


def test_tesseracts_eth_matches_the_real_d_with_stroke():
    assert exact_words("ÐẠI HỌC") == exact_words("ĐẠI HỌC") == ["đại", "học"]


def test_words_keep_their_offsets_in_the_text():
    word = list(words("Con Đường"))[1]
    assert (word.exact, word.folded, word.start, word.end) == ("đường", "duong", 4, 9)


def test_both_tone_mark_placements_index_as_one_word():
    assert exact_words("hoà thuỷ") == exact_words("hòa thủy") == ["hòa", "thủy"]
    assert indexed_fields("Hoà")[1] == "hoa"
