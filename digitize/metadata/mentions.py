"""The provinces and agencies a document mentions, for facets and for the archivist's description.

Matched on folded text, so a name OCR read without its diacritics is still
found, and reported as it is properly spelt.
"""

from __future__ import annotations

import re
from functools import cache

from digitize.metadata import gazetteer, lexicon
from digitize.textnorm import fold

_LOCAL_HEADS = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân"}
_PARTY_COMMITTEES = ("Tỉnh ủy", "Thành ủy", "Huyện ủy", "Thị ủy")
_NAME_WORD = r"[A-Z][a-z]*"
# A name starts a word, and not inside a symbol (the UBND of 12/QĐ-UBND is no mention).
_START = r"(?<![\w/-])"


def provinces(text: str) -> tuple[str, ...]:
    """Provinces named in ``text``, in order of first mention."""
    found = (_province_names()[m.group(0)] for m in _province_pattern().finditer(fold(text)))
    return tuple(dict.fromkeys(found))


def agencies(text: str) -> tuple[str, ...]:
    """National bodies, ministries, departments and local councils named in ``text``, in order of first mention."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for match in _national_pattern().finditer(folded):
        found.append((match.start(), _national_names()[match.group(0)]))
    for match in _sector_pattern().finditer(folded):
        head = "Bộ" if match["head"] == "Bo" else "Sở"
        found.append((match.start(), f"{head} {_sector_names()[_sector_key(match['sector'])]}"))
    for match in _local_pattern().finditer(folded):
        head = text[match.start("head") : match.end("head")]
        unit = _units()[match["unit"].lower()] + " " if match["unit"] else ""
        name = _place_name(text[match.start("name") : match.end("name")])
        found.append((match.start(), f"{_LOCAL_HEADS.get(head) or _spell_head(head)} {unit}{name}"))
    return tuple(dict.fromkeys(name for _, name in sorted(found)))


def canonical_province(name: str) -> str | None:
    """``name`` spelt as the province it names (``Vinh Long`` → ``Vĩnh Long``), or None if it names none."""
    known = _province_names().get(fold(name).strip())
    return lexicon.spell_as(name.strip(), known) if known else None


def spell_place(name: str) -> str | None:
    """``name`` spelt as the gazetteer writes it, alias or not (``TP. Ho Chi Minh`` → ``TP. Hồ Chí Minh``)."""
    written = _written_forms().get(fold(name).strip())
    return lexicon.spell_as(name.strip(), written) if written else None


def _place_name(words: str) -> str:
    return canonical_province(words) or words


def _sector_key(sector: str) -> str:
    return " ".join(lexicon.key(sector).replace("-", " ").replace("–", " ").split())


def _spell_head(head: str) -> str:
    heads = (*gazetteer.LOCAL_BODIES, *_PARTY_COMMITTEES)
    return next((h for h in heads if lexicon.key(h) == lexicon.key(head)), head)


def _alternation(names) -> str:
    return "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))


@cache
def _province_names() -> dict[str, str]:
    """Folded spellings, including aliases and the lower-case ``thành phố``, to province names."""
    names = {fold(p): p for p in gazetteer.PROVINCES}
    names.update({fold(alias): p for alias, p in gazetteer.PROVINCE_ALIASES.items()})
    names["thanh pho Ho Chi Minh"] = "Thành phố Hồ Chí Minh"
    return names


@cache
def _written_forms() -> dict[str, str]:
    return {fold(name): name for name in (*gazetteer.PROVINCES, *gazetteer.PROVINCE_ALIASES)}


@cache
def _province_pattern() -> re.Pattern[str]:
    return re.compile(rf"{_START}(?:{_alternation(_province_names())})(?!\w)")


@cache
def _national_names() -> dict[str, str]:
    return {fold(body): body for body in gazetteer.NATIONAL_BODIES}


@cache
def _national_pattern() -> re.Pattern[str]:
    return re.compile(rf"{_START}(?:{_alternation(_national_names())})(?!\w)")


@cache
def _units() -> dict[str, str]:
    return {fold(unit): unit for unit in gazetteer.UNITS}


@cache
def _sector_names() -> dict[str, str]:
    return {_sector_key(sector): sector for sector in gazetteer.SECTORS}


@cache
def _sector_pattern() -> re.Pattern[str]:
    # "Văn hóa, Thể thao và Du lịch" is also written "Văn hóa - Thể thao và Du lịch".
    sectors = (re.escape(fold(s)).replace(",\\ ", r"\s*[,–-]\s*") for s in gazetteer.SECTORS)
    return re.compile(
        rf"{_START}(?P<head>Bo|So)\s+(?P<sector>(?i:{'|'.join(sorted(sectors, key=len, reverse=True))}))(?!\w)"
    )


@cache
def _local_pattern() -> re.Pattern[str]:
    heads = _alternation(fold(h) for h in (*gazetteer.LOCAL_BODIES, *_PARTY_COMMITTEES))
    units = _alternation(fold(u) for u in gazetteer.UNITS)
    name = rf"{_NAME_WORD}(?:\s*-\s*{_NAME_WORD}|\s+{_NAME_WORD}){{0,3}}"
    return re.compile(rf"{_START}(?P<head>{heads})\s+(?:(?P<unit>{units})\s+)?(?P<name>{name})(?!\w)")
