"""The user's query string → a tree of words, phrases and operators plus exact filters → a tantivy query.

Field filters (``type:``, ``agency:``, ``province:``, ``collection:``, ``number:``, ``year:``, ``date:``)
are taken out of the string first: ``number:505/QĐ-TTg`` is one value, not
words split at the slash and hyphen, and a filter narrows the hits without
counting in their score. What is left (words, ``"phrases"``, AND/OR/NOT,
parentheses) is parsed here and analyzed like the pages (``index.analysis``),
then asked of both text fields, the exact one weighing more. What a person
cannot have meant (an unclosed quote, unbalanced parentheses, operators with
no words, a filter with no value or of a field there is not (``foo:bar``), a
``*`` (there are no wildcards: words match with or without their diacritics),
a date that no calendar has, a range that ends before it starts, parentheses
nested past ``MAX_NESTING``, a byte that is not UTF-8) is refused with a one-line ``QueryError``, never an empty answer
that reads as "no such pages" nor a traceback.

The tree is kept apart from tantivy so that snippets can highlight the same
words the query asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tantivy

from digitize.metadata.numbers import normalize as normalize_number
from digitize.textnorm import fold, normalize
from index.analysis import PAIR_JOINT, common_phrase, exact_words, folded_word, word_pairs
from index.i18n import N_
from index.query_dates import date_bounds
from index.query_errors import QueryError

#: The exact field weighs more, so a page that matches as typed outranks one
#: that matches only once diacritics are folded.
FIELD_BOOSTS = {"text": 3.0, "text_folded": 1.0}
FILTER_FIELDS = ("type", "agency", "province", "collection", "number", "year", "date")
_FILTER = re.compile(r"(?<!\S)(" + "|".join(FILTER_FIELDS) + r'):(?:"([^"]*)"|(\S*))')
_YEARS = re.compile(r"(\d{4})(?:\.\.(\d{4}))?")
_LEXEME = re.compile(r'"[^"]*"|[()]|[^\s()"]+')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT"}
#: ``name:value`` outside quotes, a name of Latin letters: a field filter, or a mistake (``https://`` is neither).
_UNKNOWN_FIELD = re.compile(r"([A-Za-z_]{2,}):(?!//)\S")
#: Parentheses (and NOTs) nested deeper than any person writes: the parser and the
#: tantivy query it builds recurse once per level, so a hostile query could exhaust the stack.
MAX_NESTING = 32
#: Edits allowed per word by ``fuzzy``: one OCR slip (``chuyen`` read ``chuyćn``).
FUZZY_EDITS = 1


@dataclass(frozen=True)
class Words:
    """One word, or several in this order (a phrase), in their exact form."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class AnyOf:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Words | AllOf | AnyOf | Not


@dataclass(frozen=True)
class Match:
    """A metadata field equal to a value (a year as a number)."""

    field: str
    value: str | int


@dataclass(frozen=True)
class Range:
    """A numeric field (``year``, or ``date_order`` for dates as YYYYMMDD) from ``first`` to ``last``, inclusive."""

    field: str
    first: int | None
    last: int | None


Condition = Match | Range


@dataclass(frozen=True)
class ParsedQuery:
    #: Scored: the words and phrases; None when only filters were given (every page).
    words: Node | None
    #: Unscored: each group's conditions are alternatives; every group must hold.
    filters: tuple[tuple[Condition, ...], ...]
    #: True when the words were typed without diacritics (they then mean any accented form).
    typed_bare: bool
    fuzzy: bool = False


def parse_query(
    text: str,
    *,
    fuzzy: bool = False,
    year_from: int | None = None,
    year_to: int | None = None,
) -> ParsedQuery:
    """Parse ``text``; ``fuzzy`` lets each folded word match within one edit, for OCR errors."""
    _require_utf8(text)
    if year_from is not None and year_to is not None and year_from > year_to:
        raise QueryError(
            N_("the years {year_from} to {year_to} end before they start: give the earlier year first"),
            year_from=year_from,
            year_to=year_to,
        )
    text = normalize(text)
    filters: dict[str, list[Condition]] = {}
    words = _FILTER.sub(lambda match: _take_filter(match, filters), text).strip()
    if not words and not filters and year_from is None and year_to is None:
        raise QueryError(N_("empty query"))
    groups = [tuple(conditions) for conditions in filters.values()]
    if year_from is not None or year_to is not None:
        groups.append((Range("year", year_from, year_to),))
    return ParsedQuery(_parse_words(words) if words else None, tuple(groups), fold(words) == words, fuzzy)


def _require_utf8(text: str) -> None:
    """Refuse a query holding bytes that were not UTF-8 (Python keeps them as lone surrogates; tantivy cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        byte = text[error.start].encode("utf-8", "surrogateescape")
        raise QueryError(
            N_("the query is not UTF-8 text: byte {byte!r} at character {position}"),
            byte=byte,
            position=error.start + 1,
        ) from None


def _take_filter(match: re.Match, filters: dict[str, list[Condition]]) -> str:
    field, value = match.group(1), (match.group(2) if match.group(2) is not None else match.group(3)).strip()
    if not value:
        raise QueryError(N_('{field}: needs a value, e.g. {field}:"…"'), field=field)
    if field == "year":
        years = _YEARS.fullmatch(value)
        if not years:
            raise QueryError(N_("year: needs a year or a range such as 2019..2021, not {value!r}"), value=value)
        first, last = int(years.group(1)), int(years.group(2) or years.group(1))
        if first > last:
            raise QueryError(
                N_("year:{value} ends before it starts: write year:{last}..{first}"),
                value=value,
                last=last,
                first=first,
            )
        condition: Condition = Range("year", first, last) if last != first else Match("year", first)
    elif field == "date":
        condition = Range("date_order", *date_bounds(value))
    elif field == "number":
        # Spelt as the extractor stores it: ``2145 / SVHTTDL-TV``, ``505/QD-TTg`` (typed without Đ) find it too.
        condition = Match(field, normalize_number(value))
    else:
        condition = Match(field, value)
    filters.setdefault(field, []).append(condition)
    return " "


def _parse_words(words: str) -> Node:
    if words.count('"') % 2:
        raise QueryError(N_("unclosed quote in {words!r}"), words=words)
    lexemes = _LEXEME.findall(words)
    depth = deepest = 0
    for lexeme in lexemes:
        depth += (lexeme == "(") - (lexeme == ")")
        deepest = max(deepest, depth)
        if depth < 0:
            break
    if depth != 0:
        raise QueryError(N_("unbalanced parentheses in {words!r}"), words=words)
    if deepest > MAX_NESTING or _longest_operator_run(lexemes) > MAX_NESTING:
        raise QueryError(
            N_("the query nests more than {levels} levels of parentheses or operators: write it flatter"),
            levels=MAX_NESTING,
        )
    for lexeme in lexemes:
        _refuse_what_finds_nothing(lexeme)
    if all(lexeme in _OPERATORS or lexeme in "()" for lexeme in lexemes):
        raise QueryError(N_("nothing to search for in {words!r}: AND, OR and NOT join words"), words=words)
    node = _Parser(lexemes).conjunction()
    if node is None:
        raise QueryError(N_("nothing to search for in {words!r}"), words=words)
    return node


def _refuse_what_finds_nothing(lexeme: str) -> None:
    """An unknown ``field:value`` or a ``*`` would be analyzed into words no page has, a silent "no matches"."""
    if lexeme.startswith('"'):
        return
    field = _UNKNOWN_FIELD.match(lexeme)
    if field and field.group(1) not in FILTER_FIELDS:
        raise QueryError(
            N_(
                "unknown field {field}: the fields are {fields} (to search for the text itself, put it in quotes: "
                '"{lexeme}")'
            ),
            field=field.group(1),
            fields=", ".join(FILTER_FIELDS),
            lexeme=lexeme,
        )
    if "*" in lexeme:
        raise QueryError(
            N_(
                "{lexeme!r}: * is not a wildcard here: type whole words (diacritics may be left out), "
                "or ask for fuzzy matching"
            ),
            lexeme=lexeme,
        )


def _longest_operator_run(lexemes: list[str]) -> int:
    """The most operators in a row (``NOT NOT NOT x``), each a level of the parser's recursion."""
    longest = run = 0
    for lexeme in lexemes:
        run = run + 1 if lexeme in _OPERATORS else 0
        longest = max(longest, run)
    return longest


class _Parser:
    """Recursive descent: words side by side must all match; OR binds tighter; NOT applies to what follows.

    Operators with nothing to join are passed over, as are words with no letters or digits.
    """

    def __init__(self, lexemes: list[str]) -> None:
        self.lexemes = lexemes
        self.at = 0

    def _peek(self) -> str | None:
        return self.lexemes[self.at] if self.at < len(self.lexemes) else None

    def conjunction(self) -> Node | None:
        parts: list[Node] = []
        while (lexeme := self._peek()) not in (None, ")"):
            if lexeme in ("AND", "OR"):
                self.at += 1
                continue
            negate = lexeme == "ANDNOT"
            self.at += negate
            part = self.disjunction()
            if part is not None:
                parts.append(Not(part) if negate else part)
        return _joined(AllOf, parts)

    def disjunction(self) -> Node | None:
        parts = [self.unary()]
        while self._peek() == "OR":
            self.at += 1
            parts.append(self.unary())
        return _joined(AnyOf, [part for part in parts if part is not None])

    def unary(self) -> Node | None:
        lexeme = self._peek()
        if lexeme is None or lexeme == ")":
            return None
        self.at += 1
        if lexeme == "NOT":
            part = self.unary()
            return Not(part) if part is not None else None
        if lexeme == "(":
            part = self.conjunction()
            self.at += self._peek() == ")"
            return part
        if lexeme in _OPERATORS:
            return self.unary()
        analyzed = tuple(exact_words(lexeme.strip('"')))
        return Words(analyzed) if analyzed else None


def _joined(kind: type[AllOf] | type[AnyOf], parts: list[Node]) -> Node | None:
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else kind(tuple(parts))


def asked_words(parsed: ParsedQuery) -> set[str]:
    """The exact forms of the words the query asks for (not those it excludes), for highlighting."""
    found: set[str] = set()
    stack = [parsed.words] if parsed.words is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, Words):
            found.update(node.words)
        elif isinstance(node, AllOf | AnyOf):
            stack.extend(node.parts)
    return found


def to_tantivy(parsed: ParsedQuery, schema: tantivy.Schema, scored: bool = True) -> tantivy.Query:
    """The query for ``index.store``'s schema: the words scored, each filter group a zero-score must.

    Unless ``scored``, the words are asked of the folded field alone: every
    exact match is a folded match too, so the same pages match, for half the
    work (for counting them by facet).
    """
    fields = FIELD_BOOSTS if scored else {"text_folded": 1.0}
    every = parsed.words is None
    words = tantivy.Query.all_query() if every else _compile(parsed.words, schema, parsed.fuzzy, fields)
    filters = [
        tantivy.Query.const_score_query(_any([_condition(condition, schema) for condition in group]), 0.0)
        for group in parsed.filters
    ]
    if not filters:
        return words
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in [words, *filters]])


def _compile(node: Node, schema: tantivy.Schema, fuzzy: bool, fields: dict[str, float]) -> tantivy.Query:
    if isinstance(node, Words):
        queries = {field: _words_in(field, boost, node.words, schema, fuzzy) for field, boost in fields.items()}
        if len(node.words) > 1 and len(queries) > 1:  # a phrase: its folded pairs find it, its exact words rank it
            found = queries.pop("text_folded")
            ranking = [(tantivy.Occur.Should, query) for query in queries.values()]
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, found), *ranking])
        return _any(list(queries.values()))
    if isinstance(node, Not):
        return _all([node], schema, fuzzy, fields)
    if isinstance(node, AnyOf):
        return _any([_compile(part, schema, fuzzy, fields) for part in node.parts])
    return _all(list(node.parts), schema, fuzzy, fields)


def _all(parts: list[Node], schema: tantivy.Schema, fuzzy: bool, fields: dict[str, float]) -> tantivy.Query:
    """Every part must match and no negated one; negations alone exclude from every page.

    A word typed without diacritics is found in the folded field alone, its
    exact form only adding to the score beside the others: the same pages and
    scores as asking each word of either field, but tantivy then walks the
    folded words' postings alone rather than one union of two fields per
    word (typed bare, six words at a million pages: 40 ms of CPU, not 65).
    """
    clauses = []
    for part in parts:
        if isinstance(part, Not):
            clauses.append((tantivy.Occur.MustNot, _compile(part.part, schema, fuzzy, fields)))
        elif len(fields) > 1 and isinstance(part, Words) and _typed_bare(part):
            clauses.append(
                (tantivy.Occur.Must, _words_in("text_folded", fields["text_folded"], part.words, schema, fuzzy))
            )
            clauses.append((tantivy.Occur.Should, _words_in("text", fields["text"], part.words, schema, fuzzy)))
        else:
            clauses.append((tantivy.Occur.Must, _compile(part, schema, fuzzy, fields)))
    if all(occur != tantivy.Occur.Must for occur, _ in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


def _typed_bare(words: Words) -> bool:
    """One word with no diacritics: its exact form is rare in pages, which have them."""
    return len(words.words) == 1 and folded_word(words.words[0]) == words.words[0]


def _any(queries: list[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in queries])


def _words_in(field: str, boost: float, words: tuple[str, ...], schema: tantivy.Schema, fuzzy: bool) -> tantivy.Query:
    """A word or phrase in ``field``; with ``fuzzy``, a single folded word within one edit.

    A phrase is found in the folded field; one of common words through their
    pairs (``text_pairs``), which is the same phrase exactly (``chuyen_doi
    doi_so`` in that order) with far shorter postings. In the exact field a
    phrase asks for its words, all of them, only to rank pages with the phrase
    as typed first, without a second phrase search.
    """
    terms = [folded_word(word) for word in words] if field == "text_folded" else list(words)
    if len(terms) > 1 and field == "text_folded":
        query = folded_phrase(terms, schema)
    elif len(terms) > 1:
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, tantivy.Query.term_query(schema, field, term)) for term in terms]
        )
    elif fuzzy and field == "text_folded":
        query = tantivy.Query.fuzzy_term_query(schema, field, terms[0], distance=FUZZY_EDITS)
    else:
        query = tantivy.Query.term_query(schema, field, terms[0])
    return tantivy.Query.boost_query(query, boost) if boost != 1.0 else query


def folded_phrase(terms: list[str], schema: tantivy.Schema, slop: int = 0) -> tantivy.Query:
    """Folded words in this order (within ``slop`` gaps) as cheaply as the index allows.

    Common words only: a phrase of their pairs (``text_pairs``), short
    postings. Otherwise a phrase of the folded words, which reads the
    positions of every page holding them all (``nong nghiep``: 356,000 of a
    million pages, 45 ms); when some neighbours in it are common words
    (``thu tuc hanh chinh noi bo``), their pairs must be there too, and
    tantivy walks those short postings first, so positions are read only on
    the few pages holding them (34 ms → 3 ms), for the same pages and scores.
    With a ``slop`` the words may stand apart, their pairs too: no such filter.
    """
    pairs = word_pairs(terms)
    if common_phrase(terms):
        if len(pairs) == 1:
            return tantivy.Query.term_query(schema, "text_pairs", pairs[0])
        return tantivy.Query.phrase_query(schema, "text_pairs", pairs, slop=slop)
    phrase = tantivy.Query.phrase_query(schema, "text_folded", terms, slop=slop)
    indexed = sorted({pair for pair in pairs if pair != PAIR_JOINT})
    if slop or not indexed:
        return phrase
    needed = [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "text_pairs", pair)) for pair in indexed]
    unscored = tantivy.Query.const_score_query(tantivy.Query.boolean_query(needed), 0.0)
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, unscored), (tantivy.Occur.Must, phrase)])


def _condition(condition: Condition, schema: tantivy.Schema) -> tantivy.Query:
    if isinstance(condition, Range):
        return tantivy.Query.range_query(
            schema, condition.field, tantivy.FieldType.Integer, condition.first, condition.last
        )
    return tantivy.Query.term_query(schema, condition.field, condition.value)
