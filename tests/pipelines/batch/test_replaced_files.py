"""A scan replaced while a run reads it is never stored under the first file's identity."""

import shutil
from pathlib import Path

import pytest
from PIL import Image

import pipelines.batch.run as batch_run
from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from tests.conftest import render_strip

OTHER_TEXT = "Thư viện tỉnh Quảng Trị số hóa tư liệu Hán Nôm quý hiếm."


def test_a_scan_replaced_between_planning_and_finishing_fails_and_is_read_whole_on_the_next_run(
    tmp_path: Path, strip, monkeypatch: pytest.MonkeyPatch
):
    scans = tmp_path / "scans"
    scans.mkdir()
    hot = scans / "hot.png"
    strip.image.save(hot)
    render_strip(OTHER_TEXT, skew=2.0, seed=3).image.save(tmp_path / "second.png")
    Image.new("L", (60, 40), 255).save(scans / "steady.png")
    planned = batch_run.plan

    def plan_then_replace(*args, **kwargs):  # the scanner writes its next scan over the file just planned
        result = planned(*args, **kwargs)
        shutil.copyfile(tmp_path / "second.png", hot)
        return result

    monkeypatch.setattr(batch_run, "plan", plan_then_replace)
    archive = Archive(tmp_path / "archive")
    summary = run_batch([scans], "Hán Nôm", archive, QUIET)
    assert summary.documents == 1  # the steady scan
    assert [(f.path, f.reason) for f in summary.failures] == [(str(hot), "changed while it was read; run again")]
    with Catalog(archive.catalog_path) as catalog:
        [changed] = catalog.documents.all("failed")
        assert catalog.pages.of_document(changed.id) == []  # the second file's pages are not kept as the first's
    assert not archive.document_dir(changed.id).exists()
    assert search(archive.index_dir, "quang tri").hits == []

    monkeypatch.setattr(batch_run, "plan", planned)
    summary = run_batch([scans], "Hán Nôm", archive, QUIET)
    assert (summary.documents, summary.failures) == (1, [])
    with Catalog(archive.catalog_path) as catalog:
        assert {(Path(d.source_path).name, d.status) for d in catalog.documents.all()} == {
            ("hot.png", "done"),
            ("steady.png", "done"),
        }
        [document] = [d for d in catalog.documents.all() if d.source_path == str(hot)]
    assert document.id != changed.id
    assert [hit.doc_id for hit in search(archive.index_dir, "quang tri").hits] == [document.id]
