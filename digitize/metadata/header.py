"""The header of a Decree 30 document: agency, number and symbol, place and date, type heading, summary.

The header is two columns. The left holds the parent agency, the issuing
agency and ``Số: 1287/QĐ-UBND`` (and, in a công văn, the ``V/v`` summary);
the right holds the national title, the motto and ``Vĩnh Long, ngày 14 tháng 6
năm 2023``. Tesseract gives the columns as separate blocks or interleaves them
line by line, so each line is split by content rather than position: what the
right column always says is recognised and cut out, and what is left is the
left column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from digitize.metadata import dates, doctypes, gazetteer, lexicon, mentions, numbers, stamps
from digitize.metadata.confidence import CONFIDENT, DOUBTED, SURE, TRUSTED
from digitize.metadata.model import Field
from digitize.metadata.numbers import DocumentNumber
from digitize.textnorm import fold

#: Lines of the first page searched for the header.
HEADER_LINES = 45

# Right column, matched on folded upper-case text. OCR misreads O as 0 and I as 1 or L.
# Tesseract sometimes glues CỘNG to the agency beside it and loses its C ("TỈNH LÀOỘNG HÒA").
_NATIONAL_TITLE = re.compile(
    r"(?:C?[O0]\s?NG\s*H[O0]A\s*)?X[A]\s*H[O0]I\s*CH[U]\s*NGH[I1L]A(?P<country>\s*VIET(?:\s*NAM)?)?"
    r"|C[O0]NG\s*H[O0]A\s*X[A]\s*H[O0]I\b"
    # Party documents put the Party's name there; documents before 1976 the Democratic Republic's.
    r"|D[A]NG\s*C[O0]NG\s*S[A]N\s*VIET\s*NAM|VIET\s*NAM\s*D[A]N\s*CH[U]\s*C[O0]NG\s*H[O0]A"
)
_MOTTO = re.compile(r"D[O0]C\s*L[A]P\W*T[U]\s*D[O0]\W*H[A]NH\s*PH[U]C|D[O0]C\s*L[A]P\W*T[U]\s*D[O0]")
_RULE = re.compile(r"^[\W_]*$")
# An agency's line: no number or symbol in it, bar a number closing a name (BAN CHỈ ĐẠO 138).
_AGENCY_LINE = re.compile(r"^[^\d/:]*(?<=\s)\d{1,4}$|^[^\d/:]*$")
_OWN_NUMBER = re.compile(r"^[\W_]{0,3}S[O06]\s*[:;.,]?\s*(?=\S*\s*\S*/)", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"^\d{1,5}\s?/")
_VV = re.compile(r"^(?:V\s*[/|l1.]\s*[vVy]|Vv)\b\s*[:.]?\s*")
_GROUNDS = re.compile(r"^(?:can cu|kinh gui)\b", re.IGNORECASE)
_BODY_START = re.compile(
    r"^(?:can cu|kinh gui|thuc hien|theo de nghi|xet de nghi|dieu \d|chuong [IVX\d]|phan [IVX\d]"
    r"|[IVX]+\s*[.-]|\d+\s*[.-]\s)",
    re.IGNORECASE,
)
_DATE_CUT_SHORT = re.compile(r"\bng\w{1,3}\s*\S{0,4}\s*th\w{2,4}\s*\S{1,4}\s*$")
# Lower-case words that belong to a place: "Thành phố Huế", "Thị xã Quảng Trị".
_PLACE_WORDS = {"phố", "xã", "trấn"}
_UNIT_PREFIXES = {"Thành phố", "Thị xã", "Thị trấn", "TP.", "Tp.", "TP", "Huyện", "Quận"}


@dataclass(frozen=True)
class Header:
    """What a Decree 30 header says, each field with its confidence."""

    agency: Field = field(default_factory=Field)
    parent_agency: Field = field(default_factory=Field)
    number: DocumentNumber | None = None
    #: The number was found under its ``Số:`` label (rather than standing alone).
    number_labelled: bool = False
    place: Field = field(default_factory=Field)
    date: Field = field(default_factory=Field)
    heading_type: str | None = None
    summary: Field = field(default_factory=Field)
    #: A ``V/v`` summary line: the mark of a công văn.
    vv_line: bool = False
    #: The national title or motto: the document is in the Decree 30 format.
    national_title: bool = False
    #: Index of the first line after the header: where the body starts.
    end: int = 0


@dataclass(frozen=True)
class _Line:
    left: str  # what remains once the right column's text is cut out
    folded: str


def read(text: str) -> Header:
    """The header of the document whose first page's text begins ``text``."""
    raw = stamps.scrub(text.splitlines()[:HEADER_LINES])
    lines, national_title, (place, date, date_at) = _split_columns(raw)
    number_at, number, labelled = _own_number(lines)
    heading_at, heading = _heading(lines, start=number_at + 1 if number_at is not None else 0)
    if heading_at is not None and date_at is not None and date_at > heading_at:
        place, date = Field(), Field()  # a date under the heading is a cited document's, not this one's
    vv_at = _vv_line(lines, start=number_at if number_at is not None else 0, stop=heading_at)
    if heading_at is not None:
        summary, end = _summary_after_heading(lines, heading_at)
    elif vv_at is not None:
        summary, end = _vv_summary(lines, vv_at)
    else:
        summary, end = Field(), (number_at or 0) + 1
    top = number_at if number_at is not None else heading_at if heading_at is not None else len(lines)
    parent, agency = _agencies(lines, top)
    return Header(
        agency=agency,
        parent_agency=parent,
        number=number,
        number_labelled=labelled,
        place=place,
        date=date,
        heading_type=heading,
        summary=summary,
        vv_line=vv_at is not None,
        national_title=national_title,
        end=end,
    )


def _split_columns(raw: list[str]) -> tuple[list[_Line], bool, tuple[Field, Field, int | None]]:
    """Lines with the right column cut out; whether the national title was there; place, date and their line."""
    lines: list[_Line] = []
    national_title = False
    place, issued, date_at = Field(), Field(), None
    country_pending = False  # the title broke after VIỆT: NAM ends the next line
    for i, text in enumerate(raw):
        upper = fold(text).upper()
        if country_pending and re.search(r"\bNAM\s*$", upper):
            text, upper = text[: upper.rindex("NAM")], upper[: upper.rindex("NAM")]
            country_pending = False
        for pattern in (_NATIONAL_TITLE, _MOTTO):
            match = pattern.search(upper)
            # The titles are printed in capitals: "báo điện tử Đảng Cộng sản Việt Nam" in a text is no header.
            if match and (pattern is _MOTTO or lexicon.is_caps(text[match.start() : match.end()])):
                national_title = True
                if pattern is _NATIONAL_TITLE:
                    country_pending = not (match["country"] or "").strip().endswith("NAM")
                text, upper = _cut(text, match.span()), _cut(upper, match.span())
        found = _place_and_date(text, raw[i + 1] if i + 1 < len(raw) else "") if date_at is None else None
        if found:
            place, issued, span = found
            text, date_at = _cut(text, span), i
        text = " ".join(text.split())
        lines.append(_Line("" if _RULE.match(text) else text, fold(text)))
    return lines, national_title, (place, issued, date_at)


def _cut(text: str, span: tuple[int, int]) -> str:
    return text[: span[0]] + " " + text[span[1] :]


def _place_and_date(line: str, following: str) -> tuple[Field, Field, tuple[int, int]] | None:
    """``Vĩnh Long, ngày 14 tháng 6 năm 2023`` in ``line`` (its year possibly wrapped to ``following``)."""
    found = dates.find_worded(line)
    if found is None and _DATE_CUT_SHORT.search(fold(line).lower()):
        wrapped = dates.find_worded(f"{line} {following.strip()[:10]}")
        found = dates.DateMatch(wrapped.field, wrapped.start, len(line)) if wrapped else None
    if found is None:
        return None
    words = list(re.finditer(r"\S+", line[: found.start]))
    run: list[re.Match[str]] = []
    while words and (_capitalised(words[-1].group(0)) or words[-1].group(0) in _PLACE_WORDS) and len(run) < 6:
        run.insert(0, words.pop())
    while run and run[0].group(0) in _PLACE_WORDS:  # "phố" without its "Thành"
        run.pop(0)
    if not run:
        # A date with no place before it is as likely a cited law's date as the document's own.
        return Field(), found.field.at_most(DOUBTED), (found.start, found.end)
    # OCR drops the space after the comma: "Định,ngày" is the place's last word and the date's first.
    name = " ".join(word.group(0) for word in run).split(",")[0].strip()
    place = Field(_known_place(name), SURE)
    if len(name.split()) == 1 and mentions.spell_place(name) is None:
        # Vietnamese place names are two syllables or more, bar a few cities the gazetteer knows (Huế, Vinh):
        # one unknown word is what is left of a name whose first word OCR lost ("Định" of "Bình Định").
        place = place.at_most(DOUBTED, "one word the gazetteer does not know: part of the name may be lost")
    return place, found.field, (run[0].start(), found.end)


def _capitalised(word: str) -> bool:
    """A word of a place name: capitalised, but not in capitals (those belong to the left column), bar TP."""
    letters = word.strip(",.")
    if not letters or not letters[0].isupper() or any(c.isdigit() or c == "/" for c in letters):
        return False
    return letters in ("TP", "Tp") or not (len(letters) > 1 and letters.isupper())


def _known_place(name: str) -> str:
    """``name`` with a province it ends with spelt properly; words before it are kept only if they are a unit."""
    words = name.split()
    for length in range(min(5, len(words)), 0, -1):
        province = mentions.spell_place(" ".join(words[-length:]))
        if province:
            prefix = words[:-length]
            return " ".join([*prefix, province]) if " ".join(prefix) in _UNIT_PREFIXES else province
    return name


def _own_number(lines: list[_Line]) -> tuple[int | None, DocumentNumber | None, bool]:
    """Index, value and labelling of the document's own number: the first ``Số:`` line with a symbol."""
    for i, line in enumerate(lines):
        label = _OWN_NUMBER.match(line.folded)
        if label:
            found = numbers.parse(line.left[label.end() :])
            if found:
                return i, found, True
    # The label lost to OCR: a number and symbol opening a line near the top.
    for i, line in enumerate(lines[:15]):
        if _BARE_NUMBER.match(line.left):
            found = numbers.parse(line.left)
            if found and found.digits:
                return i, found, False
    return None, None, False


def _heading(lines: list[_Line], start: int) -> tuple[int | None, str | None]:
    for i in range(start, min(len(lines), start + 25)):
        found = doctypes.heading_type(lines[i].left)
        if found:
            return i, found
    return None, None


def _vv_line(lines: list[_Line], start: int, stop: int | None) -> int | None:
    for i in range(start, min(len(lines), stop if stop is not None else start + 12)):
        if _VV.match(lines[i].left):
            return i
    return None


def _summary_after_heading(lines: list[_Line], heading_at: int) -> tuple[Field, int]:
    """The trích yếu under the type heading (lines up to a blank, the issuer in capitals, or the body); its end."""
    taken: list[str] = []
    blank = False
    end = heading_at + 1
    for i, line in enumerate(lines[heading_at + 1 : heading_at + 8], heading_at + 1):
        text = line.left
        if not text:
            blank = True
            continue
        starts_sentence = text[0].isupper() or text[0].isdigit()
        body = _BODY_START.match(line.folded) if taken else _GROUNDS.match(line.folded)
        if lexicon.is_caps(text) or body or (taken and blank and starts_sentence):
            break
        taken.append(text)
        blank = False
        end = i + 1
        if len(taken) == 4:
            break
    # The enacting authority in capitals under the summary ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH") is header too.
    while end < len(lines) and end < heading_at + 12 and (not lines[end].left or lexicon.is_caps(lines[end].left)):
        end += 1
    if not taken:
        return Field(), end
    # A summary opening like a body paragraph ("Thực hiện …") may be the body itself, the summary lost.
    confident = len(taken) <= 3 and not _BODY_START.match(fold(taken[0]))
    return Field(" ".join(taken), CONFIDENT if confident else DOUBTED), end


def _vv_summary(lines: list[_Line], vv_at: int) -> tuple[Field, int]:
    """A công văn's ``V/v …`` summary under the number in the left column, wrapped lines joined; its end."""
    taken = [_VV.sub("V/v ", lines[vv_at].left, count=1)]
    end = vv_at + 1
    for i, line in enumerate(lines[vv_at + 1 : vv_at + 6], vv_at + 1):
        text = line.left
        if not text and _next_text(lines, i)[:1].islower() and len(taken) < 4:
            continue  # the wrapped line in a block of its own, or under the date cut out: it goes on in small letters
        if not text or lexicon.is_caps(text) or _BODY_START.match(line.folded) or len(taken) == 4:
            break
        taken.append(text)
        end = i + 1
    return Field(" ".join(taken), TRUSTED), end


def _next_text(lines: list[_Line], at: int) -> str:
    """The first text below line ``at`` within three lines, or ``""``."""
    return next((line.left for line in lines[at + 1 : at + 4] if line.left), "")


def _agencies(lines: list[_Line], top: int) -> tuple[Field, Field]:
    """Parent and issuing agency: the lines in capitals just above the number, split where a new name starts."""
    block: list[str] = []
    for line in reversed(lines[:top]):
        text = line.left
        if not text:
            continue
        if not lexicon.is_caps(text) or sum(c.isalpha() for c in text) < 2 or not _AGENCY_LINE.match(text):
            if block:
                break
            continue
        block.insert(0, text)
        if len(block) == 5:
            break
    names: list[list[str]] = []
    for text in block:
        restored = lexicon.restore(_without_specks(text))
        if not names or _starts_agency(restored):
            names.append([])
        names[-1].append(restored)
    if not names:
        return Field(), Field()
    agency, *_ = [_agency_name(lines, CONFIDENT) for lines in names[-1:]]
    parent = _agency_name(names[-2], TRUSTED) if len(names) > 1 else Field()
    return parent, agency


def _without_specks(text: str) -> str:
    """A header line without what rules and specks become in OCR (``_``, ``ˆ``, ``ất``), keeping ``-`` in a name."""
    words = [word.strip("_~`'ˆ^*=|") for word in text.split()]
    kept = [
        word
        for i, word in enumerate(words)
        if any(c.isupper() or c.isdigit() for c in word) or (word in ("-", "–") and 0 < i < len(words) - 1)
    ]
    return " ".join(kept)


#: What a letter put back into a known name costs its confidence (a confident agency's becomes ``PLAUSIBLE``).
_REPAIR_COST = 0.15


def _agency_name(lines: list[str], confidence: float) -> Field:
    """The name on ``lines``; a letter OCR lost in a known name is put back, with less confidence."""
    name = " ".join(lines).rstrip(".,;:")
    repaired = lexicon.repair(name, KNOWN_NAMES)
    return Field(repaired, confidence - _REPAIR_COST) if repaired else Field(name, confidence)


def _starts_agency(line: str) -> bool:
    words = lexicon.key(line).split()
    return any(words[: len(head.split())] == head.split() for head in _HEAD_KEYS)


_HEAD_KEYS = tuple(lexicon.key(head) for head in gazetteer.AGENCY_HEADS)
KNOWN_NAMES = (
    *(f"{head} {sector.upper()}" for head in ("BỘ", "SỞ") for sector in gazetteer.SECTORS),
    *(body.upper() for body in gazetteer.NATIONAL_BODIES),
)
