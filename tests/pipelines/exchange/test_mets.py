"""mets.xml of a digitized document: valid METS tying each archived file to its page, description, provenance."""

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree as ET

from digitize import alto
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.description import write_description
from pipelines.desk.corrections import correct_field, correct_line
from pipelines.exchange.mets import METS, XLINK
from pipelines.exchange.premis import PREMIS
from pipelines.preservation.fixity import verify_archive
from tests.pipelines.exchange.schemas import validate

M = f"{{{METS}}}"
P = f"{{{PREMIS}}}"


def read_mets(archive: Archive) -> tuple[str, ET.Element]:
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    return document.id, ET.parse(archive.mets_path(document.id)).getroot()


def test_each_document_gets_a_valid_mets_with_its_files_checksums_and_pages(digitized_archive: Archive):
    doc_id, mets = read_mets(digitized_archive)
    validate(mets, "mets")
    [dc] = mets.find(f"{M}dmdSec/{M}mdWrap/{M}xmlData")
    validate(dc, "oai_dc")
    assert mets.get("OBJID") == doc_id

    folder = digitized_archive.document_dir(doc_id)
    listed = {}
    for group in mets.iter(f"{M}fileGrp"):
        for file in group:
            name = file.find(f"{M}FLocat").get(f"{{{XLINK}}}href")
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == file.get("CHECKSUM")
            listed[name] = (group.get("USE"), file.get("ID"))
    on_disk = {path.name for path in folder.iterdir()} - {"mets.xml"}
    assert set(listed) == on_disk  # every file the document has, and none it lacks
    assert listed["page-0001.alto.xml"] == ("ALTO", "ALTO_0001") and listed["document.pdf"] == ("PDF", "PDF")

    [sequence] = mets.find(f"{M}structMap[@TYPE='PHYSICAL']")
    pages = sequence.findall(f"{M}div")
    assert [page.get("ORDER") for page in pages] == ["1", "2"]
    assert [fptr.get("FILEID") for fptr in pages[0]] == ["ALTO_0001", "HOCR_0001", "IMG_0001", "TXT_0001"]
    assert [fptr.get("FILEID") for fptr in pages[1]] == ["IMG_0002", "TXT_0002"]  # the blank back: no words


def test_provenance_names_each_stage_tool_version_and_settings_with_its_pages(digitized_archive: Archive):
    _, mets = read_mets(digitized_archive)
    agents = {agent.get("OTHERROLE"): agent for agent in mets.iter(f"{M}agent") if agent.get("ROLE") == "OTHER"}
    assert {"preprocess", "ocr", "outputs"} <= set(agents)
    ocr = agents["ocr"]
    assert "tesseract" in ocr.find(f"{M}name").text
    notes = [note.text for note in ocr.findall(f"{M}note")]
    assert '"lang": "vie"' in notes[0] and notes[1] == "pages: 1"  # the blank back was not read
    assert [note.text for note in agents["outputs"].findall(f"{M}note")][1] == "pages: 1-2"


def test_mets_follows_a_new_description_and_verify_covers_it(digitized_archive: Archive):
    doc_id, _ = read_mets(digitized_archive)
    with Catalog(digitized_archive.catalog_path) as catalog:
        catalog.overrides.save(doc_id, {"title": "Chuyển đổi số ở Quảng Trị"}, "test")
        write_description(catalog, digitized_archive, catalog.documents.get(doc_id))
    _, mets = read_mets(digitized_archive)
    assert mets.get("LABEL") == "Chuyển đổi số ở Quảng Trị"
    dublin_core = Path(digitized_archive.dublin_core_path(doc_id)).read_bytes()
    [listed] = [f for f in mets.iter(f"{M}file") if f.get("ID") == "DC"]
    assert listed.get("CHECKSUM") == hashlib.sha256(dublin_core).hexdigest()  # the new description's file
    assert verify_archive(digitized_archive).intact

    path = digitized_archive.mets_path(doc_id)
    path.write_text(path.read_text(encoding="utf-8").replace("Quảng Trị", "Quang Tri"), encoding="utf-8")
    report = verify_archive(digitized_archive)
    assert not report.intact and report.changed == (f"documents/{doc_id}/mets.xml",)


def test_each_change_at_the_desk_is_a_premis_event_with_its_archivist_as_agent(digitized_archive: Archive):
    doc_id, _ = read_mets(digitized_archive)
    line_id = next(iter(alto.line_ids(digitized_archive.page_words(doc_id, 1))))
    correct_field(digitized_archive, doc_id, "number", "01/CT-UBND", "lan")
    correct_line(digitized_archive, doc_id, 1, line_id, "Quốc ngữ chỉnhsửa", "minh")

    _, mets = read_mets(digitized_archive)
    validate(mets, "mets")
    events = {}
    for digiprov in mets.iter(f"{M}digiprovMD"):
        assert digiprov.find(f"{M}mdWrap").get("MDTYPE") == "PREMIS:EVENT"
        events[digiprov.get("ID")] = digiprov.find(f"{M}mdWrap/{M}xmlData/{P}event")
    field_event, line_event = events.values()
    assert field_event.findtext(f"{P}eventType") == "modification"
    assert field_event.findtext(f"{P}eventDetailInformation/{P}eventDetail").startswith("field:number ")
    assert field_event.findtext(f"{P}eventDetailInformation/{P}eventDetail").endswith(" → '01/CT-UBND'")
    assert field_event.findtext(f"{P}linkingAgentIdentifier/{P}linkingAgentIdentifierValue") == "lan"
    assert line_event.findtext(f"{P}linkingAgentIdentifier/{P}linkingAgentIdentifierValue") == "minh"
    assert line_event.findtext(f"{P}eventDateTime").startswith(str(datetime.now(timezone.utc).year))
    assert "→ 'Quốc ngữ chỉnhsửa'" in line_event.findtext(f"{P}eventDetailInformation/{P}eventDetail")

    field_id, line_id = events
    assert mets.find(f"{M}dmdSec").get("ADMID") == field_id  # a field's change is the description's
    [page_one] = [div for div in mets.iter(f"{M}div") if div.get("ORDER") == "1"]
    assert page_one.get("ADMID") == line_id  # a line's, its page's
    editors = {agent.findtext(f"{M}name") for agent in mets.iter(f"{M}agent") if agent.get("ROLE") == "EDITOR"}
    assert editors == {"lan", "minh"}

    record = json.loads(digitized_archive.metadata_path(doc_id).read_text(encoding="utf-8"))
    stages = [(stage["stage"], stage["archivist"], stage["page"]) for stage in record["corrections"]]
    assert stages == [("correction", "lan", None), ("correction", "minh", 1)]
    assert verify_archive(digitized_archive).intact
