"""Normalization of Vietnamese text entering the archive.

Text arrives from Tesseract, PDF text layers and typed metadata; each of them
may be NFD, carry look-alike letters, or stray control characters. Everything
stored or indexed goes through ``normalize`` so that equal words compare equal.
"""

from __future__ import annotations

import re
import unicodedata

# Tesseract sometimes reads Đ as the Icelandic eth, which looks the same.
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """NFC, look-alikes mapped, control characters dropped, runs of spaces and blank lines collapsed."""
    text = unicodedata.normalize("NFC", text).translate(_LOOKALIKES)
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


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
