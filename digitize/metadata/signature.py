"""The foot of a Decree 30 document: recipients (``Nơi nhận``), the signer's position and name.

Recipients are listed at the bottom left in small type, the signature block
stands at the bottom right: ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` /
``PHÓ CHỦ TỊCH`` / name. Tesseract interleaves the two columns as it does the
header, so each line is split where its signature part starts: positions are
in capitals and begin with an authority mark or a known title, the name is in
title case, and recipients are items that end with ``;`` or ``.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digitize.metadata import gazetteer, lexicon
from digitize.metadata.confidence import CONFIDENT, DOUBTED, PLAUSIBLE, TRUSTED, WEAK
from digitize.metadata.model import Field
from digitize.textnorm import fold

_RECIPIENTS_LABEL = re.compile(r"\bN[o0]i\s*nh[a]n\s*[:;.]?", re.IGNORECASE)
_BULLET = re.compile(r"^[-–—•+*_~]\s*")
_MARKS = tuple(mark.rstrip(".") for mark in gazetteer.AUTHORITY_MARKS)
_SURNAMES = {lexicon.key(name): name for name in gazetteer.SURNAMES}
# Family names by what is left of them without their first letter, where that is no other word (NGUYEN → GUYEN).
_FIRST_LETTER_LOST = {
    key[1:]: name
    for key, name in _SURNAMES.items()
    if len(key) >= 5 and sum(other[1:] == key[1:] for other in _SURNAMES) == 1
}
_POSITION_KEYS = tuple(sorted((lexicon.key(p) for p in gazetteer.POSITIONS), key=len, reverse=True))
#: Lines searched below the ``Nơi nhận`` label, and at the end of a text that has none.
_REACH = 25
#: Lines above the label searched too: the signature block may start level with it or above.
_ABOVE = 4


@dataclass(frozen=True)
class Foot:
    recipients: Field = field(default_factory=Field)
    signer: Field = field(default_factory=Field)
    signer_position: Field = field(default_factory=Field)


def read(text: str, body_start: int = 0) -> Foot:
    """Recipients and signer of the document ``text`` (all pages, in order) whose body starts at ``body_start``."""
    lines = text.splitlines()[body_start:]
    label_at = next((i for i, line in enumerate(lines) if _RECIPIENTS_LABEL.search(fold(line))), None)
    if label_at is None:
        region, label_in_region = lines[-_REACH:], None
    else:
        start = max(0, label_at - _ABOVE)
        region, label_in_region = lines[start : label_at + _REACH], label_at - start
    positions: list[str] = []
    names: list[str] = []
    lefts: list[str] = []
    for i, line in enumerate(region):
        if i == label_in_region:
            line = _after_label(line)
        left, position = _split_position(line)
        if position and not names:  # the block ends with the name; capitals after it are another's
            positions.append(position)
        elif positions:
            left, name = _split_name(left)
            if name and not names:
                names.append(name)
        if label_in_region is not None and i >= label_in_region:
            lefts.append(left)
    if label_in_region is None and not names:
        # Without the recipients' label, capitals with no name under them are more likely a heading.
        return Foot()
    signer = _signer(names, positions)
    if not names and label_in_region is not None:
        signer = _unplaced_signer(region[label_in_region:])
    return Foot(
        recipients=_recipients(lefts) if label_in_region is not None else Field(),
        signer=signer,
        signer_position=_position(positions),
    )


def _unplaced_signer(lines: list[str]) -> Field:
    """The name closing the foot when no position was read above it (under the seal): doubted."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    _, name = _split_name(last)
    if name is None or lexicon.key(name.split()[0]) not in _SURNAMES:
        return Field()
    return _signer([name], ["?"]).at_most(DOUBTED, "no position read above the name")


def _after_label(line: str) -> str:
    match = _RECIPIENTS_LABEL.search(fold(line))
    return line[match.end() :] if match else line


def _split_position(line: str) -> tuple[str, str | None]:
    """``line`` cut before the signature position that ends it, if one does."""
    words = line.split()
    tail = len(words)
    while tail > 0 and _caps_word(words[tail - 1]):
        tail -= 1
    for start in range(tail, len(words)):
        candidate = words[start:]
        if _is_position(candidate):
            return " ".join(words[:start]), _spelt_position(" ".join(candidate))
    return line, None


def _spelt_position(text: str) -> str:
    """A position line spelt as printed: its mark's dot and a title's letters put back (``GLIÁM ĐỐC``)."""
    restored = lexicon.restore(text)
    mark, _, rest = restored.partition(" ") if restored.split()[0] in gazetteer.AUTHORITY_MARKS else ("", "", restored)
    known = lexicon.closest(rest, gazetteer.POSITIONS, cutoff=0.85)
    if known and len(known.split()) == len(rest.split()):
        rest = lexicon.spell_as(rest, known)
    return f"{mark} {rest}".strip()


def _caps_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    slips = 1 if len(letters) >= 4 else 0
    return (
        bool(letters)
        and not any(c.isdigit() for c in word)
        and sum(c.isupper() for c in letters) >= len(letters) - slips
    )


def _is_position(words: list[str]) -> bool:
    """An authority mark followed by a body or title, or a known title (``PHÓ CHỦ TỊCH``)."""
    bare = lexicon.key(" ".join(words))
    first = words[0].rstrip(".,:;")
    if first in _MARKS and len(words) > 1:
        return True
    if any(bare == p or bare.startswith(p + " ") for p in _POSITION_KEYS):
        return True
    # A title a seal took a letter of (HỦ TỊCH): close to one known title, word for word.
    known = lexicon.closest(" ".join(words), gazetteer.POSITIONS, cutoff=0.85)
    return known is not None and len(known.split()) == len(words)


def _split_name(line: str) -> tuple[str, str | None]:
    """``line`` cut before the personal name that ends it: two to five words in title case, a family name that
    lost its first letter under the seal (``guyễn``) put back."""
    words = line.split()
    start = len(words)
    while start > 0 and _name_word(words[start - 1]) and len(words) - start < 5:
        start -= 1
    if start > 0 and words[start - 1].isalpha() and words[start - 1].islower():
        whole = _FIRST_LETTER_LOST.get(lexicon.key(words[start - 1]))
        if whole:
            return " ".join(words[: start - 1]), " ".join([whole, *words[start:]])
    if len(words) - start < 2:
        return line, None
    return " ".join(words[:start]), " ".join(words[start:])


def _name_word(word: str) -> bool:
    return word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _position(positions: list[str]) -> Field:
    if not positions:
        return Field()
    # More than three lines is two blocks side by side (minutes, joint documents): unsure which is whose.
    confidence = CONFIDENT if len(positions) <= 3 else WEAK
    return Field(" ".join(positions), confidence)


def _signer(names: list[str], positions: list[str]) -> Field:
    if not names or not positions:
        return Field()
    words = names[0].split()
    if len(words) > 2 and lexicon.key(words[0]) not in _SURNAMES and lexicon.key(words[1]) in _SURNAMES:
        words = words[1:]  # a speck of the seal or signature read as a word before the family name
    surname, *given = words
    known = _SURNAMES.get(lexicon.key(surname))
    confidence = CONFIDENT if 1 <= len(given) <= 3 and len(positions) <= 3 else WEAK
    if known and known != surname:  # the family name lost its marks: put back, the given names cannot be
        surname, confidence = known, min(confidence, PLAUSIBLE)
    found = Field(" ".join([surname, *given]), confidence)
    if not known:  # the family name under the seal, the given names read as the whole name ("Phước Hiền")
        return found.at_most(DOUBTED, f"{surname} is no family name: part of the name may be under the seal")
    return found


def _repair_item(item: str) -> str:
    """An item without trailing specks, its usual shorthand put back where small type defeats OCR.

    Decree 30 files a copy with the clerical office first (``Lưu: VT, …``), and
    ``(để b/c)`` asks to be reported to; OCR reads them ``Lưu: VŨ VX``, ``b/€``.
    """
    item = re.sub(r";\s*\W{0,3}\w{0,2}\W*$", "", item).strip(" ;.,:'`")
    item = re.sub(r"\bb/\W?[cC€©]+\)", "b/c)", item)
    return re.sub(r"^(L\w{1,2}\s*:\s*)V\w?\W*(?=\s|$)\s*(?=\S)", r"\1VT, ", item)


def _recipients(fragments: list[str]) -> Field:
    """Items of the ``Nơi nhận`` list: one per bullet, wrapped lines joined, ending at ``Lưu: …``."""
    items: list[str] = []
    for fragment in (f.strip() for f in fragments):
        if sum(c.isalpha() for c in fragment) < 2 or len(fragment) > 90:
            continue
        bullet = _BULLET.match(fragment)
        text = fragment[bullet.end() :] if bullet else fragment
        if items and not bullet and not items[-1].endswith((";", ".")):
            items[-1] = f"{items[-1]} {text}"
        else:
            items.append(text)
        if lexicon.key(items[-1]).startswith("LUU") and items[-1].endswith("."):
            break
    cleaned = [_repair_item(item) for item in items]
    cleaned = [item for item in cleaned if sum(c.isalpha() for c in item) >= 2]
    if not cleaned:
        return Field()
    ends_with_file_copy = lexicon.key(cleaned[-1]).startswith("LUU")
    return Field(tuple(cleaned), TRUSTED if ends_with_file_copy else DOUBTED)
