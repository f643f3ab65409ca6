"""Progress of collections on a fixed clock, over simulated histories built in a real catalog."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord, PageRow, Target
from pipelines.archive.catalog.counting import ReviewPolicy
from pipelines.collections.definitions import update_collection
from pipelines.collections.history import History, collection_history
from pipelines.collections.progress import (
    BEHIND,
    DEADLINE_PASSED,
    MET,
    NO_DEADLINE,
    NO_HOLDINGS,
    NO_PACE,
    ON_TRACK,
    assess,
    progress_report,
)
from pipelines.review.pages import accept
from tests.conftest import FixedClock

BASELINE_DAY = date(2024, 12, 9)
DEADLINE = date(2025, 12, 31)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(BASELINE_DAY)


@pytest.fixture
def catalog(tmp_path: Path, clock: FixedClock):
    with Catalog(tmp_path / "catalog.sqlite", clock=clock) as opened:
        yield opened


def digitize(catalog: Catalog, clock: FixedClock, day: date, count: int, collection: str = "Sách cổ") -> None:
    """``count`` one-page documents finished by the pipeline on ``day``."""
    clock.set(day)
    for _ in range(count):
        doc_id = f"{collection}-{len(catalog.documents.all())}"
        catalog.documents.register(doc_id, doc_id, f"{doc_id}.pdf", collection, page_count=10)
        catalog.documents.finish(doc_id, Metadata())


def the_issue_example(catalog: Catalog, clock: FixedClock) -> None:
    """4,820 items, 1,145 digitized on 11 November 2024, then 15 a week through the pipeline (3 each weekday)."""
    start = BASELINE_DAY - timedelta(weeks=4)
    catalog.collections.save(Collection("Sách cổ", 4820, (Target(50, DEADLINE),), baseline=Baseline(1145, start)))
    for day in (start + timedelta(days=n) for n in range(1, 29)):
        if day.weekday() < 5:
            digitize(catalog, clock, day, 3)


def test_the_issue_example_is_behind(catalog: Catalog, clock: FixedClock):
    the_issue_example(catalog, clock)
    [row] = progress_report(catalog, as_of=BASELINE_DAY).collections
    assert (row.digitized, row.percent, row.left_to_target) == (1205, 25.0, 1205)
    assert row.pace_recent == pytest.approx(15.0)
    [target] = row.targets
    assert round(target.required_pace, 1) == 21.8
    assert target.projected == date(2026, 6, 25)  # late June 2026
    assert (target.status, target.short_by, target.summary) == (BEHIND, 376, "behind by 376 items")
    assert row.pages == 600  # the pipeline's pages; the baseline counts items only


def test_a_faster_pace_puts_the_target_on_track(catalog: Catalog, clock: FixedClock):
    the_issue_example(catalog, clock)
    catalog.collections.add_outside_record("Sách cổ", OutsideRecord(BASELINE_DAY + timedelta(days=1), 80))
    row = progress_report(catalog, as_of=BASELINE_DAY + timedelta(days=1)).collections[0]
    assert row.status == ON_TRACK and row.next_target.projected < DEADLINE


def test_recent_pace_and_pace_since_the_start_differ_when_work_slows(catalog: Catalog, clock: FixedClock):
    the_issue_example(catalog, clock)
    as_of = BASELINE_DAY + timedelta(weeks=2)  # two idle weeks
    row = progress_report(catalog, as_of=as_of).collections[0]
    assert row.pace_recent == pytest.approx(30 / 4)
    assert row.pace_since_start == pytest.approx(60 / 6)


def test_history_is_backfilled_from_the_documents_timestamps(catalog: Catalog, clock: FixedClock):
    catalog.collections.ensure("Sách cổ")
    digitize(catalog, clock, date(2024, 3, 4), 2)
    digitize(catalog, clock, date(2024, 3, 6), 1)
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert history.start == date(2024, 3, 4)
    assert history.curve(until=date(2024, 3, 10)) == [
        (date(2024, 3, 4), 2),
        (date(2024, 3, 6), 3),
        (date(2024, 3, 10), 3),
    ]


def test_snapshots_keep_the_history_the_documents_no_longer_show(catalog: Catalog, clock: FixedClock):
    catalog.collections.ensure("Sách cổ")
    digitize(catalog, clock, date(2024, 3, 4), 2)
    catalog.progress.save_snapshot("Sách cổ")  # a run ends
    clock.set(date(2024, 3, 11))  # the next run takes one document back to redo it
    catalog.documents.register("Sách cổ-1", "Sách cổ-1", "Sách cổ-1.pdf", "Sách cổ", page_count=10)
    catalog.progress.save_snapshot("Sách cổ")
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert [history.items_on(date(2024, 3, day)) for day in (3, 4, 8, 11)] == [0, 2, 2, 1]


def test_documents_finished_after_the_last_snapshot_count(catalog: Catalog, clock: FixedClock):
    catalog.collections.ensure("Sách cổ")
    digitize(catalog, clock, date(2024, 3, 4), 2)
    catalog.progress.save_snapshot("Sách cổ")
    digitize(catalog, clock, date(2024, 3, 5), 1)  # a run killed before its snapshot
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert (history.items_on(date(2024, 3, 4)), history.items_on(date(2024, 3, 5))) == (2, 3)


def test_a_baseline_stands_for_everything_digitized_by_its_day():
    history = History(
        baseline=Baseline(100, date(2024, 6, 1)),
        records=(OutsideRecord(date(2024, 5, 1), 30), OutsideRecord(date(2024, 6, 15), 12, pages=400)),
    )
    assert [history.items_on(date(2024, m, d)) for m, d in ((5, 1), (6, 1), (6, 15))] == [30, 100, 112]
    assert history.start == date(2024, 6, 1)
    assert history.pages_on(date(2024, 6, 15)) == 400


def test_a_record_dated_back_adds_to_the_days_after_it(catalog: Catalog, clock: FixedClock):
    catalog.collections.ensure("Sách cổ")
    digitize(catalog, clock, date(2024, 3, 4), 2)
    catalog.progress.save_snapshot("Sách cổ")
    catalog.collections.add_outside_record("Sách cổ", OutsideRecord(date(2024, 3, 1), 5))
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert [history.items_on(date(2024, 3, day)) for day in (1, 4)] == [5, 7]


def test_no_activity_yet_has_no_pace_to_project_from(catalog: Catalog):
    catalog.collections.save(Collection("Mộc bản", 300, (Target(30, DEADLINE),)))
    [row] = progress_report(catalog, as_of=BASELINE_DAY).collections
    assert (row.digitized, row.pace_recent, row.pace_since_start) == (0, None, None)
    assert str(row.pace_note) == "no activity yet: no pace to project from"
    [target] = row.targets
    assert (target.status, target.left, target.projected) == (NO_PACE, 90, None)


def test_a_baseline_set_today_gives_no_pace_yet(catalog: Catalog):
    catalog.collections.save(
        Collection("Sách cổ", 4820, (Target(50, DEADLINE),), baseline=Baseline(1205, BASELINE_DAY))
    )
    [row] = progress_report(catalog, as_of=BASELINE_DAY).collections
    assert row.pace_recent is None and "no pace to project from yet" in str(row.pace_note)
    assert round(row.next_target.required_pace, 1) == 21.8


def test_a_stalled_collection_is_behind_by_everything_left():
    history = History(baseline=Baseline(10, date(2024, 1, 1)))
    pace = history.pace(date(2024, 5, 4), date(2024, 6, 1))
    assert pace == 0
    target = assess(Target(50, DEADLINE), 100, 10, pace, date(2024, 6, 1))
    assert (target.status, target.short_by, target.projected) == (BEHIND, 40, None)


def test_a_target_already_met_needs_nothing_more():
    target = assess(Target(50, DEADLINE), 10, 7, None, BASELINE_DAY)
    assert (target.status, target.left, target.required_pace, target.projected) == (MET, 0, 0.0, None)


def test_a_passed_deadline_says_how_many_items_are_missing():
    target = assess(Target(50, date(2024, 12, 1)), 400, 150, 5.0, BASELINE_DAY)
    assert (target.status, target.short_by, target.required_pace) == (DEADLINE_PASSED, 50, None)
    assert target.summary == "deadline passed, 50 items short"
    assert target.projected == BASELINE_DAY + timedelta(weeks=10)


def test_on_the_deadline_day_the_whole_rest_is_due_that_day():
    target = assess(Target(50, BASELINE_DAY), 400, 190, 7.0, BASELINE_DAY)
    assert target.required_pace == 70.0 and target.status == BEHIND


def test_zero_or_unknown_holdings_have_no_percent_and_say_so(catalog: Catalog):
    catalog.collections.save(Collection("Mộc bản", 0, (Target(50, DEADLINE),)))
    catalog.collections.ensure("Hán Nôm")
    rows = {row.name: row for row in progress_report(catalog, as_of=BASELINE_DAY).collections}
    assert rows["Mộc bản"].percent is None and rows["Mộc bản"].status == NO_HOLDINGS
    assert [str(warning) for warning in rows["Mộc bản"].warnings] == [
        'holdings are 0: set them with `digitize collection set "Mộc bản" --holdings N`'
    ]
    assert str(rows["Hán Nôm"].warnings[0]).startswith("holdings unknown")


def test_more_digitized_than_held_is_reported_not_hidden(catalog: Catalog, clock: FixedClock):
    catalog.collections.save(Collection("Sắc phong", 2))
    digitize(catalog, clock, BASELINE_DAY, 3, collection="Sắc phong")
    [row] = progress_report(catalog, as_of=BASELINE_DAY).collections
    assert row.percent == 150.0
    assert [str(warning) for warning in row.warnings] == ["3 items digitized but 2 held: check the holdings"]


def read_doubtfully(catalog: Catalog, clock: FixedClock, day: date) -> None:
    """A one-page document finished on ``day`` whose page Tesseract was unsure of: it waits for review."""
    clock.set(day)
    catalog.documents.register("mờ", "mờ", "mờ.pdf", "Sách cổ", page_count=1)
    catalog.pages.save(PageRow("mờ", 1, "ocr", "mờ nhạt", 0.0, 41.0, ("ocr-vie",), syllable_share=1.0), page_count=1)
    catalog.documents.finish("mờ", Metadata())


def test_a_document_waiting_for_review_counts_from_the_day_it_is_accepted(catalog: Catalog, clock: FixedClock):
    catalog.collections.save(Collection("Sách cổ", 100))
    read_doubtfully(catalog, clock, date(2024, 3, 4))
    digitize(catalog, clock, date(2024, 3, 4), 2)
    catalog.progress.save_snapshot("Sách cổ")  # the run ends
    clock.set(date(2024, 3, 14))
    accept(catalog, "mờ.pdf")
    rows = {day: progress_report(catalog, as_of=date(2024, 3, day)).collections[0] for day in (13, 14)}
    assert [(row.digitized, row.pages, row.waiting_for_review) for row in rows.values()] == [(2, 20, 1), (3, 21, 0)]
    assert rows[13].to_dict()["waiting_for_review"] == 1
    assert rows[14].history == ((date(2024, 3, 4), 2), (date(2024, 3, 14), 3))


def test_counting_unreviewed_documents_counts_them_from_the_day_of_the_change(catalog: Catalog, clock: FixedClock):
    catalog.collections.save(Collection("Sách cổ", 100))
    read_doubtfully(catalog, clock, date(2024, 3, 4))
    catalog.progress.save_snapshot("Sách cổ")
    clock.set(date(2024, 3, 8))
    update_collection(catalog, "Sách cổ", {"review": ReviewPolicy(hold=False)})
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert [history.items_on(date(2024, 3, day)) for day in (4, 7, 8)] == [0, 0, 1]


def test_the_next_target_is_the_first_one_not_met(catalog: Catalog, clock: FixedClock):
    targets = (Target(10, date(2024, 6, 30)), Target(50, DEADLINE), Target(80, None))
    catalog.collections.save(Collection("Sách cổ", 100, targets))
    digitize(catalog, clock, date(2024, 6, 1), 12)
    row = progress_report(catalog, as_of=BASELINE_DAY).collections[0]
    assert [t.status for t in row.targets] == [MET, BEHIND, NO_DEADLINE]
    assert row.to_dict()["target_pct"] == 50 and row.to_dict()["target_date"] == "2025-12-31"
    assert row.left_to_target == 38


def test_overall_adds_up_collections_with_known_holdings(catalog: Catalog, clock: FixedClock):
    the_issue_example(catalog, clock)
    catalog.collections.save(Collection("Mộc bản", 180, (Target(50, DEADLINE),)))
    catalog.collections.ensure("Hán Nôm")
    digitize(catalog, clock, BASELINE_DAY, 20, collection="Mộc bản")
    digitize(catalog, clock, BASELINE_DAY, 4, collection="Hán Nôm")
    total = progress_report(catalog, as_of=BASELINE_DAY).overall
    assert (total.holdings, total.digitized, total.percent) == (5000, 1229, 24.5)
    assert total.left_to_targets == 1205 + 70
    assert total.statuses == {BEHIND: 1, NO_PACE: 1, "no target": 1}
