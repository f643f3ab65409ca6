"""How common a Vietnamese syllable is, and the spellings a misread tone or vowel mark could have hidden.

On a blurred or 6–7 px line, trueocr's recognizer sees the letters but not
always their marks: it writes ``đám báo`` for ``đảm bảo``, ``cùa`` for
``của``, ``tinh`` for ``tỉnh``. Each of those misreadings is a syllable
Vietnamese writes far less often than the one meant, so how often a syllable
is written is evidence the recognizer lacks.

The frequencies are wordfreq's Vietnamese list (PyPI ``wordfreq``, code
Apache-2.0, word lists CC-BY-SA 4.0; the list ships inside the wheel and is
read from it, nothing is downloaded): 10,719 syllables counted over
Wikipedia, subtitles, news and web text, each as its base-10 logarithm. A
syllable not in the list gets ``UNSEEN``, below the rarest listed (10⁻⁸·⁴⁸).

Frequency alone cannot tell ``cổ phần`` from ``có phần`` (``có`` is far the
commoner), but ``cổ phần`` is a word and ``có phần`` is not: Vietnamese words
are runs of syllables, and ``in_a_word`` says whether two syllables stand side
by side in one of the 25,415 words of more than one syllable in pyvi's word
list (``data/pyvi_words.txt``: PyPI ``pyvi`` 0.1.1, MIT, copied with its
licence beside it). Why these sources and what they changed: ``docs/decisions.md``.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

from digitize.textnorm import TONE_MARKS, unify_tone_marks

WORDS = Path(__file__).parent / "data" / "pyvi_words.txt"
#: log10 frequency of a syllable wordfreq does not list.
UNSEEN = -9.0
#: The combining tone marks (level tone has none), and the marks that make another vowel or ``đ``.
TONES = ("", *TONE_MARKS)
#: Letters a blurred mark makes look alike: each group's letters are tried in place of one another.
_LOOK_ALIKE = ("aăâ", "eê", "oôơ", "uư", "i", "y", "dđ")
_GROUP = {letter: group for group in _LOOK_ALIKE for letter in group}


@cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return {
        unify_tone_marks(word): math.log10(frequency)
        for word, frequency in get_frequency_dict("vi", wordlist="small").items()
    }


@lru_cache(maxsize=1 << 16)
def _key(syllables: str) -> str:
    return unify_tone_marks(unicodedata.normalize("NFC", syllables.lower()))


def log_frequency(syllable: str) -> float:
    """Base-10 logarithm of how often ``syllable`` is written (a share of all syllables), case aside."""
    return _frequencies().get(_key(syllable), UNSEEN)


@cache
def _pairs() -> frozenset[str]:
    pairs = set()
    for line in WORDS.read_text(encoding="utf-8").splitlines():
        syllables = _key(line).split()
        pairs.update(f"{a} {b}" for a, b in pairwise(syllables))
    return frozenset(pairs)


def in_a_word(first: str, second: str) -> bool:
    """Whether syllable ``first`` followed by ``second`` is found in a word of the word list, case aside."""
    return _key(f"{first} {second}") in _pairs()


@cache
def look_alikes(letter: str) -> tuple[str, ...]:
    """``letter`` and every letter a blurred mark could have made it look like: the same base vowel under each
    tone, with and without its hat or horn (``ả`` → ``a à á ả ã ạ ă ằ … ợ`` of its group), ``d`` ↔ ``đ``; case
    kept. A letter with no marks to lose (``n``, ``3``) only itself."""
    decomposed = unicodedata.normalize("NFD", letter)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES[1:]))
    group = _GROUP.get(base.lower())
    if group is None:
        return (letter,)
    upper = base.isupper()
    tones = TONES if group != "dđ" else ("",)
    found = [letter]
    for other in group:
        for tone in tones:
            spelled = unicodedata.normalize("NFC", other + tone)
            spelled = spelled.upper() if upper else spelled
            if spelled not in found:
                found.append(spelled)
    return tuple(found)
