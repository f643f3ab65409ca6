"""``digitize eval`` pairing truth files with predictions in a folder or an archive."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.cli import main
from tests.conftest import SAMPLE_TEXT


def invoke(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def truth(tmp_path: Path) -> Path:
    folder = tmp_path / "truth"
    write(folder, "decree.txt", "Quyết định số 505/QĐ-TTg\n\fNgày Chuyển đổi số quốc gia\n")
    write(folder, "letter.txt", "Kính gửi Sở Nội vụ")
    return folder


def test_eval_scores_each_page_of_a_prediction_folder_and_lists_what_is_missing(tmp_path: Path, truth: Path):
    pred = tmp_path / "pred"
    write(pred, "decree.txt", "Quyết định số 505/QĐ-TTg\n\fNgày Chuyển đổi sô quốc gia\n\fextra")

    result = invoke("eval", "--truth", truth, "--pred", pred, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    pages = {(p["document"], p["page"]): p for p in report["pages"]}
    assert pages["decree", 1]["cer"] == 0 and pages["decree", 1]["status"] == "compared"
    assert (pages["decree", 2]["char_errors"], pages["decree", 2]["folded_char_errors"]) == (1, 0)
    assert pages["decree", 3]["status"] == "extra" and pages["decree", 3]["char_errors"] == 5
    assert pages["letter", 1]["status"] == "missing" and pages["letter", 1]["cer"] == 1
    assert report["missing"] == [{"document": "letter", "page": 1}]
    total = report["total"]
    assert total["chars"] == 24 + 27 + 18 and total["char_errors"] == 1 + 5 + 18
    assert total["cer"] == pytest.approx(24 / 69)

    table = invoke("eval", "--truth", truth, "--pred", pred).output.splitlines()
    assert table[0].split()[:4] == ["document", "page", "chars", "CER"]
    assert table[2].split() == ["decree", "2", "27", "3.70%", "0.00%", "6", "16.67%", "16.67%"]
    assert table[-2].startswith("total") and "34.78%" in table[-2]
    assert table[-1] == "no prediction: letter page 1"


def test_eval_reads_the_pages_of_the_archived_document_named_like_the_truth(tmp_path: Path, strip):
    scans = tmp_path / "scans"
    scans.mkdir()
    strip.image.save(scans / "decree.png")
    archive = tmp_path / "archive"
    run_batch([scans], "Công văn", Archive(archive), QUIET)
    truth = tmp_path / "truth"
    write(truth, "decree.png.txt", SAMPLE_TEXT)

    report = json.loads(invoke("eval", "--truth", truth, "--archive", archive, "--json").output)
    [page] = report["pages"]
    assert (page["document"], page["page"], page["status"]) == ("decree.png", 1, "compared")
    assert page["cer"] < 0.05 and page["bag_wer"] < 0.1

    (truth / "decree.png.txt").rename(truth / "decree.txt")  # the stem names it too
    assert json.loads(invoke("eval", "--truth", truth, "--archive", archive, "--json").output)["missing"] == []


def test_eval_wants_one_source_of_predictions_and_readable_truth(tmp_path: Path, truth: Path):
    assert "give either --archive or --pred" in invoke("eval", "--truth", truth).output
    (truth / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    result = invoke("eval", "--truth", truth, "--pred", truth)
    assert result.exit_code == 1 and result.output.startswith(f"error: {truth / 'broken.txt'}: not UTF-8 text")


def test_a_stem_shared_by_two_archived_sources_must_be_named_with_its_suffix(tmp_path: Path):
    archive = tmp_path / "archive"
    with Catalog(Archive(archive).catalog_path) as catalog:
        catalog.collections.ensure("Công văn")
        for doc_id, source in (("a1", "scans/2023/decree.pdf"), ("b2", "scans/2024/decree.tif")):
            catalog.documents.register(doc_id, doc_id * 32, source, "Công văn", 1)
    truth = tmp_path / "truth"
    write(truth, "decree.txt", "Quyết định")
    result = invoke("eval", "--truth", truth, "--archive", archive)
    assert result.exit_code == 1 and "decree.txt: matches 2 documents" in result.output
    (truth / "decree.txt").rename(truth / "decree.tif.txt")
    assert "no prediction: decree.tif page 1" in invoke("eval", "--truth", truth, "--archive", archive).output
