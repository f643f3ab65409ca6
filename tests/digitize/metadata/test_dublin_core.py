import xml.etree.ElementTree as ET

from digitize.metadata import Metadata, extract
from digitize.metadata.dublin_core import DC, elements, to_xml
from tests.digitize.metadata.test_extraction import DECISION


def test_oai_dc_document_with_the_documents_description():
    root = ET.fromstring(to_xml(extract(DECISION), sha256="ab" * 32))
    values = [(child.tag.removeprefix(f"{{{DC}}}"), child.text) for child in root]
    assert ("title", "Quyết định về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ") in values
    assert ("creator", "UỶ BAN NHÂN DÂN TỈNH VĨNH LONG") in values
    assert ("date", "2023-06-14") in values and ("language", "vi") in values
    assert ("identifier", "1287/QĐ-UBND") in values and ("identifier", f"urn:sha256:{'ab' * 32}") in values
    assert ("type", "Quyết định") in values and ("type", "Text") in values
    assert ("description", "Về việc phê duyệt Kế hoạch số hóa tài liệu lưu trữ") in values
    assert ("relation", "Nghị định 30/2020/NĐ-CP") in values


def test_values_below_trusted_confidence_are_not_exported():
    metadata = extract(DECISION.replace("Số: 1287/QĐ-UBND", "Số: 1287/KH-UBND"))
    assert metadata.number.confidence < 0.5
    assert all(element != "identifier" for element, _ in elements(metadata))


def test_metadata_stored_as_a_dict_come_back_whole():
    metadata = extract(DECISION)
    assert Metadata.from_dict(metadata.to_dict()) == metadata
    assert Metadata.from_dict({}) == Metadata()
