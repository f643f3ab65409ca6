import numpy as np
from PIL import Image, ImageDraw

from digitize.ink import find_ink
from digitize.ocr.merged_lines import fit_to_lines
from pipelines.demo.synthetic import font

FACE = font(40, None)
STEP = 64
LINES = ("- Ví dụ: Cơ quan nhà nước", "nước sử dụng Cổng dịch vụ", "công trực tuyến của tỉnh", "để nhận hồ sơ")


def paragraph() -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Four lines of a column, and each line's box as a line finder pads it (a little taller than the line)."""
    image = Image.new("L", (1400, 60 + STEP * len(LINES)), 255)
    draw = ImageDraw.Draw(image)
    boxes = []
    for row, text in enumerate(LINES):
        top = 30 + row * STEP
        draw.text((100, top), text, font=FACE, fill=0)
        left, upper, right, lower = draw.textbbox((100, top), text, font=FACE)
        boxes.append((left - 6, upper - 8, right + 6, lower + 8))
    return np.asarray(image), boxes


def straddling(first: tuple[int, int, int, int], second: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """One box a finder gave two lines: from a quarter down the first to a quarter up from the second's foot."""
    quarter = (first[3] - first[1]) // 4
    return (first[0], first[1] + quarter, max(first[2], second[2]), second[3] - quarter)


def test_a_box_standing_between_two_lines_becomes_one_box_on_each():
    image, boxes = paragraph()
    first, second = boxes[1], boxes[2]
    between = straddling(first, second)
    fitted = fit_to_lines(find_ink(image), [boxes[0], between, boxes[3]])
    assert len(fitted) == 4
    assert fitted[0] == boxes[0] and fitted[3] == boxes[3]
    for found, line in zip(fitted[1:3], (first, second), strict=True):
        assert abs((found[1] + found[3]) / 2 - (line[1] + line[3]) / 2) < 8  # centred on its own line


def test_boxes_that_hold_one_line_each_are_left_as_they_are():
    image, boxes = paragraph()
    assert fit_to_lines(find_ink(image), boxes) == boxes


def test_a_line_another_box_already_holds_is_not_read_twice():
    image, boxes = paragraph()
    first, second = boxes[1], boxes[2]
    between = straddling(first, second)
    fitted = fit_to_lines(find_ink(image), [boxes[0], boxes[1], between, boxes[3]])
    assert len(fitted) == 4
    assert fitted[:2] == boxes[:2] and fitted[3] == boxes[3]
    assert abs((fitted[2][1] + fitted[2][3]) / 2 - (second[1] + second[3]) / 2) < 8
