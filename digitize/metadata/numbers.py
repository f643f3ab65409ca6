"""Document numbers and symbols: ``1287/QĐ-UBND``, ``30/2020/NĐ-CP``, ``2145/SVHTTDL-TV``, ``36-NQ/TW``.

Decree 30/2020 fixes their shape: a number, the year for legal documents, then
a symbol made of the type's abbreviation and the issuer's (a công văn carries
the issuer's and the drafting unit's instead); Party documents put the type
before the slash. Reading the parts apart lets the extractor repair what OCR
does to them, check the type against the heading, and tell a printed number
from one filled in by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from digitize.metadata import doctypes

# Abbreviation parts start with a capital; some carry small letters (TTg, CTr, QyĐ).
_PART = r"[A-ZĐ][A-Za-zĐđ0-9&]*"
# OCR puts a space on one side of a hyphen at times; spaces on both sides make a dash in prose.
_HYPHEN = r"(?:-\s?|\s-)"
_SYMBOL = rf"{_PART}(?:{_HYPHEN}{_PART})*"
_PARTY = re.compile(rf"(?P<digits>\d{{1,5}}){_HYPHEN}(?P<type>[A-Z][A-Za-zĐđ]{{0,3}})\s?/\s?(?P<issuer>{_SYMBOL})")
_STATE = re.compile(rf"(?P<digits>[^\s/]*)(?P<gap>\s*)/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?(?P<symbol>{_SYMBOL})")
#: A number and symbol standing alone in running text: digits are required, the symbol must name a type.
CITED = re.compile(
    rf"(?<![\w/-])(?:\d{{1,5}}{_HYPHEN}[A-Z][A-Za-zĐđ]{{0,3}}\s?/\s?{_PART}|\d{{1,5}}\s?/\s?(?:(?:19|20)\d\d\s?/\s?)?{_SYMBOL})"
)
# Specks OCR reads beside a symbol's hyphen or slash: "CT-.UBND", "/ÑQĐ-UBND" (a pen stroke before the symbol).
_SPECKS = re.compile(r"(?<=-)[.,'`]+|[.,'`]+(?=-)|(?<=/)[^\sA-ZĐ\d/](?=[A-ZĐ])")
# What OCR makes of digits in a number: O for 0, l or I for 1.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
_AGENCY_CODES = {"HDND": "HĐND", "DHQG": "ĐHQG", "DU": "ĐU"}


@dataclass(frozen=True)
class DocumentNumber:
    """A number and symbol as read, with what had to be repaired to read it."""

    digits: str | None  # None when the number is not readable (handwritten, blank)
    year: str | None
    symbol: str  # QĐ-UBND, or NQ/TW for a Party document
    party: bool = False
    repaired: bool = False  # look-alike digits or a lost Đ put back
    gap: bool = False  # space between number and slash: a printed form filled in by hand

    @property
    def text(self) -> str | None:
        if self.digits is None:
            return None
        if self.party:
            return f"{self.digits}-{self.symbol}"
        return "/".join(part for part in (self.digits, self.year, self.symbol) if part)

    @property
    def type_abbreviation(self) -> str | None:
        """The type's abbreviation in the symbol, if its first part is one."""
        first = self.symbol.split("/" if self.party else "-")[0]
        return doctypes.abbreviation(first)


def parse(text: str) -> DocumentNumber | None:
    """The number and symbol at the start of ``text`` (what follows ``Số:``), or None if there is no symbol."""
    text = re.sub(r"(?<=\d)\s+(?=\d)", "", text.strip())
    text = _SPECKS.sub("", text)
    party = _PARTY.match(text)
    if party:
        kind = party["type"]
        spelt = doctypes.abbreviation(kind) or kind
        issuer = _spell_symbol(party["issuer"], first_is_type=False)
        return DocumentNumber(
            party["digits"], None, f"{spelt}/{issuer}", party=True, repaired=spelt != kind or issuer != party["issuer"]
        )
    state = _STATE.match(text)
    if not state:
        return None
    raw_digits = state["digits"]
    digits = raw_digits.translate(_DIGIT_LOOKALIKES)
    readable = re.fullmatch(r"\d{1,5}", digits) is not None and any(c.isdigit() for c in raw_digits)
    symbol = _spell_symbol(state["symbol"], first_is_type=True)
    return DocumentNumber(
        digits=digits if readable else None,
        year=state["year"],
        symbol=symbol,
        repaired=readable and (digits != raw_digits or symbol != _compact(state["symbol"])),
        gap=bool(state["gap"]) or not raw_digits,
    )


def normalize(text: str) -> str:
    """A cited number written as the Decree prints it: ``505/ QĐ-TTg`` → ``505/QĐ-TTg``, ``QD`` → ``QĐ``."""
    found = parse(text)
    return found.text if found and found.text else _compact(text)


def _spell_symbol(symbol: str, first_is_type: bool) -> str:
    parts = _compact(symbol).split("-")
    spelt = [
        (_type_abbreviation(part) if i == 0 and first_is_type else None) or _AGENCY_CODES.get(part, part)
        for i, part in enumerate(parts)
    ]
    return "-".join(spelt)


def _type_abbreviation(part: str) -> str | None:
    """``part`` as a type's abbreviation, OCR damage undone: a lost Đ (``QD``), a doubled letter (``QĐĐ``)."""
    return doctypes.abbreviation(part) or doctypes.abbreviation(re.sub(r"(.)\1", r"\1", part))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)
