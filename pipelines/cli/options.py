"""Options and parameter types shared by several commands."""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import click

from digitize import ingest
from digitize.ocr import options as ocr
from index.i18n import DEFAULT_LANGUAGE, LANGUAGES
from pipelines.archive.layout import ENV_VAR, Archive, default_root
from pipelines.batch.context import BatchSettings
from pipelines.batch.executors import EXECUTORS


def _archive_option(**settings) -> Callable:
    return click.option(
        "--archive",
        "archive_root",
        type=click.Path(file_okay=False, path_type=Path),
        default=default_root,
        show_default=f"./archive, or ${ENV_VAR}",
        **settings,
    )


def _archive_that_exists(ctx: click.Context, param: click.Parameter, root: Path) -> Path:
    Archive(root).existing_catalog_path()  # an ArchiveError naming the folder when it holds no catalog
    return root


# Options shared by several commands (a click option decorator can be applied many times).
archive_option = _archive_option(help="Archive folder.")
#: For commands that only read an archive: a folder that holds none is refused rather than made an empty archive.
existing_archive_option = _archive_option(help="Archive folder (an existing archive).", callback=_archive_that_exists)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
lang_option = click.option(
    "--lang", default=ocr.DEFAULT_LANG, show_default=True, help="Tesseract languages, e.g. vie+eng."
)


def language_option(what: str) -> Callable:
    """``--ui-lang vi|en``: the language people read ``what`` (web pages, a report) in, Vietnamese unless asked
    otherwise. Elsewhere ``--lang`` is the Tesseract languages pages are read with; on ``serve`` and ``report``,
    which read no page, it stays an alias of ``--ui-lang`` so that scripts written before keep working."""
    return click.option(
        "--ui-lang",
        "--lang",
        "language",
        type=click.Choice(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        show_default=True,
        help=f"Language of {what} (vi: Vietnamese, en: English).",
    )


psm_option = click.option(
    "--psm",
    type=click.Choice([str(mode) for mode in ocr.PAGE_SEGMENTATION_MODES]),
    default=str(ocr.DEFAULT_PSM),
    show_default=True,
    help="Tesseract page segmentation mode: 3 finds columns and blocks, 4 one column, 6 one block, 11 sparse text.",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(ocr.ENGINE_NAMES),
    default=ocr.DEFAULT_ENGINE,
    show_default=True,
    help="OCR engine: auto (trueocr finds the lines, Tesseract and trueocr read each, the surer word kept; "
    "the most accurate on real scans), tesseract (Tesseract alone, through tesserocr; any --lang) or trueocr "
    "(the neural Vietnamese recognizer alone, the fastest). --lang and --psm are Tesseract's.",
)
tones_option = click.option(
    "--unify-tones/--keep-tones",
    default=False,
    show_default=True,
    help="Write old-style tone marks the new way (hoà → hòa, thuỷ → thủy), or keep the source's placement; "
    "search finds both either way.",
)
languages_option = click.option(
    "--languages",
    default=",".join(ocr.DEFAULT_LANGUAGES),
    show_default=True,
    callback=lambda _context, _parameter, value: tuple(code for code in value.split(",") if code),
    help="Languages a page may be in (Tesseract codes): a page found in one other than vie (French by its "
    "commonest words) is read again by Tesseract with it beside vie, e.g. fra+vie.",
)
han_ocr_option = click.option(
    "--han-ocr",
    is_flag=True,
    help="Read Hán-Nôm pages with Tesseract's traditional Chinese models (chi_tra_vert, chi_tra): an approximate "
    "reading, flagged so; Nôm characters are not in them. Without it they are kept as images for a specialist.",
)
mode_option = click.option(
    "--mode",
    type=click.Choice(ingest.TEXT_LAYER_MODES),
    default="skip",
    show_default=True,
    help="PDF pages' own text: skip = keep a real text layer, OCR the rest (a signature caption or broken OCR "
    "is not real); redo = also OCR again pages whose text is drawn invisibly (an earlier OCR), keep visible, "
    "born-digital text; force = OCR every page.",
)
jobs_option = click.option(
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


DATE = _DateType()
as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DATE,
    default=date.today,
    show_default="today",
    help="Report as things stood at the end of this day.",
)


def reading_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the options of how pages are read to ``command``, which receives them as one ``reading: OcrOptions``."""

    @functools.wraps(command)
    def with_reading(*args, engine, lang, psm, unify_tones, mode, languages, han_ocr, **kwargs) -> None:
        reading = ocr.OcrOptions(
            lang=lang, psm=int(psm), unify_tones=unify_tones, mode=mode, engine=engine, languages=languages,
            han_ocr=han_ocr,
        )  # fmt: skip
        command(*args, reading=reading, **kwargs)

    options = (engine_option, lang_option, psm_option, tones_option, mode_option, languages_option, han_ocr_option)
    for option in reversed(options):
        with_reading = option(with_reading)
    return with_reading


def print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


pdfa_option = click.option(
    "--pdfa", is_flag=True, help="Write each document's PDF as PDF/A-2b, for long-term archiving."
)


executor_option = click.option(
    "--executor",
    type=click.Choice(EXECUTORS),
    default="local",
    show_default=True,
    help="Where pages are processed: processes on this machine, or the workers of a Dask cluster.",
)
scheduler_option = click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="The Dask cluster's scheduler, e.g. tcp://host:8786. Without it, --executor dask starts --jobs workers here.",
)


def batch_options(command: Callable[..., None]) -> Callable[..., None]:
    """Add the batch options to ``command``, which receives them as one ``batch: BatchSettings``."""

    @functools.wraps(command)
    @reading_options
    def with_batch(*args, jobs, executor, scheduler, reading, pdfa, **kwargs) -> None:
        if scheduler is not None and executor != "dask":
            raise click.UsageError("--scheduler is the address of a Dask cluster: give --executor dask with it.")
        command(*args, batch=BatchSettings(reading, jobs, executor, scheduler, pdfa), **kwargs)

    for option in reversed((jobs_option, executor_option, scheduler_option, pdfa_option)):
        with_batch = option(with_batch)
    return with_batch


def document_and_out(names: tuple[str, ...], collection: str | None) -> tuple[str | None, Path]:
    """The ``[DOC] OUT`` arguments of an export: DOC and OUT, or OUT alone beside ``--collection``."""
    if len(names) != (1 if collection else 2):
        raise click.UsageError("give DOC and OUT, or --collection NAME and OUT")
    return (None if collection else names[0]), Path(names[-1])
