"""The search page and its API over HTTP, with hostile page text and hostile URLs."""

import json
import logging
import os
import shutil
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from index.reading_room import errors
from index.reading_room.app import app
from index.reading_room.searching import MAX_LIMIT
from index.reading_room.server import Listening, in_thread
from index.site import Site
from index.store import PageRecord, add_pages
from pipelines.archive.layout import Archive
from tests.browser import FLAGS

HOSTILE = 'Chuyển đổi số <script>document.body.dataset.pwned="x"</script> tại <img src=x onerror=alert(1)>'


def image_path(root: Path):
    def path(doc_id: str, page: int) -> Path:
        return root / "documents" / doc_id / f"page-{page:04d}.jpg"

    return path


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    add_pages(
        root / "index",
        [
            PageRecord("evil", 1, HOSTILE, title="<b>Tiêu đề</b>", type="Công văn", agency='SỞ "X" <i>'),
            PageRecord("ok", 1, "Chuyển đổi số quốc gia", type="Quyết định", year=2022),
            PageRecord("..", 1, "tài liệu lạ"),  # an id no run makes, whose image would be ARCHIVE/page-0001.jpg
        ],
    )
    (root / "documents" / "ok").mkdir(parents=True)
    (root / "documents" / "ok" / "page-0001.jpg").write_bytes(b"\xff\xd8 a jpeg")
    (root / "page-0001.jpg").write_bytes(b"secret")
    (root / "secret.jpg").write_bytes(b"secret")
    return root


@contextmanager
def serve(site: Site) -> Iterator[str]:
    with in_thread(app(site)) as url:
        yield url


@pytest.fixture(scope="module")
def server(archive: Path) -> Iterator[str]:
    with serve(Site(archive / "index", image_path(archive), archive)) as url:
        yield url


def get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_api_search_gives_documents_with_their_pages_and_facets(server: str):
    status, kind, body = get(f"{server}/api/search?q=chuyen+doi+so&sort=date")
    found = json.loads(body)
    assert (status, kind.split(";")[0], found["total_documents"], found["total_pages"]) == (
        200,
        "application/json",
        2,
        2,
    )
    documents = {document["doc_id"]: document for document in found["documents"]}
    assert set(documents) == {"ok", "evil"}
    assert documents["ok"]["pages"] == [
        {"page": 1, "score": None, "snippet": "Chuyển đổi số quốc gia", "highlights": [[0, 6], [7, 10], [11, 13]]}
    ]
    assert found["facets"]["type"] == [{"value": "Công văn", "count": 1}, {"value": "Quyết định", "count": 1}]


def folded_mark(word: str, title: str = "Khớp khi bỏ qua dấu") -> str:
    """How a page marks a word a query typed without diacritics found with them."""
    return f'<mark class="folded" title="{title}">{word}</mark>'


def test_search_page_escapes_what_ocr_and_metadata_say(server: str):
    status, _, body = get(f"{server}/?q=chuyen+doi+so")
    page = body.decode()
    assert status == 200 and folded_mark("Chuyển") in page
    assert "<script>" not in page and "<img src=x" not in page and "<b>Tiêu" not in page
    assert (
        "&lt;script&gt;document.body.dataset.pwned=&#34;x&#34;&lt;/script&gt;" in page
        and "&lt;b&gt;Tiêu đề&lt;/b&gt;" in page
    )
    assert 'href="/?q=chuyen+doi+so+agency%3A%22S%E1%BB%9E+X+%3Ci%3E%22"' in page  # facet link, quotes dropped


def test_the_form_and_the_links_keep_the_search_made(server: str):
    page = get(f"{server}/?q=chuyen&sort=date&fuzzy=1")[2].decode()
    assert '<option value="date" selected>' in page and 'value="1" checked>' in page
    assert 'href="/page/ok/1?q=chuyen&amp;sort=date&amp;fuzzy=1"' in page


def test_page_view_shows_the_text_highlighted_and_escaped(server: str):
    status, _, body = get(f"{server}/page/evil/1?q=chuyen")
    page = body.decode()
    assert status == 200 and folded_mark("Chuyển") in page and "&lt;b&gt;Tiêu đề&lt;/b&gt;" in page
    assert "Trang này không có ảnh" in page  # no image in the archive for this page
    assert "<script>" not in page.replace('<script src="/static/viewer.js"></script>', "")
    assert "<img src=x" not in page and "<i>" not in page


def test_malformed_query_gets_a_message_not_a_traceback(server: str):
    status, _, body = get(f"{server}/?q=%22unclosed")
    assert status == 400 and "thiếu dấu ngoặc kép" in body.decode() and "Traceback" not in body.decode()
    status, _, body = get(f"{server}/api/search?q=type%3A")  # the API's errors, too, in the reader's language
    assert (status, json.loads(body)) == (400, {"error": 'type: cần một giá trị, ví dụ type:"…"'})
    status, _, body = get(f"{server}/api/search?q=type%3A&lang=en")
    assert (status, json.loads(body)) == (400, {"error": 'type: needs a value, e.g. type:"…"'})
    assert get(f"{server}/api/search?q=a&limit=-1")[0] == 400


@pytest.mark.parametrize(
    "path",
    [
        "/image/../secret.jpg",
        "/image/..%2F..%2Fsecret.jpg/1",
        "/image/%2E%2E/1",  # indexed, but ".." is no document folder
        "/image/missing/1",
        "/image/evil/1",  # indexed, without an image
        "/image/ok/x",
    ],
)
def test_images_are_served_only_for_indexed_pages_inside_the_archive(server: str, path: str):
    status, _, body = get(server + path)
    assert status in (400, 404) and body != b"secret"


def test_an_indexed_pages_image_is_served(server: str):
    assert get(f"{server}/image/ok/1") == (200, "image/jpeg", b"\xff\xd8 a jpeg")


def test_an_image_the_archive_would_name_outside_itself_is_refused(archive: Path, tmp_path: Path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(b"secret")
    with serve(Site(archive / "index", lambda doc_id, page: outside, archive)) as url:
        assert get(f"{url}/image/ok/1")[0] == 404


def test_server_listens_on_localhost_unless_told_otherwise():
    assert Listening().host == "127.0.0.1" and Listening().config("index.reading_room.app:app").host == "127.0.0.1"


def test_a_larger_limit_is_clamped_not_refused(tmp_path: Path):
    add_pages(tmp_path / "index", [PageRecord(f"d{n}", 1, "thư viện số") for n in range(MAX_LIMIT + 20)])
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        status, _, body = get(f"{url}/api/search?q=thu+vien&limit=999999")
    found = json.loads(body)
    assert status == 200
    assert found["total_documents"] == MAX_LIMIT + 20
    assert len(found["documents"]) == MAX_LIMIT


def test_no_page_may_be_framed(server: str):
    with urllib.request.urlopen(f"{server}/?q=so") as response:
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_a_hundred_clients_at_once_are_all_answered(server: str):
    start = threading.Barrier(100)

    def client(_: int) -> int:
        start.wait()
        return get(f"{server}/api/search?q=chuyen+doi+so")[0]

    with ThreadPoolExecutor(100) as pool:
        statuses = list(pool.map(client, range(100)))
    assert statuses == [200] * 100


def rendered_in_chromium(url: str, profile: Path) -> str:
    """The DOM after headless Chromium has loaded ``url`` and run whatever scripts it would run."""
    command = ["chromium", *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url]
    browser = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        dom, _ = browser.communicate(timeout=90)
    finally:
        if browser.poll() is None:
            os.killpg(browser.pid, signal.SIGKILL)  # the browser's own helpers go with it
    return dom.decode()


#: A folded mark's title where the browser asks for English.
IGNORED = "Matches only with diacritics ignored"


def test_a_browser_shows_hits_and_runs_none_of_the_pages_scripts(server: str, tmp_path: Path):
    dom = rendered_in_chromium(f"{server}/page/evil/1?q=chuyen+doi+so", tmp_path / "profile")
    assert " ".join(folded_mark(word, IGNORED) for word in ("Chuyển", "đổi", "số")) in dom
    assert "pwned" in dom and "data-pwned" not in dom and "<script>" not in dom


def test_a_cached_answer_is_not_given_once_the_index_has_changed(tmp_path: Path):
    add_pages(tmp_path / "index", [PageRecord("a", 1, "thư viện số")])
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        first = json.loads(get(f"{url}/api/search?q=thu+vien")[2])
        again = json.loads(get(f"{url}/api/search?q=thu+vien")[2])
        add_pages(tmp_path / "index", [PageRecord("b", 1, "thư viện tỉnh")])
        after = json.loads(get(f"{url}/api/search?q=thu+vien")[2])
    assert first["total_pages"] == again["total_pages"] == 1
    assert after["total_pages"] == 2


def test_the_page_api_gives_the_hit_boxes_from_the_archived_alto(digitized_folder: Path):
    archive = Archive(digitized_folder / "archive")
    (doc_id,) = [folder.name for folder in archive.documents_dir.iterdir()]
    site = Site(archive.index_dir, archive.page_image_path, archive.root, archive.page_words)
    with serve(site) as url:
        found = json.loads(get(f"{url}/api/page/{doc_id}/1?q=chuyen+doi+so")[2])
        bare = json.loads(get(f"{url}/api/page/{doc_id}/1")[2])
    words = archive.page_words(doc_id, 1).words
    alto_boxes = [{"text": w.text, "x": w.left, "y": w.top, "w": w.width, "h": w.height} for w in words]
    assert len(found["boxes"]) >= 6 and all({**box, "exact": False} in found["boxes"] for box in alto_boxes[:3])
    assert all({name: box[name] for name in ("text", "x", "y", "w", "h")} in alto_boxes for box in found["boxes"])
    assert {box["text"] for box in found["boxes"]} >= {"Chuyển", "đổi", "số"}
    assert bare["boxes"] == []


ATTRIBUTE_BREAKER = '"><img src=x onerror=alert(1)>'


def test_hostile_metadata_stays_inert_in_attributes_and_text_of_every_page(tmp_path: Path):
    add_pages(
        tmp_path / "index",
        [
            PageRecord(
                ATTRIBUTE_BREAKER,
                1,
                f"Thư viện số {ATTRIBUTE_BREAKER} <script>alert(2)</script>",
                title=ATTRIBUTE_BREAKER,
                agency=f"<script>alert(3)</script>{ATTRIBUTE_BREAKER}",
                collection=ATTRIBUTE_BREAKER,
            )
        ],
    )
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        pages = [
            get(f"{url}/?q=thu+vien")[2].decode(),
            get(f"{url}/page/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/1?q=thu+vien")[2].decode(),
            get(f"{url}/?q={quote(ATTRIBUTE_BREAKER)}")[2].decode(),
        ]
    for page in pages:
        assert "<img src=x" not in page and "<script>alert" not in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in pages[0] and folded_mark("Thư") in pages[1]


def test_an_unknown_path_is_a_plain_404(server: str):
    status, kind, body = get(f"{server}/favicon.ico")
    assert (status, kind.split(";")[0]) == (404, "text/html") and "không có trang này" in body.decode()
    assert get(f"{server}/api/nothing")[0] == 404


def get_in(url: str, accept_language: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": accept_language})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Language"] in ("vi", "en")
        return response.read().decode()


def test_pages_are_vietnamese_first_english_for_an_english_browser_or_on_request(server: str):
    assert "Phòng đọc" in get_in(f"{server}/?q=chuyen", "fr-FR,fr;q=0.9")
    vietnamese = get_in(f"{server}/?q=chuyen", "vi-VN,vi;q=0.9,en;q=0.8")
    assert "2 tài liệu" in vietnamese and "Số trong ngoặc là số tài liệu khớp" in vietnamese  # facets count documents
    english = get_in(f"{server}/?q=chuyen", "en-US,en;q=0.9")  # the same URL: the answer kept is per language
    assert "Reading room" in english and "2 documents, 2 matching pages" in english
    assert "Reading room" in get_in(f"{server}/page/ok/1?lang=en", "vi")
    assert "Phòng đọc" in get_in(f"{server}/page/ok/1?lang=vi", "en")


def test_downloads_come_from_the_archive_by_document_id_only(archive: Path, tmp_path: Path):
    outside = tmp_path / "outside.xml"
    outside.write_text("secret")
    (archive / "documents" / "ok" / "page-0001.alto.xml").write_text("<alto/>")

    def document_file(doc_id: str, kind: str, page: int) -> Path:
        if doc_id == "evil":
            return outside
        return archive / "documents" / doc_id / (f"page-{page:04d}.alto.xml" if kind == "alto" else "document.pdf")

    site = Site(archive / "index", image_path(archive), archive, document_file=document_file)
    with serve(site) as url:
        with urllib.request.urlopen(f"{url}/download/ok/1/alto") as response:
            assert response.read() == b"<alto/>"
            assert response.headers["Content-Disposition"] == 'attachment; filename="ok-0001.alto.xml"'
        for path in ("/download/evil/1/alto", "/download/ok/alto", "/download/ok/1/pdf", "/download/ok/2/alto",
                     "/download/..%2F..%2Fsecret.jpg/1/alto", "/download/ok/1/passwd", "/download/ok/pdf"):  # fmt: skip
            status, _, body = get(url + path)
            assert status == 404 and body != b"secret", path


def test_an_index_deleted_while_serving_is_a_503_that_is_logged_not_an_empty_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
):
    add_pages(tmp_path / "index", [PageRecord("a", 1, "thư viện số")])
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        assert get(f"{url}/api/search?q=thu+vien")[0] == 200
        shutil.rmtree(tmp_path / "index")
        with caplog.at_level(logging.ERROR, logger=errors.log.name):
            status, _, body = get(f"{url}/api/search?q=thu+vien")
            page_status = get(f"{url}/?q=thu+vien")[0]
    assert (status, page_status) == (503, 503)
    assert json.loads(body) == {"error": "no search index: run: digitize index rebuild"}
    assert "no search index" in caplog.text
    assert not (tmp_path / "index").exists()


def test_limit_zero_is_a_bad_request_not_the_default_page(server: str):
    status, _, body = get(f"{server}/api/search?q=chuyen&limit=0")
    assert status == 400 and "limit) phải từ 1 trở lên" in json.loads(body)["error"]


def test_the_search_page_says_when_matches_are_approximate_and_suggests_the_archives_words(tmp_path: Path):
    add_pages(tmp_path / "index", [PageRecord("kh", 1, "Kế hoạch phát triến nông nghiệp vùng núi")])
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        status, _, body = get(f"{url}/?q={quote('phát triển nông nghiệp vùng núl')}&lang=vi")
        exact = get(f"{url}/?q=phat+trien+nong+nghiep&lang=vi")[2].decode()
    page = body.decode()
    assert status == 200 and 'class="approximate"' in page and "gần đúng" in page
    assert "Có phải bạn muốn tìm:" in page and "phát triến nông nghiệp vùng núi</a>?" in page
    assert 'class="approximate"' not in exact and 'class="suggestion"' not in exact


def test_the_search_page_marks_approximate_documents_after_the_few_exact_and_counts_documents(tmp_path: Path):
    add_pages(
        tmp_path / "index",
        [
            PageRecord("exact", 1, "Quyết định về mùa gặt", provinces=("Huế",)),
            PageRecord("exact", 2, "Quyết định về mùa gặt", provinces=("Huế",)),
            *(PageRecord(f"misread{n}", 1, "Ouyết định về mùa gặt", provinces=("Huế",)) for n in range(2)),
            *(PageRecord(f"other{n}", 1, "Quyết định khác") for n in range(30)),
        ],
    )
    with serve(Site(tmp_path / "index", image_path(tmp_path), tmp_path)) as url:
        page = get(f"{url}/?q={quote('quyết định mùa gặt')}&lang=vi")[2].decode()
    assert "Ít tài liệu khớp đúng các từ đã gõ" in page and page.count("Khớp gần đúng") == 2
    assert page.index("/page/exact/") < page.index("Khớp gần đúng")
    assert "Tỉnh, thành phố" in page and "Huế</a> (3)" in page  # three documents, four pages
    assert "Số trong ngoặc là số tài liệu khớp" in page
