"""The user's query string → a Whoosh query over the page text plus exact filters.

Field filters (``type:``, ``agency:``, ``collection:``, ``number:``, ``year:``)
are taken out of the string before Whoosh's parser sees it: its tokenizer
would split ``number:505/QĐ-TTg`` at the slash and hyphen, and it would treat
a filter on an ID field as one more scored term. What is left (words,
``"phrases"``, AND/OR/NOT, parentheses) is parsed against both text fields.
Whoosh's parser accepts anything, so what a person cannot have meant
(an unclosed quote, unbalanced parentheses, operators with no words, a filter
with no value) is refused here with a one-line ``QueryError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FieldsPlugin, MultifieldParser

from digitize.errors import DigitizeError
from digitize.textnorm import fold, normalize

#: The exact field weighs more, so a page that matches as typed outranks one
#: that matches only once diacritics are folded.
FIELD_BOOSTS = {"text": 3.0, "text_folded": 1.0}
FILTER_FIELDS = ("type", "agency", "collection", "number", "year")
_FILTER = re.compile(r"(?<!\S)(" + "|".join(FILTER_FIELDS) + r'):(?:"([^"]*)"|(\S*))')
_YEARS = re.compile(r"(\d{4})(?:\.\.(\d{4}))?")
_PHRASE = re.compile(r'"[^"]*"')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
#: Edits allowed per word by ``fuzzy``: one OCR slip (``chuyen`` read ``chuyćn``).
FUZZY_EDITS = 1


class QueryError(DigitizeError):
    """A query the parser cannot make sense of."""

    def __init__(self, reason: str) -> None:
        super().__init__(None, reason)


@dataclass(frozen=True)
class ParsedQuery:
    #: Scored: the words and phrases, or every page when only filters were given.
    words: wq.Query
    #: Unscored: field filters and the year range, or None.
    filter: wq.Query | None
    #: True when the words were typed without diacritics (they then mean any accented form).
    typed_bare: bool


def parse_query(
    text: str,
    schema: Schema,
    *,
    fuzzy: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
) -> ParsedQuery:
    """Parse ``text``; ``fuzzy`` lets each folded word match within one edit, for OCR errors."""
    text = normalize(text)
    filters: dict[str, list[wq.Query]] = {}
    words = _FILTER.sub(lambda match: _take_filter(match, filters), text).strip()
    if not words and not filters and year_from is None and year_to is None:
        raise QueryError("empty query")
    scored = _parse_words(words, schema, fuzzy) if words else wq.Every()
    conditions = [wq.Or(terms) if len(terms) > 1 else terms[0] for terms in filters.values()]
    if year_from is not None or year_to is not None:
        conditions.append(wq.NumericRange("year", year_from, year_to))
    restrict = wq.And(conditions) if len(conditions) > 1 else (conditions[0] if conditions else None)
    return ParsedQuery(scored, restrict, fold(words) == words)


def _take_filter(match: re.Match, filters: dict[str, list[wq.Query]]) -> str:
    field, value = match.group(1), (match.group(2) if match.group(2) is not None else match.group(3)).strip()
    if not value:
        raise QueryError(f'{field}: needs a value, e.g. {field}:"…"')
    if field == "year":
        years = _YEARS.fullmatch(value)
        if not years:
            raise QueryError(f"year: needs a year or a range such as 2019..2021, not {value!r}")
        first, last = int(years.group(1)), int(years.group(2) or years.group(1))
        term: wq.Query = wq.NumericRange("year", first, last) if last != first else wq.Term("year", first)
    else:
        term = wq.Term(field, value)
    filters.setdefault(field, []).append(term)
    return " "


def _parse_words(words: str, schema: Schema, fuzzy: bool) -> wq.Query:
    if words.count('"') % 2:
        raise QueryError(f"unclosed quote in {words!r}")
    depth = 0
    for char in _PHRASE.sub(" ", words):
        depth += (char == "(") - (char == ")")
        if depth < 0:
            break
    if depth != 0:
        raise QueryError(f"unbalanced parentheses in {words!r}")
    if all(word.strip("()") in _OPERATORS or not word.strip("()") for word in words.split()):
        raise QueryError(f"nothing to search for in {words!r}: AND, OR and NOT join words")
    parser = MultifieldParser(list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS)
    parser.remove_plugin_class(FieldsPlugin)  # field filters were taken out above; a colon is punctuation
    try:
        parsed = parser.parse(words)
    except Exception as error:  # the parser's errors have no common base class
        raise QueryError(f"cannot parse query {words!r}: {error}") from None
    if parsed is wq.NullQuery:
        raise QueryError(f"nothing to search for in {words!r}")
    return parsed.accept(_fuzzy_folded) if fuzzy else parsed


def _fuzzy_folded(node: wq.Query) -> wq.Query:
    """A folded-field word → a fuzzy term; exact words stay exact, so they still rank first."""
    if type(node) is wq.Term and node.fieldname == "text_folded":
        return wq.FuzzyTerm(node.fieldname, node.text, boost=node.boost, maxdist=FUZZY_EDITS, prefixlength=1)
    return node
