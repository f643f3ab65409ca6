import unicodedata

from digitize.textnorm import fold, normalize, unify_tone_marks


def test_normalize_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Chuyển đổi số")
    assert normalize(decomposed) == "Chuyển đổi số"


def test_normalize_maps_eth_to_d_with_stroke():
    assert normalize("QUYẾT ÐỊNH") == "QUYẾT ĐỊNH"


def test_normalize_drops_controls_and_collapses_blank_lines():
    assert normalize("a\u200b b  c\r\n\n\n\nd\x07") == "a b c\n\nd"


def test_normalize_makes_a_lone_tab_or_no_break_space_a_space():
    assert normalize("số\t505\u00a0QĐ \n\n tháng") == "số 505 QĐ\n\ntháng"


def test_fold_strips_every_vietnamese_mark():
    assert fold("Quyết định số 505/QĐ-TTg Đà Nẵng") == "Quyet dinh so 505/QD-TTg Da Nang"
    assert fold("ưởng ỹ Ử") == "uong y U"


def test_old_style_tone_marks_move_to_the_new_place():
    assert unify_tone_marks("Thanh Hoá, hoà bình, khoẻ, thuỷ lợi, Uỷ ban, TOẠ ĐÀM") == (
        "Thanh Hóa, hòa bình, khỏe, thủy lợi, Ủy ban, TỌA ĐÀM"
    )


def test_tone_marks_that_are_placed_alike_in_both_styles_stay():
    assert unify_tone_marks("hoàn thành, quý, huýt sáo, hòa") == "hoàn thành, quý, huýt sáo, hòa"
