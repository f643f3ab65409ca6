import numpy as np
from PIL import Image, ImageDraw

from digitize.ink import find_ink
from digitize.ocr.columns import split_at_columns
from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.ocr.reading_order import in_reading_order
from pipelines.demo.synthetic import font

FACE = font(50, None)
STEP = 68


def header(gap: int) -> tuple[np.ndarray, list[tuple[int, int, int, int]], list[tuple[int, int]]]:
    """A Decree-30 header, both blocks centred, its nearest lines ``gap`` pixels apart; each row's line box runs
    across both columns, as a line finder that joined them gives it; and each row's gap."""
    left = ("UBND TỈNH QUẢNG TRỊ", "SỞ NỘI VỤ", "Số: 2145/SVHTTDL-TV")
    date = "Quảng Trị, ngày 03 tháng 10 năm 2024"
    right = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", date)
    apart = max(FACE.getlength(a) + FACE.getlength(b) for a, b in zip(left, right, strict=True)) / 2 + gap
    image = Image.new("L", (2480, 420), 255)
    draw = ImageDraw.Draw(image)
    boxes, gaps = [], []
    for row, (first, second) in enumerate(zip(left, right, strict=True)):
        top = 60 + row * STEP
        x0 = round(1240 - apart / 2 - FACE.getlength(first) / 2)
        x1 = round(1240 + apart / 2 - FACE.getlength(second) / 2)
        draw.text((x0, top), first, font=FACE, fill=0)
        draw.text((x1, top), second, font=FACE, fill=0)
        boxes.append((x0 - 4, top, round(x1 + FACE.getlength(second)) + 4, top + 60))
        gaps.append((round(x0 + FACE.getlength(first)), x1))
    return np.asarray(image), boxes, gaps


def test_a_header_joined_across_a_narrow_gap_is_cut_in_each_line_at_its_gap():
    image, boxes, gaps = header(gap=4)
    pieces = split_at_columns(find_ink(image), boxes)
    assert len(pieces) == 2 * len(boxes)
    for (first, second), (start, end) in zip(zip(pieces[::2], pieces[1::2], strict=True), gaps, strict=True):
        assert first[2] == second[0] and start - 3 <= first[2] <= end + 3  # cut in the gap, a pixel or so either side


def test_a_paragraph_is_not_cut_where_its_word_spaces_line_up():
    image = Image.new("L", (2480, 420), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for row, text in enumerate(("Căn cứ Luật Tổ chức chính quyền", "Căn cứ Nghị định số 30/2020/NĐ-CP", "Căn cứ")):
        draw.text((200, 60 + row * STEP), text, font=FACE, fill=0)
        boxes.append((196, 60 + row * STEP, 204 + round(FACE.getlength(text)), 120 + row * STEP))
    assert split_at_columns(find_ink(np.asarray(image)), boxes) == boxes


def test_lines_run_across_a_ruled_gutter_are_cut_in_it():
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    words = [
        "chuyển",
        "đổi",
        "số",
        "là",
        "quá",
        "trình",
        "thay",
        "đổi",
        "tổng",
        "thể",
        "và",
        "toàn",
        "diện",
        "của",
        "cá",
        "nhân",
    ]
    boxes, ends = [], []
    for row in range(15):
        top = 60 + row * STEP
        draw.text((200, top), " ".join(words[row % 5 : row % 5 + 6]), font=FACE, fill=0)
        ends.append(200 + FACE.getlength(" ".join(words[row % 5 : row % 5 + 6])))
        draw.text((1280, top), " ".join(words[row % 4 : row % 4 + 6]), font=FACE, fill=0)
        boxes.append((196, top, 2280, top + 60))
    draw.line((1250, 50, 1250, 1100), fill=0, width=2)  # the column rule, nearer one column than the other
    pieces = split_at_columns(find_ink(np.asarray(image)), boxes)
    assert len(pieces) == 2 * len(boxes)
    assert all(end < piece[2] < 1280 for piece, end in zip(pieces[::2], ends, strict=True))  # in the gutter


def test_a_header_whose_first_two_lines_cannot_show_both_columns_centred_is_still_cut():
    # Only the agency's line and the motto's are joined; the lines below stand apart, one box a column. Two lines
    # alone have a single right piece (no ragged edge to tell centred from aligned): the cut needs the run below.
    image, joined, gaps = header(gap=4)
    boxes = [joined[0]]
    for box, (start, end) in zip(joined[1:], gaps[1:], strict=True):
        boxes += [(box[0], box[1], start + 4, box[3]), (end - 4, box[1], box[2], box[3])]
    pieces = split_at_columns(find_ink(image), boxes)
    assert len(pieces) == len(boxes) + 1
    assert gaps[0][0] - 3 <= pieces[0][2] <= gaps[0][1] + 3


def ruled_columns(rule: int) -> tuple[Image.Image, list[tuple[int, int, int, int]]]:
    """Two columns of 15 lines, a rule ``rule`` pixels wide down the middle of their 40-pixel gutter."""
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for row in range(15):
        top = 60 + row * STEP
        for x in (200, 1300):
            text = "chuyển đổi số là" if row % 2 else "quá trình thay đổi"
            draw.text((x, top), text, font=FACE, fill=0)
            boxes.append((x - 4, top, x + 4 + round(FACE.getlength(text)), top + 60))
    draw.line((1280, 50, 1280, 1100), fill=0, width=rule)
    return image, boxes


def test_a_box_holding_only_a_piece_of_column_rule_is_dropped():
    image, boxes = ruled_columns(rule=4)
    rule_piece = (1266, 60 + 3 * STEP, 1292, 120 + 3 * STEP)  # a line finder's box over the rule alone
    pieces = split_at_columns(find_ink(np.asarray(image)), [*boxes, rule_piece])
    assert pieces == boxes


def test_line_boxes_padded_over_a_column_rule_are_cut_before_it():
    # A finder's padded boxes: the right column's start at the rule, some of the left column's end at it, so the
    # boxes touch across the gutter and the reading order would find no gap between the columns.
    image, boxes = ruled_columns(rule=4)
    padded = [
        (1276, b[1], b[2], b[3]) if b[0] > 1000 else (b[0], b[1], 1284, b[3]) if i % 4 == 0 else b
        for i, b in enumerate(boxes)
    ]
    pieces = split_at_columns(find_ink(np.asarray(image)), padded)
    assert len(pieces) == len(boxes)
    assert all(piece[2] <= 1279 or piece[0] >= 1281 for piece in pieces)  # none holds the rule
    assert [p[1] for p in pieces] == [b[1] for b in boxes]  # one piece a line, in their order


def headline_over_columns(first: str, rest: str, tracking: int) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A headline, its letters ``tracking`` pixels further apart than the face sets them, over two columns whose
    gutter stands under the word space after ``first``; a box for each line."""
    image = Image.new("L", (2480, 1400), 255)
    draw = ImageDraw.Draw(image)
    headline = font(80, None)
    x = 200.0
    for letter in f"{first} {rest}":
        draw.text((x, 40), letter, font=headline, fill=0)
        x += headline.getlength(letter) + tracking
    space = round(200 + headline.getlength(first + " ") + tracking * (len(first) + 1) - headline.getlength(" ") / 2)
    boxes = [(196, 40, round(x) + 4, 130)]
    for row in range(12):
        top = 200 + row * STEP
        for start, text in ((200, "trong"), (space + 30, "kinh tế số")):
            draw.text((start, top), text, font=FACE, fill=0)
            boxes.append((start - 4, top, start + 4 + round(FACE.getlength(text)), top + 60))
    return np.asarray(image), boxes


def test_a_headline_is_not_cut_at_a_word_space_that_stands_over_a_gutter():
    image, boxes = headline_over_columns("Chuyển đổi số tạo động lực", "phát triển", tracking=0)
    assert split_at_columns(find_ink(image), boxes) == boxes


def test_a_headline_set_wide_is_not_cut_either_though_its_letter_gaps_are_as_wide_as_body_word_spaces():
    for tracking in (4, 8):
        image, boxes = headline_over_columns("Chuyển đổi số tạo", "động lực thúc đẩy kinh tế", tracking)
        assert split_at_columns(find_ink(image), boxes) == boxes


def test_columns_whose_boxes_reached_over_the_rule_are_read_one_after_the_other():
    # Each piece read as trueocr reads a padded box: its words' boxes tight on their ink, and the rule, where the
    # piece holds it, read as "|", which bridged the gutter and made the reading order read across.
    image, boxes = ruled_columns(rule=4)
    padded = [(1276, b[1], b[2], b[3]) if b[0] > 1000 else (b[0], b[1], 1284, b[3]) for b in boxes]
    lines = []
    for piece in split_at_columns(find_ink(np.asarray(image)), padded):
        text_box = next(b for b in boxes if b[1] == piece[1] and piece[0] <= (b[0] + b[2]) / 2 <= piece[2])
        words = [
            Word(f"r{text_box[1]}c{text_box[0]}", 95.0, text_box[0] + 4, piece[1], text_box[2] - text_box[0] - 8, 55)
        ]
        if piece[0] <= 1280 <= piece[2]:
            words.insert(0 if piece[0] > 1000 else 1, Word("|", 40.0, 1278, piece[1], 4, 60))
        lines.append(Line(tuple(sorted(words, key=lambda w: w.left)), "trueocr"))
    page = in_reading_order(OcrPage((Block(tuple(lines)),), ()))
    read = [word.text for word in page.words]
    expected = [f"r{b[1]}c{b[0]}" for b in sorted(boxes, key=lambda b: (b[0], b[1]))]
    assert read == expected
