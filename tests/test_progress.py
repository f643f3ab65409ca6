from pathlib import Path

from pipelines.catalog import Catalog, Collection
from pipelines.progress import CollectionProgress, collection_progress, format_table


def progress(holdings, digitized, target_pct=None) -> CollectionProgress:
    return CollectionProgress("Sách cổ", holdings, digitized, digitized * 10, 0, target_pct, "2027-12-31")


def test_percent_and_items_left_to_target():
    row = progress(holdings=400, digitized=100, target_pct=50)
    assert row.percent == 25.0
    assert row.left_to_target == 100


def test_target_met_leaves_nothing_to_do():
    assert progress(holdings=10, digitized=7, target_pct=50).left_to_target == 0


def test_unknown_or_zero_holdings_have_no_percent():
    assert progress(holdings=None, digitized=3).percent is None
    assert progress(holdings=0, digitized=0, target_pct=50).left_to_target is None


def test_progress_reads_the_catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.save_collection(Collection("Sách cổ", 4, 50.0, "2027-12-31"))
        catalog.register_document("d1", "sha", "a.tif", "Sách cổ", page_count=12)
        catalog.finish_document("d1", None, {})
        [row] = collection_progress(catalog)
    assert (row.digitized, row.pages, row.percent, row.left_to_target) == (1, 12, 25.0, 1)


def test_table_shows_target_and_what_is_left():
    table = format_table([progress(holdings=400, digitized=100, target_pct=50)])
    header, line = table.splitlines()
    assert header.split()[:3] == ["Collection", "Holdings", "Digitized"]
    assert "25.0%" in line and "50% by 2027-12-31 (100 to go)" in line


def test_table_without_collections_says_how_to_add_one():
    assert "digitize collection add" in format_table([])
