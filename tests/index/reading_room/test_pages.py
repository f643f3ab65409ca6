"""The reader's pages: the home page's shelves counted once per index version (a million pages' counts take about a
second), and links that keep the search and the root path a reverse proxy serves the reading room under."""

import re
import urllib.request
from pathlib import Path

import pytest

from index.reading_room import pages
from index.reading_room.app import app
from index.reading_room.server import Listening, in_thread
from index.site import Site
from index.store import PageRecord, add_pages
from tests.index.test_web import serve


def test_the_home_pages_counts_are_made_once_per_index_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    add_pages(tmp_path / "index", [PageRecord("a", 1, "Công văn", collection="Địa bạ")])
    counted: list[Path] = []
    count = pages.holdings
    monkeypatch.setattr(pages, "holdings", lambda directory: counted.append(directory) or count(directory))
    with serve(Site(tmp_path / "index", lambda doc_id, page: tmp_path / "none.jpg", tmp_path)) as url:
        home = [urllib.request.urlopen(f"{url}/").read().decode() for _ in range(3)]
        assert len(counted) == 1 and "Địa bạ</a> — 1 tài liệu, 1 trang" in home[-1]
        add_pages(tmp_path / "index", [PageRecord("b", 1, "Sắc phong", collection="Hán Nôm")])
        again = urllib.request.urlopen(f"{url}/").read().decode()
        assert len(counted) == 2 and "Hán Nôm</a> — 1 tài liệu, 1 trang" in again


def test_behind_a_proxy_every_link_names_the_root_path_once(tmp_path: Path):
    add_pages(tmp_path / "index", [PageRecord("a", n, "chuyển đổi số", collection="Địa bạ") for n in (1, 2)])
    site = Site(tmp_path / "index", lambda doc_id, page: tmp_path / "none.jpg", tmp_path)
    with in_thread(app(site), Listening(port=0, root_path="/phong-doc")) as url:
        for path in ("/?q=chuyen+doi+so&sort=date", "/page/a/1?q=chuyen+doi+so"):
            links = re.findall(r'href="([^"#]*)"', urllib.request.urlopen(f"{url}{path}").read().decode())
            assert links and all(link.startswith("/phong-doc/") for link in links), links
            assert not [link for link in links if "/phong-doc/phong-doc" in link]
        results = urllib.request.urlopen(f"{url}/?q=chuyen+doi+so&sort=date").read().decode()
        assert 'href="/phong-doc/page/a/1?q=chuyen+doi+so&amp;sort=date"' in results
