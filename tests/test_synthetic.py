import numpy as np

from pipelines.synthetic import HEAVY, LIGHT, find_vietnamese_font, layout_pages, scanned_pages


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
