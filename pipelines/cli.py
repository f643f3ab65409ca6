"""The ``digitize`` command line.

Each command is a thin shell over one module; errors of the ``DigitizeError``
family become one line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import click
import cv2

from digitize import deskew, ingest, metadata, ocr
from digitize.errors import DigitizeError
from digitize.ink import find_ink
from digitize.metadata import FIELD_NAMES, Metadata, dublin_core
from digitize.orientation import PageTurn, measure_turn
from digitize.page import process_page
from digitize.preprocess import is_blank
from index.search import Hit, search
from pipelines import catalog_import, report
from pipelines import demo as demo_job
from pipelines.archive import ENV_VAR, Archive, default_root, write_text
from pipelines.batch import BatchSummary, run_batch
from pipelines.catalog import Catalog, Collection, OutsideRecord, Target
from pipelines.holdings import Share, define_collection, record_outside, update_collection
from pipelines.metadata_import import import_rows
from pipelines.progress import collection_progress, progress_report

_UNTURNED = PageTurn(skew_deg=0.0, orientation=0, confidence=1.0)


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


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"{value!r} is not a date such as 2025-12-31", param, ctx)


class _ShareType(click.ParamType):
    name = "N|PCT%"

    def convert(self, value, param, ctx) -> Share:
        if isinstance(value, Share):
            return value
        try:
            return Share.parse(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


_DATE = _DateType()
_as_of_option = click.option(
    "--as-of",
    "as_of",
    type=_DATE,
    default=date.today,
    show_default="today",
    help="Report as things stood at the end of this day.",
)


def _definition_options(command):
    """Options that describe a collection, shared by ``collection add`` and ``collection set``."""
    options = [
        click.option("--pages", "holdings_pages", type=click.IntRange(min=0), help="Pages the collection holds."),
        click.option("--description", help="What the collection is."),
        click.option(
            "--baseline",
            type=_ShareType(),
            help="Items digitized, by any means, by --baseline-date: a count (1205) or a percent of holdings (25%).",
        ),
        click.option("--baseline-date", type=_DATE, help="Day of the baseline."),
        click.option(
            "--target",
            "target_pcts",
            type=click.FloatRange(0, 100),
            multiple=True,
            help="Target share digitized, in percent; repeat for several targets.",
        ),
        click.option(
            "--by",
            "target_dates",
            type=_DATE,
            multiple=True,
            help="Deadline of each --target, in the same order.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _targets(pcts: tuple[float, ...], dates: tuple[date, ...]) -> tuple[Target, ...]:
    if dates and len(dates) != len(pcts):
        raise click.UsageError("give one --by per --target, in the same order")
    if not dates and len(pcts) > 1:
        raise click.UsageError("several targets need a --by each")
    return tuple(Target(pct, due) for pct, due in zip(pcts, dates or (None,) * len(pcts), strict=True))


def _baseline(share: Share | None, on: date | None) -> tuple[Share, date] | None:
    if (share is None) != (on is None):
        raise click.UsageError("--baseline and --baseline-date go together")
    return (share, on) if share is not None else None


def _describe(collection: Collection) -> str:
    parts = [f"{collection.holdings:,} items" if collection.holdings is not None else "holdings unknown"]
    if collection.holdings_pages is not None:
        parts[0] += f" ({collection.holdings_pages:,} pages)"
    if collection.baseline:
        parts.append(f"baseline {collection.baseline.items:,} on {collection.baseline.on.isoformat()}")
    targets = ", ".join(f"{t.pct:g}%" + (f" by {t.due.isoformat()}" if t.due else "") for t in collection.targets)
    parts.append(f"target {targets}" if targets else "no target")
    return "; ".join(parts)


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
    """Register collections, their baselines and targets, and items digitized outside the tool.

    \b
    Example:
      digitize collection add "Sách cổ" --holdings 4820 --baseline 25% --baseline-date 2024-12-09 \\
          --target 50 --by 2025-12-31
      digitize collection record "Sách cổ" --digitized 60 --on 2025-01-06
    """


@collection.command("add")
@click.argument("name")
@click.option("--holdings", type=click.IntRange(min=0), required=True, help="Items the collection holds.")
@_definition_options
@_archive_option
def collection_add(
    name: str,
    holdings: int,
    holdings_pages: int | None,
    description: str | None,
    baseline: Share | None,
    baseline_date: date | None,
    target_pcts: tuple[float, ...],
    target_dates: tuple[date, ...],
    archive_root: Path,
) -> None:
    """Register a collection, or redefine one: options left out are cleared (`set` changes some only).

    A baseline is where the collection stood on a day, by any means; what
    is digitized after that day adds to it. Targets are percents of the
    holdings, each by a deadline.

    \b
    Example:
      digitize collection add "Châu bản" --holdings 400 --target 50 --by 2027-06-30
      digitize collection add "Sách cổ" --holdings 4820 --pages 250000 --description "Rare and ancient books" \\
          --baseline 25% --baseline-date 2024-12-09 --target 50 --by 2025-12-31 --target 75 --by 2028-12-31
    """
    entry = Collection(name, holdings, _targets(target_pcts, target_dates), description or None, holdings_pages)
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        created = define_collection(catalog, entry, _baseline(baseline, baseline_date))
        entry = catalog.collection(name)
    click.echo(f"{'added' if created else 'updated'} collection {name!r}: {_describe(entry)}")


@collection.command("set")
@click.argument("name")
@click.option("--holdings", type=click.IntRange(min=0), help="Items the collection holds.")
@_definition_options
@click.option("--no-baseline", is_flag=True, help="Remove the baseline.")
@click.option("--no-targets", is_flag=True, help="Remove every target.")
@_archive_option
def collection_set(
    name: str,
    holdings: int | None,
    holdings_pages: int | None,
    description: str | None,
    baseline: Share | None,
    baseline_date: date | None,
    target_pcts: tuple[float, ...],
    target_dates: tuple[date, ...],
    no_baseline: bool,
    no_targets: bool,
    archive_root: Path,
) -> None:
    """Change some of a collection's figures; the others stay. Targets given replace all targets.

    \b
    Example:
      digitize collection set "Sách cổ" --holdings 4900 --target 50 --by 2026-06-30
      digitize collection set "Sách cổ" --baseline 1205 --baseline-date 2024-12-09
    """
    changes: dict = {
        key: value
        for key, value in (("holdings", holdings), ("holdings_pages", holdings_pages), ("description", description))
        if value is not None
    }
    if description == "":
        changes["description"] = None
    if target_pcts or no_targets:
        changes["targets"] = () if no_targets else _targets(target_pcts, target_dates)
    if no_baseline:
        changes["baseline"] = None
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        entry = update_collection(catalog, name, changes, _baseline(baseline, baseline_date))
    click.echo(f"updated collection {name!r}: {_describe(entry)}")


@collection.command("list")
@_archive_option
@_json_option
def collection_list(archive_root: Path, as_json: bool) -> None:
    """List collections with their holdings, baselines, targets and records of outside work.

    \b
    Example:
      digitize collection list --json
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        entries = [(entry, catalog.outside_records(entry.name)) for entry in catalog.collections()]
    if as_json:
        _print_json({"collections": [_collection_dict(entry, records) for entry, records in entries]})
        return
    if not entries:
        click.echo("No collections yet: add one with `digitize collection add NAME --holdings N`.")
    for entry, records in entries:
        click.echo(f"{entry.name}: {_describe(entry)}")
        if entry.description:
            click.echo(f"  {entry.description}")
        for record in records:
            pages = f", {record.pages:,} pages" if record.pages is not None else ""
            covered = " (counted in the baseline)" if entry.baseline and record.on <= entry.baseline.on else ""
            click.echo(
                f"  digitized outside the tool on {record.on.isoformat()}: {record.items:,} items{pages}{covered}"
            )


def _collection_dict(entry: Collection, records: list[OutsideRecord]) -> dict:
    return {
        "name": entry.name,
        "description": entry.description,
        "holdings": entry.holdings,
        "holdings_pages": entry.holdings_pages,
        "baseline": {"items": entry.baseline.items, "date": entry.baseline.on.isoformat()} if entry.baseline else None,
        "targets": [{"pct": t.pct, "by": t.due.isoformat() if t.due else None} for t in entry.targets],
        "outside_records": [{"date": r.on.isoformat(), "items": r.items, "pages": r.pages} for r in records],
    }


@collection.command("record")
@click.argument("name")
@click.option(
    "--digitized", "items", type=click.IntRange(min=1), required=True, help="Items digitized outside the tool."
)
@click.option("--on", "on", type=_DATE, required=True, help="Day they were digitized (or the end of the period).")
@click.option("--pages", type=click.IntRange(min=0), help="Their pages, if known.")
@_archive_option
def collection_record(name: str, items: int, on: date, pages: int | None, archive_root: Path) -> None:
    """Record items digitized outside the tool (by a contractor, another scanner): they add to the collection.

    Each record adds N items on its day. It is refused if it would make the
    collection count more items digitized than it holds, or if it is dated
    on or before the baseline, which already counts everything by its day.
    To state a total instead (say, from a count on the shelves), set the
    baseline: `digitize collection set NAME --baseline N --baseline-date DAY`.

    \b
    Example:
      digitize collection record "Sách cổ" --digitized 60 --on 2025-01-06 --pages 3100
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        record_outside(catalog, name, OutsideRecord(on, items, pages))
        row = collection_progress(catalog, catalog.collection(name), on)
    share = f" ({row.percent:.1f}% of {row.holdings:,})" if row.percent is not None else ""
    click.echo(
        f"recorded {items:,} items digitized outside the tool on {on.isoformat()} for {name!r}: "
        f"{row.digitized:,} digitized by then{share}"
    )


@collection.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--on",
    "on",
    type=_DATE,
    default=date.today,
    show_default="today",
    help="Day of the export: the baseline's day.",
)
@click.option(
    "--digitized-status",
    "statuses",
    multiple=True,
    default=catalog_import.DIGITIZED_STATUSES,
    show_default=True,
    help="A status meaning digitized (case and diacritics ignored); repeat for several.",
)
@_archive_option
def collection_import(csv_file: Path, on: date, statuses: tuple[str, ...], archive_root: Path) -> None:
    """Set collections' holdings and baselines from a CSV export of the library's catalog.

    One row per item, with the columns id, collection and status (others are
    ignored). Each collection's holdings become its items, and its baseline
    the items whose status means digitized, on the day of the export.
    Descriptions and targets are kept.

    \b
    Example:
      digitize collection import catalog-export.csv --on 2024-12-09 --digitized-status "đã số hóa"
    """
    imported = catalog_import.read_catalog_csv(csv_file, statuses)
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        created = catalog_import.apply(catalog, imported, on)
    for entry in imported:
        counts = ", ".join(f"{status or '(empty)'} {count:,}" for status, count in entry.statuses.most_common())
        click.echo(
            f"{'added' if entry.name in created else 'updated'} collection {entry.name!r}: {entry.items:,} items, "
            f"{entry.digitized:,} digitized on {on.isoformat()} (statuses: {counts})"
        )


@main.command()
@_archive_option
@_as_of_option
@_json_option
def progress(archive_root: Path, as_of: date, as_json: bool) -> None:
    """Show each collection's progress toward its next target, its pace and its status.

    \b
    Example:
      digitize progress --archive archive
      digitize progress --as-of 2025-06-30 --json
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        result = progress_report(catalog, as_of)
    if as_json:
        _print_json(result.to_dict())
    else:
        click.echo(report.format_table(result))


@main.command("report")
@_archive_option
@_as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(report.FORMATS)),
    default="html",
    show_default=True,
    help="html has a chart per collection and prints on A4.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
def report_command(archive_root: Path, as_of: date, fmt: str, output: Path | None) -> None:
    """Write the progress report: per collection and overall, every target, paces, projections, pages, OCR quality.

    \b
    Example:
      digitize report --format html -o progress.html
      digitize report --format csv --as-of 2025-06-30 > progress.csv
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        text = report.render(progress_report(catalog, as_of), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}")


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
        catalog.save_collection(demo_job.demo_collection(date.today()))
    summary = run_batch([scans.folder], demo_job.COLLECTION, archive, jobs=jobs)
    _print_summary(summary)
    click.echo(f"\nDeskew against the known angles: {demo_job.skew_accuracy(archive, scans)}")
    click.echo()
    with Catalog(archive.catalog_path) as catalog:
        click.echo(report.format_table(progress_report(catalog, date.today())))
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
