import unicodedata

import pytest

from digitize.evaluation import Score, comparable, graphemes, score

TRUTH = "Ngày Chuyển đổi số quốc gia"


def test_a_vietnamese_letter_is_one_grapheme_in_either_normal_form():
    for form in ("NFC", "NFD"):
        assert graphemes(unicodedata.normalize(form, "hệ")) == ["h", "ệ"]
    assert graphemes("q\u0300a") == ["q\u0300", "a"]  # a mark with no precomposed letter stays with its base


def test_a_perfect_reading_scores_zero_whatever_the_line_breaks_and_normal_form():
    read = unicodedata.normalize("NFD", "Ngày Chuyển\nđổi  số\n\nquốc gia")
    assert score(TRUTH, read) == Score(chars=27, folded_chars=27, words=6)
    assert score(TRUTH, read).rates() == {"cer": 0, "folded_cer": 0, "wer": 0, "bag_wer": 0}


def test_a_tone_mark_error_counts_in_the_cer_but_not_once_marks_are_stripped():
    wrong_tone = score(TRUTH, "Ngày Chuyển đổi sô quốc gia")  # số → sô
    assert (wrong_tone.char_errors, wrong_tone.folded_char_errors) == (1, 0)
    assert (wrong_tone.word_errors, wrong_tone.bag_word_errors) == (1, 1)
    assert wrong_tone.cer == pytest.approx(1 / 27)
    wrong_letter = score(TRUTH, "Ngày Chuyển đổi sổ quốc gia")  # the mark on ô is still a mark
    assert wrong_letter.folded_char_errors == 0
    lost_stroke = score(TRUTH, "Ngày Chuyển dổi số quốc gia")  # đ folds to d, as people type it
    assert (lost_stroke.char_errors, lost_stroke.folded_char_errors) == (1, 0)


def test_the_order_free_word_error_ignores_reading_order_but_not_lost_or_invented_words():
    swapped = score("Nơi nhận: Như Điều 3\nKT. CHỦ TỊCH", "KT. CHỦ TỊCH\nNơi nhận: Như Điều 3")
    assert swapped.bag_word_errors == 0 and swapped.word_errors > 0 and swapped.char_errors > 0
    assert score(TRUTH, "Ngày Chuyển đổi số").bag_word_errors == 2
    assert score(TRUTH, f"{TRUTH} ||| ~~").bag_word_errors == 2
    assert score(TRUTH, "Ngay Chuyển đổi số quốc gia").bag_word_errors == 1  # misread: one edit, not two


def test_either_tone_mark_placement_is_correct():
    assert comparable("Thanh Hoá, thuỷ lợi") == "Thanh Hóa, thủy lợi"
    assert score("Thanh Hóa", "Thanh Hoá").char_errors == 0


def test_totals_are_errors_over_lengths_not_a_mean_of_rates():
    total = score("abcd", "abxd") + score("a" * 96, "a" * 96)
    assert total.cer == pytest.approx(1 / 100)
    blank = score("", "")
    assert blank.cer is None and (blank + score("ab", "b")).cer == 0.5
