"""Documents a text cites: ``Quyết định số 505/QĐ-TTg ngày 22/4/2022``, ``Nghị quyết số 36-NQ/TW``.

Matched on folded text so a citation OCR read without diacritics is still
found; numbers are written back as the Decree prints them, and the date is
the one that follows the number closely, in either form.
"""

from __future__ import annotations

import re
from functools import cache

from digitize.metadata import dates, doctypes, numbers
from digitize.metadata.confidence import DOUBTED, GIVEN, PLAUSIBLE, SURE
from digitize.metadata.model import Reference
from digitize.textnorm import fold

#: How far after a number its date may stand: ``… 30/2020/NĐ-CP ngày 05/3/2020 …``.
_DATE_REACH = 45
_DATE_AFTER = re.compile(r"^[^;]*?\bngay\s", re.IGNORECASE)
# A number standing under the "Số:" label is the document's own, however OCR damaged it.
_OWN_LABEL = re.compile(r"[\W_]{0,3}S[O06]\s*[:;.,]?\s*", re.IGNORECASE)


def find(text: str, own_number: str | None = None) -> tuple[Reference, ...]:
    """References in ``text`` (NFC), in order, one per document; ``own_number`` is left out."""
    folded = fold(text)
    found: dict[tuple[str | None, str], Reference] = {}
    covered: list[tuple[int, int]] = []
    for match in _named_pattern().finditer(folded):
        raw = text[match.start("number") : match.end("number")]
        parsed = numbers.parse(raw)
        number = parsed.text if parsed and parsed.text else raw
        kind = doctypes.cited_type(text[match.start("type") : match.end("type")])
        confidence = SURE if parsed else GIVEN
        if parsed and parsed.type_abbreviation and parsed.type_abbreviation != doctypes.abbreviation_of(kind):
            confidence = DOUBTED
        _add(found, Reference(kind, number, _date_after(text, match.end()), confidence), own_number)
        covered.append(match.span())
    for match in numbers.CITED.finditer(text):
        if any(start <= match.start() < end for start, end in covered) or _labelled_own(folded, match.start()):
            continue
        parsed = numbers.parse(match.group(0))
        if parsed is None or parsed.text is None:
            continue
        kind = doctypes.type_of_abbreviation(parsed.type_abbreviation) if parsed.type_abbreviation else None
        _add(found, Reference(kind, parsed.text, _date_after(text, match.end()), PLAUSIBLE), own_number)
    return tuple(found.values())


def _labelled_own(folded: str, position: int) -> bool:
    line_start = folded.rfind("\n", 0, position) + 1
    return _OWN_LABEL.fullmatch(folded[line_start:position]) is not None


def _add(found: dict, reference: Reference, own_number: str | None) -> None:
    if reference.number == own_number:
        return
    key = (reference.type, reference.number.upper())
    if key not in found or (reference.date and not found[key].date):
        found[key] = reference


def _date_after(text: str, end: int) -> str | None:
    tail = text[end : end + _DATE_REACH]
    lead = _DATE_AFTER.match(fold(tail))
    if not lead:
        return None
    rest = tail[lead.start() :]
    match = dates.find_numeric(rest) or dates.find_worded(rest)
    return match.field.value if match and match.field.confidence >= dates.REPAIRED else None


@cache
def _named_pattern() -> re.Pattern[str]:
    """A type name, ``số``, then a number with its symbol, or digits alone after ``số``."""
    names = sorted((fold(name) for name in doctypes.CITED_TYPES), key=len, reverse=True)
    types = "|".join(re.escape(name).replace("\\ ", r"\s+") for name in names)
    return re.compile(
        rf"(?<!\w)(?P<type>(?i:{types}))\s+(?:(?i:so)\s*[:.]?\s*)?"
        rf"(?P<number>{numbers.CITED.pattern}|(?<=[oO]\s)\d{{1,5}}\b(?!\s?/))"
    )
