import xml.etree.ElementTree as ET

from digitize.xml_output import to_string

ALTO = "http://www.loc.gov/standards/alto/ns-v4#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def test_the_default_namespace_is_the_calls_own_and_the_tree_is_left_as_it_was():
    root = ET.Element(f"{{{ALTO}}}alto", {f"{{{XSI}}}schemaLocation": ALTO})
    ET.SubElement(root, f"{{{ALTO}}}String", CONTENT="Hà Nội")
    written = to_string(root, ALTO, encoding="unicode")
    assert "<alto " in written and f'xmlns="{ALTO}"' in written and '<String CONTENT="Hà Nội" />' in written
    assert ET.fromstring(written).find(f"{{{ALTO}}}String").get("CONTENT") == "Hà Nội"  # the same document
    assert root.tag == f"{{{ALTO}}}alto" and root[0].tag == f"{{{ALTO}}}String"


def test_another_writers_namespace_gets_a_prefix_not_the_default():
    other = "http://example.vn/other"
    root = ET.Element(f"{{{ALTO}}}alto")
    ET.SubElement(root, f"{{{other}}}note")
    written = to_string(root, ALTO, encoding="unicode")
    assert f'xmlns="{ALTO}"' in written and "<ns0:note" in written  # unregistered: a prefix of its own
