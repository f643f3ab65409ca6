"""What a searchable PDF says about itself: title, authors, subject and language, in its Info dictionary and XMP.

A viewer's title bar, a desktop search and a library's ingest tool read these,
not the archive's Dublin Core file beside the PDF. The PDF is drawn page by
page before the document is described, so its description is set, and set
again after an archivist's correction or an imported catalog row, by this
module, on the finished file: qpdf copies the pages' streams untouched.

PDF/A-2b asks that the Info dictionary say nothing the XMP does not, so both
are written from one ``PdfDescription``: the dictionary holds only the entries
set here, each the same text as its XMP property (``Title`` = ``dc:title``,
``Author`` = ``dc:creator``, ``Subject`` = ``dc:description``, ``Creator`` =
``xmp:CreatorTool``, ``Producer`` = ``pdf:Producer``); the language is
``dc:language`` and the catalog's ``/Lang``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import pikepdf

#: Who made the file, in both places.
CREATOR, PRODUCER = "digitize", "ReportLab, pikepdf"


@dataclass(frozen=True)
class PdfDescription:
    """The document as its PDF names it; ``authors`` the people and agencies behind it, in order."""

    title: str
    authors: tuple[str, ...] = ()
    subject: str = ""
    language: str = "vi"


def describe(document: pikepdf.Pdf, description: PdfDescription | None, pdfa: bool) -> None:
    """Set ``description`` as ``document``'s Info dictionary, XMP metadata and language (PDF/A-2b's identification
    in the XMP when ``pdfa``); whatever either said before is replaced. Without a description, the XMP holds only
    the identification and the tools, and there is no Info dictionary to disagree with it."""
    if description is None:
        del document.trailer.Info
        document.Root.Metadata = _xmp_stream(document, None, pdfa)
        return
    info = {"/Title": description.title, "/Creator": CREATOR, "/Producer": PRODUCER}
    if description.authors:
        info["/Author"] = "; ".join(description.authors)
    if description.subject:
        info["/Subject"] = description.subject
    document.trailer.Info = document.make_indirect(
        pikepdf.Dictionary({name: pikepdf.String(value) for name, value in info.items()})
    )
    document.Root.Lang = pikepdf.String(description.language)
    document.Root.Metadata = _xmp_stream(document, description, pdfa)


def read_description(path: Path) -> PdfDescription | None:
    """What the PDF at ``path`` says of itself (from its Info dictionary), None when it has no title."""
    with pikepdf.open(path) as document:
        info = document.trailer.get("/Info")
        if info is None or "/Title" not in info:
            return None
        authors = str(info.get("/Author", ""))
        language = str(document.Root.get("/Lang", "vi"))
        subject = str(info.get("/Subject", ""))
        return PdfDescription(str(info.Title), tuple(authors.split("; ")) if authors else (), subject, language)


def redescribe(path: Path, description: PdfDescription, out: BinaryIO) -> None:
    """Write to ``out`` the PDF at ``path`` with ``description`` set, its pages copied as they are, PDF/A if it was
    (it has PDF/A's output intent)."""
    with pikepdf.open(path) as document:
        pdfa = "/OutputIntents" in document.Root
        describe(document, description, pdfa)
        document.save(out, **save_settings(pdfa))


def save_settings(pdfa: bool) -> dict[str, object]:
    # Streams pass through as ReportLab compressed them; the JPEGs are never decoded.
    return {
        "min_version": "1.7" if pdfa else "1.4",
        "deterministic_id": True,
        "stream_decode_level": pikepdf.StreamDecodeLevel.none,
    }


def _xmp_stream(document: pikepdf.Pdf, description: PdfDescription | None, pdfa: bool) -> pikepdf.Stream:
    # Uncompressed, as PDF/A recommends, so tools that do not parse PDF still find the conformance level.
    xmp = xmp_packet(description, pdfa).encode("utf-8")
    return document.make_stream(xmp, Type=pikepdf.Name.Metadata, Subtype=pikepdf.Name.XML)


def xmp_packet(description: PdfDescription | None, pdfa: bool) -> str:
    """The XMP packet ``describe`` writes: the description's Dublin Core, PDF/A's identification, the tools."""

    def alternative(text: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(text)}</rdf:li></rdf:Alt>'

    properties = []
    if description is not None:
        properties.append(f"<dc:title>{alternative(description.title)}</dc:title>")
        if description.authors:
            names = "".join(f"<rdf:li>{escape(name)}</rdf:li>" for name in description.authors)
            properties.append(f"<dc:creator><rdf:Seq>{names}</rdf:Seq></dc:creator>")
        if description.subject:
            properties.append(f"<dc:description>{alternative(description.subject)}</dc:description>")
        language = escape(description.language)
        properties.append(f"<dc:language><rdf:Bag><rdf:li>{language}</rdf:li></rdf:Bag></dc:language>")
    if pdfa:
        properties += ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>"]
    properties += [f"<xmp:CreatorTool>{CREATOR}</xmp:CreatorTool>", f"<pdf:Producer>{PRODUCER}</pdf:Producer>"]
    body = "\n   ".join(properties)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   {body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
