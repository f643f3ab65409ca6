"""The researcher's commands: ``search``, ``index`` and ``serve``."""

import json
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.layout_pages import close_header_page
from digitize.errors import IndexMissingError
from index.backend import page_index
from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.cli import main
from tests.pipelines.batch.test_indexing import finished_document
from tests.pipelines.cli.conftest import invoke


def test_an_index_from_an_earlier_version_asks_for_a_rebuild_then_works(tmp_path: Path):
    archive = tmp_path / "archive"
    (archive / "index").mkdir(parents=True)
    (archive / "index" / "_MAIN_1.toc").write_bytes(b"")  # left by the Whoosh index of earlier versions
    Catalog(archive.joinpath("catalog.sqlite")).close()  # beside the catalog of the archive it indexed
    result = CliRunner().invoke(main, ["search", "sach", "--archive", str(archive)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {archive / 'index'}: index made by an earlier version of digitize; run: digitize index rebuild\n"
    )
    assert invoke("index", "rebuild", "--archive", archive).output.startswith("indexed 0 documents")
    assert invoke("search", "sach", "--archive", archive).output.startswith("0 documents (0 pages)")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "error: empty query\n"),
        ('"unclosed', "error: unclosed quote in '\"unclosed'\n"),
        ("type:", 'error: type: needs a value, e.g. type:"…"\n'),
        ("AND OR NOT", "error: nothing to search for in 'AND OR NOT': AND, OR and NOT join words\n"),
        ("((((", "error: unbalanced parentheses in '(((('\n"),
        ("date:2020-13-45", "error: date:2020-13-45 has no month 13: months are 01 to 12\n"),
        ("date:2021-02-29", "error: date:2021-02-29 has no day 29: 2021-02 has 28\n"),
        ("year:2025..2019", "error: year:2025..2019 ends before it starts: write year:2019..2025\n"),
        ("date:2020..2019-06", "error: date:2020..2019-06 ends before it starts: give the earlier date first\n"),
        (
            "(" * 500 + "sách" + ")" * 500,
            "error: the query nests more than 32 levels of parentheses or operators: write it flatter\n",
        ),
        (
            "NOT " * 500 + "sách",
            "error: the query nests more than 32 levels of parentheses or operators: write it flatter\n",
        ),
        ("s\udcffach", "error: the query is not UTF-8 text: byte b'\\xff' at character 2\n"),
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
    [document] = found["documents"]
    assert (document["doc_id"], document["type"], document["date"]) == ("bc12", "Báo cáo", "2021-03-05")
    assert (found["total_documents"], found["total_pages"], document["pages"][0]["page"]) == (1, 1, 1)
    assert found["facets"]["year"] == [{"value": 2021, "count": 1}]
    assert invoke("search", "hoa giai", "--to", 2020, "--archive", archive.root, "--json").output.count('"doc_id"') == 0
    text = invoke("search", "hoa giai", "--fuzzy", "--sort", "date", "--archive", archive.root).output
    assert "Báo cáo · 12/BC-UBND · 2021-03-05 · SỞ NỘI VỤ" in text and "type: Báo cáo (1)" in text


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
            assert [found["doc_id"] for found in json.loads(response.read())["documents"]] == ["cds"]
    finally:
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0


def test_serve_refuses_an_archive_whose_index_is_lost_and_makes_none(digitized_archive: Archive):
    shutil.rmtree(digitized_archive.index_dir)
    result = invoke("serve", "--port", "0", "--archive", digitized_archive.root)
    assert result.exit_code == 1
    assert result.output == f"error: {digitized_archive.index_dir}: no search index: run: digitize index rebuild\n"
    assert not digitized_archive.index_dir.exists()


def test_serve_on_a_port_in_use_is_one_line(digitized_archive: Archive):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("serve", "--port", port, "--archive", digitized_archive.root)
    assert result.exit_code == 1
    assert result.output.startswith(f"error: 127.0.0.1:{port}: cannot listen there (")


def test_search_of_an_index_deleted_after_serving_still_says_no_search_index(digitized_archive: Archive):
    page_index(digitized_archive.index_dir).search_documents("chuyen")  # a server had it open
    shutil.rmtree(digitized_archive.index_dir)
    with pytest.raises(IndexMissingError):
        page_index(digitized_archive.index_dir).read_page("x", 1)
    result = invoke("search", "chuyen", "--archive", digitized_archive.root)
    assert result.exit_code == 1
    assert "no search index" in result.output
    assert not digitized_archive.index_dir.exists()


@pytest.mark.parametrize("query", ["foo:bar", "ch*"])
def test_a_query_that_could_only_find_nothing_is_an_error(digitized_archive: Archive, query: str):
    result = invoke("search", query, "--archive", digitized_archive.root)
    assert result.exit_code == 1 and result.output.startswith("error: ")


@pytest.mark.parametrize("option", [["--limit", "100000000000000000000"], ["--offset", "100000000000000000000"]])
def test_a_page_of_results_past_any_reader_is_refused_in_one_line(digitized_archive: Archive, option: list[str]):
    result = CliRunner().invoke(main, ["search", "chuyen", *option, "--archive", str(digitized_archive.root)])
    assert result.exit_code == 2 and "is not in the range" in result.output


def test_a_number_in_a_header_whose_columns_nearly_touch_comes_out_whole_and_is_found(tmp_path: Path):
    """Both engines read the number's line and the date's beside it as one line (``Số: 2046/SNV-VTLTLào Cai,``)
    unless the header is cut at its column gap before it is read."""
    page = close_header_page(1, Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"), seed=5)
    (tmp_path / "scans").mkdir()
    page.image.save(tmp_path / "scans" / "cong-van.png", dpi=(300, 300))
    archive = tmp_path / "archive"
    invoke("run", tmp_path / "scans", "--collection", "Công văn", "--archive", archive)
    found = json.loads(invoke("search", f"number:{page.number}", "--archive", archive, "--json").output)
    [document] = found["documents"]
    assert document["number"] == page.number


def test_search_says_when_results_are_approximate_and_suggests_the_archives_words(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    add_pages(archive.index_dir, [PageRecord("kh", 1, "Kế hoạch phát triến nông nghiệp vùng núi")])
    Catalog(archive.catalog_path).close()
    text = invoke("search", "phát triển nông nghiệp vùng núl", "--archive", archive.root).output
    assert "Kết quả gần đúng" in text and "Có phải bạn muốn tìm: 'phát triến nông nghiệp vùng núi'?" in text
    found = json.loads(invoke("search", "phat trien nong nghiep", "--json", "--archive", archive.root).output)
    assert (found["approximate"], found["suggestion"], found["total_documents"]) == (False, None, 1)


def test_search_says_its_counts_are_estimates_when_documents_were_sampled(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    add_pages(archive.index_dir, [PageRecord(f"d{n}", 1, "sổ địa bạ", type="Địa bạ") for n in range(1500)])
    Catalog(archive.catalog_path).close()
    text = invoke("search", "dia ba", "--archive", archive.root).output
    assert re.match(r"about 1[45]\d\d documents \(1500 pages\)", text)
    assert re.search(r"type: Địa bạ \(about 1[45]\d\d\)", text)
    found = json.loads(invoke("search", "dia ba", "--json", "--archive", archive.root).output)
    assert found["estimated"] is True
