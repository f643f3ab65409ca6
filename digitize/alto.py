"""ALTO XML v4 of one OCR'd page: the library standard for text with its position on the page.

Built from the words ``ocr.recognize`` returns (text, box, confidence, block
and line), so the file says exactly what the archive's text says. Positions
are in pixels of the page image kept beside it (``page-0001.jpg``); ``WC`` is
the word confidence from 0 to 1. ``read_words`` gives the words back, which is
how the searchable PDF is laid over the page images when a document is finished.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from digitize.ocr import OcrResult, Word, bounding_box, engine_version

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = "http://www.loc.gov/alto/v4/alto-4-4.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


def to_xml(result: OcrResult, width: int, height: int, image_name: str, number: int = 1) -> str:
    """The ALTO document of page ``number``, an image of ``width`` × ``height`` pixels named ``image_name``."""
    ET.register_namespace("", NAMESPACE)
    ET.register_namespace("xsi", _XSI)
    alto = ET.Element(_tag("alto"), {f"{{{_XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA_LOCATION}"})
    description = ET.SubElement(alto, _tag("Description"))
    ET.SubElement(description, _tag("MeasurementUnit")).text = "pixel"
    source = ET.SubElement(description, _tag("sourceImageInformation"))
    ET.SubElement(source, _tag("fileName")).text = image_name
    processing = ET.SubElement(description, _tag("Processing"), ID="OCR_0")
    software = ET.SubElement(processing, _tag("processingSoftware"))
    ET.SubElement(software, _tag("softwareName")).text = "Tesseract"
    ET.SubElement(software, _tag("softwareVersion")).text = engine_version()

    layout = ET.SubElement(alto, _tag("Layout"))
    page = ET.SubElement(
        layout,
        _tag("Page"),
        ID=f"PAGE_{number}",
        PHYSICAL_IMG_NR=str(number),
        WIDTH=str(width),
        HEIGHT=str(height),
    )
    space = ET.SubElement(page, _tag("PrintSpace"), _box((0, 0, width, height)))
    for b, lines in enumerate(result.blocks(), start=1):
        block = ET.SubElement(space, _tag("TextBlock"), {"ID": f"BLOCK_{b}", **_box(_around(lines))})
        for n, words in enumerate(lines, start=1):
            line = ET.SubElement(block, _tag("TextLine"), {"ID": f"LINE_{b}_{n}", **_box(bounding_box(words))})
            for w, word in enumerate(words, start=1):
                if w > 1:
                    gap_left = words[w - 2].left + words[w - 2].width
                    gap = {"WIDTH": str(max(word.left - gap_left, 0)), "HPOS": str(gap_left), "VPOS": str(word.top)}
                    ET.SubElement(line, _tag("SP"), gap)
                attributes = {"ID": f"WORD_{b}_{n}_{w}", **_box(bounding_box([word]))}
                attributes.update(CONTENT=word.text, WC=f"{word.confidence / 100:.2f}")
                ET.SubElement(line, _tag("String"), attributes)
    ET.indent(alto)
    return ET.tostring(alto, encoding="unicode", xml_declaration=True) + "\n"


def read_words(xml: str) -> tuple[Word, ...]:
    """The words of an ALTO page written by ``to_xml``, with their boxes, confidences, blocks and lines."""
    root = ET.fromstring(xml)
    words: list[Word] = []
    line_number = -1
    for b, block in enumerate(root.iter(_tag("TextBlock"))):
        for line in block.iter(_tag("TextLine")):
            line_number += 1
            for string in line.iter(_tag("String")):
                words.append(
                    Word(
                        text=string.attrib["CONTENT"],
                        confidence=round(float(string.attrib["WC"]) * 100, 2),
                        left=int(string.attrib["HPOS"]),
                        top=int(string.attrib["VPOS"]),
                        width=int(string.attrib["WIDTH"]),
                        height=int(string.attrib["HEIGHT"]),
                        block=b,
                        line=line_number,
                    )
                )
    return tuple(words)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _around(lines: list[list[Word]]) -> tuple[int, int, int, int]:
    return bounding_box([word for words in lines for word in words])


def _box(box: tuple[int, int, int, int]) -> dict[str, str]:
    left, top, right, bottom = box
    return {"HPOS": str(left), "VPOS": str(top), "WIDTH": str(right - left), "HEIGHT": str(bottom - top)}
