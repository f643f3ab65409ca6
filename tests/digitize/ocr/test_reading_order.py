from collections import Counter

import numpy as np
from PIL import Image, ImageDraw

from digitize.ocr.engines import recognize
from digitize.ocr.page import Block, Line, OcrPage, Word
from digitize.ocr.reading_order import in_reading_order, split_line
from pipelines.demo.synthetic import font

HEIGHT = 50  # a line's height in pixels: 12 pt at 300 dpi
SPACE = 14  # a word space


def line(text: str, left: int, top: int) -> Line:
    """Words of ``text`` set from ``left``, 25 pixels a character, one space apart; two spaces in a row are a gap
    of a column (600 pixels)."""
    words, x = [], left
    for part in text.split("  "):
        for token in part.split():
            width = 25 * len(token)
            words.append(Word(token, 95.0, x, top, width, HEIGHT))
            x += width + SPACE
        x += 600
    return Line(tuple(words), "tesseract")


def block(*lines: Line) -> Block:
    return Block(tuple(lines))


def texts(page: OcrPage) -> list[str]:
    return [ln.text for ln in page.lines]


def same_words(first: OcrPage, second: OcrPage) -> bool:
    return Counter(first.words) == Counter(second.words)


def decree_page() -> OcrPage:
    """A Decree-30 page as Tesseract gives it: header and foot read across both columns, row by row."""
    header = block(
        line("ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI", 300, 200),
        line("TỈNH QUẢNG TRỊ  Độc lập - Tự do", 310, 270),
        line("Số: 1287/QĐ-UBND  Quảng Trị, ngày 14", 290, 340),
    )
    title = block(line("QUYẾT ĐỊNH", 1000, 480))
    body = block(
        line("Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh năm 2023 và các năm sau", 250, 600),
        line("cho các cơ quan, đơn vị trên địa bàn tỉnh Quảng Trị.", 250, 670),
    )
    foot = block(line("Nơi nhận:  KT. CHỦ TỊCH", 250, 800), line("- Như Điều 3;", 250, 870))
    foot_rest = block(line("- Lưu: VT.", 250, 940))
    signer = block(line("Nguyễn Văn An", 1500, 1000))
    return OcrPage((header, title, body, foot, foot_rest, signer))


def test_decree_header_and_foot_read_left_block_then_right_block():
    page = decree_page()
    ordered = in_reading_order(page)
    assert texts(ordered) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG TRỊ",
        "Số: 1287/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI",
        "Độc lập - Tự do",
        "Quảng Trị, ngày 14",
        "QUYẾT ĐỊNH",
        "Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh năm 2023 và các năm sau",
        "cho các cơ quan, đơn vị trên địa bàn tỉnh Quảng Trị.",
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Lưu: VT.",
        "KT. CHỦ TỊCH",
        "Nguyễn Văn An",
    ]
    assert same_words(ordered, page)  # the same words, with the same boxes
    left, right = ordered.blocks[:2]
    assert left.text == "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 1287/QĐ-UBND"  # one block a column
    assert right.text == "CỘNG HÒA XÃ HỘI\nĐộc lập - Tự do\nQuảng Trị, ngày 14"


def test_header_columns_given_as_blocks_row_by_row_are_read_column_by_column():
    rows = [("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI"), ("TỈNH QUẢNG TRỊ", "Độc lập - Tự do")]
    blocks = [
        block(line(text, left, 200 + 70 * i))
        for i, row in enumerate(rows)
        for text, left in zip(row, (300, 1300), strict=True)
    ]
    blocks.append(block(line("Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh năm 2023", 250, 400)))
    ordered = in_reading_order(OcrPage(tuple(blocks)))
    assert texts(ordered) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH QUẢNG TRỊ",
        "CỘNG HÒA XÃ HỘI",
        "Độc lập - Tự do",
        "Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh năm 2023",
    ]


def test_header_columns_that_overlap_a_little_still_read_left_block_first():
    """A long agency name reaches under the start of the national title on the line above."""
    first = line("BỘ NỘI VỤ", 420, 200).words + line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", 760, 200).words
    second = line("CỤC VĂN THƯ VÀ LƯU TRỮ", 300, 270).words + line("Độc lập - Tự do", 900, 270).words
    assert second[5].box[2] > first[3].left  # CỤC VĂN THƯ VÀ LƯU TRỮ ends past the start of CỘNG HÒA
    header = block(Line(first), Line(second))
    body = block(line("Điều 1. Phê duyệt kế hoạch chuyển đổi số của tỉnh năm 2023 và các năm", 250, 400))
    ordered = in_reading_order(OcrPage((header, body)))
    assert texts(ordered)[:4] == ["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA", "Độc lập - Tự do"]


def newspaper_page() -> OcrPage:
    """A title across the page over two columns of paragraphs, given row by row."""
    title = block(line("Chuyển đổi số - từ nhận thức đến hành động của các cấp", 250, 100))
    right = [block(line(f"Cột phải đoạn {i} dòng một", 1300, 250 + 200 * i)) for i in range(3)]
    left = [
        block(line(f"Cột trái đoạn {i}", 250, 250 + 200 * i), line("dòng hai", 250, 320 + 200 * i)) for i in range(3)
    ]
    blocks = [title]
    for pair in zip(left, right, strict=True):
        blocks.extend(pair)
    return OcrPage(tuple(blocks))


def test_newspaper_columns_are_read_column_by_column():
    ordered = in_reading_order(newspaper_page())
    assert texts(ordered) == [
        "Chuyển đổi số - từ nhận thức đến hành động của các cấp",
        *[text for i in range(3) for text in (f"Cột trái đoạn {i}", "dòng hai")],
        *[f"Cột phải đoạn {i} dòng một" for i in range(3)],
    ]


def test_single_column_body_keeps_its_order():
    page = OcrPage(
        tuple(
            block(
                line(f"Đoạn {i}: các cơ quan, đơn vị trên địa bàn tỉnh triển khai kế hoạch", 250, 200 + 200 * i),
                line("chuyển đổi số năm 2023.", 250, 270 + 200 * i),
            )
            for i in range(4)
        )
    )
    assert in_reading_order(page) == page


def test_a_line_splits_only_at_a_gap_far_wider_than_a_word_space():
    assert [ln.text for ln in split_line(line("ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI", 300, 200))] == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI",
    ]
    plain = line("các cơ quan, đơn vị trên địa bàn tỉnh", 250, 200)
    assert split_line(plain) == [plain]


def test_a_mark_in_the_gap_does_not_bridge_it():
    words = (
        Word("DÂN", 90, 300, 200, 100, HEIGHT),
        Word("_", 40, 405, 200, 560, HEIGHT),  # a rule read across the gap
        Word("CỘNG", 90, 1000, 200, 120, HEIGHT),
    )
    assert [ln.text for ln in split_line(Line(words))] == ["DÂN _", "CỘNG"]


def test_number_after_a_blank_stays_on_its_line():
    """``Số:`` and the symbol after the blank left for a handwritten number are read together, as one line."""
    header = block(
        line("ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI", 300, 200),
        Line((Word("Số:", 95, 300, 270, 75, HEIGHT), Word("/QĐ-UBND", 95, 500, 270, 200, HEIGHT))),
    )
    ordered = in_reading_order(OcrPage((header,)))
    assert texts(ordered) == ["ỦY BAN NHÂN DÂN", "Số: /QĐ-UBND", "CỘNG HÒA XÃ HỘI"]


def test_empty_page_is_left_alone():
    assert in_reading_order(OcrPage(())) == OcrPage(())


def test_tesseract_reads_a_rendered_header_left_block_first():
    image = Image.new("L", (2480, 520), 255)
    draw = ImageDraw.Draw(image)
    face = font(50, None)
    left = ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "Số: 1287/QĐ-UBND")
    right = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Quảng Trị, ngày 14 tháng 6")
    for i, (first, second) in enumerate(zip(left, right, strict=True)):
        draw.text((560 - face.getlength(first) / 2, 100 + 75 * i), first, font=face, fill=0)
        draw.text((1700 - face.getlength(second) / 2, 100 + 75 * i), second, font=face, fill=0)
    text = " ".join(recognize(np.asarray(image)).text.split())
    assert text == " ".join((*left, *right))
