import numpy as np
from PIL import Image, ImageDraw

from digitize.ocr.columns import split_at_columns
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
    pieces = split_at_columns(image, boxes)
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
    assert split_at_columns(np.asarray(image), boxes) == boxes


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
    pieces = split_at_columns(np.asarray(image), boxes)
    assert len(pieces) == 2 * len(boxes)
    assert all(end < piece[2] < 1280 for piece, end in zip(pieces[::2], ends, strict=True))  # in the gutter
