"""The metadata a person should type: what the extractor would not give as read."""

from pathlib import Path

import pytest

from digitize.metadata import extract
from pipelines.archive.catalog import Catalog
from pipelines.review.fields import fields_to_type

# A decision whose number and day were written by hand into the printed form.
FILLED_IN = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 47 /QĐ-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Ngãi, ngày 17 tháng 01 năm 2025

QUYẾT ĐỊNH
Về việc hỗ trợ quà Tết cho hộ nghèo
"""


@pytest.fixture
def catalog(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as opened:
        opened.collections.ensure("Lưu trữ")
        yield opened


def finish(catalog: Catalog, doc_id: str, text: str, typed: dict | None = None) -> None:
    catalog.documents.register(doc_id, f"sha-{doc_id}", f"/scans/{doc_id}.pdf", "Lưu trữ", 1)
    catalog.documents.finish(doc_id, extract(text).overridden(typed or {}))


def test_handwritten_numbers_and_days_are_listed_with_their_reading(catalog: Catalog):
    finish(catalog, "qd47", FILLED_IN)
    listed = {item.field: item for item in fields_to_type(catalog)}
    assert set(listed) == {"number", "date"}
    assert listed["number"].value == "47/QĐ-UBND" and listed["number"].reason.startswith("handwritten")
    assert listed["date"].value == "2025-01-17" and "handwritten day" in listed["date"].reason


def test_a_number_not_read_is_listed_and_a_typed_one_is_not(catalog: Catalog):
    finish(catalog, "unread", FILLED_IN.replace("Số: 47 /QĐ-UBND", "Số: #‡ /QĐ-UBND"))
    finish(catalog, "typed", FILLED_IN, typed={"number": "47/QĐ-UBND", "date": "2025-01-17"})
    listed = [(item.doc_id, item.field, item.reason) for item in fields_to_type(catalog)]
    assert ("unread", "number", "not read") in listed
    assert not [item for item in listed if item[0] == "typed"]
