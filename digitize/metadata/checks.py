"""Cross-checks: what a Decree 30 document says about itself more than once, read twice and compared.

A document's symbol repeats its type and its agency (``2145/SVHTTDL-TV``: the
Sở Văn hóa, Thể thao và Du lịch's initials), a legal document's number carries
its year, and a document is not older than the documents it cites nor dated
after today. OCR rarely damages two of these the same way, so where they
disagree the damaged one can often be put right (a symbol's letter, an agency
spelt as the known name whose initials the symbol gives), and where it cannot,
the value keeps a low confidence and its provenance says why. A wrong value
given with confidence is worse than none: an archivist trusts it.
"""

from __future__ import annotations

import re
from datetime import date as Date

from rapidfuzz.distance import Levenshtein

from digitize.metadata import dates, doctypes, lexicon
from digitize.metadata.confidence import DISPUTED, DOUBTED, GIVEN, IMPOSSIBLE, PLAUSIBLE, WEAK
from digitize.metadata.header import Header
from digitize.metadata.model import Field, Reference
from digitize.metadata.numbers import DocumentNumber
from digitize.quality import is_syllable
from digitize.textnorm import fold, unify_tone_marks

#: Words an agency's initials leave out: "Sở Văn hóa, Thể thao và Du lịch" → SVHTTDL.
_SKIPPED = {"VA", "CUA"}
#: Bodies whose symbols give a fixed code rather than their initials, by their words without marks.
_CODES = {("UY", "BAN", "NHAN", "DAN"): "UBND", ("HOI", "DONG", "NHAN", "DAN"): "HĐND", ("UBND",): "UBND"}
_CODES[("HDND",)] = "HĐND"
#: Words that open a place after an agency's name: its initials stop there.
_PLACE_UNITS = {"TINH", "THANH", "TP", "HUYEN", "QUAN", "THI", "XA", "PHUONG"}
#: ``năm 2025`` in a text folded to lower case without marks; a span's second year (``năm 2021 - 2025``) too.
_YEAR_SPOKEN_OF = re.compile(r"\bnam\s+(?P<year>(?:19|20)\d\d)\b(?P<span>\s*[-–]\s*(?:19|20)\d\d)?")
#: Words before a later year that make it a goal or a span rather than the document's own year.
_GOAL_OR_SPAN = re.compile(r"\b(den|toi|truoc|giai doan|tam nhin|muc tieu|dinh huong|sau)\b[^.;]*$")
#: Words of a summary or a text, without the punctuation around them.
_WORDS = re.compile(r"\w+")
_PUNCTUATION = re.compile(r"[^\w\s]+")
#: Below this, a value is not given as trusted.


def initials(name: str) -> str:
    """The initials a symbol gives an agency: ``SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``SVHTTDL``, ``BAN CHỈ ĐẠO 138``
    → ``BCĐ138``, ``ỦY BAN NHÂN DÂN TỈNH …`` → ``UBNDT…``; Đ stays Đ, numbers stay whole."""
    words = name.upper().replace(",", " ").replace("-", " ").split()
    keys = [lexicon.key(word) for word in words]
    letters: list[str] = []
    i = 0
    while i < len(words):
        code = next(((len(k), c) for k, c in _CODES.items() if tuple(keys[i : i + len(k)]) == k), None)
        if code:
            letters.append(code[1])
            i += code[0]
            continue
        if keys[i] and keys[i] not in _SKIPPED:
            letters.append(words[i] if words[i].isdigit() else "Đ" if words[i].startswith("Đ") else keys[i][0])
        i += 1
    return "".join(letters)


def organ_code(number: DocumentNumber) -> str | None:
    """The agency's part of a symbol: ``QĐ-UBND`` → ``UBND``; a công văn's ``SVHTTDL-TV`` → ``SVHTTDL``."""
    if number.party:
        return None
    parts = number.symbol.split("-")
    if number.type_abbreviation:
        return parts[1] if len(parts) > 1 else None
    return parts[0]


def matches_agency(code: str, *agencies: str | None) -> bool:
    """Whether ``code`` is the initials of one of ``agencies``, or of its words before a place (``UBND`` for ỦY BAN
    NHÂN DÂN TỈNH QUẢNG NGÃI, ``TVQG`` for THƯ VIỆN QUỐC GIA VIỆT NAM)."""
    for agency in filter(None, agencies):
        words = agency.split()
        for end in range(len(words), 0, -1):
            rest = lexicon.key(" ".join(words[end:]))
            place = not rest or rest == "VIET NAM" or rest.split()[0] in _PLACE_UNITS
            if place and initials(" ".join(words[:end])) == code:
                return True
    return False


def symbol(number: DocumentNumber, agency: Field, parent: Field) -> tuple[DocumentNumber, str | None]:
    """``number`` with its symbol's agency part read again from the agency's initials when OCR damaged one letter
    of it (``SVHTTDI`` for ``SVHTTDL``) or lost the hyphen after the type (``CTUBND``); the note says what was done.
    """
    names = [field.value for field in (agency, parent) if field.value]
    if number.party or not names or number.digits is None:
        return number, None
    parts = number.symbol.split("-")
    if not number.type_abbreviation and len(parts) == 1:
        for length in (3, 2):  # a hyphen lost: CTUBND → CT-UBND, when the rest is the agency's initials
            head, rest = parts[0][:length], parts[0][length:]
            if doctypes.abbreviation(head) and rest and matches_agency(rest, *names):
                fixed = f"{doctypes.abbreviation(head)}-{rest}"
                return _with_symbol(number, fixed), "the hyphen after the type put back"
    code = organ_code(number)
    if not code or matches_agency(code, *names):
        return number, None
    for name in names:
        wanted = initials(name)[: len(code)]
        if len(wanted) >= 4 and Levenshtein.distance(code, wanted) == 1 and wanted[:-1] == code[:-1]:
            index = parts.index(code)
            fixed = "-".join([*parts[:index], wanted, *parts[index + 1 :]])
            return _with_symbol(number, fixed), f"symbol's agency part {code} read as the agency's initials {wanted}"
    return number, None


def _with_symbol(number: DocumentNumber, symbol: str) -> DocumentNumber:
    return DocumentNumber(number.digits, number.year, symbol, number.party, repaired=True, gap=number.gap)


def agency(found: Field, number: DocumentNumber | None, known: tuple[str, ...]) -> Field:
    """The agency spelt as the known name its reading is close to, among those whose initials the symbol gives
    (``… VÀ DULCH LỊCH`` → ``… VÀ DU LỊCH``, symbol SVHTTDL; the symbol tells SỞ from BỘ); as read otherwise."""
    code = organ_code(number) if number else None
    if not found.value or not code or lexicon.key(found.value) in {lexicon.key(name) for name in known}:
        return found
    fitting = tuple(name for name in known if matches_agency(code, name))
    close = lexicon.closest(found.value, fitting, cutoff=0.85) if fitting else None
    if close is None:
        return found
    respelt = Field(lexicon.spell_as(found.value, close), found.confidence, found.source, found.notes)
    return respelt.at_most(found.confidence, f"spelt as the known name whose initials the symbol gives ({code})")


def date(
    found: Field, number: DocumentNumber | None, references: tuple[Reference, ...], today: Date, text: str = ""
) -> Field:
    """The date, doubted where the number's year, the years the ``text`` speaks of, the documents it cites or
    today's date say it cannot be."""
    if not found.value:
        return found
    year = found.value[:4]
    if number and number.year and number.year != year:
        found = found.at_most(WEAK, f"year {year} is not the number's {number.year}")
    ahead = years_ahead(text, int(year))
    if ahead:
        # Given but not trusted: the year the text speaks of may be the misread one.
        found = found.at_most(DOUBTED, f"the text speaks of năm {ahead[0]}, after the year {year} of its date")
    cited = [r for r in references if r.date and len(r.date) == 10 and r.confidence >= PLAUSIBLE]
    older = [r for r in cited if r.date[: len(found.value)] > found.value]
    if older:
        latest = max(older, key=lambda r: r.date)
        # Given but not trusted: the cited date may be the misread one.
        found = found.at_most(DOUBTED, f"older than the document it cites ({latest.number} of {latest.date})")
    if found.value > today.isoformat()[: len(found.value)]:
        found = found.at_most(IMPOSSIBLE, "after today")
    return found


def years_ahead(text: str, year: int) -> list[int]:
    """The years of the ``năm YYYY`` the ``text`` speaks of that are later than the year after ``year``.

    A document speaks of its own year (``kế hoạch năm 2025``, ``6 tháng đầu năm 2024``), of the year after (a
    plan made in December) and of years before (a law of 2015, a report on last year); of a later year only as a
    goal or a span (``đến năm 2030``, ``giai đoạn 2021 - 2025``, ``tầm nhìn``), which are left out. Any other
    later year is the mark of a date whose year was misread (2025 read as 2023).
    """
    found = []
    for match in _YEAR_SPOKEN_OF.finditer(fold(text).lower()):
        spoken = int(match["year"])
        before = match.string[max(0, match.start() - 24) : match.start()]
        if spoken > year + 1 and not _GOAL_OR_SPAN.search(before) and not match["span"]:
            found.append(spoken)
    return sorted(set(found))


def summary(found: Field, text: str, again: Header | None = None) -> Field:
    """The summary (trích yếu), doubted where it is not spelt as Vietnamese, where the text spells three of its words
    otherwise (the body restates the summary: ``tài liệu tôn đọng`` above, ``tài liệu tồn đọng`` below), or where
    a second reading of the header gives it otherwise. One misread tone mark spoils the summary as a value and
    leaves its syllables well formed, so the summary is checked against what else read the same words."""
    if not found.value:
        return found
    words = _WORDS.findall(unify_tone_marks(found.value.removeprefix("V/v ")))
    malformed = [word for word in words if word.islower() and word.isalpha() and not is_syllable(word)]
    if malformed:
        found = found.at_most(DOUBTED, f"not Vietnamese syllables: {' '.join(malformed)}")
    spelt = _spelt_otherwise(unify_tone_marks(found.value), unify_tone_marks(text))
    if spelt:
        found = found.at_most(DOUBTED, f"the text spells {spelt!r} otherwise")
    other = again.summary.value if again is not None else None
    if other and fold(other).lower() == fold(found.value).lower() and _WORDS.findall(unify_tone_marks(other)) != words:
        found = found.at_most(DOUBTED, f"a second reading of the header gives {other!r}")
    return found


def _spelt_otherwise(summary: str, text: str) -> str | None:
    """The first three adjacent words of ``summary`` that ``text`` holds with the same letters but other marks
    (three: two may be other words, ``khai bảo`` of ``triển khai bảo tồn`` and ``khai báo``), punctuation not
    crossed (``triển khai, báo cáo``)."""
    ours = {_letters(run): " ".join(run).lower() for run in _triples(summary)}
    for run in _triples(text):
        spelt = ours.get(_letters(run))
        if spelt is not None and " ".join(run).lower() != spelt:
            return spelt
    return None


def _triples(text: str) -> list[tuple[str, ...]]:
    """Every three adjacent words of ``text`` within a stretch without punctuation."""
    triples = []
    for stretch in _PUNCTUATION.split(text):
        words = stretch.split()
        triples += [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return triples


def _letters(words: tuple[str, ...]) -> str:
    return fold(" ".join(words)).lower()


def day_left_blank(date_: Field) -> Field:
    """A month and year a file's own text gives without a day (``ngày   tháng 01 năm 2025``): the date as printed,
    given as a month's is (``digitize.metadata.dates.MONTH``) rather than as a day read as junk."""
    if date_.value is None or len(date_.value) != 7 or date_.confidence != dates.PARTIAL or date_.notes:
        return date_
    return Field(date_.value, dates.MONTH, date_.source, ("the day is left blank in the file",))


def number_and_date(number: Field, date_: Field, handwritten: frozenset[str] | set[str]) -> tuple[Field, Field]:
    """A number or day written by hand into the printed form (``handwritten`` names them) kept as a doubted
    reading: the day is taken as written with the number."""
    if "number" in handwritten:
        number = number.at_most(DISPUTED, "handwritten: written into the printed form")
    if "day" in handwritten or "number" in handwritten:
        date_ = date_.at_most(DISPUTED, "handwritten day" + ("" if "day" in handwritten else " (the number is)"))
    return number, date_


def second_reading(
    number: Field, date_: Field, again: Header, read: DocumentNumber | None, doc_type: str | None
) -> tuple[Field, Field]:
    """Number and date checked against a second reading of the header (another engine, ``again``).

    Where the two readings give different values, the one whose symbol names the document's type is kept if only
    one does, doubted; otherwise neither is given. A value only the second reading gives is taken doubted.
    """
    other = again.number
    if other is not None and other.text and number.value and other.text != number.value:
        first_fits, other_fits = (_names_type(n, doc_type) for n in (read, other))
        if other_fits and not first_fits:
            return Field(
                other.text, DOUBTED, notes=(f"from a second reading of the header; the first gave {number.value}",)
            ), date_
    other_number = Field(other.text, WEAK if other.gap else GIVEN) if other is not None and other.text else Field()
    return _compared(number, other_number), _compared(date_, again.date.at_most(GIVEN))


def _names_type(number: DocumentNumber | None, doc_type: str | None) -> bool:
    abbreviation = number.type_abbreviation if number else None
    return bool(abbreviation and doc_type and doctypes.type_of_abbreviation(abbreviation) == doc_type)


def _compared(first: Field, other: Field) -> Field:
    if other.value is None or first.value == other.value:
        return first
    if first.value is None:
        return Field(other.value, other.confidence, notes=("from a second reading of the header",))
    if len(other.value) < len(first.value) and first.value.startswith(other.value):
        return first  # the second reading lost the day: it says nothing against the first's
    return first.at_most(DISPUTED, f"a second reading of the header gives {other.value}")
