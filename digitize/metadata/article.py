"""Title, date, author and source of documents outside the Decree 30 format: articles, reports, books.

Saved web articles open with page chrome and close with the author's name
under the last paragraph, sometimes with the paper (``Tân Nguyên- báo Quảng
Trị``); a lede may name the agency (``(ĐCSVN) -``). Dates inside sentences
are the dates of events, not of the article, and are not taken for it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from digitize.metadata import dates
from digitize.metadata.confidence import GIVEN, PLAUSIBLE, TRUSTED
from digitize.metadata.model import Field
from digitize.textnorm import fold

# Web page chrome before an article's title; matched on folded text, OCR often gets these marks wrong.
_CHROME = re.compile(r"^(chi tiet|cap nhat|logo|thu \w+,|\(?gmt)|-icon$", re.IGNORECASE)
_SITE = re.compile(r"^chi tiet(?: bai viet)?\s*[-–]\s*", re.IGNORECASE)
# A lede's source opens a sentence of the article: ``(ĐCSVN) - Qua 10 năm …``. Prose must follow, so that a page's
# own chrome read by OCR (a comment template's ``{name} - {time}`` comes back as ``(name) - (time)``) is not one.
_LEDE_SOURCE = re.compile(r"^\(([^()]{2,20})\)\s*[-–]\s*[^\W\d_].{30,}")
_SOURCE_LINE = re.compile(r"^(?:nguon|theo)\s*:\s*", re.IGNORECASE)
_PRESS = re.compile(r"\s*[-–(]\s*((?:báo|Báo|tạp chí|Tạp chí|TTXVN|Đài|Cổng)\b[^)]*)\)?\s*$")
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.?){1,4}$")
#: A paragraph at least this long is body text; the author signs right under the last one.
_PARAGRAPH = 150


@dataclass(frozen=True)
class Article:
    title: Field = field(default_factory=Field)
    date: Field = field(default_factory=Field)
    author: Field = field(default_factory=Field)
    source: Field = field(default_factory=Field)


def read(text: str) -> Article:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # OCR wraps a paragraph into lines and separates paragraphs by a blank line; web copies do not wrap.
    paragraphs = [p.strip().splitlines() for p in re.split(r"\n\s*\n", text) if p.strip()]
    author, press = _author(paragraphs)
    source = press if press.value else _source(lines)
    return Article(title=_title(text), date=_date(lines), author=author, source=source)


def _title(text: str) -> Field:
    """The first line that is not page chrome, with the lines it wraps onto (they start in lower case)."""
    lines = [line.strip() for line in text.splitlines()]
    for i, line in enumerate(lines[:12]):
        if 10 <= len(line) <= 200 and not _CHROME.search(fold(line)) and not line.endswith((".", ":")):
            title = [line]
            for following in lines[i + 1 : i + 3]:
                if not following or not following[0].islower():
                    break
                title.append(following)
            return Field(" ".join(title), PLAUSIBLE)
    return Field()


def _date(lines: list[str]) -> Field:
    """A dateline near the top (a short line with a date), else a ``place, tháng … năm …`` line at the end."""
    for line in lines[:12]:
        if len(line) <= 60:
            found = dates.find_numeric(line) or dates.find_worded(line)
            if found and found.field.value:
                return found.field.at_most(TRUSTED)
    for line in lines[-30:]:
        if len(line) <= 60 and "," in line:
            found = dates.find_worded(line) or dates.find_month_year(line)
            if found and found.field.value:
                return found.field.at_most(PLAUSIBLE)
    return Field()


def _author(paragraphs: list[list[str]]) -> tuple[Field, Field]:
    """The last line of names opening a paragraph right under a body paragraph, and the paper named with it."""
    found = Field(), Field()
    for previous, following in itertools.pairwise(paragraphs):
        line = following[0].strip()
        if len(" ".join(previous)) < _PARAGRAPH or len(line) > 60 or fold(line).lower().startswith("anh"):
            continue
        press = _PRESS.search(line)
        name = line[: press.start()] if press else line
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[0].isupper() and w[1:].islower() and w.isalpha() for w in words):
            found = Field(name.strip(), PLAUSIBLE), Field(press.group(1).strip(), PLAUSIBLE) if press else Field()
        elif len(words) == 1 and _INITIALS.match(words[0]):
            found = Field(words[0], GIVEN), Field()
    return found


def _source(lines: list[str]) -> Field:
    for line in lines:
        lede = _LEDE_SOURCE.match(line)
        if lede:
            return Field(lede.group(1), PLAUSIBLE)
        label = _SOURCE_LINE.match(fold(line))
        if label and len(line) <= 80:
            return Field(line[label.end() :].strip(), TRUSTED)
    for line in lines[:3]:
        site = _SITE.match(fold(line))
        if site:
            return Field(line[site.end() :].strip(), GIVEN)
    return Field()
