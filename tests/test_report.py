from datetime import date, timedelta
from pathlib import Path

import pytest

from pipelines.catalog import Baseline, Catalog, Collection, OutsideRecord, Target
from pipelines.progress import ProgressReport, progress_report
from pipelines.report import format_table
from tests.conftest import FixedClock

AS_OF = date(2025, 1, 6)
HOSTILE = 'Châu bản <script>alert("x")</script> & co'


@pytest.fixture
def report(tmp_path: Path) -> ProgressReport:
    """The issue's collection four weeks after its baseline, beside one with no holdings and one with no activity."""
    with Catalog(tmp_path / "catalog.sqlite", clock=FixedClock(AS_OF)) as catalog:
        catalog.save_collection(
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
            catalog.add_outside_record("Sách cổ", OutsideRecord(AS_OF - timedelta(weeks=week), 15, pages=750))
        catalog.save_collection(Collection(HOSTILE, 0, description="<b>bold</b>"))
        catalog.save_collection(Collection("Mộc bản", 300, (Target(20, date(2024, 12, 31)),)))
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


def test_table_without_collections_says_how_to_add_one():
    empty = ProgressReport(AS_OF, [], None)
    assert "digitize collection add" in format_table(empty)
