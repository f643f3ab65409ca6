"""Dublin Core XML of a metadata record, the form archives exchange descriptions in (OAI-PMH ``oai_dc``).

Dublin Core has no place for a confidence, so a value below ``confidence.GIVEN`` is
left out rather than exported as if it were certain.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from digitize.metadata.confidence import GIVEN
from digitize.metadata.model import Metadata, Reference

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
#: DCMI Type of every document here, beside its Vietnamese type.
DCMI_TYPE = "Text"
#: Language of the documents, as RFC 5646 writes Vietnamese.
LANGUAGE = "vi"

ET.register_namespace("oai_dc", OAI_DC)
ET.register_namespace("dc", DC)
ET.register_namespace("xsi", XSI)


def to_xml(metadata: Metadata, sha256: str | None = None) -> str:
    """``metadata`` as an ``oai_dc:dc`` document; ``sha256``, the source file's, becomes an identifier."""
    root = to_element(metadata, sha256)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def to_element(metadata: Metadata, sha256: str | None = None) -> ET.Element:
    """The ``oai_dc:dc`` element itself, for documents that carry it inside theirs (OAI-PMH records, METS)."""
    root = ET.Element(f"{{{OAI_DC}}}dc", {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION})
    for element, value in elements(metadata, sha256):
        ET.SubElement(root, f"{{{DC}}}{element}").text = value
    return root


def elements(metadata: Metadata, sha256: str | None = None) -> list[tuple[str, str]]:
    """(element, value) pairs in Dublin Core's order of the fields that have a trusted value."""
    given = metadata.given

    pairs: list[tuple[str, str | None]] = [
        ("title", given("title") or given("summary")),
        ("creator", given("agency")),
        ("creator", given("author")),
        ("description", given("summary")),
        ("publisher", given("source")),
        ("contributor", given("signer")),
        ("date", given("date")),
        ("type", given("type")),
        ("type", DCMI_TYPE),
        ("identifier", given("number")),
        ("identifier", f"urn:sha256:{sha256}" if sha256 else None),
        ("language", LANGUAGE),
        ("coverage", given("place")),
        *(("relation", _citation(ref)) for ref in metadata.references if ref.confidence >= GIVEN),
    ]
    return [(element, value) for element, value in pairs if value]


def _citation(reference: Reference) -> str:
    return " ".join(part for part in (reference.type, reference.number) if part)
