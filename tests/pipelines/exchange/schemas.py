"""The XML schemas of tests/data/schemas, every import resolved to the local copy: validation never reaches the net."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.etree import ElementTree as ET

import xmlschema

SCHEMAS = Path(__file__).parents[2] / "data" / "schemas"
#: Where the schemas' imports point, and the copy that stands for each.
_LOCAL = {
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "simpledc20021212.xsd",
    "http://www.w3.org/2001/xml.xsd": "xml.xsd",
    "http://www.w3.org/2001/03/xml.xsd": "xml.xsd",
}


@cache
def schema(name: str) -> xmlschema.XMLSchema:
    """``name`` (``OAI-PMH``, ``oai_dc``, ``MARC21slim``, ``mets``) from the copies alone: no URL is fetched."""
    mapping = {url: (SCHEMAS / file).as_uri() for url, file in _LOCAL.items()}
    return xmlschema.XMLSchema(str(SCHEMAS / f"{name}.xsd"), uri_mapper=mapping, allow="local")


def validate(document: bytes | str | ET.Element, name: str) -> None:
    """Raise ``xmlschema.XMLSchemaValidationError`` naming the first fault unless ``document`` is valid."""
    if isinstance(document, bytes | str):
        document = ET.fromstring(document)
    schema(name).validate(document)
