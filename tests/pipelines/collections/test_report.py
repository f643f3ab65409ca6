import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from index.i18n import Message
from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord, Target
from pipelines.collections.progress import CollectionProgress, ProgressReport, assess, overall, progress_report
from pipelines.collections.report import format_table, render
from tests.conftest import FixedClock

AS_OF = date(2025, 1, 6)
HOSTILE = 'Châu bản <script>alert("x")</script> & co'


@pytest.fixture
def report(tmp_path: Path) -> ProgressReport:
    """The issue's collection four weeks after its baseline, beside one with no holdings and one with no activity."""
    with Catalog(tmp_path / "catalog.sqlite", clock=FixedClock(AS_OF)) as catalog:
        catalog.collections.save(
            Collection(
                "Sách cổ",
                4820,
                (Target(50, date(2025, 12, 31)), Target(75, date(2028, 12, 31))),
                "Sách quý hiếm",
                250_000,
                Baseline(1205, AS_OF - timedelta(weeks=4)),
            )
        )
        for week in range(3, -1, -1):
            catalog.collections.add_outside_record(
                "Sách cổ", OutsideRecord(AS_OF - timedelta(weeks=week), 15, pages=750)
            )
        catalog.collections.save(Collection(HOSTILE, 0, description="<b>bold</b>"))
        catalog.collections.save(Collection("Mộc bản", 300, (Target(20, date(2024, 12, 31)),)))
        return progress_report(catalog, AS_OF)


def test_table_shows_each_collection_its_next_target_and_all_together(report: ProgressReport):
    lines = format_table(report).splitlines()
    assert lines[0] == "Progress as of 2025-01-06"
    assert lines[1].split()[:3] == ["Collection", "Holdings", "Digitized"]
    sach_co = next(line for line in lines if line.startswith("Sách cổ"))
    assert "26.2%" in sach_co and "50% by 2025-12-31 (1,145 to go)" in sach_co and "behind by 376 items" in sach_co
    assert "deadline passed, 60 items short" in next(line for line in lines if line.startswith("Mộc bản"))
    assert next(line for line in lines if line.startswith("All collections")).split()[2:4] == ["5,120", "1,265"]
    assert "  Mộc bản: no activity yet: no pace to project from" in lines


def test_a_collection_past_its_targets_needs_no_note_about_its_pace():
    met = assess(Target(10, date(2024, 6, 30)), 50, 7, 0.0, AS_OF)
    row = CollectionProgress(
        "Gia phả", 50, 7, 0, targets=(met,), pace_note=Message("nothing digitized in the last 4 weeks")
    )
    assert "Notes:" not in format_table(ProgressReport(AS_OF, [row], overall([row])))


def test_table_without_collections_says_how_to_add_one():
    empty = ProgressReport(AS_OF, [], None)
    assert "digitize collection add" in format_table(empty)


def test_html_escapes_names_draws_charts_and_prints_on_a4(report: ProgressReport):
    page = render(report, "html", lang="en")
    assert "<script>" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co" in page
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert len(re.findall(r'<svg viewBox="0 0 720 270"', page)) == 1 and "<img" not in page
    assert "No chart: no holdings to measure against." in page and "No chart: no activity yet." in page
    assert "@page { size: A4;" in page and "@media print" in page
    # Four weeks of 15 items: every week's pace is 15, so the range closes on the day the 4-week pace gives.
    assert "behind by 376 items" in page and "likely reached on 2026-06-25" in page


def test_html_is_in_vietnamese_unless_english_is_asked_for(report: ProgressReport):
    page = render(report, "html")
    assert '<html lang="vi">' in page and "<h1>Tiến độ số hóa</h1>" in page
    assert "chậm 376 tài liệu" in page and "50% trước 31/12/2025" in page and "<th>Mục tiêu kế tiếp</th>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "tài liệu mỗi tuần trong 4 tuần qua" in page and "chưa có hoạt động: chưa có tốc độ để dự báo" in page
    english = render(report, "html", lang="en")
    assert "items a week over the last 4 weeks" in english and "no activity yet: no pace to project from" in english
    assert (
        '<html lang="en">' in english and "<h1>Digitization progress</h1>" in english and "50% by 2025-12-31" in english
    )


def test_markdown_has_a_summary_and_a_section_per_collection(report: ProgressReport):
    text = render(report, "md")
    assert text.startswith("# Digitization progress as of 2025-01-06\n")
    assert "| Sách cổ | 26.2% | 1,265 of 4,820 | 15.0 | 50% by 2025-12-31 (1,145 to go) |" in text
    assert "## Châu bản <script>" in text  # Markdown renderers escape HTML or not: that is theirs to decide
    assert "| 75% by 2028-12-31 | 3,615 | 2,350 |" in text


def test_csv_has_a_row_per_target_and_one_for_all_collections(report: ProgressReport):
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert [(r["collection"], r["target_pct"]) for r in rows] == [
        (HOSTILE, ""),
        ("Mộc bản", "20.0"),
        ("Sách cổ", "50.0"),
        ("Sách cổ", "75.0"),
        ("", ""),
    ]
    assert rows[2]["status"] == "behind" and rows[2]["required_pace"] == "22.33" and rows[2]["short_by"] == "376"
    assert rows[-1]["scope"] == "overall" and rows[-1]["digitized"] == "1265"


def test_json_is_the_progress_json_with_the_charts_data(report: ProgressReport):
    data = json.loads(render(report, "json"))
    sach_co = next(c for c in data["collections"] if c["name"] == "Sách cổ")
    assert sach_co["left_to_target"] == 1145 and sach_co["pace_per_week"]["last_4_weeks"] == 15.0
    assert sach_co["history"][0] == {"date": "2024-12-09", "digitized": 1205, "percent": 25.0}
    assert sach_co["history"][-1] == {"date": "2025-01-06", "digitized": 1265, "percent": 26.24}


def test_a_small_required_pace_is_not_shown_as_zero():
    target = assess(Target(50, AS_OF + timedelta(days=220)), 12, 5, None, AS_OF)  # 1 item in 31 weeks
    row = CollectionProgress("Tư liệu", 12, 5, 18, targets=(target,))
    text = render(ProgressReport(AS_OF, [row], overall([row])), "md")
    assert "| 50% by 2025-08-14 | 6 | 1 | <0.1 | — | no pace |" in text


def test_documents_waiting_for_review_are_shown_beside_the_figures():
    row = CollectionProgress("Gia phả", 50, 7, 70, failed=1, waiting_for_review=2)
    waiting = ProgressReport(AS_OF, [row], overall([row]))
    assert "Gia phả: waiting for review: 2 documents, not counted until accepted" in format_table(waiting)
    assert "- Waiting for review: 2 documents, not counted until accepted (`digitize review`)" in render(waiting, "md")
    assert "<dt>Waiting for review</dt><dd>2 documents" in render(waiting, "html", lang="en")
    assert "<dt>Chờ kiểm tra</dt><dd>2 tài liệu, chưa được tính cho đến khi được duyệt" in render(waiting, "html")
    assert next(csv.DictReader(io.StringIO(render(waiting, "csv"))))["waiting_for_review"] == "2"
    assert json.loads(render(waiting, "json"))["collections"][0]["waiting_for_review"] == 2


def test_a_name_that_would_break_out_of_an_attribute_stays_text(tmp_path: Path):
    name = '"><img src=x onerror=alert(1)>'
    with Catalog(tmp_path / "catalog.sqlite", clock=FixedClock(AS_OF)) as catalog:
        catalog.collections.save(Collection(name, 100, description=f"<script>alert(2)</script>{name}"))
        catalog.collections.add_outside_record(name, OutsideRecord(AS_OF - timedelta(weeks=2), 10))
        catalog.collections.add_outside_record(name, OutsideRecord(AS_OF, 20))
        page = render(progress_report(catalog, AS_OF), "html")
    assert "<img src=x" not in page and "<script>alert" not in page
    assert '-title">Tỉ lệ phần trăm lũy kế của &#34;&gt;&lt;img src=x onerror=alert(1)&gt; đã số hóa' in page
