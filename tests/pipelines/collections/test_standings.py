"""The home page's line per collection: its progress toward its next target, in the reader's language."""

from datetime import date, timedelta
from pathlib import Path

from pipelines.archive.catalog import Catalog, Collection, OutsideRecord, Target
from pipelines.collections.standings import archive_standings
from tests.conftest import FixedClock

AS_OF = date(2026, 12, 7)


def test_each_collection_says_what_is_done_of_its_target_by_when_and_whether_it_will_be_met(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with Catalog(path, clock=FixedClock(AS_OF)) as catalog:
        catalog.collections.save(Collection("Sách cổ", 4820, (Target(50, date(2027, 6, 30)),)))
        for week in range(7, -1, -1):
            catalog.collections.add_outside_record("Sách cổ", OutsideRecord(AS_OF - timedelta(weeks=week), 30 + week))
        catalog.collections.save(Collection("Mộc bản", None))
        catalog.collections.add_outside_record("Mộc bản", OutsideRecord(AS_OF, 1234))
    read = archive_standings(path, today=lambda: AS_OF)

    books = read("vi")["Sách cổ"]
    # 30 to 37 items a week for eight weeks: 268 done, 2.142 to go in 29 weeks; at that pace, not by the deadline.
    assert books.text == "Đã số hóa: 268 trên 4.820 tài liệu (5,6%) · mục tiêu 50% trước 30/06/2027: chậm tiến độ"
    assert books.tone == "bad" and books.share == 268 / 2410
    assert read("vi")["Mộc bản"].text == "Đã số hóa 1.234 tài liệu" and read("vi")["Mộc bản"].share is None
    english = read("en")["Sách cổ"].text
    assert english == "Digitized: 268 of 4,820 items (5.6%) · target 50% by 2027-06-30: behind"
