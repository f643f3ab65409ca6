from digitize.textnorm import fold
from index.analysis import exact_words, find_words, folded_word, words


def test_exact_words_keep_diacritics_and_lowercase():
    assert exact_words("Quyết định số 505/QĐ-TTg") == ["quyết", "định", "số", "505", "qđ", "ttg"]


def test_folded_words_type_like_a_bare_keyboard():
    assert [folded_word(word) for word in exact_words("Đường Nguyễn Trãi")] == ["duong", "nguyen", "trai"]


def test_folding_agrees_with_textnorm_on_every_vietnamese_letter():
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    assert [folded_word(letter) for letter in letters + letters.upper()] == [
        fold(letter).lower() for letter in letters + letters.upper()
    ]


def test_tesseracts_eth_matches_the_real_d_with_stroke():
    assert exact_words("ÐẠI HỌC") == exact_words("ĐẠI HỌC") == ["đại", "học"]


def test_words_here_are_the_words_tantivy_indexes():
    text = "Số_hoá tài-liệu 2023/NĐ"
    assert [word.exact for word in words(text)] == exact_words(text) == ["số", "hóa", "tài", "liệu", "2023", "nđ"]


def test_words_keep_their_offsets_in_the_text():
    word = words("Con Đường")[1]
    assert (word.exact, word.folded, word.start, word.end) == ("đường", "duong", 4, 9)


def test_words_are_found_by_their_folded_form_whatever_their_marks():
    found = find_words("Con đường, lịch Dương; DUONG và duongx xduong 2duong duong_", {"duong"})
    assert [word.exact for word in found] == ["đường", "dương", "duong", "duong"]
    assert [word.start for word in find_words("sổ số, chuyểnsố số", {"so"})] == [0, 3, 16]


def test_both_tone_mark_placements_index_as_one_word():
    assert exact_words("hoà thuỷ") == exact_words("hòa thủy") == ["hòa", "thủy"]
    assert folded_word("hòa") == "hoa"
