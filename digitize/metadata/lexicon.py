"""Capitalised header and signature vocabulary: recognising it and repairing what OCR does to it.

Agency names, type headings and signature blocks are set in capitals, where
Tesseract most often gets a diacritic wrong (``TĨNH`` for ``TỈNH``) or drops
the dot of ``KT.``. Their words come from a small vocabulary, so a damaged
phrase whose bare letters match a known one is put back the way it is printed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from rapidfuzz import fuzz, process

from digitize.metadata import gazetteer
from digitize.textnorm import TONE_MARKS, fold

_MARKS = "|".join(mark.rstrip(".") for mark in gazetteer.AUTHORITY_MARKS)
_AUTHORITY = re.compile(rf"^({_MARKS})(?:\s*[.,:;]\s*|\s+)(?=\S)")
_EDGE_PUNCTUATION = ",.;:()\"'“”"
# "oa", "oe", "uy" closing a syllable carry the tone on either vowel: HÓA/HOÁ, ỦY/UỶ.
_MOVABLE_TONE = re.compile(rf"([oOuU])([{''.join(TONE_MARKS)}])([aAeEyY])$")


def is_caps(text: str) -> bool:
    """True for a line set in capitals, allowing an OCR slip or two."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def key(text: str) -> str:
    """What two spellings of a capitalised phrase share: bare upper-case letters and single spaces."""
    return " ".join(fold(text).upper().replace(".", " ").replace(",", " ").split())


def restore(text: str) -> str:
    """``text`` (capitals) with known phrases spelt as printed and authority marks given their dot."""
    text = _AUTHORITY.sub(lambda m: f"{m.group(1)}. ", text.strip())
    tokens = [part for token in text.split() for part in _unglued(token)]
    bare = [key(token.strip(_EDGE_PUNCTUATION)) for token in tokens]
    vocabulary = _vocabulary()
    longest = max(len(phrase) for phrase in vocabulary.values())
    i = 0
    while i < len(tokens):
        for length in range(min(longest, len(tokens) - i), 1, -1):
            words = vocabulary.get(" ".join(bare[i : i + length]))
            if words and len(words) == length:
                tokens[i : i + length] = map(_respell, tokens[i : i + length], words)
                i += length
                break
        else:
            i += 1
    return " ".join(tokens)


def spell_as(text: str, known: str) -> str:
    """``text``, a known name read by OCR, spelt as ``known`` unless it already is (in either tone placement)."""
    words, known_words = text.split(), [word.strip(_EDGE_PUNCTUATION) for word in known.split()]
    if len(words) != len(known_words):
        return known
    return " ".join(map(_respell, words, known_words))


def repair(text: str, known: tuple[str, ...]) -> str | None:
    """``text`` spelt as the one known name it differs from in a single damaged word (``THAO V DU`` → ``VÀ``)."""
    words = [key(word) for word in text.split()]
    if key(text) in {key(name) for name in known}:
        return None
    matches = []
    for name in known:
        name_words = [key(word) for word in name.split()]
        if len(name_words) != len(words):
            continue
        differing = [(a, b) for a, b in zip(words, name_words, strict=True) if a != b]
        if len(differing) == 1 and (differing[0][1].startswith(differing[0][0]) or fuzz.ratio(*differing[0]) >= 80):
            matches.append(name)
    return spell_as(text, matches[0]) if len(matches) == 1 else None


def _unglued(token: str) -> list[str]:
    """A province's words OCR ran together (``NGHỆAN``) set apart again; any other token as it is."""
    words = _glued_provinces().get(key(token.strip(_EDGE_PUNCTUATION)))
    if not words:
        return [token]
    stripped = token.strip(_EDGE_PUNCTUATION)
    start = token.index(stripped)
    letters = iter(stripped)  # the token's own letters, marks and all, cut where the province's words end
    parts = ["".join(next(letters) for _ in word) for word in words]
    parts[0], parts[-1] = token[:start] + parts[0], parts[-1] + token[start + len(stripped) :]
    return parts


def closest(text: str, choices: tuple[str, ...], cutoff: float = 0.85) -> str | None:
    """The one choice ``text`` is an OCR misreading of, if it is clearly one; compared without diacritics."""
    by_key = {key(choice): choice for choice in choices}
    wanted = key(text)
    if wanted in by_key:
        return by_key[wanted]
    matches = process.extract(wanted, list(by_key), scorer=fuzz.ratio, limit=2, score_cutoff=cutoff * 100)
    if len(matches) == 1 or (len(matches) == 2 and matches[0][1] - matches[1][1] >= 5):
        return by_key[matches[0][0]]
    return None


def _respell(token: str, word: str) -> str:
    """``token`` spelt as ``word``, keeping its own punctuation and an accepted tone placement."""
    stripped = token.strip(_EDGE_PUNCTUATION)
    if stripped in _spellings(word):
        return token
    start = token.index(stripped) if stripped else 0
    return token[:start] + word + token[start + len(stripped) :]


def _spellings(word: str) -> set[str]:
    decomposed = unicodedata.normalize("NFD", word)
    moved = _MOVABLE_TONE.sub(r"\1\3\2", decomposed)
    return {word, unicodedata.normalize("NFC", moved)}


@cache
def _vocabulary() -> dict[str, tuple[str, ...]]:
    """Words of known phrases of two words or more, by ``key``: one word alone is too ambiguous (SO: SỞ or SỐ)."""
    sectors = [sector.upper() for sector in gazetteer.SECTORS]
    provinces = [province.upper() for province in gazetteer.PROVINCES]
    units = [unit.upper() for unit in gazetteer.UNITS]
    phrases = [
        *gazetteer.AGENCY_HEADS,
        *gazetteer.POSITIONS,
        *gazetteer.HEADER_WORDS,
        *(body.upper() for body in gazetteer.NATIONAL_BODIES),
        *sectors,
        *(f"{head} {sector}" for head in ("BỘ", "SỞ") for sector in sectors),
        *provinces,
        *(f"{unit} {province}" for unit in units for province in provinces),
    ]
    return {key(phrase): tuple(phrase.replace(",", "").split()) for phrase in phrases if len(key(phrase).split()) > 1}


@cache
def _glued_provinces() -> dict[str, tuple[str, ...]]:
    return {key(p).replace(" ", ""): tuple(p.upper().split()) for p in gazetteer.PROVINCES if " " in p and "-" not in p}
