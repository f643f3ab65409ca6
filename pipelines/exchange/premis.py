"""A person's change as a PREMIS 3 event, the form a repository's preservation system reads provenance in.

METS carries it in a ``digiprovMD`` (``pipelines.exchange.mets``): one event
per audit record, of type ``modification``, with the time, what changed from
what to what, and the archivist as the linking agent, so an ingest that keeps
only METS still knows who changed the machine's reading. PREMIS sits inside
``xmlData``, which METS's schema checks laxly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipelines.archive.catalog import AuditRecord

PREMIS = "http://www.loc.gov/premis/v3"
#: The PREMIS event type of a correction (Library of Congress event types vocabulary).
MODIFICATION = "modification"
#: How an agent and an event are identified: by the archive's own names (an account, an audit record's number).
LOCAL = "local"
#: The agent's role in the event (LoC event-related agent roles vocabulary).
IMPLEMENTER = "implementer"

ET.register_namespace("premis", PREMIS)


def correction_event(record: AuditRecord) -> ET.Element:
    """The PREMIS event of one audit record: who changed what, when, from which value to which."""
    event = ET.Element(_name("event"))
    identifier = ET.SubElement(event, _name("eventIdentifier"))
    ET.SubElement(identifier, _name("eventIdentifierType")).text = LOCAL
    ET.SubElement(identifier, _name("eventIdentifierValue")).text = f"audit-{record.id}"
    ET.SubElement(event, _name("eventType")).text = MODIFICATION
    ET.SubElement(event, _name("eventDateTime")).text = record.at  # ISO 8601, UTC
    information = ET.SubElement(event, _name("eventDetailInformation"))
    ET.SubElement(information, _name("eventDetail")).text = record.detail
    agent = ET.SubElement(event, _name("linkingAgentIdentifier"))
    ET.SubElement(agent, _name("linkingAgentIdentifierType")).text = LOCAL
    ET.SubElement(agent, _name("linkingAgentIdentifierValue")).text = record.author
    ET.SubElement(agent, _name("linkingAgentRole")).text = IMPLEMENTER
    return event


def _name(name: str) -> str:
    return f"{{{PREMIS}}}{name}"
