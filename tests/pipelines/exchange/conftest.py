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

DECISION = """UBND TỈNH QUẢNG TRỊ
SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Số: 2145/QĐ-SVHTTDL
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 9 tháng 12 năm 2024
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch số hóa tài liệu Hán Nôm của Thư viện tỉnh
GIÁM ĐỐC SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH
Căn cứ Luật Thư viện ngày 21 tháng 11 năm 2019;
Căn cứ Quyết định số 206/QĐ-TTg ngày 11/02/2021 của Thủ tướng Chính phủ về chuyển đổi số ngành thư viện;
Xét đề nghị của Giám đốc Thư viện tỉnh Quảng Trị, có tham khảo kinh nghiệm của tỉnh Thừa Thiên Huế và Bộ Nội vụ,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch số hóa tài liệu Hán Nôm.
Nơi nhận:
- Như Điều 3;
- Lưu: VT.
GIÁM ĐỐC
Lê Thị Hương
"""
COLLECTIONS = ("Công báo", "Châu bản triều Nguyễn")
FIRST_DAY = date(2025, 3, 1)


def decision(number: int) -> Metadata:
    """The decision's metadata as extracted, its number and title those of document ``number``."""
    return _extracted().overridden(
        {"number": f"{number}/QĐ-SVHTTDL", "title": f"Quyết định số {number} về việc số hóa tài liệu Hán Nôm"}
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
