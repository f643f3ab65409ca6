"""What the command-line tests share: a folder of scans, and ``invoke`` to run a command as a user would."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines.cli import main
from tests.conftest import render_strip, save_pages

SECOND_TEXT = "Sắc phong thời Nguyễn được lưu giữ tại đình làng Phước Tích."
PROGRESS_KEYS = (
    "name",
    "holdings",
    "digitized",
    "pages",
    "failed",
    "target_pct",
    "target_date",
    "percent",
    "left_to_target",
)


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def scans(tmp_path: Path, strip) -> Path:
    folder = tmp_path / "scans"
    folder.mkdir()
    save_pages(folder / "cds.pdf", [strip.image])
    render_strip(SECOND_TEXT, skew=-11.0, seed=4).image.save(folder / "sac-phong.jpg", quality=70)
    return folder
