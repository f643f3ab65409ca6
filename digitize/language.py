"""Which language a Latin page is in, told from the text a first reading gave: Vietnamese, French, or another.

Tesseract's ``vie`` reads a French page with its letters mostly right but
its accents wrong (``élève`` as ``élẻve``), and the page then fails the
syllable check. A page is taken for another language when that language's
commonest words make a clear share of its words and too few of them are
Vietnamese syllables; it is then read again with that language's model
beside ``vie`` (``fra+vie``), so é, è, ç, œ come out right and Vietnamese
names in it keep their marks.
"""

from __future__ import annotations

import re

from digitize.quality import syllable_share

VIETNAMESE = "vie"
#: The languages a page may be taken for, as Tesseract names them, with their commonest words (lower case).
FUNCTION_WORDS = {
    "fra": "le la les des du de et est une un que qui dans pour par sur au aux ce cette il elle ne pas sont avec "
    "son sa ses ont été être nous vous leur plus mais ou où en l d qu s n c",
    "eng": "the of and to in is that for it with as was on be by are this from at or an have not which were",
    "deu": "der die das und ist nicht mit den dem zu von sich auf für ein eine auch des im als",
}
#: A page is in another language when that language's words are at least this share of its words ...
MIN_FUNCTION_WORDS = 0.15
#: ... and at most this share of its words are Vietnamese syllables (Vietnamese text is 0.97–0.995).
MAX_SYLLABLE_SHARE = 0.75

_FUNCTION_WORD_SETS = {code: frozenset(words.split()) for code, words in FUNCTION_WORDS.items()}
_WORDS = re.compile(r"[^\W\d_]+")


def detect_language(text: str, candidates: tuple[str, ...] = (VIETNAMESE,)) -> str:
    """The language of ``text`` among ``candidates`` (Tesseract codes): ``vie`` unless another is clear."""
    words = [word.lower() for word in _WORDS.findall(text)]
    others = [code for code in candidates if code in FUNCTION_WORDS]
    if not words or not others or (syllable_share(text) or 0.0) > MAX_SYLLABLE_SHARE:
        return VIETNAMESE
    shares = {code: sum(word in _FUNCTION_WORD_SETS[code] for word in words) / len(words) for code in others}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= MIN_FUNCTION_WORDS else VIETNAMESE
