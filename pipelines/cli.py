"""The ``digitize`` command line.

Each command is a thin shell over one module; errors of the ``DigitizeError``
family become one line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import click
import cv2

from digitize import deskew, ingest, ocr
from digitize.errors import DigitizeError
from digitize.ink import find_ink
from digitize.orientation import PageTurn, measure_turn
from digitize.page import process_page
from digitize.preprocess import is_blank
from index.search import Hit, search
from pipelines import demo as demo_job
from pipelines.archive import ENV_VAR, Archive, default_root
from pipelines.batch import BatchSummary, run_batch
from pipelines.catalog import Catalog, Collection
from pipelines.progress import collection_progress, format_table

_UNTURNED = PageTurn(skew_deg=0.0, orientation=0, confidence=1.0)


class _Cli(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DigitizeError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)


# Options shared by several commands (a click option decorator can be applied many times).
_archive_option = click.option(
    "--archive",
    "archive_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=default_root,
    show_default=f"./archive, or ${ENV_VAR}",
    help="Archive folder.",
)
_json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
_lang_option = click.option(
    "--lang", default=ocr.DEFAULT_LANG, show_default=True, help="Tesseract languages, e.g. vie+eng."
)
_jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=lambda: os.cpu_count() or 1,
    show_default="number of CPUs",
    help="Pages processed in parallel.",
)


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="digitize")
def main() -> None:
    """Digitize scans of Vietnamese documents into a searchable archive.

    \b
    Example:
      digitize run scans/ --collection "Hán Nôm" --archive archive
      digitize search "chuyen doi so" --archive archive
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--collection", required=True, help="Collection the documents belong to.")
@_archive_option
@_jobs_option
@_lang_option
def run(paths: tuple[Path, ...], collection: str, archive_root: Path, jobs: int, lang: str) -> None:
    """Digitize image files and PDFs (or folders of them) into the archive.

    Pages are deskewed, cleaned and OCR'd (a PDF page with a real text layer
    keeps its text), metadata is extracted and everything is indexed. Files
    already in the archive are skipped; an interrupted run resumes where it
    stopped. Exits 1 if any file failed.

    \b
    Example:
      digitize run scans/*.tif registers/ --collection "Châu bản" --jobs 2
    """
    summary = run_batch(paths, collection, Archive(archive_root), jobs=jobs, lang=lang)
    _print_summary(summary)
    if summary.failures:
        sys.exit(1)


def _print_summary(summary: BatchSummary) -> None:
    click.echo(
        f"{summary.documents} documents and {summary.pages} pages digitized, "
        f"{summary.skipped} already in the archive, {len(summary.failures)} failed; "
        f"{summary.indexed} documents indexed."
    )
    for failure in summary.failures:
        click.echo(f"  failed: {failure.path}: {failure.reason}", err=True)


@main.command("search")
@click.argument("query")
@_archive_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="Hits to show.")
@_json_option
def search_command(query: str, archive_root: Path, limit: int, as_json: bool) -> None:
    """Search the archive's pages; diacritics are optional.

    Words must all match; put a phrase in double quotes; OR and NOT work too.

    \b
    Example:
      digitize search "chuyen doi so"
      digitize search '"dịch vụ công trực tuyến"' --limit 5 --json
    """
    hits = search(Archive(archive_root).index_dir, query, limit=limit)
    if as_json:
        _print_json({"query": query, "hits": [hit.to_dict() for hit in hits]})
    else:
        _print_hits(query, hits)


def _print_hits(query: str, hits: list[Hit]) -> None:
    click.echo(f"{len(hits)} hit{'s' if len(hits) != 1 else ''} for {query!r}")
    for rank, hit in enumerate(hits, 1):
        click.echo(f"{rank:>3}. {hit.title or hit.source_path} — page {hit.page}  [{hit.doc_id}]")
        click.echo(f"     {_highlighted(hit)}")


def _highlighted(hit: Hit) -> str:
    parts, last = [], 0
    for start, end in hit.highlights:
        parts += [hit.snippet[last:start], click.style(hit.snippet[start:end], bold=True, fg="yellow")]
        last = end
    return "".join([*parts, hit.snippet[last:]])


@main.group()
def collection() -> None:
    """Register collections and their digitization targets.

    \b
    Example:
      digitize collection add "Sách cổ" --holdings 1200 --target 50 --by 2027-12-31
    """


@collection.command("add")
@click.argument("name")
@click.option("--holdings", type=click.IntRange(min=0), required=True, help="Items the collection holds.")
@click.option("--target", "target_pct", type=click.FloatRange(0, 100), help="Target share digitized, in percent.")
@click.option("--by", "target_date", type=click.DateTime(["%Y-%m-%d"]), help="Deadline of the target (YYYY-MM-DD).")
@_archive_option
def collection_add(name: str, holdings: int, target_pct: float | None, target_date, archive_root: Path) -> None:
    """Register a collection's size and target, or update them.

    \b
    Example:
      digitize collection add "Châu bản" --holdings 400 --target 50 --by 2027-06-30
    """
    if target_date is not None and target_pct is None:
        raise click.UsageError("--by needs --target")
    entry = Collection(name, holdings, target_pct, target_date.date().isoformat() if target_date else None)
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        created = catalog.save_collection(entry)
    click.echo(f"{'added' if created else 'updated'} collection {name!r}: {holdings} items")


@main.command()
@_archive_option
@_json_option
def progress(archive_root: Path, as_json: bool) -> None:
    """Show each collection's holdings, items digitized, percent and target.

    \b
    Example:
      digitize progress --archive archive --json
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        rows = collection_progress(catalog)
    if as_json:
        _print_json({"collections": [row.to_dict() for row in rows]})
    else:
        click.echo(format_table(rows))


@main.command("ocr")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_lang_option
def ocr_command(file: Path, lang: str) -> None:
    """Print the text of an image or PDF (Unicode NFC), pages separated by form feeds.

    \b
    Example:
      digitize ocr scan.tif --lang vie+fra > scan.txt
    """
    texts = [process_page(file, number, lang=lang).text for number in range(1, ingest.count_pages(file) + 1)]
    click.echo("\n\f\n".join(texts))


@main.command("deskew")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the upright page.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page of a multi-page file.")
@_json_option
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
    ink = find_ink(grey)
    turn = _UNTURNED if is_blank(ink) else measure_turn(ink)
    if output is not None and not cv2.imwrite(str(output), deskew.rotate(grey, -turn.total_deg)):
        raise DigitizeError(output, "cannot write the image (unknown suffix or unwritable folder)")
    if as_json:
        _print_json({"file": str(image), "page": page, **asdict(turn)})
    else:
        click.echo(
            f"{image}: content turned {turn.skew_deg:.2f}° counter-clockwise"
            + (f", on top of {turn.orientation}°" if turn.orientation else "")
            + f" (confidence {turn.confidence:.2f})"
        )


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("demo-archive"),
    show_default=True,
    help="Folder for the rendered scans and the archive.",
)
@_jobs_option
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
        catalog.save_collection(
            Collection(demo_job.COLLECTION, demo_job.HOLDINGS, demo_job.TARGET_PCT, demo_job.TARGET_DATE)
        )
    summary = run_batch([scans.folder], demo_job.COLLECTION, archive, jobs=jobs)
    _print_summary(summary)
    click.echo(f"\nDeskew against the known angles: {demo_job.skew_accuracy(archive, scans)}")
    click.echo("\nProgress")
    with Catalog(archive.catalog_path) as catalog:
        click.echo(format_table(collection_progress(catalog)))
    for query in demo_job.QUERIES:
        click.echo()
        _print_hits(query, search(archive.index_dir, query, limit=3))
    if summary.failures:
        sys.exit(1)
