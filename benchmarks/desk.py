"""What saving a corrected line costs: its page's files, the document's PDF and description remade, indexed again.

Run from the project root:  .venv/bin/python -m benchmarks.desk [--pages 10] [--saves 5]

A document of ``--pages`` A4 pages at 300 DPI (the seed articles, laid out
and lightly scanned) is digitized once; then a line of a middle page is
corrected ``--saves`` times (``pipelines.desk.corrections.correct_line``, what
``POST /api/pages/DOC/N/lines`` runs). Beside it, the peer: finishing the same
document as a batch does when its last page is in (its PDF, its description,
indexed), the least a correction could cost if it remade the document whole.
The issue's target is a save under 1 s for a 10-page document.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from digitize import alto
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.description import write_description
from pipelines.batch.document_pdf import write_document_pdf
from pipelines.batch.indexing import index_pending
from pipelines.batch.run import run_batch
from pipelines.demo.synthetic import scanned_pages
from pipelines.desk.corrections import correct_line

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args()
    text = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages = scanned_pages(text, seed=3)[: args.pages]
        first, *rest = [page.image for page in pages]
        first.save(root / "document.pdf", save_all=True, append_images=rest, resolution=300.0)
        archive = Archive(root / "archive")
        run_batch([root / "document.pdf"], "Đo", archive, QUIET)
        with Catalog(archive.catalog_path) as catalog:
            [document] = catalog.documents.all("done")
        number = max(1, len(pages) // 2)
        line_id = next(iter(alto.line_ids(archive.page_words(document.id, number))))
        saves = []
        for n in range(args.saves):
            started = time.perf_counter()
            correct_line(archive, document.id, number, line_id, f"Dòng sửa lần {n + 1} của lưu trữ viên", "đo")
            saves.append(time.perf_counter() - started)
        finishes = []
        with Catalog(archive.catalog_path) as catalog:
            for _ in range(args.saves):
                started = time.perf_counter()
                document_pages = catalog.pages.of_document(document.id)
                catalog.documents.record_files(document.id, write_document_pdf(archive, document, document_pages))
                write_description(catalog, archive, document, document_pages)
                catalog.documents.set_stage(document.id, "index", "pending")
                index_pending(catalog, archive)
                finishes.append(time.perf_counter() - started)
    print(f"{len(pages)}-page document, {args.saves} saves each, seconds (median / worst)")
    print(f"{'correct one line (desk)':<34}{statistics.median(saves):>8.2f}{max(saves):>8.2f}")
    print(f"{'finish the document (batch)':<34}{statistics.median(finishes):>8.2f}{max(finishes):>8.2f}")


if __name__ == "__main__":
    main()
