"""MARC 21 bibliographic records of finished documents, the form Vietnamese library catalogues import.

Libol, KIPOS, Vebrary and DSpace take MARC 21; one builder, ``to_record``,
serves both the ``export marc`` files (MARCXML or binary ISO 2709) and the
OAI-PMH ``marcxml`` format, so the two never disagree. As with Dublin Core, a
value the extractor is unsure of (confidence under ``confidence.GIVEN``) is left out
rather than catalogued as certain. Text is UTF-8 in NFC (leader position 9 is
``a``), the form Vietnamese catalogues index.

Fields: 001/005/008 control; 041 language; 100 author, or 110 issuing agency
(its parent agency in $a and itself in $b); 245 title; 264 place, source and
date (second indicator 0, production, for administrative documents; 1,
publication, for articles); 300 pages; 336–338 content, media and carrier
(RDA terms in Vietnamese); 490 the collection; 500 number and symbol, and
the documents cited; 520 summary; 610 agencies named (MARC's field for a
body as a subject); 651 provinces named; 655 the document type; 700 signer;
856 the IIIF manifest and the reading-room page, when the archive's public
address is known.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path
from xml.etree import ElementTree as ET

import pymarc
from pymarc import Field, Indicators, Record, Subfield

from digitize.errors import ArchiveError, ExportError
from digitize.metadata.confidence import GIVEN
from digitize.metadata.model import ADMINISTRATIVE
from pipelines.archive.catalog import Catalog, DescribedDocument
from pipelines.archive.layout import Archive
from pipelines.collections.definitions import require_collection

#: New record, language material, monograph, Unicode (position 9 ``a``), abbreviated level (3): made by a machine.
LEADER = "00000nam a22000003  4500"
#: MARC 21 code of Viet Nam (008/15-17) and of Vietnamese (008/35-37, 041).
COUNTRY = "vm "
LANGUAGE = "vie"
#: 336–338 as RDA names them in Vietnamese: text, computer, online resource.
CONTENT = (("336", "văn bản", "txt", "rdacontent"), ("337", "máy tính", "c", "rdamedia"))
CARRIER = ("338", "tài nguyên trực tuyến", "cr", "rdacarrier")
MARC_XML = pymarc.MARC_XML_NS
MARC_XML_SCHEMA = "http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ET.register_namespace("marc", MARC_XML)
#: The suffixes ``write`` knows: MARCXML, or binary MARC (ISO 2709).
SUFFIXES = (".xml", ".mrc")


def export_marc(
    archive: Archive, out: Path, document: str | None = None, collection: str | None = None, base_url: str | None = None
) -> int:
    """Write the records of ``document`` (``Documents.find``) or of ``collection``'s finished documents to ``out``."""
    if (document is None) == (collection is None):
        raise ValueError("give a document or a collection")
    with Catalog(archive.existing_catalog_path()) as catalog:
        if document is not None:
            found = catalog.documents.find(document)
            described = catalog.described.get(found.id)
            if described is None:
                raise ArchiveError(found.id, f"is not finished (status {found.status}): only finished documents export")
            chosen = [described]
        else:
            require_collection(catalog, collection)
            chosen = catalog.described.changed(collection=collection)
            if not chosen:
                raise ArchiveError(collection, "the collection has no finished documents to export")
        return write((to_record(one, base_url) for one in chosen), out)


def to_record(described: DescribedDocument, base_url: str | None = None) -> Record:
    """The MARC 21 record of a finished document; ``base_url`` (the archive served to readers) gives its 856 links."""
    document, metadata = described.document, described.metadata
    given = metadata.given
    record = Record(leader=LEADER, force_utf8=True)
    record.add_field(
        Field("001", data=document.id),
        Field("005", data=described.changed_at.strftime("%Y%m%d%H%M%S.0")),
        Field("008", data=_fixed_fields(described)),
        _field("041", " ", " ", a=LANGUAGE),
    )
    author, agency, parent = given("author"), given("agency"), given("parent_agency")
    if author:
        record.add_field(_field("100", "1", " ", a=author))
    elif agency:
        record.add_field(_field("110", "2", " ", a=parent or agency, b=agency if parent else None))
    title = given("title") or given("summary") or document.title or Path(document.source_path).stem
    record.add_field(_field("245", "1" if author or agency else "0", "0", a=title))
    date, place, source = given("date"), given("place"), given("source")
    if date or place or source:
        production = "0" if metadata.kind == ADMINISTRATIVE else "1"
        record.add_field(_field("264", " ", production, a=place, b=source, c=date))
    record.add_field(_field("300", " ", " ", a=f"{document.page_count} tr."))
    for tag, term, code, vocabulary in (*CONTENT, CARRIER):
        record.add_field(_field(tag, " ", " ", a=term, b=code, **{"2": vocabulary}))
    record.add_field(_field("490", "0", " ", a=document.collection))
    if given("number"):
        record.add_field(_field("500", " ", " ", a=f"Số, ký hiệu: {given('number')}"))
    cited = [" ".join(filter(None, (r.type, r.number))) for r in metadata.references if r.confidence >= GIVEN]
    if cited:
        record.add_field(_field("500", " ", " ", a=f"Văn bản dẫn chiếu: {'; '.join(cited)}"))
    if given("summary"):
        record.add_field(_field("520", " ", " ", a=given("summary")))
    record.add_field(*(_field("610", "2", "4", a=name) for name in metadata.agencies))
    record.add_field(*(_field("651", " ", "4", a=name) for name in metadata.provinces))
    if given("type"):
        record.add_field(_field("655", " ", "4", a=given("type")))
    if given("signer"):
        record.add_field(_field("700", "1", " ", a=given("signer"), e="người ký"))
    if base_url:
        base = base_url.rstrip("/")
        record.add_field(
            _field("856", "4", "0", u=f"{base}/iiif/{document.id}/manifest", q="application/ld+json", y="IIIF"),
            _field("856", "4", "0", u=f"{base}/page/{document.id}/1", y="Đọc trực tuyến"),
        )
    return record


def to_xml_element(record: Record) -> ET.Element:
    """One ``marc:record`` in the MARCXML namespace, to stand inside an OAI-PMH answer.

    pymarc's own namespaced node declares the namespace as a literal ``xmlns`` attribute over unqualified names,
    which ElementTree cannot place inside another document; here every name is qualified instead.
    """
    node = pymarc.record_to_xml_node(record)
    for element in node.iter():
        element.tag = f"{{{MARC_XML}}}{element.tag}"
    node.set(f"{{{XSI}}}schemaLocation", f"{MARC_XML} {MARC_XML_SCHEMA}")
    return node


def write(records: Iterable[Record], out: Path) -> int:
    """Write ``records`` to ``out``: a MARCXML collection (``.xml``) or binary MARC (``.mrc``); how many were."""
    if out.suffix.lower() not in SUFFIXES:
        raise ExportError(out, "give a file ending in .xml (MARCXML) or .mrc (binary MARC)")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    count = 0
    try:
        with partial.open("wb") as file:
            writer = pymarc.XMLWriter(file) if out.suffix.lower() == ".xml" else pymarc.MARCWriter(file)
            for record in records:
                writer.write(record)
                count += 1
            writer.close(close_fh=False)
        partial.replace(out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count


def _fixed_fields(described: DescribedDocument) -> str:
    """008: entered on (yymmdd), single known date or none, Viet Nam, Vietnamese, other cataloguing source."""
    entered = described.changed_at.strftime("%y%m%d")
    year = str(described.metadata.given("date") or "")[:4]  # an archivist's date may be free text
    dates = f"s{year}    " if year.isdigit() and len(year) == 4 else "nuuuuuuuu"
    return f"{entered}{dates}{COUNTRY}{' ' * 17}{LANGUAGE} d"


def _field(tag: str, first: str, second: str, **subfields: str | None) -> Field:
    """A data field of the subfields that have a value, in NFC (a digit code is passed as ``**{"2": ...}``)."""
    return Field(
        tag,
        indicators=Indicators(first, second),
        subfields=[Subfield(code, unicodedata.normalize("NFC", value)) for code, value in subfields.items() if value],
    )
