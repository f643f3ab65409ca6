"""Numbers, percents and dates as a reader writes them: ``1.234``, ``12,5%``, ``07/12/2026`` and ``T12/2026`` in
Vietnamese; ``1,234``, ``12.5%``, ``2026-12-07`` and ``Dec 2026`` in English.

Written here rather than taken from Babel: two languages and five patterns do
not justify a runtime dependency (Babel stays a dev tool for the catalogs;
``docs/decisions.md`` has the figures).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: What a figure that does not exist is written as, in every language.
NONE = "—"
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Style:
    """How one language groups thousands, marks decimals and writes a day and a month."""

    group: str
    decimal: str
    day: str  # a str.format pattern of d (day), m (month), y (year)
    month: str  # the same, with name (the month's short name)


STYLES = {
    "vi": Style(group=".", decimal=",", day="{d:02}/{m:02}/{y}", month="T{m}/{y}"),
    "en": Style(group=",", decimal=".", day="{y}-{m:02}-{d:02}", month="{name} {y}"),
}


def style(lang: str) -> Style:
    """The style of ``lang``; English for a language we have no style for."""
    return STYLES.get(lang, STYLES["en"])


def number(value: int | None, lang: str) -> str:
    """A count with its thousands grouped."""
    return NONE if value is None else f"{value:,}".replace(",", style(lang).group)


def decimal(value: float | None, lang: str, places: int = 1) -> str:
    if value is None:
        return NONE
    written = f"{value:,.{places}f}"
    return written.translate(str.maketrans({",": style(lang).group, ".": style(lang).decimal}))


def percent(value: float | None, lang: str, places: int = 1) -> str:
    """``12,5%``: Vietnamese writes the sign without a space, as English does."""
    return NONE if value is None else decimal(value, lang, places) + "%"


def short_percent(value: float, lang: str) -> str:
    """A target's percent without trailing zeros: ``50%``, ``12,5%``."""
    return f"{value:g}".replace(".", style(lang).decimal) + "%"


def day(value: date | None, lang: str) -> str:
    return NONE if value is None else style(lang).day.format(d=value.day, m=value.month, y=value.year)


def month(value: date, lang: str) -> str:
    """A chart's month label: ``T3/2026``, ``Mar 2026``."""
    return style(lang).month.format(m=value.month, y=value.year, name=_EN_MONTHS[value.month - 1])


def localized(value: object, lang: str) -> object:
    """``value`` written for ``lang`` if it is a count, a decimal or a day; anything else as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return number(value, lang)
    if isinstance(value, float):
        return decimal(value, lang)
    if isinstance(value, date):
        return day(value, lang)
    return value
