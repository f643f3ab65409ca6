"""Options and parameter types shared by several commands."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import click

from digitize import ocr
from pipelines.archive import ENV_VAR, default_root

# Options shared by several commands (a click option decorator can be applied many times).
archive_option = click.option(
    "--archive",
    "archive_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=default_root,
    show_default=f"./archive, or ${ENV_VAR}",
    help="Archive folder.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
lang_option = click.option(
    "--lang", default=ocr.DEFAULT_LANG, show_default=True, help="Tesseract languages, e.g. vie+eng."
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


def print_json(value: object) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))
