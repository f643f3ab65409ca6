"""The ``digitize`` command end to end, as an archivist, a researcher and a manager use it; help; missing archives."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines.cli import main
from tests.pipelines.cli.conftest import PROGRESS_KEYS, invoke


def test_run_search_and_progress_through_the_cli(tmp_path: Path, scans: Path):
    archive = tmp_path / "archive"
    added = invoke(
        "collection",
        "add",
        "Sắc phong",
        "--holdings",
        "8",
        "--target",
        "50",
        "--by",
        "2027-06-30",
        "--archive",
        archive,
    )
    assert added.exit_code == 0, added.output

    ran = invoke("run", scans, "--collection", "Sắc phong", "--archive", archive, "--jobs", "2")
    assert ran.exit_code == 0, ran.output
    assert "2 documents and 2 pages digitized" in ran.output

    found = invoke("search", "sac phong phuoc tich", "--archive", archive, "--json")
    documents = json.loads(found.output)["documents"]
    assert [[p["page"] for p in d["pages"]] for d in documents] == [[1]]
    assert "source_path" not in documents[0] and "/" not in documents[0]["label"]  # a label, never a server's path
    assert "Phước Tích" in documents[0]["pages"][0]["snippet"]

    text = invoke("search", "chuyen doi so", "--archive", archive)
    assert "1 document (1 page) for 'chuyen doi so'" in text.output and "page 1: " in text.output

    [report] = json.loads(invoke("progress", "--archive", archive, "--json").output)["collections"]
    assert {key: report[key] for key in PROGRESS_KEYS} == {
        "name": "Sắc phong",
        "holdings": 8,
        "digitized": 2,
        "pages": 2,
        "failed": 0,
        "target_pct": 50.0,
        "target_date": "2027-06-30",
        "percent": 25.0,
        "left_to_target": 2,
    }
    assert report["quality"]["pages_by_source"] == {"ocr": 2}

    again = invoke("run", scans, "--collection", "Sắc phong", "--archive", archive)
    assert "0 documents and 0 pages digitized, 2 already in the archive" in again.output


READ_ONLY_COMMANDS = [
    ["status"],
    ["progress"],
    ["search", "sach"],
    ["report"],
    ["review"],
    ["review", "accept", "a.tif"],
    ["collection", "list"],
    ["retry"],
    ["index", "rebuild"],
    ["serve", "--port", "0"],
    ["verify"],
    ["export", "bagit", "a.tif", "bag"],
]


@pytest.mark.parametrize("command", READ_ONLY_COMMANDS, ids=" ".join)
def test_commands_that_read_refuse_an_archive_that_does_not_exist_and_make_none(tmp_path: Path, command: list[str]):
    mistyped = tmp_path / "archvie"
    result = CliRunner().invoke(main, [*command, "--archive", str(mistyped)])
    assert result.exit_code == 1
    assert result.output == f"error: {mistyped}: no archive here (no catalog.sqlite)\n"
    assert not mistyped.exists()


@pytest.mark.parametrize(
    ("content", "said"),
    [(b"", "the catalog is empty (0 bytes)"), (b"\x00garbage" * 500, "the catalog is damaged (not a SQLite database)")],
    ids=["empty", "damaged"],
)
@pytest.mark.parametrize("command", [*READ_ONLY_COMMANDS, ["run", "scans", "--collection", "Sắc phong"]], ids=" ".join)
def test_commands_refuse_an_empty_or_damaged_catalog_and_leave_it_alone(
    tmp_path: Path, command: list[str], content: bytes, said: str
):
    archive = tmp_path / "archive"
    archive.mkdir()
    (tmp_path / "scans").mkdir()
    catalog = archive / "catalog.sqlite"
    catalog.write_bytes(content)
    command = [str(tmp_path / part) if part == "scans" else part for part in command]
    result = CliRunner().invoke(main, [*command, "--archive", str(archive)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {catalog}: {said}: restore catalog.sqlite from a backup, or move it aside to start a new archive\n"
    )
    assert catalog.read_bytes() == content
    assert not (archive / "index").exists()


@pytest.mark.parametrize(
    "command",
    [
        *(
            [],
            ["run"],
            ["status"],
            ["retry"],
            ["review"],
            ["search"],
            ["index"],
            ["index", "rebuild"],
            ["serve"],
            ["ocr"],
            ["deskew"],
        ),
        *(["demo"], ["eval"], ["progress"], ["report"]),
        *(["collection"], ["collection", "add"], ["collection", "set"], ["collection", "list"]),
        *(["collection", "record"], ["collection", "unrecord"], ["collection", "import"]),
        *(["review", "list"], ["review", "accept"]),
        *(["metadata"], ["metadata", "show"], ["metadata", "import"]),
        *(["verify"], ["export"], ["export", "bagit"]),
    ],
)
def test_every_command_has_help_with_an_example(command: list[str]):
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Example:" in result.output
