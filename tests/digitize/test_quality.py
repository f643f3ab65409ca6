import pytest

from digitize.quality import is_syllable, syllable_share


@pytest.mark.parametrize(
    "word",
    [
        "của",
        "nghiêng",
        "khuya",
        "quyết",
        "gìn",
        "giữ",
        "thuở",
        "tuần",
        "Huế",
        "oán",
        "uống",
        "ước",
        "hoà",
        "hòa",
        "thuỷ",
    ],
)
def test_vietnamese_syllables_are_well_formed(word: str):
    assert is_syllable(word)


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("HQI", "no rhyme after h begins with q"),
        ("CHiJ", "j is not a Vietnamese letter"),
        ("Hcok", "hc is no onset"),
        ("hàt", "a stop coda takes only the rising or heavy tone"),
        ("ghô", "gh only before i, e, ê"),
        ("kô", "k only before front vowels"),
        ("ă", "ă needs a final consonant"),
        ("hoạ̀", "two tones"),
        ("505", "not letters"),
    ],
)
def test_shapes_that_cannot_be_vietnamese_are_rejected(word: str, why: str):
    assert not is_syllable(word), why


def test_share_counts_words_of_letters_only():
    # 505/QĐ-TTg and 22/4/2022 are left out; UBND is counted and fails.
    assert syllable_share("Quyết định số 505/QĐ-TTg ngày 22/4/2022 của UBND.") == pytest.approx(5 / 6, abs=0.001)
    assert syllable_share("CONG Hcok xA HQI CHiJ NGHiA") == 0.5
    assert syllable_share("12/3 - 505") is None
