"""Commands that digitize: ``run`` over batches, ``review`` of its doubtful pages, ``ocr`` and ``deskew`` on one file,
and the ``demo``."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path

import click
import cv2

from digitize import deskew, ingest, preprocess
from digitize.errors import DigitizeError
from digitize.orientation import PageTurn
from digitize.page import page_texts
from index.search import search
from pipelines import demo as demo_job
from pipelines import report
from pipelines.archive import Archive
from pipelines.batch import BatchSummary, run_batch
from pipelines.catalog import Catalog
from pipelines.cli.options import archive_option, jobs_option, json_option, lang_option, print_json
from pipelines.cli.searching import print_results
from pipelines.executors import EXECUTORS, executor_for
from pipelines.progress import progress_report
from pipelines.review import MIN_CONFIDENCE, MIN_SYLLABLE_SHARE, pages_to_review

_UNTURNED = PageTurn(skew_deg=0.0, orientation=0, confidence=1.0)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--collection", required=True, help="Collection the documents belong to.")
@archive_option
@jobs_option
@click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where pages are processed: processes on this machine, or the workers of a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask cluster's scheduler, e.g. tcp://host:8786. Without it, --executor dask starts --jobs workers here.",
)
@lang_option
def run(
    paths: tuple[Path, ...],
    collection: str,
    archive_root: Path,
    jobs: int,
    executor: str,
    scheduler: str | None,
    lang: str,
) -> None:
    """Digitize image files and PDFs (or folders of them) into the archive.

    Pages are deskewed, cleaned and OCR'd (a PDF page with a real text layer
    keeps its text), metadata is extracted and everything is indexed. Files
    already in the archive are skipped; an interrupted run resumes where it
    stopped. Exits 1 if any file failed.

    With --executor dask the pages go to the workers of a Dask cluster, which
    need this package, Tesseract, and the files and the archive at the same
    paths as here (a shared filesystem); this process alone writes the catalog
    and the index.

    \b
    Example:
      digitize run scans/*.tif registers/ --collection "Châu bản" --jobs 2
      digitize run scans/ --collection "Châu bản" --executor dask --scheduler tcp://scheduler:8786
    """
    if scheduler is not None and executor != "dask":
        raise click.UsageError("--scheduler is the address of a Dask cluster: give --executor dask with it.")
    with executor_for(executor, jobs, scheduler) as page_executor:
        summary = run_batch(paths, collection, Archive(archive_root), jobs=jobs, lang=lang, executor=page_executor)
    print_summary(summary)
    if summary.failures:
        sys.exit(1)


def print_summary(summary: BatchSummary) -> None:
    click.echo(
        f"{summary.documents} documents and {summary.pages} pages digitized, "
        f"{summary.skipped} already in the archive, {len(summary.failures)} failed; "
        f"{summary.indexed} documents indexed."
    )
    for failure in summary.failures:
        click.echo(f"  failed: {failure.path}: {failure.reason}", err=True)


@click.command()
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 100),
    default=MIN_CONFIDENCE,
    show_default=True,
    help="Pages whose mean word confidence is lower are listed.",
)
@click.option(
    "--min-syllables",
    type=click.FloatRange(0, 1),
    default=MIN_SYLLABLE_SHARE,
    show_default=True,
    help="Pages with a lower share of well-formed Vietnamese syllables are listed.",
)
@archive_option
@json_option
def review(min_confidence: float, min_syllables: float, archive_root: Path, as_json: bool) -> None:
    """List the pages that need a person to check them, with the reason.

    A page is listed when Tesseract's mean word confidence is low, or when too
    few of its words are shaped like Vietnamese syllables (onset, rhyme and a
    tone the rhyme allows): the sign of a mangled text layer or of the wrong
    language. Blank pages are not listed.

    \b
    Example:
      digitize review --min-confidence 80 --json
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        items = pages_to_review(catalog, min_confidence, min_syllables)
    if as_json:
        print_json([asdict(item) for item in items])
        return
    for item in items:
        click.echo(f"{item.source_path} page {item.page} ({item.source}): {'; '.join(item.reasons)}")
    click.echo(f"{len(items)} pages to review.")


@click.command("ocr")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@lang_option
def ocr_command(file: Path, lang: str) -> None:
    """Print the text of an image or PDF (Unicode NFC), pages separated by form feeds.

    \b
    Example:
      digitize ocr scan.tif --lang vie+fra > scan.txt
    """
    click.echo("\n\f\n".join(page_texts(file, lang)))


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
    runs the whole pipeline into OUT, then prints the progress report and two
    searches, with and without diacritics. Running it again reuses the scans
    and the archive.

    \b
    Example:
      digitize demo --out demo-archive
    """
    scans = demo_job.make_scans(out / "scans")
    click.echo(f"Scans of {len(scans.truth)} seed articles in {scans.folder}")
    archive = Archive(out)
    with Catalog(archive.catalog_path) as catalog:
        catalog.save_collection(demo_job.demo_collection(date.today()))
    summary = run_batch([scans.folder], demo_job.COLLECTION, archive, jobs=jobs)
    print_summary(summary)
    click.echo(f"\nDeskew against the known angles: {demo_job.skew_accuracy(archive, scans)}")
    click.echo()
    with Catalog(archive.catalog_path) as catalog:
        click.echo(report.format_table(progress_report(catalog, date.today())))
    for query in demo_job.QUERIES:
        click.echo()
        print_results(query, search(archive.index_dir, query, limit=3))
    if summary.failures:
        sys.exit(1)
