"""The home page's shelves are counted once per index version: a million pages' counts take about a second."""

import urllib.request
from pathlib import Path

import pytest

from index.reading_room import pages
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
