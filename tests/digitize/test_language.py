from digitize.language import detect_language
from pipelines.demo.rare_pages import FRENCH_TEXT
from pipelines.demo.seed_articles import seed_texts

ENGLISH = "The Governor of the province has the honour to report on the state of the harvest, which was good this year."


def test_french_is_found_among_the_languages_listed():
    assert detect_language(FRENCH_TEXT, ("vie", "fra")) == "fra"
    assert detect_language(FRENCH_TEXT, ("vie",)) == "vie"  # not listed: never taken for it
    assert detect_language(ENGLISH, ("vie", "fra", "eng")) == "eng"


def test_vietnamese_is_never_taken_for_another_language():
    for text in seed_texts().values():
        assert detect_language(text, ("vie", "fra", "eng", "deu")) == "vie"


def test_vietnamese_typed_without_marks_is_not_french():
    assert detect_language("Cong hoa xa hoi chu nghia Viet Nam. Doc lap tu do hanh phuc la de", ("vie", "fra")) == "vie"
