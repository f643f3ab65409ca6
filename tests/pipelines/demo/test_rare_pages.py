from pathlib import Path

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.demo.rare_pages import RARE_COLLECTION, how_taken, make_rare_scans


def test_the_demo_rare_pages_say_how_they_were_taken(tmp_path: Path):
    folder = make_rare_scans(tmp_path / "scans-rare")
    assert sorted(p.name for p in folder.iterdir()) == ["anh-tu-lieu.jpg", "sac-phong.png"]
    archive = Archive(tmp_path / "archive")
    summary = run_batch([folder], RARE_COLLECTION, archive, QUIET)
    assert not summary.failures
    with Catalog(archive.catalog_path) as catalog:
        assert how_taken(catalog, folder) == [
            "  anh-tu-lieu.jpg page 1: no text, an illustration: no text, not blank, not for review",
            "  sac-phong.png page 1: Han, kept as an image for a specialist (not read with vie) [han-for-specialist]",
        ]
