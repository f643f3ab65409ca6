"""Commands of the manager: ``collection add|set|list|record|unrecord|import``, ``progress`` and ``report``."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path

import click

from pipelines.archive.catalog import Catalog, Collection, OutsideRecord
from pipelines.archive.catalog.counting import MIN_CONFIDENCE, MIN_SYLLABLE_SHARE, ReviewPolicy
from pipelines.archive.layout import Archive, write_text
from pipelines.cli.collection_options import CollectionOptions, collection_options
from pipelines.cli.options import (
    DATE,
    archive_option,
    as_of_option,
    existing_archive_option,
    json_option,
    language_option,
    print_json,
)
from pipelines.collections import report
from pipelines.collections.definitions import (
    define_collection,
    record_outside,
    remove_outside,
    update_collection,
)
from pipelines.collections.progress import collection_progress, progress_report
from pipelines.imports import holdings as holdings_import


def _describe(collection: Collection) -> str:
    parts = [f"{collection.holdings:,} items" if collection.holdings is not None else "holdings unknown"]
    if collection.holdings_pages is not None:
        parts[0] += f" ({collection.holdings_pages:,} pages)"
    if collection.baseline:
        parts.append(f"baseline {collection.baseline.items:,} on {collection.baseline.on.isoformat()}")
    targets = ", ".join(f"{t.pct:g}%" + (f" by {t.due.isoformat()}" if t.due else "") for t in collection.targets)
    parts.append(f"target {targets}" if targets else "no target")
    review = collection.review
    if (review.min_confidence, review.min_syllable_share) != (MIN_CONFIDENCE, MIN_SYLLABLE_SHARE):
        parts.append(f"review under {review.min_confidence:g} confidence or {review.min_syllable_share:.0%} syllables")
    if not review.hold:
        parts.append("documents count before review")
    return "; ".join(parts)


@click.group()
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
@collection_options
@archive_option
def collection_add(name: str, holdings: int, definition: CollectionOptions, archive_root: Path) -> None:
    """Register a collection, or redefine one: options left out are cleared (`set` changes some only).

    A baseline is where the collection stood on a day, by any means; what
    is digitized after that day adds to it. Targets are percents of the
    holdings, each by a deadline. A finished document counts as digitized
    once none of its pages waits for review (`digitize review`), unless
    --count-unreviewed.

    \b
    Example:
      digitize collection add "Châu bản" --holdings 400 --target 50 --by 2027-06-30
      digitize collection add "Sách cổ" --holdings 4820 --pages 250000 --description "Rare and ancient books" \\
          --baseline 25% --baseline-date 2024-12-09 --target 50 --by 2025-12-31 --target 75 --by 2028-12-31
    """
    review = definition.review(ReviewPolicy())
    description = definition.description or None
    entry = Collection(name, holdings, definition.targets(), description, definition.holdings_pages, review=review)
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        created = define_collection(catalog, entry, definition.baseline_on())
        entry = catalog.collections.get(name)
    click.echo(f"{'added' if created else 'updated'} collection {name!r}: {_describe(entry)}")


@collection.command("set")
@click.argument("name")
@click.option("--holdings", type=click.IntRange(min=0), help="Items the collection holds.")
@collection_options
@click.option("--no-baseline", is_flag=True, help="Remove the baseline.")
@click.option("--no-targets", is_flag=True, help="Remove every target.")
@archive_option
def collection_set(
    name: str,
    holdings: int | None,
    definition: CollectionOptions,
    no_baseline: bool,
    no_targets: bool,
    archive_root: Path,
) -> None:
    """Change some of a collection's figures; the others stay. Targets given replace all targets.

    \b
    Example:
      digitize collection set "Sách cổ" --holdings 4900 --target 50 --by 2026-06-30
      digitize collection set "Sách cổ" --baseline 1205 --baseline-date 2024-12-09
      digitize collection set "Sách cổ" --count-unreviewed
    """
    given = {"holdings": holdings, "holdings_pages": definition.holdings_pages, "description": definition.description}
    changes: dict = {key: value for key, value in given.items() if value is not None}
    if definition.description == "":
        changes["description"] = None
    if definition.target_pcts or no_targets:
        changes["targets"] = () if no_targets else definition.targets()
    if no_baseline:
        changes["baseline"] = None
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        if definition.changes_review:
            current = catalog.collections.get(name)
            changes["review"] = definition.review(current.review if current else ReviewPolicy())
        entry = update_collection(catalog, name, changes, definition.baseline_on())
    click.echo(f"updated collection {name!r}: {_describe(entry)}")


@collection.command("list")
@existing_archive_option
@json_option
def collection_list(archive_root: Path, as_json: bool) -> None:
    """List collections with their holdings, baselines, targets and records of outside work.

    \b
    Example:
      digitize collection list --json
    """
    with Catalog(Archive(archive_root).catalog_path, read_only=True) as catalog:
        entries = [(entry, catalog.collections.outside_records(entry.name)) for entry in catalog.collections.all()]
    if as_json:
        print_json({"collections": [_collection_dict(entry, records) for entry, records in entries]})
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
        "review": asdict(entry.review),
        "outside_records": [{"date": r.on.isoformat(), "items": r.items, "pages": r.pages} for r in records],
    }


@collection.command("record")
@click.argument("name")
@click.option(
    "--digitized", "items", type=click.IntRange(min=1), required=True, help="Items digitized outside the tool."
)
@click.option("--on", "on", type=DATE, required=True, help="Day they were digitized (or the end of the period).")
@click.option("--pages", type=click.IntRange(min=0), help="Their pages, if known.")
@archive_option
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
        row = collection_progress(catalog, catalog.collections.get(name), on)
    share = f" ({row.percent:.1f}% of {row.holdings:,})" if row.percent is not None else ""
    click.echo(
        f"recorded {items:,} items digitized outside the tool on {on.isoformat()} for {name!r}: "
        f"{row.digitized:,} digitized by then{share}"
    )


@collection.command("unrecord")
@click.argument("name")
@click.option("--on", "on", type=DATE, required=True, help="Day of the record to remove.")
@click.option("--digitized", "items", type=click.IntRange(min=1), help="Its items, when the day has several records.")
@archive_option
def collection_unrecord(name: str, on: date, items: int | None, archive_root: Path) -> None:
    """Remove a record of outside work entered by mistake (`collection list` shows them).

    The collection's figures are as if it had never been recorded, on every
    day. To correct a record, remove it and record it again.

    \b
    Example:
      digitize collection unrecord "Sách cổ" --on 2025-01-06
      digitize collection unrecord "Sách cổ" --on 2025-01-06 --digitized 60
    """
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        removed = remove_outside(catalog, name, on, items)
        row = collection_progress(catalog, catalog.collections.get(name), on)
    click.echo(
        f"removed the record of {removed.items:,} items digitized outside the tool on {on.isoformat()} "
        f"from {name!r}: {row.digitized:,} digitized by then"
    )


@collection.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--on",
    "on",
    type=DATE,
    default=date.today,
    show_default="today",
    help="Day of the export: the baseline's day.",
)
@click.option(
    "--digitized-status",
    "statuses",
    multiple=True,
    default=holdings_import.DIGITIZED_STATUSES,
    show_default=True,
    help="A status meaning digitized (case and diacritics ignored); repeat for several.",
)
@archive_option
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
    imported = holdings_import.read_holdings_csv(csv_file, statuses)
    with Catalog(Archive(archive_root).catalog_path) as catalog:
        created = holdings_import.apply(catalog, imported, on)
    for entry in imported:
        counts = ", ".join(f"{status or '(empty)'} {count:,}" for status, count in entry.statuses.most_common())
        click.echo(
            f"{'added' if entry.name in created else 'updated'} collection {entry.name!r}: {entry.items:,} items, "
            f"{entry.digitized:,} digitized on {on.isoformat()} (statuses: {counts})"
        )


@click.command()
@existing_archive_option
@as_of_option
@json_option
def progress(archive_root: Path, as_of: date, as_json: bool) -> None:
    """Show each collection's progress toward its next target, its pace and its status.

    \b
    Example:
      digitize progress --archive archive
      digitize progress --as-of 2025-06-30 --json
    """
    with Catalog(Archive(archive_root).catalog_path, read_only=True) as catalog:
        result = progress_report(catalog, as_of)
    if as_json:
        print_json(result.to_dict())
    else:
        click.echo(report.format_table(result))


@click.command("report")
@existing_archive_option
@as_of_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(report.FORMATS)),
    default="html",
    show_default=True,
    help="html has a chart per collection and prints on A4.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout.")
@language_option("the HTML report")
def report_command(archive_root: Path, as_of: date, fmt: str, output: Path | None, language: str) -> None:
    """Write the progress report: per collection and overall, every target, paces, projections, pages, OCR quality.

    \b
    Example:
      digitize report --format html -o progress.html
      digitize report --ui-lang en -o progress-en.html
      digitize report --format csv --as-of 2025-06-30 > progress.csv
    """
    with Catalog(Archive(archive_root).catalog_path, read_only=True) as catalog:
        text = report.render(progress_report(catalog, as_of), fmt, language)
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text(output, text)
        click.echo(f"wrote {output}")
