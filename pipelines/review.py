"""Pages that need a person to look at them: low OCR confidence, or text that is not shaped like Vietnamese.

Thresholds are applied when asked, to the measures stored per page, so they
can be tightened or relaxed without reading anything again. Blank pages are
never listed.
"""

from __future__ import annotations

from dataclasses import dataclass

from digitize.quality import PageQuality
from pipelines.catalog import Catalog

#: Defaults: the test strips read at a mean confidence over 90; the seed articles' true text is 97–99.5%
#: syllables (acronyms and English words being the rest); the issue's mangled layer (CONG Hcok xA HQI CHiJ NGHiA) 50%.
MIN_CONFIDENCE = 70.0
MIN_SYLLABLE_SHARE = 0.8


@dataclass(frozen=True)
class ReviewItem:
    doc_id: str
    source_path: str
    page: int
    source: str
    confidence: float | None
    syllable_share: float | None
    reasons: tuple[str, ...]


def pages_to_review(
    catalog: Catalog, min_confidence: float = MIN_CONFIDENCE, min_syllable_share: float = MIN_SYLLABLE_SHARE
) -> list[ReviewItem]:
    """Every page under a threshold, by document and page number, each with why."""
    items: list[ReviewItem] = []
    for document in catalog.documents():
        for page in catalog.pages(document.id):
            if page.source == "blank":
                continue
            measures = PageQuality(confidence=page.confidence, syllable_share=page.syllable_share)
            reasons = measures.review_reasons(min_confidence, min_syllable_share)
            if reasons:
                items.append(
                    ReviewItem(
                        document.id,
                        document.source_path,
                        page.number,
                        page.source,
                        page.confidence,
                        page.syllable_share,
                        tuple(reasons),
                    )
                )
    return items
