"""One document's text in, its metadata out: the readers of each part combined and checked against each other.

The type is read twice, from the heading and from the symbol's abbreviation;
agreement raises confidence in both the type and the number, disagreement
lowers it. A number filled in by hand, repaired from look-alike letters, or
found without its ``Số:`` label keeps a low confidence, and an unreadable
one is left out rather than guessed. The symbol, agency and date are then
checked against each other and the documents cited (``checks``).
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date as Date

from digitize.metadata import article, checks, doctypes, header, mentions, references, signature, written
from digitize.metadata.confidence import CERTAIN, CONFIDENT, DOUBTED, GIVEN, LIKELY, SURE, WEAK
from digitize.metadata.header import Header
from digitize.metadata.model import ADMINISTRATIVE, OTHER, Field, Metadata
from digitize.metadata.written import HandwrittenReading
from digitize.textnorm import normalize


def extract(
    text: str,
    today: Date | None = None,
    header_again: str | None = None,
    handwritten: frozenset[str] = frozenset(),
    text_layer: bool = False,
    readings: tuple[HandwrittenReading, ...] = (),
) -> Metadata:
    """Metadata of one document from its full text (pages joined in order).

    ``today`` (the digitization date, by default today) is the latest date the
    document can bear; ``header_again`` is a second reading of the first page's
    header by another engine (``digitize.ocr.second_reading``), its number and
    date checked against the first's; ``handwritten`` names the fields (``number``,
    ``day``) the page image shows were written by hand (``digitize.handwriting``);
    ``text_layer`` says the header is the file's own text, so a day or number
    it leaves blank was blank in the file (one made before it was numbered and
    signed), not written by hand and misread; ``readings`` are the digits read in the number's and the day's
    blanks (``digitize.handwritten_fields``), put in where the form was filled by hand.
    """
    text = _prepare(text)
    head = header.read(text)
    if not _is_administrative_header(head):
        found = article.read(text)
        return Metadata(
            kind=OTHER,
            title=found.title,
            date=found.date,
            author=found.author,
            source=found.source,
            references=references.find(text),
            provinces=mentions.provinces(text),
            agencies=mentions.agencies(text),
        )
    symbol_note = None
    if head.number is not None:
        checked, symbol_note = checks.symbol(head.number, head.agency, head.parent_agency)
        head = replace(head, number=checked)
    doc_type = _type(head)
    number = _number(head, doc_type)
    if symbol_note:
        number = number.at_most(LIKELY, symbol_note)
    cited = references.find(text, own_number=number.value)
    issued = checks.date(head.date, head.number, cited, today or Date.today(), text)
    again = header.read(_prepare(header_again)) if header_again is not None else None
    if again is not None:
        number, issued = checks.second_reading(number, issued, again, head.number, doc_type.value)
    summary = checks.summary(head.summary, text, again)
    gap = head.number is not None and head.number.gap
    if text_layer:
        issued = checks.day_left_blank(issued)
    else:
        handwritten = handwritten | ({"number"} if gap else set())
    number, issued = checks.number_and_date(number, issued, handwritten)
    if not text_layer:
        number, issued = written.fill(number, issued, head.number, handwritten, readings)
    foot = signature.read(text, body_start=head.end)
    return Metadata(
        kind=ADMINISTRATIVE,
        type=doc_type,
        number=number,
        date=issued,
        place=head.place,
        agency=checks.agency(head.agency, head.number, header.KNOWN_NAMES),
        parent_agency=head.parent_agency,
        summary=summary,
        recipients=foot.recipients,
        signer=foot.signer,
        signer_position=foot.signer_position,
        title=_title(doc_type, summary),
        references=cited,
        provinces=mentions.provinces(text),
        agencies=mentions.agencies(text),
    )


def _prepare(text: str) -> str:
    """NFC text without stray combining marks, so that folding keeps every character's offset."""
    return "".join(c for c in normalize(text) if not unicodedata.combining(c))


def is_administrative(text: str) -> bool:
    """Whether ``text`` opens with an administrative document's header (Decree 30), as ``extract`` decides it:
    its header alone, not the whole extraction, for a caller that needs only the kind."""
    return _is_administrative_header(header.read(_prepare(text)))


def _is_administrative_header(head: Header) -> bool:
    labelled_number = head.number is not None and head.number_labelled
    return head.national_title or labelled_number or bool(head.heading_type and head.date.value)


def _symbol_type(head: Header) -> str | None:
    abbreviation = head.number.type_abbreviation if head.number else None
    return doctypes.type_of_abbreviation(abbreviation) if abbreviation else None


def _type(head: Header) -> Field:
    from_heading, from_symbol = head.heading_type, _symbol_type(head)
    if from_heading and from_symbol:
        if from_heading != from_symbol:
            return Field(from_heading, DOUBTED, notes=(f"the symbol says {from_symbol}",))
        return Field(from_heading, CERTAIN)
    if from_heading:
        return Field(from_heading, CONFIDENT)
    if from_symbol:
        return Field(from_symbol, LIKELY)
    if head.vv_line:
        return Field("Công văn", CONFIDENT)
    if head.number is not None:
        # A symbol without a type's abbreviation is a công văn's, if the V/v line was lost.
        return Field("Công văn", GIVEN)
    return Field()


def _number(head: Header, doc_type: Field) -> Field:
    number = head.number
    if number is None or number.text is None:
        return Field()
    confidence = SURE if head.number_labelled else DOUBTED
    if number.gap:
        confidence = min(confidence, DOUBTED)  # a printed form filled in by hand
    if number.repaired:
        confidence = min(confidence, LIKELY)
    if head.date.value and len(head.date.value) == 7:
        # The day could not be read: it was written by hand into the form, and so, with it, was the number.
        confidence = min(confidence, WEAK)
    from_symbol = _symbol_type(head)
    found = Field(number.text, confidence)
    if from_symbol and doc_type.value and from_symbol != doc_type.value:
        found = found.at_most(WEAK, f"the symbol's type is not the heading's {doc_type.value}")
    return found


def _title(doc_type: Field, summary: Field) -> Field:
    """An administrative document is titled by its type and summary: ``Quyết định về việc …``."""
    if not doc_type.value or not summary.value:
        return Field()
    text = summary.value.removeprefix("V/v ")
    if text != summary.value:
        text = f"về việc {text}"
    return Field(f"{doc_type.value} {text[0].lower()}{text[1:]}", min(doc_type.confidence, summary.confidence))
