"""Descriptive metadata read from a document's text, each field with a confidence.

Administrative documents in the format of Decree 30/2020/NĐ-CP yield their
type, number and symbol, place and date, issuing agency and its parent,
summary, recipients and signer; other documents their title, date, author and
source; every document the documents it cites and the provinces and agencies
it names. One job per module:

    extraction   the whole: readers combined and checked against each other
    header       agency, number, place and date, type heading, summary
    signature    recipients and the signature block
    stamps       incoming-mail stamps cut out before the header is read
    article      title, date, author and source of other documents
    references   cited documents
    mentions     provinces and agencies named
    numbers      numbers and symbols: parsing and repair
    dates        Vietnamese dates into ISO 8601
    doctypes     the 29 types of Decree 30 and their abbreviations
    lexicon      capitalised header vocabulary: recognition and repair
    gazetteer    names of provinces, sectors, bodies and positions
    model        Field, Reference, Metadata
    dublin_core  Dublin Core XML of a metadata record
"""

from digitize.metadata.doctypes import DOCUMENT_TYPES
from digitize.metadata.extraction import extract, is_administrative
from digitize.metadata.model import CATALOG, EXTRACTED, FIELD_NAMES, Field, Metadata, Reference

__all__ = [
    "CATALOG",
    "DOCUMENT_TYPES",
    "EXTRACTED",
    "FIELD_NAMES",
    "Field",
    "Metadata",
    "Reference",
    "extract",
    "is_administrative",
]
