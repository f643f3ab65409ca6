"""The ``review`` commands."""

import json
from pathlib import Path

from tests.conftest import save_pages
from tests.pipelines.cli.conftest import invoke


def test_review_lists_doubtful_pages_as_json(tmp_path: Path, strip):
    scans = save_pages(tmp_path / "scan.tif", [strip.image])
    archive = tmp_path / "archive"
    invoke("run", scans, "--collection", "Lưu trữ", "--archive", archive, "--jobs", 1)
    assert json.loads(invoke("review", "--archive", archive, "--json").output) == []
    [item] = json.loads(invoke("review", "--archive", archive, "--json", "--min-confidence", 100).output)
    assert item["page"] == 1 and item["reasons"][0].startswith("mean word confidence")
    assert item["syllable_share"] > 0.8
    assert invoke("review", "--archive", archive).output == "0 pages to review.\n"


def test_a_page_held_for_review_counts_once_accepted(tmp_path: Path, strip):
    scans = save_pages(tmp_path / "scan.tif", [strip.image])
    archive = ("--archive", tmp_path / "archive")
    invoke("run", scans, "--collection", "Lưu trữ", *archive, "--jobs", 1)
    assert invoke("collection", "set", "Lưu trữ", "--review-confidence", 100, *archive).output.endswith(
        "; review under 100 confidence or 80% syllables\n"
    )
    [waiting] = json.loads(invoke("progress", "--json", *archive).output)["collections"]
    assert (waiting["digitized"], waiting["waiting_for_review"]) == (0, 1)
    assert "waiting for review: 1 document, not counted" in invoke("progress", *archive).output
    assert invoke("review", *archive).output.startswith(f"{scans} page 1 (ocr): mean word confidence")

    accepted = invoke("review", "accept", "scan.tif", *archive).output
    assert accepted.startswith("accepted 1 page of ") and accepted.endswith("it counts as digitized in 'Lưu trữ'\n")
    [counted] = json.loads(invoke("progress", "--json", *archive).output)["collections"]
    assert (counted["digitized"], counted["waiting_for_review"]) == (1, 0)
    assert invoke("review", "list", *archive).output == "0 pages to review.\n"


def test_review_fields_lists_nothing_for_a_page_that_is_no_administrative_document(tmp_path: Path, strip):
    scans = save_pages(tmp_path / "scan.tif", [strip.image])
    archive = ("--archive", tmp_path / "archive")
    invoke("run", scans, "--collection", "Lưu trữ", *archive, "--jobs", 1)
    assert json.loads(invoke("review", "fields", "--json", *archive).output) == []
    assert invoke("review", "fields", *archive).output == "0 fields to type.\n"
