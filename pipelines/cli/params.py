"""Parameter types: user input checked once, where it enters, into values no later stage has to doubt.

Numbers are finite and in range (``nan`` passes every comparison, so a plain
range lets it through), names are NFC, trimmed and not empty, days are real
days. Each refusal is one line naming the option, never a traceback.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime

import click

from pipelines.collections.definitions import Share
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


class _PastDateType(_DateType):
    """A day that has come: a baseline says where a collection stood, which no one knows of a day to come."""

    def convert(self, value, param, ctx) -> date:
        day = super().convert(value, param, ctx)
        if day > date.today():
            self.fail(f"{day.isoformat()} is after today: give the day it stood so", param, ctx)
        return day


class _FiniteFloatRange(click.FloatRange):
    """A ``FloatRange`` that refuses ``nan`` (which passes every comparison) and ``inf``."""

    def convert(self, value, param, ctx) -> float:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


class _NameType(click.ParamType):
    """A name as a person means it: NFC (an NFD ``Sách cổ`` is the same collection), trimmed, not empty, one line."""

    name = "NAME"

    def convert(self, value, param, ctx) -> str:
        name = unicodedata.normalize("NFC", value).strip()
        if not name:
            self.fail("a name cannot be empty or only spaces", param, ctx)
        if any(unicodedata.category(char).startswith("C") for char in name):
            self.fail(f"{name!r} holds a control character", param, ctx)
        if len(name) > MAX_NAME_LENGTH:
            self.fail(f"a name is at most {MAX_NAME_LENGTH} characters, not {len(name)}", param, ctx)
        return name


#: The largest count a user may give (items, pages): beyond any library, well within SQLite's integers.
MAX_COUNT = 10**12
MAX_NAME_LENGTH = 200
#: Search results a command shows at once, and how far it pages (the engine keeps offset + limit hits in memory).
MAX_LIMIT, MAX_OFFSET = 1000, 100_000
#: Worker processes a run may start on one machine.
MAX_JOBS = 256


class _ShareType(click.ParamType):
    """A count of items (at most ``MAX_COUNT``) or a percent (at most 100)."""

    name = "N|PCT%"

    def convert(self, value, param, ctx) -> Share:
        if isinstance(value, Share):
            return value
        try:
            share = Share.parse(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)
        if share.value > (100 if share.percent else MAX_COUNT):
            self.fail(f"{value!r} is more than {'100%' if share.percent else f'{MAX_COUNT:,} items'}", param, ctx)
        return share


DATE = _DateType()
PAST_DATE = _PastDateType()
NAME = _NameType()
SHARE = _ShareType()


def count(minimum: int = 0) -> click.IntRange:
    """A count of items or pages from ``minimum`` up to ``MAX_COUNT``."""
    return click.IntRange(minimum, MAX_COUNT)


def finite(minimum: float, maximum: float) -> click.FloatRange:
    """A finite number from ``minimum`` to ``maximum``."""
    return _FiniteFloatRange(minimum, maximum)


#: A calendar year, as search filters take it.
YEAR = click.IntRange(1, 9999)
delimiter_option = click.option(
    "--delimiter",
    type=_DelimiterType(),
    default=",",
    show_default=True,
    help="What separates the cells: , ; | or tab (a spreadsheet saved in a Vietnamese locale often uses ;). "
    "Cells in double quotes may hold it, line breaks and doubled quotes (RFC 4180).",
)
