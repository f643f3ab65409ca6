"""The document types of Decree 30/2020/NĐ-CP and the two ways a page names its own.

A type is named by its heading in capitals (``QUYẾT ĐỊNH``) and by the
abbreviation in the document's symbol (``1287/QĐ-UBND``). OCR damages both, in
different ways, so each is read on its own and the two are checked against
each other.
"""

from __future__ import annotations

from digitize.metadata import lexicon
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
#: Legal documents (Law on the promulgation of legal documents) are cited too, with their abbreviations.
LEGAL_TYPES: dict[str, str | None] = {
    "Nghị định": "NĐ",
    "Thông tư": "TT",
    "Thông tư liên tịch": "TTLT",
    "Luật": "QH",
    "Pháp lệnh": "PL",
    "Chương trình hành động": "CTr",
}
CITED_TYPES: tuple[str, ...] = (*DOCUMENT_TYPES, *LEGAL_TYPES)

_BY_ABBREVIATION = {abbr: name for name, abbr in {**LEGAL_TYPES, **DOCUMENT_TYPES}.items() if abbr}
# Abbreviations OCR may print without their Đ; only those whose bare form is no other abbreviation.
_BY_BARE_ABBREVIATION = {
    fold(abbr): abbr
    for abbr in _BY_ABBREVIATION
    if fold(abbr) not in _BY_ABBREVIATION and sum(fold(a) == fold(abbr) for a in _BY_ABBREVIATION) == 1
}
_HEADINGS = tuple(name.upper() for name in DOCUMENT_TYPES)
_UNSPACED = {lexicon.key(heading).replace(" ", ""): heading for heading in _HEADINGS}


def heading_type(line: str) -> str | None:
    """The type a heading line in capitals names (``QUYÉT ĐỊNH:`` → Quyết định), else None."""
    text = line.strip().rstrip(":").strip()
    if not lexicon.is_caps(text) or len(text) > 40:
        return None
    spaced_out = _UNSPACED.get(lexicon.key(text).replace(" ", ""))  # "Q U Y Ế T  Đ Ị N H"
    heading = spaced_out or lexicon.closest(text, _HEADINGS, cutoff=0.88)
    return _canonical(heading) if heading else None


def abbreviation(abbr: str) -> str | None:
    """``abbr`` spelt as Decree 30 prints it (``QD`` → ``QĐ``) when it is a type's abbreviation, else None."""
    if abbr in _BY_ABBREVIATION:
        return abbr
    return _BY_BARE_ABBREVIATION.get(abbr)


def type_of_abbreviation(abbr: str) -> str | None:
    spelt = abbreviation(abbr)
    return _BY_ABBREVIATION[spelt] if spelt else None


def abbreviation_of(doc_type: str) -> str | None:
    return {**LEGAL_TYPES, **DOCUMENT_TYPES}.get(doc_type)


def cited_type(name: str) -> str:
    """A type name as found in running text (any case, diacritics possibly lost), spelt as in the Decree."""
    wanted = lexicon.key(name)
    return next((t for t in CITED_TYPES if lexicon.key(t) == wanted), name)


def _canonical(heading: str) -> str:
    return next(name for name in DOCUMENT_TYPES if name.upper() == heading)
