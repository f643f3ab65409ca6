"""Snippets: a page's text around the words a query matched, with the matches as character spans.

Spans rather than markup, so each front end (terminal, JSON, HTML) highlights
and escapes in its own way. Which words match is ``index.matching``'s rule,
the one the scan's hit boxes follow: a phrase only where its words stand
together, a word typed with diacritics as typed where the page has it.
"""

from __future__ import annotations

import re

from index.analysis import WORD, Word, find_words, within_one_edit, words
from index.matching import asked_sequences, folded_sequence, matches
from index.query import ParsedQuery
from index.results import Spans

#: A snippet is at most ``FRAGMENTS`` fragments, each the matches within
#: ``FRAGMENT_CHARS`` characters with ``FRAGMENT_SURROUND`` either side.
FRAGMENTS, FRAGMENT_CHARS, FRAGMENT_SURROUND = 2, 100, 40
_SPACES = re.compile(r"\s+")
_SPACES_IN_LINE = re.compile(r"[^\S\n]+")
_WORD = re.compile(WORD)


def whole_page(text: str, parsed: ParsedQuery | None) -> tuple[str, Spans]:
    """A page's whole text, its lines kept, with the spans of the words ``parsed`` asked for (none without a query)."""
    matched = matched_words(text, parsed) if parsed is not None else []
    return marked(text, 0, len(text), matched, keep_lines=True)


def snippet(text: str, parsed: ParsedQuery) -> tuple[str, Spans]:
    """The text around its matches on one line, with the matches' spans."""
    matched = matched_words(text, parsed)
    if not matched:
        return _SPACES.sub(" ", text[:200]), ()
    groups: list[list[Word]] = []
    for word in matched:
        if groups and word.end - groups[-1][0].start <= FRAGMENT_CHARS:
            groups[-1].append(word)
        else:
            groups.append([word])
    best = sorted(groups, key=lambda group: -len({word.folded for word in group}))[:FRAGMENTS]
    # Fragments that would overlap are one, so no words are shown twice.
    pieces: list[tuple[int, int, list[Word]]] = []
    for group in sorted(best, key=lambda group: group[0].start):
        start, end = _bounds(text, group)
        if pieces and start <= pieces[-1][1]:
            pieces[-1] = (pieces[-1][0], max(end, pieces[-1][1]), pieces[-1][2] + group)
        else:
            pieces.append((start, end, group))
    shown, spans = "", ()
    for start, end, group in pieces:
        joint = " … " if shown else ""
        fragment, found = marked(text, start, end, group)
        spans += tuple((a + len(shown) + len(joint), b + len(shown) + len(joint)) for a, b in found)
        shown += joint + fragment
    return shown, spans


def matched_words(text: str, parsed: ParsedQuery) -> list[Word]:
    """The words of ``text`` the query matches, in order (``index.matching``: a phrase only where its words
    stand together)."""
    sequences = asked_sequences(parsed)
    folded = {word for sequence in sequences for word in folded_sequence(sequence)}
    if parsed.fuzzy:
        candidates = [word for word in words(text) if any(within_one_edit(word.folded, other) for other in folded)]
    else:
        candidates = find_words(text, folded)  # one pass over the text: only words that could match are looked at

    def follows(k: int) -> bool:
        return _WORD.search(text, candidates[k - 1].end, candidates[k].start) is None

    return [candidates[k] for k in sorted(matches(candidates, parsed, follows))]


def _bounds(text: str, group: list[Word]) -> tuple[int, int]:
    """Where the group's fragment lies: its words with ``FRAGMENT_SURROUND`` characters either side, at least
    ``FRAGMENT_CHARS`` in all, cut at whole words."""
    start = max(0, group[0].start - FRAGMENT_SURROUND)
    end = min(len(text), max(group[-1].end + FRAGMENT_SURROUND, start + FRAGMENT_CHARS))
    while start < group[0].start and (text[start].isspace() or (start > 0 and text[start - 1].isalnum())):
        start += 1
    while group[-1].end < end and (text[end - 1].isspace() or (end < len(text) and text[end].isalnum())):
        end -= 1
    return start, end


def marked(text: str, start: int, end: int, matched: list[Word], keep_lines: bool = False) -> tuple[str, Spans]:
    """``text[start:end]`` with runs of spaces made one (line breaks kept if ``keep_lines``), and the spans of
    the ``matched`` words within it."""
    spaces = _SPACES_IN_LINE if keep_lines else _SPACES
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    last, length = start, 0
    for word in matched:
        if start <= word.start and word.end <= end:
            gap = spaces.sub(" ", text[last : word.start])
            parts += [gap, text[word.start : word.end]]
            spans.append((length + len(gap), length + len(gap) + word.end - word.start))
            length = spans[-1][1]
            last = word.end
    parts.append(spaces.sub(" ", text[last:end]))
    return "".join(parts), tuple(spans)
