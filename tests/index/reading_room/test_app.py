"""The reading room over an archive the pipeline made: every page and answer a reader can reach, crawled.

The server's own paths never reach a reader; errors come in the reader's
language with the search kept; and what the web stack owes every answer
(compression, caching, ``HEAD``) is there.
"""

import gzip
import json
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from index.store import PageRecord, add_pages
from pipelines.archive.catalog import Catalog, Collection, Target
from pipelines.archive.layout import Archive
from pipelines.archive.reading_room import reading_room
from pipelines.exchange.oai import OaiRepository
from tests.index.test_web import serve

#: A document scanned without a title: its source lies in a folder the server's owner would rather not show.
UNTITLED = PageRecord("untitled", 1, "Sắc phong làng Phước Tích", source_path="/srv/kho/scans-rare/sac-phong.png")


@pytest.fixture(scope="module")
def room(digitized_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The digitized archive, copied (the untitled page is added to this copy's index alone)."""
    folder = tmp_path_factory.mktemp("room")
    archive = Archive(Path(shutil.copytree(digitized_folder / "archive", folder / "archive")))
    add_pages(archive.index_dir, [UNTITLED])
    oai = OaiRepository(archive, "Thư viện thử", "sohoa@thuvien.example.vn")
    with serve(reading_room(archive, oai=oai.answer)) as url:
        yield url, folder


def fetch(url: str, **headers: str) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def crawl(base: str, starts: list[str], most: int = 150) -> dict[str, bytes]:
    """Every answer reachable from ``starts`` by the links of its pages, on this server."""
    seen, queue, answers = set(starts), list(starts), {}
    while queue and len(answers) < most:
        url = queue.pop(0)
        _status, headers, body = fetch(url)
        answers[url] = body
        if not headers.get("Content-Type", "").startswith("text/html"):
            continue
        for link in re.findall(r'(?:href|src)="([^"]+)"', body.decode()):
            target = urljoin(url, link.replace("&amp;", "&"))
            if urlsplit(target).netloc == urlsplit(base).netloc and target not in seen:
                seen.add(target)
                queue.append(target)
    return answers


def test_no_page_or_answer_holds_a_path_on_the_server(room):
    url, folder = room
    (doc_id,) = [d.name for d in Archive(folder / "archive").documents_dir.iterdir()]
    starts = [
        f"{url}/",
        f"{url}/?q=chuyen+doi+so",
        f"{url}/?q=sac+phong",
        f"{url}/api/search?q=chuyen+doi+so",
        f"{url}/api/search?q=sac+phong",
        f"{url}/api/page/{doc_id}/1?q=chuyen",
        f"{url}/api/page/untitled/1",
        f"{url}/iiif/{doc_id}/manifest",
        f"{url}/iiif/{doc_id}/search?q=chuyen",
        f"{url}/iiif/image/{doc_id}-1/info.json",
        f"{url}/oai?verb=ListRecords&metadataPrefix=oai_dc",
        f"{url}/page/untitled/1",
    ]
    answers = crawl(url, starts)
    assert len(answers) > 20
    for address, body in answers.items():
        text = body.decode("utf-8", "replace")
        assert str(folder.parent) not in text and str(folder.resolve().parent) not in text, address  # sources too
        assert "/srv/kho" not in text, address


def test_an_untitled_document_is_labelled_by_its_file_name(room):
    url, _ = room
    found = json.loads(fetch(f"{url}/api/search?q=sac+phong")[2])
    (untitled,) = [d for d in found["documents"] if d["doc_id"] == "untitled"]
    assert untitled["label"] == "sac-phong.png" and "source_path" not in untitled
    assert "<h1>sac-phong.png</h1>" in fetch(f"{url}/page/untitled/1")[2].decode()


def test_errors_are_in_the_readers_language_and_keep_the_query(room):
    url, _ = room
    status, _, body = fetch(f"{url}/?q=%28chuyen+doi")
    page = body.decode()
    assert status == 400 and "ngoặc" in page and "unbalanced" not in page
    assert 'value="(chuyen doi"' in page  # the query is still in the search box, to be mended
    status, _, body = fetch(f"{url}/?q=%28chuyen+doi&lang=en")
    assert status == 400 and "unbalanced parentheses" in body.decode()
    status, _, body = fetch(f"{url}/viewer/nothing")
    assert status == 404 and "không có tài liệu" in body.decode()
    # The API's errors too: JSON in the reader's language, which the answer names.
    status, headers, body = fetch(f"{url}/api/page/nothing/1")
    assert (status, json.loads(body), headers["Content-Language"]) == (404, {"error": "không có trang này"}, "vi")
    status, headers, body = fetch(f"{url}/api/search?q=a&sort=size", **{"Accept-Language": "en-GB,en;q=0.9"})
    assert (status, json.loads(body)) == (400, {"error": "sort must be relevance or date, not 'size'"})
    assert json.loads(fetch(f"{url}/api/search?q=a&sort=size")[2])["error"].startswith("cách sắp xếp phải là")


def test_pages_are_compressed_and_static_files_cached_by_their_content(room):
    url, _ = room
    status, headers, body = fetch(f"{url}/?q=chuyen", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and b"<h1" in gzip.decompress(body)
    page = gzip.decompress(body).decode()
    (style,) = re.findall(r'href="(/static/style\.css\?v=[0-9a-f]{12})"', page)
    status, headers, _ = fetch(url + style)
    assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert fetch(url + style, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(f"{url}/static/style.css")[1]["Cache-Control"] == "no-cache"  # unversioned: checked each time


def test_pdfs_and_images_are_sent_as_they_are_not_compressed_again(room):
    url, folder = room
    (doc_id,) = [d.name for d in Archive(folder / "archive").documents_dir.iterdir()]
    for path in (f"/download/{doc_id}/pdf", f"/image/{doc_id}/1"):
        status, headers, body = fetch(url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200 and "Content-Encoding" not in headers
        assert body.startswith(b"%PDF" if path.endswith("pdf") else b"\xff\xd8")


def test_head_is_answered_with_the_headers_of_get(room):
    url, _ = room
    request = urllib.request.Request(f"{url}/?q=chuyen", method="HEAD")
    with urllib.request.urlopen(request) as response:
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/html")
        assert response.read() == b""


def test_page_images_carry_an_etag_and_are_not_sent_twice(room):
    url, folder = room
    (doc_id,) = [d.name for d in Archive(folder / "archive").documents_dir.iterdir()]
    status, headers, body = fetch(f"{url}/image/{doc_id}/1")
    assert status == 200 and body[:2] == b"\xff\xd8" and "max-age" in headers["Cache-Control"]
    assert fetch(f"{url}/image/{doc_id}/1", **{"If-None-Match": headers["ETag"]})[0] == 304


def test_the_home_page_lists_the_collections_with_their_documents_and_ways_to_browse(room):
    url, _ = room
    page = fetch(f"{url}/")[2].decode()
    assert "<h1>Phòng đọc</h1>" in page and "Hán Nôm</a> — 1 tài liệu, 2 trang" in page
    assert 'href="/?q=collection%3A%22H%C3%A1n+N%C3%B4m%22"' in page and "Mẹo tìm kiếm" in page


def test_the_home_page_shows_each_collections_progress_toward_its_target(room):
    url, folder = room
    with Catalog(Archive(folder / "archive").catalog_path) as catalog:
        catalog.collections.save(Collection("Hán Nôm", 8, (Target(50, date.today() + timedelta(days=400)),)))
    page = fetch(f"{url}/?lang=vi")[2].decode()
    due = (date.today() + timedelta(days=400)).strftime("%d/%m/%Y")
    # One document of eight held: 12,5% done, a quarter of the way to the target (four documents).
    assert f"Đã số hóa: 1 trên 8 tài liệu (12,5%) · mục tiêu 50% trước {due}: " in page
    assert '<progress max="100" value="25" aria-label="Phần mục tiêu đã đạt">' in page


def test_filters_are_chips_that_remove_themselves_and_more_pages_is_a_link(room):
    url, _ = room
    page = fetch(f"{url}/?q=chuyen+collection%3A%22H%C3%A1n+N%C3%B4m%22")[2].decode()
    assert "collection:&#34;Hán Nôm&#34; ✕</a>" in page and 'href="/?q=chuyen"' in page


def test_the_page_view_describes_the_document_and_links_the_documents_it_cites(room):
    url, folder = room
    (doc_id,) = [d.name for d in Archive(folder / "archive").documents_dir.iterdir()]
    page = fetch(f"{url}/page/{doc_id}/1?q=chuyen")[2].decode()
    assert "Văn bản được dẫn" in page and 'href="/?q=number%3A505%2FQ%C4%90-TTg' in page


def test_a_phrase_is_marked_alone_and_exact_matches_apart_from_folded_ones(room):
    url, folder = room
    (doc_id,) = [d.name for d in Archive(folder / "archive").documents_dir.iterdir()]
    # "Ngày Chuyển đổi số quốc gia": the phrase, not the "Chuyển đổi số" of the title line nor "số 505".
    page = fetch(f"{url}/page/{doc_id}/1?q=%22ng%C3%A0y+chuy%E1%BB%83n%22+quoc")[2].decode()
    text = page[page.index('<div class="text"') :]
    marks = re.findall(r'<mark class="(\w+)"[^>]*>([^<]+)</mark>', text)
    assert marks == [("exact", "Ngày"), ("exact", "Chuyển"), ("folded", "quốc")]
    assert 'class="match-legend"' in page and 'title="Khớp khi bỏ qua dấu"' in page
    scan = re.findall(r'<rect class="hit (\w+)"[^>]*data-text="([^"]+)"', page)
    assert [(kind, word.strip(".")) for kind, word in scan] == marks
    results = fetch(f"{url}/?q=%22ng%C3%A0y+chuy%E1%BB%83n%22")[2].decode()
    after_legend = results.split('class="match-legend"')[1].split("</p>", 1)[1]
    assert re.findall(r'<mark class="(\w+)"[^>]*>([^<]+)</mark>', after_legend) == [
        ("exact", "Ngày"),
        ("exact", "Chuyển"),
    ]


def test_the_collections_progress_is_a_page_of_the_reading_room(room):
    url, _ = room
    status, headers, body = fetch(f"{url}/progress")
    assert status == 200 and headers["Content-Language"] == "vi" and 'class="skip-link"' in body.decode()
    # Its style is a file of the room's: the pages' Content-Security-Policy would block an inline one.
    assert "<style" not in body.decode() and "style-src" not in headers["Content-Security-Policy"]
    (sheet,) = re.findall(r'href="(/static/progress\.css\?v=\w+)"', body.decode())
    status, headers, css = fetch(url + sheet)
    assert status == 200 and headers["Content-Type"].startswith("text/css") and b".chart" in css
