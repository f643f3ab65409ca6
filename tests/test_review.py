from pathlib import Path

from pipelines.catalog import Catalog, PageRow
from pipelines.review import pages_to_review


def _page(number: int, source: str, confidence: float | None, share: float | None) -> PageRow:
    return PageRow("d1", number, source, "…", 0.0, confidence, (), syllable_share=share)


def test_pages_under_a_threshold_are_listed_with_why(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.ensure_collection("Lưu trữ")
        catalog.register_document("d1", "sha", "/scans/công-văn.pdf", "Lưu trữ", 4)
        for page in (
            _page(1, "ocr", 93.0, 0.98),
            _page(2, "ocr", 48.5, 0.97),
            _page(3, "text-layer", None, 0.5),
            _page(4, "blank", None, None),
        ):
            catalog.save_page(page, 4)
        listed = pages_to_review(catalog)
        relaxed = pages_to_review(catalog, min_confidence=40, min_syllable_share=0.4)
    assert [(item.page, item.reasons) for item in listed] == [
        (2, ("mean word confidence 48 < 70",)),
        (3, ("50% well-formed syllables < 80%",)),
    ]
    assert listed[0].source_path == "/scans/công-văn.pdf" and listed[1].source == "text-layer"
    assert relaxed == []
