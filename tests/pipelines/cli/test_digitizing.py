"""The commands that digitize: ``run``, ``retry``, ``ocr`` and ``deskew``."""

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from pipelines.archive.catalog import Catalog
from pipelines.cli import main
from tests.conftest import born_digital_pdf, render_strip, save_pages
from tests.pipelines.cli.conftest import invoke


def test_failed_file_makes_run_exit_non_zero_naming_it(tmp_path: Path):
    bad = tmp_path / "scan.tif"
    bad.write_bytes(b"II*\x00garbage")
    result = CliRunner().invoke(main, ["run", str(bad), "--collection", "X", "--archive", str(tmp_path / "a")])
    assert result.exit_code == 1
    assert f"failed: {bad}: not a readable image" in result.output

    status = json.loads(invoke("status", "--json", "--archive", tmp_path / "a").output)
    [failed] = status["failed"]
    assert (failed["source_path"], status["documents"]["failed"]) == (str(bad), 1)
    assert failed["reason"].startswith("not a readable image")
    retried = invoke("retry", "--archive", tmp_path / "a")
    assert retried.exit_code == 1 and f"failed: {bad}: not a readable image" in retried.output


@pytest.mark.parametrize("command", ["run", "retry"])
def test_run_on_an_unreachable_scheduler_is_one_line_of_error(tmp_path: Path, command: str):
    pytest.importorskip("distributed")  # the dask extra
    scans = [str(tmp_path), "--collection", "X"] if command == "run" else []
    args = [command, *scans, "--archive", str(tmp_path / "a")]
    Catalog(tmp_path / "a" / "catalog.sqlite").close()  # retry runs in an archive that exists
    refused = CliRunner().invoke(main, [*args, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:1"])
    assert refused.exit_code == 1
    assert refused.output == "error: tcp://127.0.0.1:1: cannot reach the Dask scheduler: Connection refused\n"
    alone = CliRunner().invoke(main, [*args, "--scheduler", "tcp://127.0.0.1:1"])
    assert alone.exit_code == 2 and "give --executor dask with it" in alone.output


def test_ocr_prints_nfc_text(strip, tmp_path: Path):
    path = save_pages(tmp_path / "page.tif", [strip.image])
    result = invoke("ocr", path)
    assert result.exit_code == 0
    assert result.output == unicodedata.normalize("NFC", result.output)
    assert " ".join(result.output.split()) == " ".join(strip.text.split())


def test_ocr_of_a_wrong_file_is_one_readable_line(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["ocr", str(notes)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"error: {notes}: not a PDF or a PNG, JPEG, TIFF, BMP or WebP image"]


def test_deskew_json_reports_counter_clockwise_angle_and_writes_the_page(tmp_path: Path):
    path = tmp_path / "skewed.png"
    render_strip(skew=12.5).image.save(path)
    out = tmp_path / "straight.png"
    report = json.loads(invoke("deskew", path, "-o", out, "--json").output)
    assert report["skew_deg"] == pytest.approx(12.5, abs=0.1)
    assert report["orientation"] == 0 and report["confidence"] > 0.65
    assert json.loads(invoke("deskew", out, "--json").output)["skew_deg"] == pytest.approx(0.0, abs=0.1)


def test_deskew_tells_an_upside_down_page(tmp_path: Path):
    path = tmp_path / "upside-down.jpg"
    render_strip(skew=176.0).image.save(path)
    report = json.loads(invoke("deskew", path, "--json").output)
    assert (report["orientation"], round(report["skew_deg"])) == (180, -4)
    assert "on top of 180°" in invoke("deskew", path).output


@pytest.mark.parametrize(
    ("command", "options"),
    [(["run"], ["--psm", "--unify-tones", "--mode", "--pdfa"]), (["ocr"], ["--psm", "--unify-tones", "--mode"])],
)
def test_engine_options_are_offered(command: list[str], options: list[str]):
    output = invoke(*command, "--help").output
    assert all(option in output for option in options)
    assert "skip|redo|force" in output


def test_run_with_new_tone_marks_and_pdfa(tmp_path: Path):
    typed = born_digital_pdf(tmp_path / "typed.pdf", "Ủy ban nhân dân tỉnh Thanh Hoá\nVề công tác thuỷ lợi năm 2024")
    archive = tmp_path / "archive"
    ran = invoke("run", typed, "--collection", "Công văn", "--archive", archive, "--unify-tones", "--pdfa")
    assert ran.exit_code == 0, ran.output
    [pdf] = archive.rglob("document.pdf")
    reader = PdfReader(pdf)
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert "Thanh Hóa" in reader.pages[0].extract_text() and "thủy lợi" in reader.pages[0].extract_text()


def test_archive_comes_from_the_environment(tmp_path: Path, scans: Path, monkeypatch):
    monkeypatch.setenv("DIGITIZE_ARCHIVE", str(tmp_path / "env-archive"))
    assert invoke("run", scans / "sac-phong.jpg", "--collection", "X").exit_code == 0
    assert (tmp_path / "env-archive" / "catalog.sqlite").is_file()
