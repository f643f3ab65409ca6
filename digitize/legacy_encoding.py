"""Vietnamese typed in pre-Unicode encodings (TCVN3/ABC, VNI, VIQR), recognised and converted to Unicode NFC.

Files typed in the 1990s–2000s with a ``.VnTime`` (TCVN3) or ``VNI-Times``
font keep, in their PDF text layer or as plain text, the font's byte codes
read as Latin-1: ``Céng hßa x· héi`` (TCVN3) or ``Coäng hoøa xaõ hoäi`` (VNI)
for ``Cộng hòa xã hội``; VIQR spells the marks in ASCII (``Co^.ng ho`a``).
Such text is unsearchable and fails the syllable check, so it is converted
before anything else sees it.

A text is taken for an encoding only when its conversion turns most of its
words into well-formed Vietnamese syllables and clearly more of them than
before; real Unicode Vietnamese (already syllables) and French (syllables
neither way) are left alone. Words that already hold letters beyond
Latin-1 (real Unicode Vietnamese beside a legacy font) are never converted.

TCVN3 has no codes for toned capitals: a heading typed in the ``.VnTimeH``
capitals font reuses the lowercase codes, so ``CéNG HßA`` converts to
``CộNG HòA``. Words whose plain letters are all capitals are put in
capitals whole (``CỘNG HÒA``) and the text is flagged, since a heading
typed in lowercase codes under that font cannot be told apart from
lowercase text: its case is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from digitize.quality import is_syllable

#: Flags a converted text carries: which encoding it was in, and whether capitals may have been lost.
FLAG_PREFIX = "legacy-encoding:"
LOSSY_CAPITALS = "legacy-capitals-lossy"
ENCODINGS = ("tcvn3", "vni", "viqr")

#: A conversion is taken when at least this share of the words are syllables after it ...
MIN_CONVERTED_SHARE = 0.75
#: ... at least this much more than before ...
MIN_GAIN = 0.2
#: ... and it changed at least this many words (a line of mojibake, not one odd character).
MIN_CHANGED_WORDS = 3

# TCVN 5712:1993 (VN1/VN3) codes 0xA0-0xFF, as glibc's TCVN5712-1 reads them; 0xB0-0xB4 are combining tone marks.
# .VnTime fonts (VN3) use the lowercase and the untoned capitals; the toned capitals are VN1's.
_TCVN3_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịò"
    "ỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"
)
_TCVN3 = {chr(0xA0 + offset): letter for offset, letter in enumerate(_TCVN3_HIGH) if offset}

_TONES = {"acute": "\u0301", "grave": "\u0300", "hook": "\u0309", "tilde": "\u0303", "dot": "\u0323", "": ""}


def _vni_table() -> dict[str, str]:
    """VNI-Windows: a letter then a mark character (``eä`` = ``ệ``), or one character for ơ ư đ and toned i, ỵ."""
    single = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ"}
    tones = {"ù": "acute", "ø": "grave", "û": "hook", "õ": "tilde", "ï": "dot"}
    circumflex = {"â": "", "á": "acute", "à": "grave", "å": "hook", "ã": "tilde", "ä": "dot"}
    breve = {"ê": "", "é": "acute", "è": "grave", "ú": "hook", "ü": "tilde", "ë": "dot"}
    lower = dict(single)
    for written, vowel in (("a", "a"), ("e", "e"), ("o", "o"), ("u", "u"), ("y", "y"), ("ô", "ơ"), ("ö", "ư")):
        lower.update({written + code: vowel + _TONES[tone] for code, tone in tones.items()})
    for vowel in "aeo":
        lower.update({vowel + code: vowel + "\u0302" + _TONES[tone] for code, tone in circumflex.items()})
    lower.update({"a" + code: "a\u0306" + _TONES[tone] for code, tone in breve.items()})
    table = {}
    for written, letter in lower.items():
        letter = unicodedata.normalize("NFC", letter)
        table[written] = letter
        table[written.upper()] = letter.upper()
        if len(written) == 2:  # a capital letter under a small mark, as title case types it: ``Vieät``, ``Tröôøng``
            table[written[0].upper() + written[1]] = letter.upper()
    return table


_VNI = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))

# VIQR: ``a( a^ e^ o^ o+ u+ dd`` for the letters, `` ' ` ? ~ . `` after them for the tones.
_VIQR_LETTERS = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_VIQR_TONES = {"'": "\u0301", "`": "\u0300", "?": "\u0309", "~": "\u0303", ".": "\u0323"}
# A vowel with the letter mark and tone typed after it, or ``dd``; a backslash keeps the next mark as typed (``a\\.``).
_VIQR_SYLLABLE = re.compile(r"\\([(^+`'?~.])|(?i:(dd))|([aeiouy])([(^+])?([`'?~.])?", re.IGNORECASE)
_VIQR_ESCAPE = re.compile(r"\\[(^+`'?~.]")
_VIQR_PUNCTUATION_TONES = ".?"  # also a sentence's end: a tone only where the word is not over yet
_WORD = re.compile(r"\S+")
_EDGES = re.compile(r"^[^\w\xa0-\xff]+|[^\w\xa0-\xff]+$")
_BEYOND_LATIN1 = re.compile(r"[^\W\x00-\xff]")  # a letter that no legacy encoding writes
_PLAIN_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Conversion:
    """A text in Unicode NFC, the encoding it was found in (``None`` when it was Unicode already) and its flags."""

    text: str
    encoding: str | None = None
    lossy_capitals: bool = False

    @property
    def flags(self) -> tuple[str, ...]:
        if self.encoding is None:
            return ()
        return (FLAG_PREFIX + self.encoding, *((LOSSY_CAPITALS,) if self.lossy_capitals else ()))


def to_unicode(text: str) -> Conversion:
    """``text`` converted from the legacy encoding it is written in, or unchanged (NFC) when it is in none."""
    text = unicodedata.normalize("NFC", text)
    before = _syllable_share(text)
    best: Conversion | None = None
    best_share = before + MIN_GAIN
    for encoding in ENCODINGS:
        converted, changed = _convert(text, encoding)
        if changed < MIN_CHANGED_WORDS:
            continue
        share = _syllable_share(converted)
        if share >= MIN_CONVERTED_SHARE and share >= best_share:
            best, best_share = Conversion(converted, encoding), share
    if best is None:
        return Conversion(text)
    if best.encoding == "tcvn3":
        restored, lossy = _restore_capitals(text, best.text)
        return Conversion(restored, "tcvn3", lossy)
    return best


def _syllable_share(text: str) -> float:
    """Share of the words holding a letter that are syllables: unlike ``quality.syllable_share``, a word with a
    mark typed inside it (``Vie^.t``, ``x·``) counts, as a word that is not one."""
    words = [_EDGES.sub("", token) for token in text.split()]
    words = [word for word in words if any(c.isalpha() for c in word) and not any(c.isdigit() for c in word)]
    return sum(map(is_syllable, words)) / len(words) if words else 0.0


def convert(text: str, encoding: str) -> str:
    """``text`` read as ``encoding`` (one of ``ENCODINGS``), whether or not it looks like it: for callers who know."""
    return _convert(unicodedata.normalize("NFC", text), encoding)[0]


def _convert(text: str, encoding: str) -> tuple[str, int]:
    """The conversion, word by word, and how many words it changed; words beyond Latin-1 stay as they are."""
    changed = 0

    def word(match: re.Match[str]) -> str:
        nonlocal changed
        original = match.group()
        if _BEYOND_LATIN1.search(original):
            return original
        new = _CONVERTERS[encoding](original)
        changed += new != original
        return new

    if encoding == "viqr":  # its tones may sit before the space that ends a word, so it reads whole lines
        converted = _viqr(text)
        changed = sum(a != b for a, b in zip(_WORD.findall(text), _WORD.findall(converted), strict=False))
        return converted, changed
    if encoding == "tcvn3":
        text = _restore_u_horn(text)
    return unicodedata.normalize("NFC", _WORD.sub(word, text)), changed


def _restore_u_horn(text: str) -> str:
    """TCVN3's ``ư`` put back where the PDF reader made it a space: its code is Latin-1's soft hyphen, which a
    standard font has no glyph for, so ``Người lưu, ương`` comes out ``Ng êi l u,  ¬ng``. Only in a text without
    one (where it was kept, none was lost), and only where the letters around it then make a syllable."""
    if "\xad" in text:
        return text

    def after_onset(match: re.Match[str]) -> str:
        onset, following = match.group(1), match.group(2) or ""
        joined = onset + "\xad" + following
        coda = following[:1].isalpha() and not any(c in _TCVN3_VOWELS for c in following)  # ``nh ng``: nhưng
        if following[:1].isalpha() and following[:1] not in _TCVN3_VOWELS and not coda:  # ``th viÖn``: ư ends
            candidate, restored = onset + "\xad", onset + "\xad " + following
        else:  # ``Ng êi``, ``nh :``, ``nh ng``: the space was the ư inside the word, or before what ends it
            candidate = restored = joined
        return restored if _is_syllable_tcvn3(candidate) else match.group()

    def word_start(match: re.Match[str]) -> str:  # `` ¬ng`` for ``ương``
        word = match.group(1)
        return "\xad" + word if _is_syllable_tcvn3("\xad" + word) and not _is_syllable_tcvn3(word) else word

    return _LOST_WORD_START_U_HORN.sub(word_start, _LOST_U_HORN.sub(after_onset, text))


def _is_syllable_tcvn3(word: str) -> bool:
    return is_syllable(_EDGES.sub("", _tcvn3(word)))


def _tcvn3(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(_TCVN3.get(char, char) for char in word))


def _vni(word: str) -> str:
    return _VNI_PATTERN.sub(lambda match: _VNI[match.group()], word)


def _viqr(text: str) -> str:
    strict = _VIQR_ESCAPE.search(text) is not None

    def syllable(match: re.Match[str]) -> str:
        escaped, dd, vowel, letter_mark, tone = match.groups()
        if escaped:
            return escaped
        if dd:
            return "Đ" if dd[0] == "D" else "đ"
        if letter_mark and not _VIQR_LETTER_FITS[letter_mark](vowel.lower()):
            return match.group()  # ``a+``, ``i^``: not a letter, left as typed
        if (
            tone
            and tone in _VIQR_PUNCTUATION_TONES
            and not _tone_not_end(match.string, match.end(), letter_mark, strict)
        ):
            tone = None
        marks = (_VIQR_LETTERS[letter_mark] if letter_mark else "") + (_VIQR_TONES[tone] if tone else "")
        rest = match.group()[1 + bool(letter_mark) + bool(tone) :]
        return unicodedata.normalize("NFC", vowel + marks) + rest

    return "\n".join(
        line if _BEYOND_LATIN1.search(line) else _VIQR_SYLLABLE.sub(syllable, line) for line in text.split("\n")
    )


_VIQR_LETTER_FITS = {"(": lambda v: v == "a", "^": lambda v: v in "aeo", "+": lambda v: v in "ou"}


def _tone_not_end(line: str, end: int, letter_mark: str | None, strict: bool) -> bool:
    """Whether a ``.`` or ``?`` just before ``end`` is a tone rather than a sentence's end.

    Strict VIQR escapes a literal one (``\\.``), so in a text that escapes any, every other one is a tone. In
    texts typed without: a tone when a letter or punctuation follows, or a lowercase word, or when the vowel
    already carries a letter mark (``Bo^. Ta`i chi'nh``, ``dde^'n ddo^.``).
    """
    after = line[end:]
    if strict or letter_mark is not None or after[:1].isalpha() or after[:1] in _PUNCTUATION:
        return True
    following = after.lstrip(" ")
    return bool(following) and following is not after and following[0].islower()


_PUNCTUATION = set(",;:.!?)]}\"'”’…\\")


_CONVERTERS = {"tcvn3": _tcvn3, "vni": _vni}
_TCVN3_VOWELS = set("aeiouyAEIOUY") | {
    code for code, letter in _TCVN3.items() if unicodedata.normalize("NFD", letter)[0].lower() in "aeiouy"
}
# A word of consonants that begin Vietnamese syllables (đ is ® in TCVN3, Đ §), a space, and the next word.
_LOST_U_HORN = re.compile(
    r"(?<![A-Za-z\xa1-\xff])((?i:ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdghklmnrstvx])|[®§])(?: (\S+)| ?(?=\n|$))"
)
# A word that begins with ơ (``¬``), the ư before it lost: ``ương``, ``ướt``.
_LOST_WORD_START_U_HORN = re.compile(r"(?<=\s)(¬\S*)")


def _restore_capitals(original: str, converted: str) -> tuple[str, bool]:
    """Lines typed in capitals put in capitals whole; whether the case of any letter is in doubt.

    TCVN3's toned letters have lowercase codes only, so ``CéNG HßA X· HéI`` converts to ``CộNG HòA Xã HộI``;
    its plain letters say the line was a heading in capitals. A sentence that begins with a toned letter
    (``ñy ban``, typed with a capital font for its first letter) cannot be told from lowercase text: the
    case is in doubt there.
    """
    in_doubt = False
    lines = []
    for before, after in zip(original.split("\n"), converted.split("\n"), strict=True):
        plain = [letters for word in before.split() if len(letters := _PLAIN_LETTERS.findall(word)) > 1]
        in_capitals = bool(plain) and all(c.isupper() for letters in plain for c in letters)
        if in_capitals and after != after.upper():
            after, in_doubt = after.upper(), True
        in_doubt = in_doubt or bool(_SENTENCE_START_IN_DOUBT.search(before))
        lines.append(after)
    return "\n".join(lines), in_doubt


# A sentence or line that begins with one of TCVN3's lowercase toned letters, whose capital has no code.
_TCVN3_TONED_LOWER = "".join(code for code, letter in _TCVN3.items() if letter.islower() and not letter.isascii())
_SENTENCE_START_IN_DOUBT = re.compile(f'(?:^|[.!?:]\\s+)["“(]?[{re.escape(_TCVN3_TONED_LOWER)}]')


def from_unicode(text: str, encoding: str) -> str:
    """``text`` as a legacy file holds it: how test files and the demo's old files are made.

    TCVN3 is written as a ``.VnTime`` font types it, toned capitals with their lowercase codes (what a
    ``.VnTimeH`` heading gives), so case is lost where the encoding lost it.
    """
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return "".join(_TCVN3_FROM.get(char, _TCVN3_FROM.get(char.lower(), char)) for char in text)
    if encoding == "vni":
        return "".join(_VNI_FROM.get(char, char) for char in text)
    if encoding == "viqr":
        # A mark character typed right after a vowel is text, not a mark: escaped, as RFC 1456 writes it.
        return "".join(
            ("\\" + char if char in _VIQR_FROM.values() and _is_vowel(previous) else _viqr_letter(char))
            for previous, char in zip(" " + text, text, strict=False)
        )
    raise ValueError(f"encoding must be one of {ENCODINGS}, not {encoding!r}")


# VN3 only: the lowercase codes and the seven untoned capitals (0xA1-0xB9 and the lowercase toned letters).
_TCVN3_FROM = {
    letter: code for code, letter in _TCVN3.items() if not unicodedata.combining(letter) and letter.lower() == letter
} | {letter: code for code, letter in _TCVN3.items() if "\xa1" <= code <= "\xa7"}
_VNI_FROM = {
    letter: written
    for written, letter in sorted(
        _VNI.items(), key=lambda item: item[0] != item[0].upper() and item[0] != item[0].lower()
    )
    if len(letter) == 1
    and (letter.islower() == written.islower() or letter.isupper() == written.isupper())
    and letter not in {"í", "ì", "Í", "Ì"}
}
_VIQR_FROM = {mark: written for written, mark in (_VIQR_LETTERS | _VIQR_TONES).items()}


def _viqr_letter(char: str) -> str:
    if char in "đĐ":
        return "dd" if char == "đ" else "DD"
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) == 1 or not decomposed[0].isalpha():
        return char
    marks = sorted(decomposed[1:], key=lambda mark: mark in _VIQR_TONES.values())  # the letter's mark, then tone
    return decomposed[0] + "".join(_VIQR_FROM.get(mark, mark) for mark in marks)


def _is_vowel(char: str) -> bool:
    return unicodedata.normalize("NFD", char)[:1].lower() in "aeiouy" and char.isalpha()
