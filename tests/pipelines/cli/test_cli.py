"""The ``digitize`` command end to end, as an archivist, a researcher and a manager use it."""

import json
import re
import signal
import subprocess
import sys
import unicodedata
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from digitize.metadata.dublin_core import DC
from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.cli import main
from pipelines.demo.synthetic import LIGHT, TextBlock, render_blocks, scan
from tests.conftest import SAMPLE_TEXT, born_digital_pdf, render_strip, save_pages
from tests.digitize.metadata.test_extraction import DECISION
from tests.pipelines.batch.test_description import digitized
from tests.pipelines.batch.test_indexing import finished_document

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
    hits = json.loads(found.output)["hits"]
    assert [(Path(h["source_path"]).name, h["page"]) for h in hits] == [("sac-phong.jpg", 1)]
    assert "Phước Tích" in hits[0]["snippet"]

    text = invoke("search", "chuyen doi so", "--archive", archive)
    assert "1 hit for 'chuyen doi so'" in text.output and "page 1" in text.output

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


def test_a_manager_tracks_a_collection_through_the_cli(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    added = invoke(
        "collection", "add", "Sách cổ", "--holdings", "4820", "--pages", "250000", "--baseline", "25%",
        "--baseline-date", "2031-03-03", "--target", "50", "--by", "2032-06-30", "--target", "75", "--by", "2034-12-31",
        *archive,
    )  # fmt: skip
    assert added.output == (
        "added collection 'Sách cổ': 4,820 items (250,000 pages); baseline 1,205 on 2031-03-03; "
        "target 50% by 2032-06-30, 75% by 2034-12-31\n"
    )
    for day, items in (("2031-03-10", 10), ("2031-03-17", 20), ("2031-03-24", 15), ("2031-03-31", 15)):
        assert invoke("collection", "record", "Sách cổ", "--digitized", items, "--on", day, *archive).exit_code == 0

    data = json.loads(invoke("progress", "--json", "--as-of", "2031-03-31", *archive).output)
    [sach_co] = data["collections"]
    assert (data["as_of"], sach_co["digitized"], sach_co["percent"], sach_co["left_to_target"]) == (
        "2031-03-31",
        1265,
        26.24,
        1145,
    )
    assert sach_co["pace_per_week"] == {"last_4_weeks": 15.0, "since_start": 15.0, "note": None}
    assert sach_co["targets"][0] == {
        "pct": 50.0,
        "by": "2032-06-30",
        "items": 2410,
        "left": 1145,
        "required_pace_per_week": 17.54,
        "projected_date": "2032-09-16",
        "status": "behind",
        "short_by": 166,
        "summary": "behind by 166 items",
    }
    earlier = json.loads(invoke("progress", "--json", "--as-of", "2031-03-17", *archive).output)["collections"][0]
    assert earlier["digitized"] == 1235

    assert invoke("collection", "set", "Sách cổ", "--description", "Sách quý hiếm", *archive).exit_code == 0
    [listed] = json.loads(invoke("collection", "list", "--json", *archive).output)["collections"]
    assert (listed["description"], listed["baseline"]) == ("Sách quý hiếm", {"items": 1205, "date": "2031-03-03"})
    assert len(listed["outside_records"]) == 4

    page = tmp_path / "report.html"
    assert invoke("report", "--as-of", "2031-03-31", "-o", page, *archive).output == f"wrote {page}\n"
    assert "Sách quý hiếm" in page.read_text(encoding="utf-8")
    assert invoke("report", "--format", "csv", "--as-of", "2031-03-31", *archive).output.startswith("scope,")


def test_a_record_entered_by_mistake_is_removed(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    invoke("collection", "add", "Mộc bản", "--holdings", "100", *archive)
    for items in (60, 6):
        invoke("collection", "record", "Mộc bản", "--digitized", items, "--on", "2030-02-01", *archive)
    ambiguous = CliRunner().invoke(main, ["collection", "unrecord", "Mộc bản", "--on", "2030-02-01", "--archive",
                                          str(tmp_path / "archive")])  # fmt: skip
    assert (ambiguous.exit_code, ambiguous.output) == (
        1,
        "error: 'Mộc bản': 2 records on 2030-02-01 (60, 6 items): say which with --digitized N\n",
    )
    removed = invoke("collection", "unrecord", "Mộc bản", "--on", "2030-02-01", "--digitized", 60, *archive)
    assert removed.output == (
        "removed the record of 60 items digitized outside the tool on 2030-02-01 from 'Mộc bản': 6 digitized by then\n"
    )
    [row] = json.loads(invoke("progress", "--json", "--as-of", "2030-03-01", *archive).output)["collections"]
    assert row["digitized"] == 6


def test_more_digitized_than_held_is_one_line_of_error(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    invoke("collection", "add", "Mộc bản", "--holdings", "100", "--baseline", "90", "--baseline-date", "2030-01-01",
           *archive)  # fmt: skip
    result = CliRunner().invoke(
        main, ["collection", "record", "Mộc bản", "--digitized", "11", "--on", "2030-02-01", *map(str, archive)]
    )
    assert result.exit_code == 1
    assert result.output == "error: 'Mộc bản' would count 101 items digitized but holds 100: more digitized than held\n"


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


def test_an_index_from_an_earlier_version_asks_for_a_rebuild_then_works(tmp_path: Path):
    archive = tmp_path / "archive"
    (archive / "index").mkdir(parents=True)
    (archive / "index" / "_MAIN_1.toc").write_bytes(b"")  # left by the Whoosh index of earlier versions
    Catalog(archive.joinpath("catalog.sqlite")).close()  # beside the catalog of the archive it indexed
    result = CliRunner().invoke(main, ["search", "sach", "--archive", str(archive)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {archive / 'index'}: index made by an earlier version of digitize; run `digitize index rebuild`\n"
    )
    assert invoke("index", "rebuild", "--archive", archive).output.startswith("indexed 0 documents")
    assert invoke("search", "sach", "--archive", archive).output.startswith("0 hits")


def test_collections_come_from_the_librarys_catalog_export(tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text("id,title,collection,status\n1,Kiều,Sách cổ,Đã số hóa\n2,Lục Vân Tiên,Sách cổ,\n", "utf-8")
    imported = invoke("collection", "import", export, "--on", "2030-05-04", "--archive", tmp_path / "archive")
    assert imported.output == (
        "added collection 'Sách cổ': 2 items, 1 digitized on 2030-05-04 (statuses: Đã số hóa 1, (empty) 1)\n"
    )


def test_targets_and_deadlines_must_pair_up(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["collection", "add", "X", "--holdings", "5", "--target", "50", "--target", "60", "--by", "2030-01-01"]
    )
    assert result.exit_code == 2 and "give one --by per --target" in result.output


def test_archive_comes_from_the_environment(tmp_path: Path, scans: Path, monkeypatch):
    monkeypatch.setenv("DIGITIZE_ARCHIVE", str(tmp_path / "env-archive"))
    assert invoke("run", scans / "sac-phong.jpg", "--collection", "X").exit_code == 0
    assert (tmp_path / "env-archive" / "catalog.sqlite").is_file()


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


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "error: empty query\n"),
        ('"unclosed', "error: unclosed quote in '\"unclosed'\n"),
        ("type:", 'error: type: needs a value, e.g. type:"…"\n'),
        ("AND OR NOT", "error: nothing to search for in 'AND OR NOT': AND, OR and NOT join words\n"),
        ("((((", "error: unbalanced parentheses in '(((('\n"),
    ],
)
def test_malformed_search_is_an_error_not_a_traceback(tmp_path: Path, query: str, message: str):
    Catalog(tmp_path / "catalog.sqlite").close()
    result = CliRunner().invoke(main, ["search", query, "--archive", str(tmp_path)])
    assert result.exit_code == 1 and result.output == message


def test_a_researcher_rebuilds_the_index_then_filters_and_sorts(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    with Catalog(archive.catalog_path) as catalog:
        finished_document(catalog, "bc12", ["Báo cáo về hoà giải ở cơ sở"])
    assert invoke("index", "rebuild", "--archive", archive.root).output == (
        f"indexed 1 document into {archive.index_dir}\n"
    )
    found = json.loads(
        invoke("search", "hòa giải number:12/BC-UBND", "--from", 2021, "--archive", archive.root, "--json").output
    )
    [hit] = found["hits"]
    assert (hit["doc_id"], hit["type"], hit["date"], found["total"]) == ("bc12", "Báo cáo", "2021-03-05", 1)
    assert found["facets"]["year"] == [{"value": 2021, "count": 1}]
    assert invoke("search", "hoa giai", "--to", 2020, "--archive", archive.root, "--json").output.count('"doc_id"') == 0
    text = invoke("search", "hoa giai", "--fuzzy", "--sort", "date", "--archive", archive.root).output
    assert "Báo cáo · 12/BC-UBND · 2021-03-05 · SỞ NỘI VỤ" in text and "type: Báo cáo (1)" in text


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


def test_metadata_of_a_scanned_header_as_json(tmp_path: Path):
    left = TextBlock(("UBND TỈNH VĨNH LONG", "SỞ NỘI VỤ", "", "Số: 88/KH-SNV"), (0.0, 0.42), centered=True, font_pt=12)
    right = TextBlock(
        (
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "",
            "Vĩnh Long, ngày 05 tháng 9 năm 2024",
        ),
        (0.4, 1.0),
        centered=True,
        font_pt=12,
    )
    heading = TextBlock(("KẾ HOẠCH", "Chỉnh lý tài liệu tồn đọng năm 2024"), centered=True, font_pt=13, bold=True)
    page = render_blocks([[left, right], [heading]], page_mm=(210, 80), margins_mm=(10, 20, 5, 15)).image
    path = tmp_path / "header.png"
    scan(page, 0.6, LIGHT, seed=3).save(path)
    result = invoke("metadata", path, "--json")
    found = json.loads(result.output)
    assert (found["type"], found["number"], found["date"]) == ("Kế hoạch", "88/KH-SNV", "2024-09-05")
    assert (found["agency"], found["parent_agency"]) == ("SỞ NỘI VỤ", "UBND TỈNH VĨNH LONG")
    assert found["summary"] == "Chỉnh lý tài liệu tồn đọng năm 2024" and found["confidence"]["number"] >= 0.9


def test_metadata_of_a_text_file_as_text_and_as_dublin_core(tmp_path: Path):
    path = tmp_path / "qd-1287.txt"
    path.write_text(DECISION, encoding="utf-8")
    shown = invoke("metadata", "show", path)
    assert "number           1287/QĐ-UBND  [0.90]" in shown.output
    assert "cites            Nghị định 30/2020/NĐ-CP of 2020-03-05  [0.90]" in shown.output
    dublin_core = ET.fromstring(invoke("metadata", path, "--dc").output)
    assert dublin_core.find(f"{{{DC}}}date").text == "2023-06-14"
    both = CliRunner().invoke(main, ["metadata", str(path), "--json", "--dc"])
    assert both.exit_code == 2 and "--json and --dc are exclusive" in both.output


def test_metadata_of_a_file_that_is_not_utf8_is_one_readable_line(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes(b"Quy\xd5t \xae\xdenh")  # "Quyết định" in TCVN3, the pre-Unicode Vietnamese encoding
    result = CliRunner().invoke(main, ["metadata", str(path)])
    assert result.exit_code == 1 and result.output == f"error: {path}: not UTF-8 text\n"


def test_catalog_rows_imported_over_an_archive(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    with Catalog(archive.catalog_path) as catalog:
        digitized(catalog, "cds", SAMPLE_TEXT)
        write_description(catalog, archive, catalog.documents.get("cds"))
    rows = tmp_path / "rows.csv"
    rows.write_text("file,type,number,date\ncds.pdf,Báo cáo,12/BC-UBND,2022-10-10\nmissing.pdf,,,2022\n", "utf-8")
    result = CliRunner().invoke(main, ["metadata", "import", str(rows), "--archive", str(archive.root)])
    assert result.exit_code == 1
    assert "2 rows read: 1 documents re-described, 0 waiting for their pages, 1 rows not applied." in result.output
    assert f"not applied: {rows}: line 3: no document 'missing.pdf' in the archive" in result.output
    record = json.loads(archive.metadata_path("cds").read_text("utf-8"))
    assert (record["type"], record["number"], record["year"]) == ("Báo cáo", "12/BC-UBND", 2022)
    assert record["provenance"]["number"] == "catalog" and record["provenance"]["title"] == "extracted"


def test_serve_answers_on_localhost_until_interrupted(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    add_pages(archive.index_dir, [PageRecord("cds", 1, "Ngày Chuyển đổi số quốc gia")])
    Catalog(archive.catalog_path).close()
    command = [sys.executable, "-u", "-c", "from pipelines.cli import main; main()", "serve", "--port", "0"]
    server = subprocess.Popen([*command, "--archive", str(archive.root)], stdout=subprocess.PIPE, text=True)
    try:
        banner = server.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", banner).group(0)
        with urllib.request.urlopen(url + "api/search?q=chuyen+doi+so") as response:
            assert [hit["doc_id"] for hit in json.loads(response.read())["hits"]] == ["cds"]
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


def test_verify_then_export_a_bag_and_refuse_once_the_archive_is_damaged(digitized_archive: Archive, tmp_path: Path):
    root = str(digitized_archive.root)
    clean = CliRunner().invoke(main, ["verify", "--archive", root, "--json"])
    assert clean.exit_code == 0 and json.loads(clean.stdout)["files"] == 9
    exported = invoke("export", "bagit", "--collection", "Hán Nôm", tmp_path / "bag", "--archive", root)
    assert re.fullmatch(r"bagged 1 document: 10 files, [\d,]+ bytes in (.+)\n", exported.stdout)[1] == str(
        tmp_path / "bag"
    )

    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    text = digitized_archive.page_text_path(document.id, 1)
    text.write_bytes(b"X" + text.read_bytes()[1:])
    digitized_archive.page_alto_path(document.id, 1).unlink()
    damaged = CliRunner().invoke(main, ["verify", "--archive", root])
    assert damaged.exit_code == 1
    assert (
        "9 archived files of 1 documents checked: 1 changed, 1 missing, 0 with no recorded checksum" in damaged.stdout
    )
    assert f"  changed: documents/{document.id}/page-0001.txt\n" in damaged.stdout
    assert f"  missing: documents/{document.id}/page-0001.alto.xml\n" in damaged.stdout
    assert "1 sources checked: 0 moved or gone, 0 changed since they were digitized" in damaged.stdout
    refused = CliRunner().invoke(main, ["export", "bagit", "a.tif", str(tmp_path / "again"), "--archive", root])
    assert refused.exit_code == 1 and refused.stderr == (
        f"error: documents/{document.id}/page-0001.txt: changed since it was archived; "
        "2 problems in all (digitize verify lists them): nothing exported\n"
    )
    assert not (tmp_path / "again").exists()
