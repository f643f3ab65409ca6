"""The ``digitize`` command line.

Each command is a thin shell over one module; errors of the ``DigitizeError``
family become one line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
import cv2

from digitize import deskew, ingest, metadata, ocr
from digitize.errors import DigitizeError
from digitize.metadata import FIELD_NAMES, Metadata, dublin_core
from digitize.page import process_page
from index.search import Hit, search
from pipelines import demo as demo_job
from pipelines.archive import ENV_VAR, Archive, default_root
from pipelines.batch import BatchSummary, run_batch
from pipelines.catalog import Catalog, Collection
from pipelines.catalog_import import import_rows
from pipelines.progress import collection_progress, format_table


class _Cli(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DigitizeError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)


class _DefaultCommandGroup(_Cli):
    """A group that runs its ``show`` command when the first argument names none of its commands.

    So ``digitize metadata scan.pdf`` reads as ``digitize metadata show scan.pdf``,
    and ``digitize metadata import rows.csv`` still reaches ``import``.
    """

    default_command = "show"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


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
    click.echo("\n\f\n".join(_page_texts(file, lang)))


def _page_texts(file: Path, lang: str) -> list[str]:
    return [process_page(file, number, lang=lang).text for number in range(1, ingest.count_pages(file) + 1)]


@main.command("deskew")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the straightened page.")
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True, help="Page of a multi-page file.")
@_json_option
def deskew_command(image: Path, output: Path | None, page: int, as_json: bool) -> None:
    """Measure a page's skew, and optionally write it straightened.

    skew_deg is the counter-clockwise angle by which the content is turned from upright.

    \b
    Example:
      digitize deskew scan.jpg -o straight.png --json
    """
    grey = ingest.load_page(image, page).image
    angle = deskew.estimate_angle(grey)
    if output is not None and not cv2.imwrite(str(output), deskew.rotate(grey, -angle)):
        raise DigitizeError(output, "cannot write the image (unknown suffix or unwritable folder)")
    if as_json:
        _print_json({"file": str(image), "page": page, "skew_deg": angle})
    else:
        click.echo(f"{image}: content turned {angle:.2f}° counter-clockwise")


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


@main.group("metadata", cls=_DefaultCommandGroup)
def metadata_group() -> None:
    """Read a document's metadata, or import an archivist's catalog rows over it.

    \b
      digitize metadata FILE [--json | --dc]     same as: digitize metadata show FILE
      digitize metadata import ROWS.csv          (a file named "import": ./import)

    \b
    Example:
      digitize metadata decision.pdf --json
      digitize metadata import catalog.csv --archive archive
    """


@metadata_group.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_json_option
@click.option("--dc", "as_dublin_core", is_flag=True, help="Print Dublin Core XML (oai_dc) instead.")
@_lang_option
def metadata_show(file: Path, as_json: bool, as_dublin_core: bool, lang: str) -> None:
    """Print the metadata of an image, PDF or .txt file, each field with its confidence (0–1).

    Images and PDFs are OCR'd page by page first; a .txt file is read as UTF-8
    text. Administrative documents (Decree 30/2020 format) give type, number,
    date, place, agency, summary, recipients and signer; others title, date,
    author and source; all give the documents they cite. A value the extractor
    is unsure of has a low confidence, or none at all. --dc leaves out values
    below 0.5 confidence.

    \b
    Example:
      digitize metadata scan.pdf --json
      digitize metadata letter.txt --dc > letter.xml
    """
    if as_json and as_dublin_core:
        raise click.UsageError("--json and --dc are exclusive")
    if file.suffix.lower() == ".txt":
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise DigitizeError(file, "not UTF-8 text") from None
    else:
        text = "\n\n".join(_page_texts(file, lang))
    found = metadata.extract(text)
    if as_dublin_core:
        click.echo(dublin_core.to_xml(found.to_dict()), nl=False)
    elif as_json:
        _print_json({"file": str(file), **found.to_dict()})
    else:
        click.echo(_format_metadata(found))


def _format_metadata(found: Metadata) -> str:
    lines = [f"{'kind':<16} {found.kind}"]
    for name in FIELD_NAMES:
        field = getattr(found, name)
        if field.value is None:
            continue
        value = "; ".join(field.value) if isinstance(field.value, tuple) else field.value
        lines.append(f"{name:<16} {value}  [{field.confidence:.2f}]")
    for reference in found.references:
        cited = " ".join(part for part in (reference.type, reference.number) if part)
        when = f" of {reference.date}" if reference.date else ""
        lines.append(f"{'cites':<16} {cited}{when}  [{reference.confidence:.2f}]")
    for label, names in (("provinces", found.provinces), ("agencies", found.agencies)):
        if names:
            lines.append(f"{label:<16} {'; '.join(names)}")
    return "\n".join(lines)


@metadata_group.command("import")
@click.argument("rows", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_archive_option
def metadata_import(rows: Path, archive_root: Path) -> None:
    """Import an archivist's catalog rows (CSV); their values override extracted ones.

    One column names the document: id (archive document id), sha256 (of the
    source file) or file (source file name or path). The other columns are
    fields: type, number, date, place, agency, parent_agency, summary,
    recipients (separated by ;), signer, signer_position, title, author,
    source. An empty cell keeps the extracted value. Imported values are
    marked "catalog" in metadata.json, documents are re-described and
    re-indexed. Rows that match no document are listed and the command exits 1.

    \b
    Example:
      digitize metadata import catalog.csv --archive archive
      (catalog.csv:  file,number,date
                     qd-1287.pdf,1287/QĐ-UBND,2023-06-14)
    """
    summary = import_rows(rows, Archive(archive_root))
    click.echo(
        f"{summary.rows} rows read: {summary.described} documents re-described, "
        f"{summary.waiting} waiting for their pages, {len(summary.problems)} rows not applied."
    )
    for problem in summary.problems:
        click.echo(f"  not applied: {rows}: {problem}", err=True)
    if summary.problems:
        sys.exit(1)
