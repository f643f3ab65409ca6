"""Ground-truth texts paired with what was read, page by page, and scored.

The truth is a folder of UTF-8 files, one per source document: ``NAME.txt``
holds the document's pages separated by form feeds (a one-page document has
none), which is what ``digitize ocr FILE`` prints and what OCRmyPDF's
``--sidecar`` writes. Predictions are either a folder of files named and split
the same way, or an archive, where ``NAME`` is the source file's name
(``scan.pdf.txt``) or its stem (``scan.txt``) and each page's text is its
``page-NNNN.txt``.

A page with no prediction is scored as read empty (every character deleted)
and listed; a predicted page past the truth's last is scored as inserted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digitize.errors import ArchiveError, CorruptFileError, DigitizeError
from digitize.evaluation import Score, score
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive

PAGE_BREAK = "\f"

#: Page texts read for a document named as its truth file is, or None when there are none;
#: a page that could not be read is None in the list.
Predictions = Callable[[str], list[str | None] | None]


@dataclass(frozen=True)
class PageEvaluation:
    document: str  # the truth file's name without .txt
    page: int
    status: str  # "compared", "missing" (no prediction, all deleted) or "extra" (no truth, all inserted)
    score: Score


@dataclass(frozen=True)
class Evaluation:
    pages: list[PageEvaluation]

    @property
    def total(self) -> Score:
        return sum((page.score for page in self.pages), Score())

    @property
    def missing(self) -> list[PageEvaluation]:
        return [page for page in self.pages if page.status == "missing"]


def evaluate(truth_dir: Path, predictions: Predictions) -> Evaluation:
    """Every page of every ``*.txt`` in ``truth_dir`` scored against its prediction, in name order."""
    truth_files = sorted(truth_dir.glob("*.txt"))
    if not truth_files:
        raise DigitizeError(truth_dir, "no ground-truth .txt files in this folder")
    pages: list[PageEvaluation] = []
    for truth_file in truth_files:
        name = truth_file.name.removesuffix(".txt")
        pages.extend(_compare(name, read_pages(truth_file), predictions(name)))
    return Evaluation(pages)


def _compare(name: str, truth: list[str], predicted: list[str | None] | None) -> list[PageEvaluation]:
    predicted = predicted if predicted is not None else []
    compared = []
    for index in range(max(len(truth), len(predicted))):
        true_text = truth[index] if index < len(truth) else None
        read_text = predicted[index] if index < len(predicted) else None
        if true_text is None:
            status = "extra"
        elif read_text is None:
            status = "missing"
        else:
            status = "compared"
        compared.append(PageEvaluation(name, index + 1, status, score(true_text or "", read_text or "")))
    return compared


def read_pages(path: Path) -> list[str]:
    """The pages of a text file, split at form feeds."""
    try:
        return path.read_text(encoding="utf-8").split(PAGE_BREAK)
    except UnicodeDecodeError as error:
        raise CorruptFileError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None


def folder_predictions(folder: Path) -> Predictions:
    """Predictions from ``folder/NAME.txt``, split like the truth."""

    def pages(name: str) -> list[str | None] | None:
        path = folder / f"{name}.txt"
        return read_pages(path) if path.is_file() else None

    return pages


def archive_predictions(archive: Archive) -> Predictions:
    """Predictions from the page texts of the archived document whose source file is named ``NAME`` or NAME.*."""
    with Catalog(archive.catalog_path) as catalog:
        documents = catalog.documents.all()

    def pages(name: str) -> list[str | None] | None:
        document = _document_named(documents, name)
        if document is None:
            return None
        paths = (archive.page_text_path(document.id, number) for number in range(1, document.page_count + 1))
        return [path.read_text(encoding="utf-8") if path.is_file() else None for path in paths]

    return pages


def _document_named(documents: list[Document], name: str) -> Document | None:
    by_name = [d for d in documents if Path(d.source_path).name == name]
    found = by_name or [d for d in documents if Path(d.source_path).stem == name]
    if len(found) > 1:
        sources = ", ".join(d.source_path for d in found)
        raise ArchiveError(
            f"{name}.txt", f"matches {len(found)} documents ({sources}): name it after one source file with its suffix"
        )
    return found[0] if found else None
