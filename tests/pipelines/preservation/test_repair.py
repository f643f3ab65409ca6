"""Repair: files that verify finds damaged or missing are remade from their intact source and checked again."""

import json
import shutil
from pathlib import Path

from PIL import Image

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from tests.conftest import render_strip, save_pages
from tests.pipelines.cli.conftest import invoke
from tests.pipelines.preservation.test_fixity import only_document


def test_damaged_and_missing_files_are_remade_from_the_source_and_checked(digitized_archive: Archive):
    doc_id = only_document(digitized_archive)
    folder = digitized_archive.document_dir(doc_id)
    (folder / "page-0001.txt").write_text("bị sửa\n", encoding="utf-8")
    (folder / "page-0001.jpg").unlink()
    (folder / "document.pdf").write_bytes(b"%PDF-1.4 truncated")
    assert invoke("verify", "--archive", digitized_archive.root).exit_code == 1

    result = invoke("repair", "--archive", digitized_archive.root, "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        lines[0]
        == "3 files changed or missing in 1 finished documents: 3 remade from their sources and checked, 0 not repaired"
    )
    assert f"  repaired: documents/{doc_id}/page-0001.jpg" in lines

    verified = invoke("verify", "--archive", digitized_archive.root, "--json")
    assert verified.exit_code == 0, verified.output
    assert json.loads(verified.output)["intact"]
    assert "Chuyển đổi số" in (folder / "page-0001.txt").read_text(encoding="utf-8")
    found = invoke("search", "505/QĐ-TTg", "--archive", digitized_archive.root)
    assert found.output.startswith("1 document (1 page)")  # indexed again, once
    status = invoke("status", "--archive", digitized_archive.root)
    assert "documents: 0 pending, 1 done, 0 failed" in status.output


def test_a_sound_archive_needs_no_repair(digitized_archive: Archive):
    result = invoke("repair", "--archive", digitized_archive.root, "--jobs", "1")
    assert result.exit_code == 0
    assert result.output == "1 finished documents checked: no file changed or missing\n"


def test_files_whose_source_changed_or_is_gone_are_not_repaired_and_named(tmp_path: Path, strip):
    scans = tmp_path / "scans"
    scans.mkdir()
    save_pages(scans / "a.tif", [strip.image])
    save_pages(scans / "b.tif", [render_strip("Sắc phong thời Nguyễn.", seed=3).image])
    archive = Archive(tmp_path / "archive")
    run_batch([scans], "Hán Nôm", archive, QUIET)
    with Catalog(archive.catalog_path) as catalog:
        ids = {Path(d.source_path).name: d.id for d in catalog.documents.all()}
    for name in ("a.tif", "b.tif"):
        (archive.document_dir(ids[name]) / "page-0001.hocr").unlink()
    Image.new("L", strip.image.size, 255).save(scans / "a.tif")  # a new scan over the old one
    shutil.move(scans / "b.tif", tmp_path / "elsewhere.tif")

    result = invoke("repair", "--archive", archive.root, "--jobs", "1")
    assert result.exit_code == 1
    assert f"  not repaired: documents/{ids['a.tif']}/page-0001.hocr: its source {scans / 'a.tif'} changed" in (
        result.output
    )
    assert f"  not repaired: documents/{ids['b.tif']}/page-0001.hocr: its source {scans / 'b.tif'} is gone" in (
        result.output
    )
    assert invoke("verify", "--archive", archive.root).exit_code == 1  # still damaged, still said
