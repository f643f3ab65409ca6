from digitize.ocr.page import Block, Line, OcrPage, Software, Word, bounding_box


def _word(text: str, left: int, top: int = 10, confidence: float = 90.0) -> Word:
    return Word(text, confidence, left, top, 10 * len(text), 20)


PAGE = OcrPage(
    (
        Block((Line((_word("Cộng", 0), _word("hòa", 50))), Line((_word("Số:", 0, 40, 60.0),)))),
        Block((Line((_word("Hà", 200, 40), _word("Nội", 230, 40))),)),
    ),
    (Software("Tesseract", "5.5.0"),),
)


def test_text_is_lines_in_reading_order_with_blocks_apart():
    assert PAGE.text == "Cộng hòa\nSố:\n\nHà Nội"


def test_words_lines_and_confidence_are_views_of_the_blocks():
    assert [w.text for w in PAGE.words] == ["Cộng", "hòa", "Số:", "Hà", "Nội"]
    assert len(PAGE.lines) == 3
    assert PAGE.mean_confidence == 84.0
    assert OcrPage(()).mean_confidence is None


def test_boxes_enclose_their_words():
    assert PAGE.blocks[0].box == (0, 10, 80, 60)
    assert bounding_box(PAGE.blocks[1].lines[0].words) == (200, 40, 260, 60)


def test_a_reading_of_a_resampled_image_scales_back_to_the_kept_one():
    halved = PAGE.scaled(0.5)
    assert halved.words[1].box == (25, 5, 40, 15)
    assert halved.text == PAGE.text and halved.software == PAGE.software
    assert PAGE.scaled(1) is PAGE
