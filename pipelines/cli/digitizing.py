"""Commands that digitize: ``run`` over batches, ``ocr`` and ``deskew`` on one file, and the ``demo``."""

from __future__ import annotations

import shlex
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import click
import cv2

from digitize import deskew, ingest, preprocess
from digitize.errors import DigitizeError
from digitize.ocr.options import OcrOptions
from digitize.orientation import PageTurn
from digitize.page import process_file
from digitize.printable import printable
from index.backend import page_index
from pipelines.archive.catalog import Catalog, Collection
from pipelines.archive.layout import Archive
from pipelines.batch.context import BatchSettings
from pipelines.batch.run import BatchSummary, retry_unfinished, run_batch
from pipelines.batch.status import archive_status, format_status
from pipelines.cli.options import (
    archive_option,
    batch_options,
    existing_archive_option,
    jobs_option,
    json_option,
    print_json,
    reading_options,
)
from pipelines.cli.searching import print_results
from pipelines.collections import report
from pipelines.collections.progress import progress_report
from pipelines.demo import rare_pages
from pipelines.demo import seed_articles as demo_job

_UNTURNED = PageTurn(skew_deg=0.0, orientation=0, confidence=1.0)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--collection", required=True, help="Collection the documents belong to.")
@archive_option
@batch_options
def run(paths: tuple[Path, ...], collection: str, archive_root: Path, batch: BatchSettings) -> None:
    """Digitize image files and PDFs (or folders of them) into the archive.

    Pages are deskewed, cleaned and OCR'd (a PDF page with a real text layer
    keeps its text unless --mode says otherwise), metadata is extracted and
    everything is indexed. Files already in the archive are skipped; an
    interrupted run resumes where it stopped. Exits 1 if any file failed, or
    any path could not be read or followed (a dangling symlink, an unreadable
    folder); the archive's own folder is never read as input. One run writes
    to an archive at a time: a second `run`, `retry` or `index rebuild`
    refuses while it does.

    With --executor dask the pages go to the workers of a Dask cluster, which
    need this package, Tesseract, and the files and the archive at the same
    paths as here (a shared filesystem); this process alone writes the catalog
    and the index.

    \b
    Example:
      digitize run scans/*.tif registers/ --collection "Châu bản" --jobs 2
      digitize run thuoc-dia/ --collection "Công báo" --lang vie+fra --mode redo --pdfa
      digitize run scans/ --collection "Châu bản" --executor dask --scheduler tcp://scheduler:8786
    """
    summary = run_batch(paths, collection, Archive(archive_root), batch)
    exit_with_summary(summary)


@click.command()
@existing_archive_option
@batch_options
def retry(archive_root: Path, batch: BatchSettings) -> None:
    """Run the failed and unfinished documents of the archive again.

    Each is read again from its source file (pages already done are kept) and
    stays in its collection. A file that fails again is listed with its
    reason, and the command exits 1. Reading and executor options are as for `run`.

    \b
    Example:
      digitize retry --jobs 2
      digitize retry --executor dask --scheduler tcp://scheduler:8786
    """
    summary = retry_unfinished(Archive(archive_root), batch)
    exit_with_summary(summary)


@click.command()
@existing_archive_option
@json_option
def status(archive_root: Path, as_json: bool) -> None:
    """Where the archive's batch work stands: counts, failures, pages to review.

    Lists documents and pages by status (pending, running, done, failed), every
    failed file or page with its stage and reason and how many times it was
    tried, pages waiting for review (see `digitize review`), pages left running
    by a run that was stopped, documents not yet in the search index, and
    whether that index is there, readable and holds every finished page.

    \b
    Example:
      digitize status --json
    """
    archive = Archive(archive_root)
    with Catalog(archive.catalog_path, read_only=True) as catalog:
        state = archive_status(catalog, archive)
    if as_json:
        print_json(asdict(state))
        return
    click.echo(format_status(state))


def exit_with_summary(summary: BatchSummary) -> None:
    """End a batch command: the summary, then exit status 1 if anything failed."""
    print_summary(summary)
    sys.exit(1 if summary.failures or summary.index_problem else 0)


def print_summary(summary: BatchSummary) -> None:
    click.echo(
        f"{summary.documents} documents and {summary.pages} pages digitized, "
        f"{summary.skipped} already in the archive, {len(summary.failures)} failed; "
        f"{summary.indexed} documents indexed."
    )
    for failure in summary.failures:
        click.echo(f"  failed: {printable(failure.path)}: {printable(failure.reason)}", err=True)
    if summary.index_problem:
        click.echo(f"  search index not updated: {summary.index_problem}", err=True)


@click.command("ocr")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@reading_options
@json_option
def ocr_command(file: Path, reading: OcrOptions, as_json: bool) -> None:
    """Print the text of an image or PDF (Unicode NFC), pages separated by form feeds.

    Each page is first told apart by its script: Latin pages are read (a page
    found in French is read again with fra+vie), a Hán-Nôm page is kept as an
    image for a specialist (or read approximately with --han-ocr), a
    photograph or map has no text. A PDF text layer typed in TCVN3, VNI or
    VIQR is converted to Unicode. --json shows, per page, what it was taken
    for: {"pages": [{"number", "script", "languages", "text", "flags",
    "engine", "source"}]}.

    \b
    Example:
      digitize ocr scan.tif --lang vie+fra > scan.txt
      digitize ocr signed.pdf --mode force --psm 4 --unify-tones
      digitize ocr sac-phong.jpg --json
    """
    pages = process_file(file, reading)
    if as_json:
        print_json({"pages": [page.summary() for page in pages]})
        return
    click.echo("\n\f\n".join(page.text for page in pages))


@click.command("deskew")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the upright page.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page of a multi-page file.")
@json_option
def deskew_command(image: Path, output: Path | None, page: int, as_json: bool) -> None:
    """Measure how a page is turned, and optionally write it upright.

    skew_deg is the counter-clockwise angle (within ±45°) by which the content
    is turned from upright, on top of orientation (0, 90, 180 or 270, also
    counter-clockwise); confidence (0.5–1) is how sure the up/down call is.

    \b
    Example:
      digitize deskew scan.jpg -o upright.png --json
    """
    grey = ingest.load_page(image, page).image
    turn = preprocess.measure(grey) or _UNTURNED
    if output is not None and not cv2.imwrite(str(output), deskew.rotate(grey, -turn.total_deg)):
        raise DigitizeError(output, "cannot write the image (unknown suffix or unwritable folder)")
    if as_json:
        print_json({"file": str(image), "page": page, **asdict(turn)})
    else:
        click.echo(
            f"{image}: content turned {turn.skew_deg:.2f}° counter-clockwise"
            + (f", on top of {turn.orientation}°" if turn.orientation else "")
            + f" (confidence {turn.confidence:.2f})"
        )


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-archive"),
    show_default=True,
    help="Folder for the rendered scans and the archive.",
)
@jobs_option
def demo(out: Path, jobs: int) -> None:
    """Scan the seed articles, digitize them, report progress and search.

    Renders the five sample articles as skewed, noisy A4 scans at 300 DPI,
    and a rare collection's pages (a Hán-Nôm decree, a photograph), runs the
    whole pipeline into OUT, shows how the rare pages were taken, then prints
    the progress report, two searches, with and without diacritics, and the
    command that opens the reading room on OUT. Running it again reuses the
    scans and the archive.

    \b
    Example:
      digitize demo --out demo-archive
    """
    scans = demo_job.make_scans(out / "scans")
    click.echo(f"Scans of {len(scans.truth)} seed articles in {scans.folder}")
    archive = Archive(out)
    with Catalog(archive.catalog_path) as catalog:
        catalog.collections.save(demo_job.demo_collection(date.today()))
    summary = run_batch([scans.folder], demo_job.COLLECTION, archive, BatchSettings(jobs=jobs))
    print_summary(summary)
    click.echo(f"\nDeskew against the known angles: {demo_job.skew_accuracy(archive, scans)}")
    rare = rare_pages.make_rare_scans(out / "scans-rare")
    with Catalog(archive.catalog_path) as catalog:
        catalog.collections.save(Collection(rare_pages.RARE_COLLECTION, 2, description="Sắc phong và ảnh tư liệu"))
    rare_summary = run_batch([rare], rare_pages.RARE_COLLECTION, archive, BatchSettings(jobs=jobs))
    print_summary(rare_summary)
    with Catalog(archive.catalog_path) as catalog:
        click.echo("\n".join([f"How the pages of {rare} were taken:", *rare_pages.how_taken(catalog, rare)]))
    click.echo()
    with Catalog(archive.catalog_path) as catalog:
        click.echo(report.format_table(progress_report(catalog, date.today())))
    for query in demo_job.QUERIES:
        click.echo()
        print_results(query, page_index(archive.index_dir).search_documents(query, limit=3))
    query = demo_job.QUERIES[-1]
    click.echo(
        f"\nThe reading room (Ctrl-C to stop), then open http://127.0.0.1:8000/?q={quote_plus(query)}\n"
        f"  {shlex.quote(sys.argv[0])} serve --archive {shlex.quote(str(out))}"
    )
    if summary.failures or rare_summary.failures:
        sys.exit(1)
