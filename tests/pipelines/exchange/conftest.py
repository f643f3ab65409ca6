"""An archive catalogued without OCR: documents registered and described in the catalog as a run would leave them.

The description is the extractor's own, read from a Decree 30 decision, with
each document's number and title set as an archivist would; each document is
finished an hour after the one before, so harvests can be cut by date.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest

from digitize import metadata
from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from tests.conftest import FixedClock

DECISION = """UỶ BAN NHÂN DÂN
TỈNH VĨNH LONG
Số: 1287/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Vĩnh Long, ngày 14 tháng 6 năm 2023
QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG
Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;
Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ; Sở Nội vụ tỉnh Cần Thơ báo cáo.
QUYẾT ĐỊNH:
Điều 1. Phê duyệt Kế hoạch số hóa tài liệu lưu trữ của tỉnh.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn Liệt
"""
COLLECTIONS = ("Công báo", "Châu bản triều Nguyễn")
FIRST_DAY = date(2025, 3, 1)


def decision(number: int) -> Metadata:
    """The decision's metadata as extracted, its number and title those of document ``number``."""
    return _extracted().overridden(
        {"number": f"{number}/QĐ-UBND", "title": f"Quyết định số {number} về việc số hóa tài liệu lưu trữ"}
    )


def catalogue(root: Path, count: int) -> Archive:
    """An archive of ``count`` finished documents, alternately in the two collections, one finished an hour."""
    archive = Archive(root)
    clock = FixedClock(FIRST_DAY)
    with Catalog(archive.catalog_path, clock) as catalog:
        catalog._connection.db.execute("PRAGMA synchronous = OFF")  # a test archive: no fsync per document
        for name in COLLECTIONS:
            catalog.collections.ensure(name)
        for n in range(1, count + 1):
            sha = hashlib.sha256(f"scan {n}".encode()).hexdigest()
            collection = COLLECTIONS[n % 2]
            catalog.documents.register(sha[:16], sha, f"scans/qd-{n:04d}.pdf", collection, 1 + n % 3)
            catalog.documents.finish(sha[:16], decision(n))
            clock.now += timedelta(hours=1)
    return archive


@cache
def _extracted() -> Metadata:
    return metadata.extract(DECISION)


@pytest.fixture
def catalogued(tmp_path: Path) -> Archive:
    """Twelve finished documents in two collections."""
    return catalogue(tmp_path / "archive", 12)
