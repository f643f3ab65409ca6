"""Kept answers: a repeated search is sent from memory (gzipped once, checked by ``ETag``) until the index changes."""

import gzip
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.reading_room import api
from index.site import Site
from index.store import PageRecord, add_pages
from tests.index.test_web import serve

SEARCH = "/api/search?q=chuyen+doi+so"


@pytest.fixture
def room(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path, list[str]]]:
    """A served index of many pages (an answer worth compressing), and the searches its API really made."""
    pages = [PageRecord(f"d{n}", 1, f"Chuyển đổi số, văn bản thứ {n} của tỉnh.") for n in range(30)]
    add_pages(tmp_path / "index", pages)
    searched: list[str] = []
    made = api._api_search
    monkeypatch.setattr(api, "_api_search", lambda request: searched.append(str(request.url)) or made(request))
    with serve(Site(tmp_path / "index", lambda doc_id, page: tmp_path / "none.jpg", tmp_path)) as url:
        yield url, tmp_path / "index", searched


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers, method=method)) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_a_repeated_search_is_sent_again_without_searching(room):
    url, _, searched = room
    first = fetch(url + SEARCH)
    again = fetch(url + SEARCH)
    assert len(searched) == 1 and first[0] == again[0] == 200
    assert again[2] == first[2] and again[1]["ETag"] == first[1]["ETag"]
    assert again[1]["Content-Type"] == "application/json" and "nosniff" in again[1]["X-Content-Type-Options"]
    assert again[1]["Content-Length"] == str(len(again[2]))


def test_a_kept_answer_is_gzipped_for_browsers_that_accept_it(room):
    url, _, searched = room
    plain = fetch(url + SEARCH)[2]
    status, headers, body = fetch(url + SEARCH, **{"Accept-Encoding": "gzip, deflate"})
    assert len(searched) == 1 and status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == plain and len(body) < len(plain) / 3
    assert headers["Vary"] == "Accept-Encoding"


def test_a_browser_holding_the_answer_is_told_it_has_not_changed(room):
    url, _, _ = room
    etag = fetch(url + SEARCH)[1]["ETag"]
    status, headers, body = fetch(url + SEARCH, **{"If-None-Match": etag})
    assert (status, headers["ETag"], body) == (304, etag, b"")
    head = fetch(url + SEARCH, "HEAD")
    assert head[0] == 200 and head[2] == b"" and int(head[1]["Content-Length"]) > 0


def test_a_changed_index_is_searched_again(room):
    url, index_dir, searched = room
    before = fetch(url + SEARCH)
    add_pages(index_dir, [PageRecord("new", 1, "Chuyển đổi số ở thư viện mới.")])
    after = fetch(url + SEARCH)
    assert len(searched) == 2 and after[1]["ETag"] != before[1]["ETag"] and b'"new"' in after[2]


def test_each_language_keeps_its_own_answer(room):
    url, _, _ = room
    english = fetch(url + "/?q=chuyen+doi+so", **{"Accept-Language": "en"})
    vietnamese = fetch(url + "/?q=chuyen+doi+so")
    assert english[1]["Content-Language"] == "en" and "Search results" in english[2].decode()
    assert vietnamese[1]["Content-Language"] == "vi" and "Kết quả tìm kiếm" in vietnamese[2].decode()
