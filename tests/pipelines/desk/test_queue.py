from dataclasses import replace

from digitize.ocr.page import Block, Line, OcrPage
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.desk.queue import DOUBTFUL_WORD, doubtful_share, queue
from tests.pipelines.cli.conftest import invoke


def _with_confidences(reading: OcrPage, confidences: list[float]) -> OcrPage:
    """``reading`` with its words' confidences replaced, in reading order."""
    given = iter(confidences)
    blocks = tuple(
        Block(tuple(Line(tuple(replace(w, confidence=next(given)) for w in line.words)) for line in block.lines))
        for block in reading.blocks
    )
    return replace(reading, blocks=blocks)


def test_a_page_is_as_doubtful_as_its_share_of_doubtful_words(digitized_archive: Archive):
    invoke("collection", "set", "Hán Nôm", "--review-confidence", 100, "--archive", digitized_archive.root)
    with Catalog(digitized_archive.catalog_path) as catalog:
        [document] = catalog.documents.all("done")
        mean = catalog.pages.of_document(document.id)[0].confidence
    doc_id = document.id
    reading = digitized_archive.page_words(doc_id, 1)
    count = len(reading.words)
    # one word in four misread badly, the rest sure: a mean of ~80 would hide it, the share does not
    confidences = [10.0 if n % 4 == 0 else 99.0 for n in range(count)]
    doubtful = _with_confidences(reading, confidences)
    assert doubtful_share(doubtful) == sum(c < DOUBTFUL_WORD for c in confidences) / count

    with Catalog(digitized_archive.catalog_path) as catalog:
        [by_words] = queue(catalog, reason="page", page_words=lambda doc, page: doubtful)
        [by_mean] = queue(catalog, reason="page")
        sure = _with_confidences(reading, [99.0] * count)
        [by_sure_words] = queue(catalog, reason="page", page_words=lambda doc, page: sure)
    assert (by_words.doc_id, by_words.page, by_words.target) == (doc_id, 1, "page")
    assert by_words.doubt == doubtful_share(doubtful) and by_sure_words.doubt == 0.0
    assert by_mean.doubt == 1.0 - mean / 100  # no words given: the mean's complement


def test_handwritten_fields_come_before_doubted_ones_and_pages(digitized_archive: Archive):
    invoke("collection", "set", "Hán Nôm", "--review-confidence", 100, "--archive", digitized_archive.root)
    with Catalog(digitized_archive.catalog_path) as catalog:
        items = queue(catalog, page_words=digitized_archive.page_words)
    reasons = [item.reason for item in items]
    assert reasons == sorted(reasons, key=("handwritten", "field", "page").index) and "page" in reasons
