"""Descriptive metadata read from a document's text.

Covers what a researcher filters on first: the document type, its number and
symbol (``505/QĐ-TTg``), place and date of issue, a title, and the documents
it cites. Types and their abbreviations are those of Decree 30/2020/NĐ-CP.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from digitize.textnorm import fold

#: Document types of Decree 30/2020/NĐ-CP, Appendix III, with their abbreviations.
DOCUMENT_TYPES: dict[str, str | None] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công văn": None,
    "Công điện": "CĐ",
    "Bản ghi nhớ": "GN",
    "Bản thỏa thuận": "TTh",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Thư công": None,
}
# Cited legal documents also include the types issued under the Law on legal documents.
_CITED_TYPES = (*DOCUMENT_TYPES, "Nghị định", "Thông tư", "Luật", "Pháp lệnh", "Chương trình hành động")
_TYPE_BY_ABBREVIATION = {abbr: name for name, abbr in DOCUMENT_TYPES.items() if abbr}
_TYPE_BY_FOLDED_HEADING = {fold(name).upper(): name for name in DOCUMENT_TYPES}

_UPPER = "A-ZĐÀ-Ỹ"
# 505/QĐ-TTg, 30/2020/NĐ-CP, 2145/SVHTTDL-TV, 36-NQ/TW, 41-CTr/TU
_SYMBOL = rf"[{_UPPER}][{_UPPER}a-zđ0-9]*"
_NUMBER = rf"\d{{1,5}}[a-z]?(?:/\d{{4}})?/{_SYMBOL}(?:-{_SYMBOL})*|\d{{1,5}}-{_SYMBOL}/[{_UPPER}]+"
# OCR and typists both write "505/ QĐ-TTg" and "505 /QĐ-TTg".
_SPACED_SLASH = re.compile(rf"(\d)\s*/\s*(?=[{_UPPER}\d])")
_OWN_NUMBER = re.compile(rf"^\s*Số\s*[:.]?\s*({_NUMBER})", re.MULTILINE)
_PLACE_DATE = re.compile(
    rf"([{_UPPER}][^\n,]{{1,40}}),\s*ngày\s+(\d{{1,2}})\s+tháng\s+(\d{{1,2}})\s+năm\s+(\d{{4}})", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")
_REFERENCE = re.compile(
    rf"\b({'|'.join(sorted(_CITED_TYPES, key=len, reverse=True))})\s+số\s+({_NUMBER}|\d{{1,5}}\b)"
    rf"(?:[^\n.;,]{{0,40}}?ngày\s+(\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}))?",
    re.IGNORECASE,
)
# Web page chrome that precedes an article's title in saved copies.
# Matched on folded text: OCR often gets these words' diacritics wrong.
_BOILERPLATE = re.compile(r"^(chi tiet|cap nhat|logo|thu \w+,|\(?gmt)|-icon$", re.IGNORECASE)


@dataclass(frozen=True)
class Reference:
    """A document cited in the text."""

    type: str
    number: str
    date: str | None


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    type: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    references: tuple[Reference, ...] = field(default_factory=tuple)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_dict(self) -> dict:
        return {**asdict(self), "references": [asdict(r) for r in self.references], "year": self.year}


def extract(text: str) -> Metadata:
    """Metadata of one document from its full text (pages joined in order)."""
    text = _SPACED_SLASH.sub(r"\1/", text)
    head = text[:3000]
    number_match = _OWN_NUMBER.search(head)
    number = number_match.group(1) if number_match else None
    place, issued = _place_and_date(head)
    doc_type = _document_type(head, number)
    return Metadata(
        title=_title(head, doc_type),
        type=doc_type,
        number=number,
        date=issued,
        place=place,
        references=_references(text, own_number=number),
    )


def _iso_date(day: str | int, month: str | int, year: str | int) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _place_and_date(head: str) -> tuple[str | None, str | None]:
    match = _PLACE_DATE.search(head)
    if match:
        return match.group(1).strip(), _iso_date(match.group(2), match.group(3), match.group(4))
    # Articles: the first full date in the opening lines is their publication date.
    numeric = _NUMERIC_DATE.search(head[:600])
    return None, _iso_date(*numeric.groups()) if numeric else None


def _document_type(head: str, number: str | None) -> str | None:
    """The type named by a heading line in capitals, else by the symbol's abbreviation."""
    for line in head.splitlines()[:25]:
        heading = fold(line.strip()).upper()
        if line.strip().isupper() and heading in _TYPE_BY_FOLDED_HEADING:
            return _TYPE_BY_FOLDED_HEADING[heading]
    if number:
        abbreviation = number.split("/")[-1].split("-")[0]
        if abbreviation in _TYPE_BY_ABBREVIATION:
            return _TYPE_BY_ABBREVIATION[abbreviation]
        if re.search(r"^\s*V/v\b", head, re.MULTILINE):
            return "Công văn"
    return None


def _title(head: str, doc_type: str | None) -> str | None:
    """An administrative document is titled by its type and summary; an article by its first heading."""
    lines = [line.strip() for line in head.splitlines() if line.strip()]
    if doc_type:
        for i, line in enumerate(lines):
            if fold(line).upper() == fold(doc_type).upper() and i + 1 < len(lines):
                return f"{doc_type} {lines[i + 1][0].lower()}{lines[i + 1][1:]}"
    for line in lines[:8]:
        if 10 <= len(line) <= 200 and not _BOILERPLATE.search(fold(line)) and not line.endswith((".", ":")):
            return line
    return None


def _references(text: str, own_number: str | None) -> tuple[Reference, ...]:
    seen: dict[tuple[str, str], Reference] = {}
    for match in _REFERENCE.finditer(text):
        kind, number, when = match.groups()
        if number == own_number:
            continue
        kind = kind[0].upper() + kind[1:].lower()
        key = (kind, number.upper())
        if key not in seen or (when and not seen[key].date):
            seen[key] = Reference(type=kind, number=number, date=_reference_date(when))
    return tuple(seen.values())


def _reference_date(when: str | None) -> str | None:
    if not when:
        return None
    parts = re.findall(r"\d+", when)
    return _iso_date(*parts) if len(parts) == 3 else None
