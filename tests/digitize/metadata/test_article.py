from pathlib import Path

import pytest

from digitize.metadata import Reference, extract
from digitize.metadata.article import read

SEEDS = Path(__file__).resolve().parents[3] / "seeds"


@pytest.mark.parametrize(
    ("seed", "title", "date", "author", "source"),
    [
        ("000_147ede298f1d9585", "Chuyển đổi số - từ nhận thức đến hành động", None, "Tân Nguyên", "báo Quảng Trị"),
        ("001_4dc06c117001647d", "Vĩnh Long đẩy mạnh ứng dụng", "2024-06-25", "CM", "ĐCSVN"),
        ("002_9191a7a76d23fd15", "Chuyển đổi số tạo động lực", None, "Lê Mai", None),
        ("004_0836ccda36dea13e", "Bài tuyên truyền về chuyển đổi số", "2024-07", None, "Xã Trung Sơn - Gio Linh"),
    ],
)
def test_seed_articles(seed: str, title: str, date: str | None, author: str | None, source: str | None):
    found = read((SEEDS / f"{seed}.txt").read_text(encoding="utf-8"))
    assert found.title.value.startswith(title)
    assert (found.date.value, found.author.value, found.source.value) == (date, author, source)


def test_a_comment_template_read_by_ocr_is_not_the_articles_source():
    # Seed 003 ends with a page's comment template, ``{name} - {time}``; OCR reads the braces as brackets, and
    # ``(name) -`` once stood as a lede's source: the demo archive's Dublin Core said <dc:publisher>name.
    as_read = (SEEDS / "003_a8f341a52ed53c53.txt").read_text(encoding="utf-8").replace("{", "(").replace("}", ")")
    assert read(as_read).source.value is None
    lede = "(TTXVN) - Sáng 12/3, Ủy ban nhân dân tỉnh tổ chức hội nghị về chuyển đổi số"
    assert read(f"Tiêu đề của bài viết\n\n{lede}").source.value == "TTXVN"


def test_event_dates_in_sentences_are_not_the_articles_date():
    # Seed 000 opens "Ngày 22/4/2022, Thủ tướng … ký Quyết định": the decision's date, not the article's.
    assert read((SEEDS / "000_147ede298f1d9585.txt").read_text(encoding="utf-8")).date.value is None


def test_title_wrapped_by_ocr_is_joined():
    text = "Vĩnh Long đẩy mạnh ứng dụng công nghệ thông tin đáp ứng yêu cầu phát\ntriển bền vững\n\nThứ Ba, 25/06/2024"
    found = read(text)
    assert found.title.value.endswith("phát triển bền vững") and found.date.value == "2024-06-25"


def test_articles_are_not_administrative_and_keep_their_references():
    found = extract((SEEDS / "001_4dc06c117001647d.txt").read_text(encoding="utf-8"))
    assert found.kind == "other" and found.type.value is None
    assert Reference("Nghị quyết", "36-NQ/TW", None, 0.9) in found.references
