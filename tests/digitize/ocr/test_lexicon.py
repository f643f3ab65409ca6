"""How common a syllable is, and the letters a blurred mark could hide."""

from __future__ import annotations

from digitize.ocr.lexicon import UNSEEN, in_a_word, log_frequency, look_alikes


def test_the_syllable_meant_is_commoner_than_its_blurred_misreadings():
    assert log_frequency("của") > log_frequency("cùa") > UNSEEN
    assert log_frequency("bảo") > log_frequency("báo") - 1  # both common: frequency alone cannot decide those
    assert log_frequency("năm") > log_frequency("nãm")


def test_case_and_the_old_tone_placement_do_not_matter():
    assert log_frequency("TỈNH") == log_frequency("tỉnh")
    assert log_frequency("hoà") == log_frequency("hòa") > UNSEEN


def test_what_is_not_a_syllable_is_unseen():
    assert log_frequency("QISC") == UNSEEN


def test_a_vowel_looks_like_its_group_under_every_tone():
    alikes = look_alikes("ả")
    assert alikes[0] == "ả"
    assert {"a", "á", "ắ", "ẩ", "ặ"} <= set(alikes)
    assert len(alikes) == 18  # a, ă, â under six tones
    assert "ờ" in look_alikes("ô") and "ư" in look_alikes("u")


def test_case_is_kept_and_d_looks_like_đ():
    assert "Ỉ" in look_alikes("I") and all(letter.isupper() for letter in look_alikes("I"))
    assert look_alikes("d") == ("d", "đ")


def test_a_letter_with_no_marks_to_lose_is_only_itself():
    assert look_alikes("n") == ("n",)
    assert look_alikes("3") == ("3",)


def test_two_syllables_of_one_word_are_in_a_word_and_a_phrase_is_not():
    assert in_a_word("cổ", "phần") and in_a_word("ĐẢM", "BẢO")
    assert not in_a_word("có", "phần")
    assert not in_a_word("đám", "báo")
