"""Parameter types: user input checked once, where it enters, into values no later stage has to doubt.

Numbers are finite and in range (``nan`` passes every comparison, so a plain
range lets it through), names are NFC, trimmed and not empty, days are real
days. Each refusal is one line naming the option, never a traceback.
"""

from __future__ import annotations

from datetime import date, datetime

import click

from pipelines.imports.spreadsheet import DELIMITERS


class _DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx) -> date:
        if isinstance(value, date):
            return value
        try:
            return datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            self.fail(f"{value!r} is not a date such as 2025-12-31", param, ctx)


class _DelimiterType(click.ParamType):
    name = "|".join(name for name in DELIMITERS if name not in ("\t", "\\t"))

    def convert(self, value, param, ctx) -> str:
        if value in DELIMITERS.values():
            return value
        if value.lower() not in DELIMITERS:
            self.fail(f"{value!r} is not a delimiter: give one of {', '.join(map(repr, DELIMITERS))}", param, ctx)
        return DELIMITERS[value.lower()]


DATE = _DateType()
delimiter_option = click.option(
    "--delimiter",
    type=_DelimiterType(),
    default=",",
    show_default=True,
    help="What separates the cells: , ; | or tab (a spreadsheet saved in a Vietnamese locale often uses ;). "
    "Cells in double quotes may hold it, line breaks and doubled quotes (RFC 4180).",
)
