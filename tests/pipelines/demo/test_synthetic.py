import numpy as np

from pipelines.demo.synthetic import (
    HEAVY,
    LIGHT,
    TextBlock,
    find_vietnamese_font,
    layout_pages,
    render_blocks,
    scanned_pages,
)


def test_font_has_vietnamese_letters():
    assert find_vietnamese_font().suffix == ".ttf"


def test_layout_wraps_and_paginates_keeping_every_word():
    text = "\n".join(["Chuyển đổi số là quá trình thay đổi tổng thể và toàn diện."] * 60)
    pages = layout_pages(text)
    assert len(pages) > 1
    words = " ".join(line for page in pages for line in page).split()
    assert words == text.split()


def test_scan_is_a_300_dpi_jpeg_turned_by_the_given_angle():
    [page] = scanned_pages("Thư viện tỉnh", skews=[10.0], degradation=LIGHT, page_mm=(100, 60))
    assert page.image.format == "JPEG" and page.image.info["dpi"] == (300, 300)
    assert page.skew_deg == 10.0 and page.text == "Thư viện tỉnh"
    upright_width = round(100 / 25.4 * 300)
    assert page.image.width > upright_width


def test_heavy_degradation_is_noisier_than_light():
    light = scanned_pages("Hà Nội", degradation=LIGHT, page_mm=(80, 60), seed=1)[0].image
    heavy = scanned_pages("Hà Nội", degradation=HEAVY, page_mm=(80, 60), seed=1)[0].image
    corner = (slice(0, 40), slice(0, 40))
    assert np.std(np.asarray(heavy)[corner]) > np.std(np.asarray(light)[corner])


def test_blocks_of_a_row_stand_side_by_side_and_wrap_within_their_column():
    left = TextBlock(("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG"), span=(0.0, 0.4), centered=True, rule=0.5)
    right = TextBlock(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",), span=(0.4, 1.0), centered=True, font_pt=12, bold=True)
    body = TextBlock(("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư " * 2,))
    page = render_blocks([[left, right], [body]], page_mm=(210, 120))
    agency, province, title, *body_lines = page.lines
    assert (agency.text, province.text, title.text) == ("ỦY BAN NHÂN DÂN", "TỈNH VĨNH LONG", right.lines[0])
    assert agency.box[1] == title.box[1] and agency.box[2] < title.box[0]  # same row, left of it
    assert len(body_lines) > 1 and body_lines[0].box[1] > province.box[3]  # wrapped, below the header
    assert " ".join(line.text for line in body_lines).split() == body.lines[0].split()
    assert page.image.size == (round(210 / 25.4 * 300), round(120 / 25.4 * 300))
