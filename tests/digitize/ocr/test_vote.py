from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.ocr.vote import (
    ALONE,
    DISAGREEING,
    TRUEOCR_MARGIN,
    agreement,
    disputes,
    to_settle,
    verdicts,
    vote,
    vote_page,
    without_doubles,
)

TESSERACT_ALONE = 100 * ALONE


def _line(engine: str, *words: tuple[str, float]) -> Line:
    return Line(tuple(Word(text, confidence, 60 * i, 0, 50, 20) for i, (text, confidence) in enumerate(words)), engine)


def test_where_both_engines_agree_the_tesseract_word_and_box_are_kept():
    tesseract = _line("tesseract", ("Quyết", 96.0), ("định", 95.0))
    trueocr = _line("trueocr", ("Quyết", 99.0), ("định", 99.0))
    assert vote(tesseract, trueocr).words == tesseract.words


def test_a_word_goes_to_trueocr_only_when_it_is_clearly_surer():
    tesseract = _line("tesseract", ("Số:", 90.0), ("4F", 60.0), ("/QĐ-UBND", 91.0))
    trueocr = _line("trueocr", ("Số:", 99.0), ("47", 60.0 + TRUEOCR_MARGIN + 1), ("/QĐ-UBND", 95.0))
    line = vote(tesseract, trueocr)
    assert line.text == "Số: 47 /QĐ-UBND" and line.engine == "tesseract+trueocr"
    unsure = _line("trueocr", ("Số:", 99.0), ("47", 60.0 + TRUEOCR_MARGIN), ("/QĐ-UBND", 95.0))
    assert vote(tesseract, unsure).text == "Số: 4F /QĐ-UBND"


def test_words_only_tesseract_saw_need_its_confidence_and_words_only_trueocr_saw_are_dropped():
    both = (("Điều", 95.0), ("1.", 94.0))
    assert vote(_line("tesseract", *both, ("~~", TESSERACT_ALONE - 1)), _line("trueocr", *both)).text == "Điều 1."
    assert vote(_line("tesseract", *both, ("Phạm", TESSERACT_ALONE)), _line("trueocr", *both)).text == "Điều 1. Phạm"
    assert vote(_line("tesseract", *both), _line("trueocr", *both, ("ĐÓNG", 99.0))).text == "Điều 1."
    trueocr = _line("trueocr", *both)
    assert vote(Line(()), trueocr).words == trueocr.words


def test_a_word_neither_engine_is_likely_right_on_is_left_out():
    # The ink of a seal beside the signer's title: junk in both readings, or in trueocr's alone.
    tesseract = _line("tesseract", ("CHỦ", 95.0), ("/.*⁄..‹x.", 3.0))
    trueocr = _line("trueocr", ("CHỦ", 99.0), ("/7/77/8/A21", 100 * ALONE + TRUEOCR_MARGIN - 1))
    assert vote(tesseract, trueocr).text == "CHỦ"
    seal = _line("trueocr", ("00TCH", 100 * ALONE + TRUEOCR_MARGIN - 1), ("TỊCH", 98.0))
    assert vote(Line(()), seal).text == "TỊCH"


def test_a_fragment_of_a_trueocr_word_that_is_no_syllable_gives_way_to_it():
    tesseract = _line("tesseract", ("Căn", 95.0), ("cứ", 96.0), ("T", 90.0), ("hông", 93.0), ("tư", 95.0))
    trueocr = _line("trueocr", ("Căn", 99.0), ("cứ", 99.0), ("Thông", 99.0), ("tư", 99.0))
    assert vote(tesseract, trueocr).text == "Căn cứ Thông tư"
    number = vote(_line("tesseract", ("2", 46.0), ("1/2024;", 74.0)), _line("trueocr", ("25/11/2024;", 100.0)))
    assert number.text == "25/11/2024;"


def test_where_only_trueocr_reads_a_well_formed_syllable_its_reading_is_kept():
    tesseract = _line("tesseract", ("QUYÉT", 92.0), ("ĐỊNH", 96.0))
    trueocr = _line("trueocr", ("QUYẾT", 100.0), ("ĐỊNH", 100.0))
    assert vote(tesseract, trueocr).text == "QUYẾT ĐỊNH"
    assert (
        vote(_line("tesseract", ("QUYÉT", 92.0)), _line("trueocr", ("QUYẾT", 100 * ALONE + TRUEOCR_MARGIN - 1))).text
        == "QUYÉT"
    )


def test_a_word_trueocr_ran_into_its_neighbour_is_not_written_twice():
    tesseract = _line("tesseract", ("43/2023/NĐ-CB", 60.0), ("ngày", 93.0), ("30/6/2023", 95.0))
    trueocr = _line("trueocr", ("43/2023/NĐ-CP_ngày", 98.0), ("30/6/2023", 99.0))
    assert vote(tesseract, trueocr).text == "43/2023/NĐ-CP_ngày 30/6/2023"


def test_tesseract_keeps_its_word_breaks_where_trueocr_ran_two_words_together():
    tesseract = _line("tesseract", ("THƯ", 88.0), ("VIỆN", 92.0), ("QUỐC", 93.0), ("GIA", 91.0))
    trueocr = _line("trueocr", ("THƯVIỆN", 100.0), ("QUỐC", 100.0), ("GIA", 100.0))
    assert vote(tesseract, trueocr).text == "THƯ VIỆN QUỐC GIA"


def _word(text: str, left: int, confidence: float = 90.0, top: int = 0, width: int = 50) -> Word:
    return Word(text, confidence, left, top, width, 20)


def _text(blocks: tuple[Block, ...]) -> str:
    return " ".join(line.text for block in blocks for line in block.lines)


def test_no_word_is_written_twice_where_both_readings_of_the_same_ink_were_kept():
    # Each word at its left edge; a repeat lies over the word before it, as two engines' boxes of one word do.
    doubles = {
        "Trị, ngày 03": [("Trị,", 0), ("ngày", 60), ("ngày", 62), ("03", 120)],
        "năm 2020": [("năm", 0), ("2020", 60), ("2020", 58)],
        "13 00": [("13", 0), ("3", 10), ("00", 60), ("0Ó", 64)],
        "Số: /SGDĐT-CTrTT": [("Số:", 0), ("/SGDĐT-CTrTT", 60), ("/SGDDT-CTrTT", 65)],
    }
    for expected, words in doubles.items():
        line = Line(tuple(_word(text, left) for text, left in words))
        assert _text(without_doubles([Block((line,))])) == expected


def test_the_same_line_read_twice_by_overlapping_line_boxes_is_written_once():
    line = Line((_word("Hà", 0), _word("Nội", 60)))
    again = Line((_word("Hà", 2, top=4), _word("Nội", 63, top=4)))
    assert _text(without_doubles([Block((line,)), Block((again,))])) == "Hà Nội"


def test_a_word_written_twice_in_the_text_itself_stays_twice():
    line = Line((_word("ngày", 0), _word("ngày", 60), _word("càng", 120)))
    assert _text(without_doubles([Block((line,))])) == "ngày ngày càng"


def test_a_different_word_over_the_same_ink_is_kept():
    line = Line((_word("Quảng", 0), _word("Ngãi", 10)))
    assert _text(without_doubles([Block((line,))])) == "Quảng Ngãi"


def test_the_share_of_words_two_readings_read_alike():
    alike = (_line("tesseract", ("Quyết", 96.0), ("định", 95.0)), _line("trueocr", ("Quyết", 99.0), ("định", 99.0)))
    half = (_line("tesseract", ("Qưyết", 96.0), ("định", 95.0)), _line("trueocr", ("Quyết", 99.0), ("định", 99.0)))
    assert agreement([alike]) == 1.0 and agreement([half]) == 0.5 and agreement([alike, half]) == 0.75
    assert agreement([]) == 1.0


def test_a_page_whose_readings_mostly_disagree_keeps_trueocrs_lines_unvoted():
    # A blurred photo: Tesseract sure of words it gets wrong, so that a vote would keep them.
    blurred = [
        (
            _line("tesseract", ("€i", 97.0), ("hánh", 96.0), ("Thanh", 95.0)),
            _line("trueocr", ("Chánh", 80.0), ("Thanh", 99.0)),
        ),
        (
            _line("tesseract", ("xế?", 96.0), ("lương", 95.0)),
            _line("trueocr", ("xếp", 85.0), ("lương", 99.0)),
        ),
    ]
    assert agreement(blurred) < DISAGREEING
    assert _text(vote_page([blurred])) == "Chánh Thanh xếp lương"
    clean = [(_line("tesseract", ("Quyết", 96.0), ("định", 95.0)), _line("trueocr", ("Quyết", 99.0), ("định", 99.0)))]
    assert _text(vote_page([clean])) == "Quyết định"


def test_a_third_reading_settles_a_word_the_engines_read_differently_when_it_reads_it_as_one_of_them():
    # Tesseract is surer of its "tôi" (a tone mark lost) than trueocr of "tội": the vote keeps Tesseract's.
    tesseract = _line("tesseract", ("chống", 95.0), ("tôi", 93.0), ("phạm", 96.0))
    trueocr = _line("trueocr", ("chống", 99.0), ("tội", 97.0), ("phạm", 99.0))
    readings = [[(tesseract, trueocr)]]
    assert OcrPage(vote_page(readings)).text == "chống tôi phạm"
    (dispute,) = disputes(readings)
    assert (dispute.tesseract.text, dispute.trueocr.text) == ("tôi", "tội")
    assert dispute.box == (60, 0, 110, 20)  # both words across, the line's height
    assert OcrPage(vote_page(readings, verdicts=verdicts([dispute], ["tội"]))).text == "chống tội phạm"
    # A third reading that is Tesseract's keeps it; one that is neither settles nothing, however near.
    assert OcrPage(vote_page(readings, verdicts=verdicts([dispute], ["tôi"]))).text == "chống tôi phạm"
    assert verdicts([dispute], ["tộí"]) == [] and verdicts([dispute], [""]) == []


def test_a_settled_word_keeps_its_own_engines_box():
    tesseract = Line((Word("Quảng", 95.0, 0, 0, 50, 20), Word("Ngăi", 90.0, 60, 2, 40, 18)), "tesseract")
    trueocr = Line((Word("Quảng", 99.0, 0, 0, 52, 22), Word("Ngãi", 90.0, 58, 0, 46, 22)), "trueocr")
    readings = [[(tesseract, trueocr)]]
    page = OcrPage(vote_page(readings, verdicts=verdicts(disputes(readings), ["Ngãi"])))
    assert page.words[1] == trueocr.words[1]


def test_only_pages_the_vote_votes_on_are_settled():
    agreeing = [
        [
            (
                _line("tesseract", ("Điều", 95.0), ("1.", 94.0), ("tôi", 90.0)),
                _line("trueocr", ("Điều", 99.0), ("1.", 99.0), ("tội", 97.0)),
            )
        ]
    ]
    assert [d.trueocr.text for d in to_settle(agreeing)] == ["tội"]
    # A blurred photo: the two readings share too few words for a vote, so trueocr's lines stand unsettled.
    blurred = [[(_line("tesseract", ("Dieu", 40.0), ("l", 30.0)), _line("trueocr", ("Điều", 90.0), ("1.", 88.0)))]]
    assert agreement(blurred[0]) < DISAGREEING and disputes(blurred) and to_settle(blurred) == []


def test_words_one_engine_alone_read_are_not_disputed():
    tesseract = _line("tesseract", ("Điều", 95.0), ("1.", 94.0), ("Phạm", 90.0))
    trueocr = _line("trueocr", ("Điều", 99.0), ("1.", 99.0))
    assert disputes([[(tesseract, trueocr)], [(Line(()), trueocr)]]) == []


def test_of_two_readings_that_differ_only_in_marks_the_far_commoner_syllable_wins():
    # ``của`` is written far more often than ``cùa``; ``tỉnh`` and ``tính`` are both common: confidence decides
    tesseract = _line("tesseract", ("cùa", 95.0), ("tỉnh", 80.0))
    trueocr = _line("trueocr", ("của", 70.0), ("tính", 99.0))
    assert vote(tesseract, trueocr).text == "của tính"
    tesseract = _line("tesseract", ("của", 70.0), ("tỉnh", 95.0))
    trueocr = _line("trueocr", ("cùa", 99.0), ("tính", 90.0))
    assert vote(tesseract, trueocr).text == "của tỉnh"
