"""Normalization of Vietnamese text entering the archive.

Text arrives from Tesseract, PDF text layers and typed metadata; each of them
may be NFD, carry look-alike letters, or stray control characters. Everything
stored or indexed goes through ``normalize`` so that equal words compare equal.
"""

from __future__ import annotations

import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\ufeff]")
# Runs of two or more, or a tab or no-break space: a single space is left as it is, which is quicker.
_SPACES = re.compile(r"(?: [ \t\u00a0]|[\t\u00a0])[ \t\u00a0]*")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """NFC, look-alikes mapped, control characters dropped, runs of spaces and blank lines collapsed."""
    # Tesseract sometimes reads Đ as the Icelandic eth, which looks the same.
    text = unicodedata.normalize("NFC", text).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # The substitutions only where they have work, each looked for with a quick ``in``: most pages need neither.
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return (_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d" if char == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Latin-1 Supplement through Latin Extended-B and Latin Extended Additional
# cover every Vietnamese letter; a table makes folding one str.translate call.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00))
    for code in block
    if _fold_char(chr(code)) != chr(code)
}


def fold(text: str) -> str:
    """Strip diacritics the way people type without them: ``Đường`` → ``Duong``.

    Expects NFC input (see ``normalize``); decomposed marks are dropped too.
    """
    return "".join(c for c in text.translate(_FOLD_TABLE) if not unicodedata.combining(c))


#: The five tone marks as combining characters, with their names; the marks that make letters (ă â ê ô ơ ư) are not
#: tones. The one table of them: normalization, the syllable check and the header lexicon all read it.
TONE_MARKS = {"\u0300": "huyền", "\u0301": "sắc", "\u0309": "hỏi", "\u0303": "ngã", "\u0323": "nặng"}
_OLD_STYLE_PAIRS = ("oa", "oe", "uy")


def _old_style_table() -> dict[str, str]:
    """``oà`` → ``òa`` and so on, in every case combination, for the pairs that differ between styles."""
    table = {}
    for first, second in _OLD_STYLE_PAIRS:
        for tone in TONE_MARKS:
            for a, b in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                old = a + unicodedata.normalize("NFC", b + tone)
                table[old] = unicodedata.normalize("NFC", a + tone) + b
    return table


_OLD_STYLE = _old_style_table()
# Only where the pair ends the word (``hoàn`` is written so in both styles) and
# ``u`` is a vowel (in ``quý`` it belongs to ``qu``, and the mark stays on ``y``).
# Character classes rather than the pairs spelled out: one pass over a page is
# then quick enough for indexing; the table decides which pairs are replaced.
# The pattern starts with its class, not a look-behind for ``q``, so that the
# regular-expression engine can skip ahead to candidates (3× faster on a page).
_OLD_STYLE_AT_END = re.compile(r"[oOuU][" + "".join(sorted({pair[1] for pair in _OLD_STYLE})) + r"](?!\w)")


def unify_tone_marks(text: str) -> str:
    """The tone mark of ``oa``, ``oe``, ``uy`` at a word's end moved to the new place: ``hoà`` → ``hòa``.

    Both placements are in everyday use (``Thanh Hoá``, ``Thanh Hóa``; ``thuỷ``,
    ``thủy``), so a search for one must find the other. Expects NFC input.
    """
    return _OLD_STYLE_AT_END.sub(_new_style, text)


def _new_style(match: re.Match) -> str:
    pair, start = match.group(), match.start()
    if start and match.string[start - 1] in "qQ":
        return pair
    return _OLD_STYLE.get(pair, pair)
