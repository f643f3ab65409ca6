"""How trustworthy a page's text is: the share of well-formed Vietnamese syllables, beside the OCR engines' confidence.

The engines' confidence says how sure they were; it stays high on text
read in the wrong language or with its diacritics mangled (``CONG Hcok xA HQI
CHiJ NGHiA``). The syllable share catches those: Vietnamese is written in
syllables of a fixed shape, onset + rhyme + tone, and OCR damage rarely keeps
that shape. The check is structural (rules, no dictionary), so it accepts
some syllables no one uses but rejects what cannot be Vietnamese: ``hqi``,
``chij``, a stop coda under a falling tone (``hàt``), ``ghô``.
"""

from __future__ import annotations

import re
import unicodedata

from digitize.textnorm import TONE_MARKS

_ONSETS = sorted(
    ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", *"bcdđghklmnrstvx"], key=len, reverse=True
)
_NUCLEUS_AND_CODA = r"(?P<nucleus>iê|yê|ia|ya|ua|uô|ưa|ươ|[aăâeêioôơuưy])(?P<coda>ch|nh|ng|[cmnptiyou])?"
# Both readings are tried: ``ua`` is one vowel in ``của`` but a glide and a vowel in ``thuở``'s ``uơ``.
_RHYMES = (re.compile(_NUCLEUS_AND_CODA), re.compile(f"(?P<medial>[ou]){_NUCLEUS_AND_CODA}"))
_OPEN_DIPHTHONGS = {"ia", "ya", "ua", "ưa"}
_CLOSED_DIPHTHONGS = {"iê", "yê", "uô", "ươ"}
_STOPS = {"p", "t", "c", "ch"}
_FRONT = ("i", "e", "ê", "y")
# Which nuclei each glide coda may follow: ``ai ay ây ao eo au âu êu iu ưu iêu ươu oi ôi ơi ui ưi uôi ươi``.
_GLIDE_AFTER = {
    "i": {"a", "o", "ô", "ơ", "u", "ư", "uô", "ươ"},
    "y": {"a", "â"},
    "o": {"a", "e"},
    "u": {"a", "â", "ê", "i", "ư", "iê", "yê", "ươ"},
}
_WORD_EDGES = re.compile(r"^\W+|\W+$")


def is_syllable(token: str) -> bool:
    """Whether ``token`` has the shape of one Vietnamese syllable: onset + rhyme + a tone the rhyme allows."""
    letters = unicodedata.normalize("NFD", token.lower())
    tones = [c for c in letters if c in TONE_MARKS]
    if len(tones) > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in letters if c not in TONE_MARKS))
    if not base.isalpha():
        return False
    return any(_rhyme_fits(onset, rest, tones) for onset, rest in _onset_splits(base))


def _onset_splits(base: str) -> list[tuple[str, str]]:
    """Every way ``base`` may begin: a written onset, or none. ``gi`` before a consonant is ``g`` + ``i`` (gìn)."""
    splits = [(onset, base[len(onset) :]) for onset in _ONSETS if base.startswith(onset)]
    splits.append(("", base))
    if base.startswith("gi") and (len(base) == 2 or base[2] not in "aăâeêioôơuưy"):
        splits.append(("g", base[1:]))
    return splits


def _rhyme_fits(onset: str, rhyme: str, tones: list[str]) -> bool:
    matches = (pattern.fullmatch(rhyme) for pattern in _RHYMES)
    return any(_parts_fit(onset, m.groupdict().get("medial"), m["nucleus"], m["coda"], tones) for m in matches if m)


def _parts_fit(onset: str, medial: str | None, nucleus: str, coda: str | None, tones: list[str]) -> bool:
    if medial == "o" and nucleus not in {"a", "ă", "e"}:
        return False
    if medial == "u" and nucleus not in {"â", "ê", "y", "ơ", "ya", "yê"}:
        return False
    if onset == "qu" and medial:
        return False
    if nucleus in {"ă", "â"} | _CLOSED_DIPHTHONGS and not coda:
        return False
    if nucleus in _OPEN_DIPHTHONGS and coda:
        return False
    if coda in _GLIDE_AFTER and nucleus not in _GLIDE_AFTER[coda]:
        return False
    if coda in {"ch", "nh"} and nucleus not in {"a", "ê", "i", "y"}:
        return False
    if coda in {"c", "ng"} and nucleus in {"i", "y", "ê", "ơ"}:
        return False
    # Spelling: k, gh, ngh only before front vowels; c, g, ng never before them.
    front = (medial or nucleus).startswith(_FRONT)
    if onset in {"k", "gh", "ngh"} and not front:
        return False
    if onset in {"c", "g", "ng"} and front and not (onset == "g" and nucleus.startswith("i")):
        return False
    # Syllables closed by a stop take only the rising or the heavy tone: học, tập, but never hàt.
    return not (coda in _STOPS and tones and TONE_MARKS[tones[0]] not in {"sắc", "nặng"})


def syllable_share(text: str) -> float | None:
    """Share of the words made only of letters (numbers, symbols like 505/QĐ-TTg left out) that are syllables."""
    words = [_WORD_EDGES.sub("", token) for token in text.split()]
    words = [word for word in words if word.isalpha()]
    if not words:
        return None
    return round(sum(map(is_syllable, words)) / len(words), 3)
