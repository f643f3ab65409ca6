"""A batch describes its documents as ``digitize metadata FILE`` does: with what the first page's image tells."""

import json
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.demo.synthetic import LIGHT, TextBlock, render_blocks, scan
from tests.pipelines.cli.conftest import invoke


def decision(agency: str, number: str, number_by_hand: bool = False) -> Image.Image:
    """The header of a Decree 30 decision of Vĩnh Long; its number's digits, when by hand, in a marker's strokes."""
    left = TextBlock(("UBND TỈNH VĨNH LONG", agency, "", f"Số: {number}"), (0.0, 0.42), centered=True, font_pt=12)
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
    heading = TextBlock(
        ("QUYẾT ĐỊNH", "Về việc chỉnh lý tài liệu tồn đọng năm 2024"), centered=True, font_pt=13, bold=True
    )
    page = render_blocks([[left, right], [heading]], page_mm=(210, 150), margins_mm=(10, 20, 5, 15))
    image = page.image.copy()
    if number_by_hand:
        [line] = [placed for placed in page.lines if placed.text.startswith("Số:")]
        digits = number.split("/")[0]
        left_x = line.box[0] + round(line.font.getlength("Số: "))
        right_x = line.box[0] + round(line.font.getlength(f"Số: {digits}"))
        pixels = np.asarray(image.convert("L")).copy()
        region = pixels[line.box[1] - 4 : line.box[3] + 4, left_x - 2 : right_x + 2]
        region[:] = cv2.erode(region, np.ones((5, 5), np.uint8))  # a marker's strokes, twice the print's
        image = Image.fromarray(pixels)
    return scan(image, 0.4, LIGHT, seed=5)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    scans = tmp_path_factory.mktemp("scans")
    decision("SỞ NỘI VỤ", "47/QĐ-SNV", number_by_hand=True).save(scans / "by-hand.png")
    decision("SỞ NỘI VỤ", "88/QĐ-SNV").save(scans / "checked.png")
    # Its symbol does not give the agency's initials (TTLTLS): read again, and the second reading agrees.
    decision("TRUNG TÂM LƯU TRỮ LỊCH SỬ", "125/QĐ-TTLT").save(scans / "read-again.png")
    root = tmp_path_factory.mktemp("archive")
    invoke("run", scans, "--collection", "Lưu trữ", "--archive", root)
    return Archive(root)


def record(archive: Archive, name: str) -> dict:
    with Catalog(archive.catalog_path) as catalog:
        [document] = [d for d in catalog.documents.all() if d.source_path.endswith(name)]
    return json.loads(archive.metadata_path(document.id).read_text(encoding="utf-8"))


def first_page(archive: Archive, name: str):
    with Catalog(archive.catalog_path) as catalog:
        [document] = [d for d in catalog.documents.all() if d.source_path.endswith(name)]
        return catalog.pages.of_document(document.id)[0]


def test_a_number_written_by_hand_is_marked_so_in_the_archive_and_listed_for_review(archive: Archive):
    found = record(archive, "by-hand.png")
    assert found["confidence"]["number"] < 0.5 and "handwritten" in found["provenance"]["number"]
    assert first_page(archive, "by-hand.png").handwritten == ("number",)
    listed = invoke("review", "fields", "--archive", archive.root).output
    assert "by-hand.png" in listed and "handwritten" in listed and "checked.png" not in listed


def test_a_header_that_checks_out_is_not_read_again_and_its_number_is_searchable(archive: Archive):
    found = record(archive, "checked.png")
    assert (found["number"], found["date"]) == ("88/QĐ-SNV", "2024-09-05")
    assert min(found["confidence"]["number"], found["confidence"]["date"]) >= 0.8
    assert first_page(archive, "checked.png").header_again is None  # no second reading: nothing to doubt
    hits = json.loads(invoke("search", "number:88/QĐ-SNV", "--archive", archive.root, "--json").output)
    assert [Path(hit["source_path"]).name for hit in hits["documents"]] == ["checked.png"]


def test_a_header_read_again_and_confirmed_keeps_its_trusted_values(archive: Archive):
    found = record(archive, "read-again.png")
    assert "125/QĐ-TTLT" in first_page(archive, "read-again.png").header_again  # the second reading ran
    assert (found["number"], found["date"]) == ("125/QĐ-TTLT", "2024-09-05")
    assert min(found["confidence"]["number"], found["confidence"]["date"]) >= 0.8
