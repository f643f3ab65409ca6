"""METS of a finished document: its files tied together, its description, and what made them.

A repository receiving a document (a BagIt export, a national library's
ingest) reads one ``mets.xml`` instead of guessing from file names: the file
section lists every archived file by use (page images, texts, ALTO, hOCR, the
PDF, the metadata) with its SHA-256 as the catalog recorded it; the physical
structure map puts each page's files under its page, in order; the Dublin Core
description is wrapped in ``dmdSec``; and the provenance the catalog keeps per
page (tool, version and settings of each stage) becomes ``mets:agent``
entries in the header, as OCR-D records its processors: one agent per stage
and distinct settings, with the pages it read. Every change an archivist made
at the desk is a PREMIS event in ``amdSec`` (``pipelines.exchange.premis``),
tied to what it changed (a field's to the description, a line's to its page)
and its archivist an agent of the header.

Written by the batch coordinator each time a document is described (so it
follows an archivist's corrections), after the files it lists; its own
checksum is recorded like theirs, so ``digitize verify`` covers it.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import PurePosixPath

from digitize.file_kinds import DUBLIN_CORE, kind_of
from digitize.metadata import dublin_core
from digitize.metadata.model import Metadata
from digitize.provenance import StageRun, package_version
from pipelines.archive.catalog import ArchivedFile, AuditRecord, Catalog, Document
from pipelines.archive.catalog.connection import utc_now
from pipelines.archive.layout import Archive, write_text
from pipelines.exchange.premis import correction_event

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{METS} https://www.loc.gov/standards/mets/mets.xsd"

ET.register_namespace("mets", METS)
ET.register_namespace("xlink", XLINK)


#: File groups in the order they are listed.
_GROUPS = ("IMAGE", "ALTO", "HOCR", "TEXT", "PDF", "METADATA")


def to_xml(
    document: Document,
    metadata: Metadata,
    files: list[ArchivedFile],
    provenance: dict[int, list[StageRun]],
    created: datetime,
    changes: list[AuditRecord] | None = None,
) -> str:
    """The METS document of ``document``: ``files`` as the catalog recorded them, ``provenance`` by page number,
    ``changes`` the audit records of what archivists changed in it."""
    changes = changes or []
    root = ET.Element(
        _m("mets"),
        {
            "OBJID": document.id,
            "LABEL": metadata.given("title") or document.title or PurePosixPath(document.source_path).name,
            "TYPE": metadata.given("type") or "Tài liệu",
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    header = ET.SubElement(root, _m("metsHdr"), {"CREATEDATE": _moment(created)})
    _agent(header, "CREATOR", None, f"digitize {package_version('digitize')}")
    for (stage, tool, version, parameters), pages in _agents(provenance).items():
        agent = _agent(header, "OTHER", stage, f"{tool} {version}")
        ET.SubElement(agent, _m("note")).text = f"parameters: {parameters}"
        ET.SubElement(agent, _m("note")).text = f"pages: {_ranges(pages)}"
    for author in dict.fromkeys(change.author for change in changes):
        archivist = ET.SubElement(header, _m("agent"), {"ROLE": "EDITOR", "TYPE": "INDIVIDUAL"})
        ET.SubElement(archivist, _m("name")).text = author
        ET.SubElement(archivist, _m("note")).text = "archivist: corrections at the desk"
    events = _events(changes)
    dmd = ET.SubElement(root, _m("dmdSec"), {"ID": "DMD", **_admid(events.get(0, []))})
    dublin_core_wrap = {"MDTYPE": "DC", "MIMETYPE": DUBLIN_CORE.media_type, "LABEL": "Dublin Core"}
    wrap = ET.SubElement(dmd, _m("mdWrap"), dublin_core_wrap)
    ET.SubElement(wrap, _m("xmlData")).append(dublin_core.to_element(metadata, document.sha256))
    if changes:
        amd = ET.SubElement(root, _m("amdSec"), {"ID": "AMD"})
        for change in changes:
            digiprov = ET.SubElement(amd, _m("digiprovMD"), {"ID": _event_id(change)})
            wrap = ET.SubElement(digiprov, _m("mdWrap"), {"MDTYPE": "PREMIS:EVENT", "LABEL": "correction"})
            ET.SubElement(wrap, _m("xmlData")).append(correction_event(change))

    by_group: dict[str, list[ET.Element]] = {group: [] for group in _GROUPS}
    page_files: dict[int, list[str]] = {}
    document_files: list[str] = []
    for file in files:
        name = PurePosixPath(file.path).name
        found = kind_of(name)
        if found is None:
            continue  # mets.xml itself, or a file a later release writes
        kind, number = found
        if kind.per_page:
            file_id = f"{kind.mets_prefix}_{number:04d}"
            page_files.setdefault(number, []).append(file_id)
        else:
            file_id = kind.mets_prefix
            document_files.append(file_id)
        entry = ET.Element(
            _m("file"), {"ID": file_id, "MIMETYPE": kind.media_type, "CHECKSUM": file.sha256, "CHECKSUMTYPE": "SHA-256"}
        )
        ET.SubElement(entry, _m("FLocat"), {"LOCTYPE": "URL", f"{{{XLINK}}}href": name})
        by_group[kind.mets_use].append(entry)
    file_sec = ET.SubElement(root, _m("fileSec"))
    for group, entries in by_group.items():
        if entries:
            ET.SubElement(file_sec, _m("fileGrp"), {"USE": group}).extend(sorted(entries, key=lambda e: e.get("ID")))

    struct_map = ET.SubElement(root, _m("structMap"), {"TYPE": "PHYSICAL"})
    sequence = ET.SubElement(struct_map, _m("div"), {"TYPE": "physSequence", "DMDID": "DMD", "ID": "PHYS_0000"})
    for file_id in document_files:
        ET.SubElement(sequence, _m("fptr"), {"FILEID": file_id})
    for number in range(1, document.page_count + 1):
        page = ET.SubElement(
            sequence,
            _m("div"),
            {
                "TYPE": "page",
                "ORDER": str(number),
                "ORDERLABEL": str(number),
                "ID": f"PHYS_{number:04d}",
                **_admid(events.get(number, [])),
            },
        )
        for file_id in sorted(page_files.get(number, [])):
            ET.SubElement(page, _m("fptr"), {"FILEID": file_id})
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def write_mets(catalog: Catalog, archive: Archive, document: Document, metadata: Metadata) -> None:
    """Write ``document``'s ``mets.xml`` from the files recorded for it so far, and record its checksum."""
    path = archive.mets_path(document.id)
    files = [file for file in catalog.documents.files(document.id) if file.path != archive.relative(path)]
    provenance = {number: catalog.pages.provenance(document.id, number) for number in range(1, document.page_count + 1)}
    text = to_xml(document, metadata, files, provenance, utc_now(), catalog.audit.entries(document.id))
    catalog.documents.record_files(document.id, {archive.relative(path): write_text(path, text)})


def _agents(provenance: dict[int, list[StageRun]]) -> dict[tuple[str, str, str, str], list[int]]:
    """Each stage with its tool, version and settings, and the pages it ran on so; the timings are left out."""
    agents: dict[tuple[str, str, str, str], list[int]] = {}
    for number, runs in sorted(provenance.items()):
        for run in runs:
            settings = json.dumps(run.parameters, ensure_ascii=False, sort_keys=True)
            agents.setdefault((run.stage, run.tool, run.version, settings), []).append(number)
    return agents


def _events(changes: list[AuditRecord]) -> dict[int, list[str]]:
    """The PREMIS events' ids by what they changed: a page's number for its lines, 0 for the description."""
    events: dict[int, list[str]] = {}
    for change in changes:
        events.setdefault(change.page or 0, []).append(_event_id(change))
    return events


def _event_id(change: AuditRecord) -> str:
    return f"EVENT_{change.id:04d}"


def _admid(event_ids: list[str]) -> dict[str, str]:
    return {"ADMID": " ".join(event_ids)} if event_ids else {}


def _agent(header: ET.Element, role: str, other_role: str | None, name: str) -> ET.Element:
    attributes = {"ROLE": role, "TYPE": "OTHER", "OTHERTYPE": "SOFTWARE"}
    if other_role:
        attributes["OTHERROLE"] = other_role
    agent = ET.SubElement(header, _m("agent"), attributes)
    ET.SubElement(agent, _m("name")).text = name
    return agent


def _ranges(numbers: list[int]) -> str:
    """``1-3, 5``: page numbers as runs."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def _moment(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _m(name: str) -> str:
    return f"{{{METS}}}{name}"
