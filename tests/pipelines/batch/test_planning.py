from pathlib import Path

import pytest

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch


def test_a_scan_named_by_a_relative_path_is_stored_by_its_absolute_one(
    tmp_path: Path, strip, monkeypatch: pytest.MonkeyPatch
):
    (tmp_path / "scans").mkdir()
    strip.image.save(tmp_path / "scans" / "page.png")
    monkeypatch.chdir(tmp_path)
    archive = Archive(tmp_path / "archive")
    summary = run_batch([Path("scans/page.png")], "Địa chí", archive, QUIET)
    assert summary.documents == 1 and not summary.failures
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    assert document.source_path == str(tmp_path / "scans" / "page.png")  # found again from any folder
