import zlib
from pathlib import Path

from index.stored_text import (
    DICTIONARY_SIZE,
    compressed,
    decompressed,
    dictionary,
    make_dictionary,
    transcriptions,
)

REPOSITORY = Path(__file__).resolve().parents[2]


def test_a_page_comes_back_as_it_was_given():
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n  Căn cứ Luật Tổ chức chính quyền địa phương; 漢字 ½ \t"
    assert decompressed(compressed(text)) == text


def test_the_dictionary_is_the_one_made_from_the_real_scan_transcriptions():
    made = make_dictionary(transcriptions(REPOSITORY / "benchmarks" / "realscans" / "truth"))
    assert dictionary() == made
    assert len(made) <= DICTIONARY_SIZE
    made.decode()  # whole characters: it is cut on a character's edge


def test_a_vietnamese_text_the_dictionary_was_not_made_from_is_stored_smaller_than_by_plain_zlib():
    articles = transcriptions(REPOSITORY / "seeds")
    plain = sum(len(zlib.compress(text.encode(), 9)) for text in articles)
    assert sum(len(compressed(text)) for text in articles) < 0.95 * plain


def test_the_last_words_of_the_dictionary_are_the_most_frequent():
    made = make_dictionary(["một hai hai ba ba ba"])
    assert made.endswith(b"hai ba")
