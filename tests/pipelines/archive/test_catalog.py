import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from digitize.errors import ArchiveError
from digitize.metadata.model import Field, Metadata
from digitize.provenance import StageRun
from pipelines.archive.catalog import (
    ArchivedFile,
    Baseline,
    Catalog,
    Collection,
    OutsideRecord,
    PageRow,
    Target,
    schema,
)
from tests.conftest import FixedClock


@pytest.fixture
def catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as opened:
        opened.collections.ensure("Sách cổ")
        yield opened


def page(doc_id: str, number: int, text: str = "văn bản") -> PageRow:
    return PageRow(doc_id, number, "ocr", text, 1.5, 91.0, ("deskew", "ocr-vie"))


def test_pages_stage_completes_with_the_last_page(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=2)
    catalog.pages.save(page("d1", 1), page_count=2)
    assert catalog.documents.stage_status("d1", "pages") == "running"
    assert catalog.pages.done_numbers("d1") == {1}
    catalog.pages.save(page("d1", 2), page_count=2)
    assert catalog.documents.stage_status("d1", "pages") == "done"
    assert [p.steps for p in catalog.pages.of_document("d1")] == [("deskew", "ocr-vie")] * 2


def test_a_page_goes_pending_running_done_counting_attempts_and_keeping_its_provenance(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=2)
    catalog.pages.plan("d1", 2)
    catalog.pages.start("d1", 1)
    catalog.pages.start("d1", 1)  # the first attempt's run was killed
    assert catalog.pages.status_counts() == {"pending": 1, "running": 1, "done": 0, "failed": 0}
    stages = (
        StageRun("preprocess", "digitize", "0.1.0", {}, 0.25),
        StageRun("ocr", "tesseract", "5.3.0", {"lang": "vie", "psm": 3}, 1.5),
    )
    catalog.pages.save(page("d1", 1), page_count=2, stages=stages)
    [state] = catalog.pages.states("done")
    assert (state.number, state.attempts, state.seconds, state.error) == (1, 2, 1.75, None)
    assert catalog.pages.provenance("d1", 1) == list(stages)


def test_a_failed_page_names_its_stage_and_reason_until_tried_again(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.pdf", "Sách cổ", page_count=1)
    catalog.pages.plan("d1", 1)
    catalog.pages.start("d1", 1)
    catalog.pages.fail("d1", 1, "ocr", "page 1: Tesseract failed", (StageRun("load", "pdfplumber", "0.11", {}, 0.1),))
    [failed] = catalog.pages.states("failed")
    assert (failed.source_path, failed.stage, failed.error, failed.attempts) == (
        "a.pdf",
        "ocr",
        "page 1: Tesseract failed",
        1,
    )
    assert [run.stage for run in catalog.pages.provenance("d1", 1)] == ["load"]
    catalog.pages.start("d1", 1)
    [again] = catalog.pages.states("running")
    assert (again.attempts, again.error) == (2, None)


def test_forgetting_a_document_removes_its_pages_and_status(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=1)
    catalog.pages.plan("d1", 1)
    catalog.pages.save(page("d1", 1), page_count=1)
    catalog.documents.fail("d1", "metadata", "broken")
    catalog.documents.forget("d1")
    assert (
        catalog.documents.get("d1") is None and catalog.pages.of_document("d1") == [] and catalog.pages.states() == []
    )


def test_finished_document_waits_for_the_index(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=1)
    catalog.documents.finish("d1", Metadata(title=Field("Sắc phong", 0.9), date=Field("1890", 0.6)))
    assert catalog.documents.by_sha("sha-1").status == "done"
    assert [d.id for d in catalog.documents.to_index()] == ["d1"]
    catalog.documents.set_stage("d1", "index", "done")
    assert catalog.documents.to_index() == []
    stored = catalog.documents.metadata("d1")
    assert (stored.title.value, stored.year, stored.type.value) == ("Sắc phong", 1890, None)


def test_failed_document_keeps_its_reason_and_can_be_retried(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "bad.pdf", "Sách cổ", page_count=3)
    catalog.documents.fail("d1", "pages", "page 2: cannot be decoded")
    failed = catalog.documents.get("d1")
    assert (failed.status, failed.error) == ("failed", "page 2: cannot be decoded")
    catalog.documents.register("d1", "sha-1", "bad.pdf", "Sách cổ", page_count=3)
    assert catalog.documents.get("d1").status == "pending"


def test_only_finished_documents_count_as_digitized(catalog: Catalog):
    for doc_id, pages in (("d1", 3), ("d2", 5), ("d3", 1), ("d4", 2)):
        catalog.documents.register(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "Sách cổ", page_count=pages)
    catalog.documents.finish("d1", Metadata())
    catalog.documents.finish("d2", Metadata())
    catalog.documents.fail("d3", "pages", "unreadable")
    assert [(d.id, d.pages) for d in catalog.progress.digitized_documents("Sách cổ")] == [("d1", 3), ("d2", 5)]
    assert catalog.progress.failed_count("Sách cổ") == 1


def test_page_stats_cover_the_pages_of_digitized_documents(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.pdf", "Sách cổ", page_count=3)
    catalog.pages.save(page("d1", 1), page_count=3)
    catalog.pages.save(PageRow("d1", 2, "ocr", "mờ", 0.0, 42.0, ("ocr-vie",)), page_count=3)
    catalog.pages.save(PageRow("d1", 3, "blank", "", 0.0, None, ("blank",)), page_count=3)
    assert catalog.progress.page_stats("Sách cổ", low_confidence=60).by_source == {}  # not finished yet
    catalog.documents.finish("d1", Metadata())
    assert catalog.progress.page_stats("Sách cổ", low_confidence=60).by_source == {}  # page 2 waits for review
    assert catalog.pages.accept("d1", 2) == 1
    stats = catalog.progress.page_stats("Sách cổ", low_confidence=60)
    assert stats.by_source == {"blank": 1, "ocr": 2}
    assert (stats.mean_confidence, stats.low_confidence) == (66.5, 1)


def test_saving_a_collection_twice_replaces_its_definition(catalog: Catalog):
    first = Collection(
        "Châu bản",
        100,
        (Target(50.0, date(2027, 6, 30)), Target(25.0, date(2025, 12, 31))),
        "Royal records",
        9000,
        Baseline(10, date(2024, 12, 9)),
    )
    assert catalog.collections.save(first) is True
    saved = catalog.collections.get("Châu bản")
    assert saved.targets == (Target(25.0, date(2025, 12, 31)), Target(50.0, date(2027, 6, 30)))  # by deadline
    assert (saved.description, saved.holdings_pages, saved.baseline) == ("Royal records", 9000, first.baseline)
    assert catalog.collections.save(Collection("Châu bản", 120, (Target(60.0, None),))) is False
    assert catalog.collections.get("Châu bản") == Collection("Châu bản", 120, (Target(60.0, None),))
    assert [c.name for c in catalog.collections.all()] == ["Châu bản", "Sách cổ"]


def test_records_snapshots_and_documents_are_dated_by_the_clock(tmp_path: Path):
    clock = FixedClock(date(2024, 12, 9))
    with Catalog(tmp_path / "catalog.sqlite", clock=clock) as catalog:
        catalog.collections.ensure("Sách cổ")
        catalog.collections.add_outside_record("Sách cổ", OutsideRecord(date(2024, 11, 30), 40, 900))
        catalog.documents.register("d1", "sha-1", "a.pdf", "Sách cổ", page_count=7)
        clock.set(date(2024, 12, 10))
        catalog.documents.finish("d1", Metadata())
        catalog.progress.save_snapshot("Sách cổ")
        assert catalog.collections.outside_records("Sách cổ") == [OutsideRecord(date(2024, 11, 30), 40, 900)]
        [document] = catalog.progress.digitized_documents("Sách cổ")
        [snapshot] = catalog.progress.snapshots("Sách cổ")
    assert document.since == snapshot.taken_at == clock.now
    assert (snapshot.items, snapshot.pages) == (1, 7)


def test_an_archive_from_the_first_release_opens_with_its_target(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE collections (name TEXT PRIMARY KEY, holdings INTEGER, target_pct REAL, target_date TEXT, "
            "created_at TEXT NOT NULL)"
        )
        db.execute("INSERT INTO collections VALUES ('Sắc phong', 8, 50.0, '2027-06-30', '2024-01-01T00:00:00+00:00')")
    for _ in range(2):  # the upgrade runs once: opening again changes nothing
        with Catalog(path) as catalog:
            assert catalog.collections.get("Sắc phong") == Collection(
                "Sắc phong", 8, (Target(50.0, date(2027, 6, 30)),)
            )


def test_a_file_that_is_not_a_catalog_is_refused(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    path.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(ArchiveError, match=r"damaged \(not a SQLite database\): restore catalog.sqlite"):
        Catalog(path)


def test_an_empty_catalog_file_is_refused_not_made_a_fresh_catalog(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    path.write_bytes(b"")
    with pytest.raises(ArchiveError, match=r"empty \(0 bytes\): restore catalog.sqlite from a backup"):
        Catalog(path)
    assert path.stat().st_size == 0


def test_archivists_values_are_kept_per_field_the_latest_winning(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "scans/a.tif", "Sách cổ", page_count=1)
    catalog.overrides.save("d1", {"number": "5/QĐ-UBND", "recipients": ["Như trên"]}, source="first.csv")
    catalog.overrides.save("d1", {"number": "6/QĐ-UBND"}, source="second.csv")
    assert catalog.overrides.values("d1") == {"number": "6/QĐ-UBND", "recipients": ["Như trên"]}
    assert catalog.overrides.values("d2") == {}


def test_documents_named_by_path_or_bare_file_name(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "scans/2023/qd_1287.pdf", "Sách cổ", page_count=1)
    catalog.documents.register("d2", "sha-2", "scans/qd%1287.pdf", "Sách cổ", page_count=1)
    assert [d.id for d in catalog.documents.named("qd_1287.pdf")] == ["d1"]
    assert [d.id for d in catalog.documents.named("scans/2023/qd_1287.pdf")] == ["d1"]
    assert catalog.documents.named("QD_1287.pdf") == [] and catalog.documents.named("1287.pdf") == []
    assert [d.id for d in catalog.documents.named("qd%1287.pdf")] == ["d2"]


def test_pages_done_before_page_status_was_kept_count_as_done_once(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with Catalog(path) as catalog:
        catalog.collections.ensure("Sách cổ")
        catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=1)
        catalog.pages.save(page("d1", 1), page_count=1)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM page_status")
        db.execute("PRAGMA user_version = 0")  # as the releases before schema versions left it
    for _ in range(2):
        with Catalog(path) as catalog:
            assert [(s.number, s.status, s.attempts) for s in catalog.pages.states()] == [(1, "done", 1)]


def test_file_checksums_are_kept_per_path_the_latest_winning(catalog: Catalog):
    catalog.documents.register("d1", "sha-1", "a.tif", "Sách cổ", page_count=1)
    catalog.documents.register("d2", "sha-2", "b.tif", "Sách cổ", page_count=1)
    catalog.documents.record_files("d1", {"documents/d1/page-0001.txt": "aa", "documents/d1/page-0001.jpg": "bb"})
    catalog.documents.record_files("d1", {"documents/d1/page-0001.txt": "cc"})  # the page written again
    catalog.documents.record_files("d2", {"documents/d2/metadata.json": "dd"})
    assert catalog.documents.files("d1") == [
        ArchivedFile("d1", "documents/d1/page-0001.jpg", "bb"),
        ArchivedFile("d1", "documents/d1/page-0001.txt", "cc"),
    ]
    assert [f.path for f in catalog.documents.files("d2")] == ["documents/d2/metadata.json"]
    catalog.documents.forget("d2")  # a failed scan replaced by a new one
    assert catalog.documents.files("d2") == [] and len(catalog.documents.files("d1")) == 2


def test_catalog_made_before_overrides_existed_still_opens(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE documents (id TEXT PRIMARY KEY, sha256 TEXT, source_path TEXT, collection TEXT,"
            " page_count INTEGER, status TEXT, error TEXT, title TEXT, metadata TEXT, created_at TEXT, updated_at TEXT)"
        )
    with Catalog(path) as catalog:
        assert catalog.overrides.values("d1") == {}


def test_a_new_catalog_is_at_the_last_schema_version_and_opening_it_again_takes_no_step(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    Catalog(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        db.execute("DELETE FROM targets")  # step 1 would not mind, but it must not run again
        db.execute("INSERT INTO collections (name, target_pct, created_at) VALUES ('X', 10, '2024-01-01')")
    with Catalog(path) as catalog:
        assert catalog.collections.get("X").targets == ()


def test_an_archive_of_the_release_before_schema_versions_upgrades_once(tmp_path: Path):
    """The catalog as the last release without versions made it: every table, no version, a target not moved yet."""
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        for statement in schema._TABLES.split(";"):
            db.execute(statement)
        for table, columns in schema._COLUMNS_ADDED_UNVERSIONED.items():
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            for column, kind in columns.items():
                if column not in present:
                    db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        db.execute("INSERT INTO collections (name, target_pct, created_at) VALUES ('Châu bản', 50, '2024-01-01')")
    for _ in range(2):
        with Catalog(path) as catalog:
            assert catalog.collections.get("Châu bản").targets == (Target(50.0, None),)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST


def test_a_catalog_from_a_newer_release_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    with pytest.raises(ArchiveError, match="made by a newer release"):
        Catalog(path)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


def test_a_catalog_at_version_1_takes_step_2_and_lists_documents_by_their_last_change(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    clock = FixedClock(date(2025, 3, 1))
    with Catalog(path, clock) as catalog:
        catalog.collections.ensure("Công báo")
        for doc_id in ("b", "a", "c", "p"):
            catalog.documents.register(doc_id, f"sha-{doc_id}", f"{doc_id}.pdf", "Công báo", 1)
            if doc_id != "p":  # p stays pending: not harvested
                catalog.documents.finish(doc_id, Metadata(title=Field("Công văn", 1.0)))
            clock.set(date(2025, 3, 2) if doc_id == "b" else date(2025, 3, 3))
    with sqlite3.connect(path) as db:
        db.execute("DROP INDEX documents_by_change")
        db.execute("PRAGMA user_version = 1")  # as the release before step 2 left it
    with Catalog(path) as catalog:
        changed = catalog.described.changed()
        assert [d.document.id for d in changed] == ["b", "a", "c"]  # by change, then id: a and c changed together
        assert changed[0].metadata.title.value == "Công văn" and changed[0].changed_at.date() == date(2025, 3, 1)
        after_b = catalog.described.changed(after=(changed[0].changed_at.isoformat(), "b"), limit=1)
        assert [d.document.id for d in after_b] == ["a"]
        assert catalog.described.count_changed(since=changed[1].changed_at.isoformat()) == 2
        assert catalog.described.get("p") is None and catalog.described.get("c") is not None
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 2
        plan = " ".join(
            row[-1]
            for row in db.execute(
                "EXPLAIN QUERY PLAN SELECT id FROM documents WHERE status = 'done' ORDER BY updated_at, id"
            )
        )
        assert "documents_by_change" in plan


def test_an_archive_from_before_header_evidence_opens_and_its_pages_have_none(tmp_path: Path):
    path = tmp_path / "catalog.sqlite"
    with Catalog(path) as catalog:
        catalog.collections.ensure("Lưu trữ")
        catalog.documents.register("d", "sha-d", "d.pdf", "Lưu trữ", 1)
        catalog.pages.save(PageRow("d", 1, "ocr", "Số: 12/QĐ-UBND", 0.0, 90.0, ("ocr-vie",)), page_count=1)
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE pages DROP COLUMN header_again")
        db.execute("ALTER TABLE pages DROP COLUMN handwritten")
        db.execute("PRAGMA user_version = 3")  # as the release before step 4 left it
    with Catalog(path) as catalog:
        [page] = catalog.pages.of_document("d")
        assert (page.text, page.header_again, page.handwritten) == ("Số: 12/QĐ-UBND", None, ())
        catalog.pages.save(replace(page, header_again="Số: 12/QĐ-UBND", handwritten=("day",)), page_count=1)
        [page] = catalog.pages.of_document("d")
        assert (page.header_again, page.handwritten) == ("Số: 12/QĐ-UBND", ("day",))
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 4
