from datetime import date
from pathlib import Path

import pytest

from digitize.errors import ArchiveError
from pipelines.archive.catalog import Baseline, Catalog, Collection, OutsideRecord, Target
from pipelines.collections.definitions import (
    Share,
    define_collection,
    record_outside,
    remove_outside,
    update_collection,
)
from pipelines.collections.history import collection_history
from tests.conftest import FixedClock

DAY = date(2024, 12, 9)


@pytest.fixture
def catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite", clock=FixedClock(DAY)) as opened:
        yield opened


def test_a_share_is_a_count_or_a_percent_of_the_holdings():
    assert Share.parse("1205").items(4820) == 1205
    assert Share.parse("25%").items(4820) == 1205
    assert Share.parse(" 12.5 % ").items(99) == 12  # 12.375 rounds to the nearest item
    for bad in ("12.5", "abc", "-3", ""):
        with pytest.raises(ValueError, match="neither a number of items nor a percent"):
            Share.parse(bad)


def test_a_baseline_in_percent_needs_the_holdings(catalog: Catalog):
    with pytest.raises(ArchiveError, match="a baseline of 25% needs the holdings"):
        define_collection(catalog, Collection("Sách cổ", None), baseline=(Share.parse("25%"), DAY))


def test_define_resolves_a_percent_baseline(catalog: Catalog):
    assert define_collection(catalog, Collection("Sách cổ", 4820), baseline=(Share.parse("25%"), DAY)) is True
    assert catalog.collections.get("Sách cổ").baseline == Baseline(1205, DAY)


def test_update_keeps_what_it_does_not_change(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 4820, (Target(50, date(2025, 12, 31)),), "Sách quý"))
    updated = update_collection(catalog, "Sách cổ", {"holdings": 5000}, baseline=(Share.parse("20%"), DAY))
    assert updated == catalog.collections.get("Sách cổ")
    assert (updated.holdings, updated.baseline, updated.description) == (5000, Baseline(1000, DAY), "Sách quý")
    assert updated.targets == (Target(50, date(2025, 12, 31)),)


def test_an_unknown_collection_is_named_with_how_to_add_it(catalog: Catalog):
    with pytest.raises(ArchiveError, match="no collection 'Mộc bản': add it with `digitize collection add`"):
        update_collection(catalog, "Mộc bản", {"holdings": 3})


def test_a_record_adds_items_and_takes_a_snapshot(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 100))
    record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 1, 6), 60, pages=3100))
    assert catalog.collections.outside_records("Sách cổ") == [OutsideRecord(date(2025, 1, 6), 60, 3100)]
    assert len(catalog.progress.snapshots("Sách cổ")) == 1


def test_more_digitized_than_held_is_refused(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 100, baseline=Baseline(70, DAY)))
    record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 1, 6), 20))
    refusal = "'Sách cổ' would count 110 items digitized but holds 100: more digitized than held"
    with pytest.raises(ArchiveError, match=refusal):
        record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 2, 3), 20))
    with pytest.raises(ArchiveError, match="would count 90 items digitized but holds 80"):
        update_collection(catalog, "Sách cổ", {"holdings": 80})
    with pytest.raises(ArchiveError, match="would count 140 items digitized but holds 100"):
        update_collection(catalog, "Sách cổ", {}, baseline=(Share.parse("120"), DAY))
    assert catalog.collections.get("Sách cổ").holdings == 100
    assert len(catalog.collections.outside_records("Sách cổ")) == 1


def test_a_record_not_after_the_baseline_is_refused(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 100, baseline=Baseline(25, DAY)))
    with pytest.raises(ArchiveError, match="2024-12-09 is not after the baseline of 2024-12-09"):
        record_outside(catalog, "Sách cổ", OutsideRecord(DAY, 5))


def test_a_record_entered_by_mistake_is_removed_from_every_day(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 100, baseline=Baseline(25, DAY)))
    for record in (OutsideRecord(date(2025, 1, 6), 20), OutsideRecord(date(2025, 1, 6), 20, pages=900)):
        record_outside(catalog, "Sách cổ", record)
    record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 1, 13), 5))
    assert remove_outside(catalog, "Sách cổ", date(2025, 1, 6)) == OutsideRecord(date(2025, 1, 6), 20, 900)
    history = collection_history(catalog, catalog.collections.get("Sách cổ"))
    assert [history.items_on(day) for day in (DAY, date(2025, 1, 6), date(2025, 1, 13))] == [25, 45, 50]
    assert history.pages_on(date(2025, 1, 13)) == 0


def test_removing_a_record_must_name_one(catalog: Catalog):
    define_collection(catalog, Collection("Sách cổ", 100))
    record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 1, 6), 60))
    record_outside(catalog, "Sách cổ", OutsideRecord(date(2025, 1, 6), 40))
    with pytest.raises(ArchiveError, match=r"2 records on 2025-01-06 \(60, 40 items\): say which with --digitized N"):
        remove_outside(catalog, "Sách cổ", date(2025, 1, 6))
    with pytest.raises(ArchiveError, match="no record of 50 items on 2025-01-06"):
        remove_outside(catalog, "Sách cổ", date(2025, 1, 6), items=50)
    remove_outside(catalog, "Sách cổ", date(2025, 1, 6), items=60)
    assert catalog.collections.outside_records("Sách cổ") == [OutsideRecord(date(2025, 1, 6), 40)]
