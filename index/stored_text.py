"""A page's text as the index keeps it for snippets: zlib with a preset dictionary of Vietnamese official writing.

Stored text is half the index (docs/decisions.md, A million pages). A page is
only ~2 KB, too short for zlib to learn much from itself; a preset dictionary
(``zdict``) gives it, before the first byte, the words and set phrases pages
share: the ``Cộng hòa xã hội chủ nghĩa Việt Nam`` heading, ``Căn cứ Luật``,
``Ủy ban nhân dân``, the common syllables with their tone marks (two to four
bytes each in UTF-8). The dictionary is made from the hand transcriptions of
real scans in ``benchmarks/realscans/truth``, which the search benchmark's
corpus does not draw on: its text, then its words, most frequent last since
zlib codes near matches in fewer bits. Measured at level 4 against plain zlib
at level 1: 16.5% smaller on the generated million-page corpus, 53% smaller
on a real page whose own transcription is left out of the dictionary (each in
turn), for ~50 µs more a page (docs/decisions.md).

The dictionary is part of the index's layout: a changed one cannot read what
the old one wrote, so ``PAGE_TEXT`` in ``index.store`` carries its version.
"""

from __future__ import annotations

import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: Where the dictionary is kept; ``python -m index.stored_text DIR`` makes it anew from the ``.txt`` under DIR.
DICTIONARY_PATH = Path(__file__).with_name("stored_text.zdict")
#: zlib's window: a dictionary longer than this is cut to its last 32 KB.
DICTIONARY_SIZE = 32_768
#: Bytes of running text at the dictionary's start, before its words: more saves 1% for 25% more time.
DICTIONARY_TEXT = 16_384
#: Level 4: level 5 saves 2% more for 40% more time, level 6 2.5% for 140%; levels 1–3 give back 1–7%.
LEVEL = 4


@cache
def dictionary() -> bytes:
    return DICTIONARY_PATH.read_bytes()


def compressed(text: str) -> bytes:
    packer = zlib.compressobj(LEVEL, zdict=dictionary())
    return packer.compress(text.encode()) + packer.flush()


def decompressed(data: bytes) -> str:
    unpacker = zlib.decompressobj(zdict=dictionary())
    return (unpacker.decompress(data) + unpacker.flush()).decode()


def make_dictionary(texts: Iterable[str]) -> bytes:
    """The preset dictionary for ``texts`` (NFC, as pages are stored): running text, then every word once."""
    texts = [unicodedata.normalize("NFC", text) for text in texts]
    counts = Counter(word for text in texts for word in text.split())
    words = " ".join(word for word, _ in reversed(counts.most_common())).encode()
    made = "\n".join(texts).encode()[-DICTIONARY_TEXT:] + b"\n" + words
    return made[-DICTIONARY_SIZE:].decode(errors="ignore").encode()  # whole characters only


def transcriptions(folder: Path) -> list[str]:
    """The ``.txt`` files under ``folder``, in a fixed order, so the same folder makes the same dictionary."""
    return [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.txt"))]


if __name__ == "__main__":
    DICTIONARY_PATH.write_bytes(make_dictionary(transcriptions(Path(sys.argv[1]))))
