"""Text from outside (file names, library errors quoting them) made safe to print on one terminal line.

A file name may hold a newline, a carriage return or an escape sequence: printed
as is, ``scan\\nfailed: other.pdf: ...`` forges a line of ``status``, and an
escape sequence can recolour or clear the archivist's terminal. Such characters
are written as Python escapes (``\\n``, ``\\x1b``, ``\\u2028``), so every name still
reads and can be told apart; everything else, Vietnamese included, is kept.
"""

from __future__ import annotations

import unicodedata

#: Unicode categories that move the cursor or change how text reads: controls, line and paragraph separators,
#: format characters such as the bidirectional overrides that could show a name reversed, and the lone
#: surrogates by which Python keeps the bytes of a name that is not UTF-8 (printing one would raise).
_UNPRINTABLE = {"Cc", "Zl", "Zp", "Cf", "Cs"}
#: Format characters that are part of ordinary text (the joiners some scripts need) and are kept.
_KEPT = {"\u200c", "\u200d"}


def printable(text: str) -> str:
    """``text`` with every control, separator or format character written as its escape."""
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char in _KEPT or unicodedata.category(char) not in _UNPRINTABLE:
        return char
    if "\udc80" <= char <= "\udcff":  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return char.encode("unicode_escape", "backslashreplace").decode("ascii")
