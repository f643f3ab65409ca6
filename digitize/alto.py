"""ALTO XML v4 of one OCR'd page: the library standard for text with its position on the page.

Built from the page model every engine returns (blocks of lines of words with
boxes and confidences), so the file says exactly what the archive's text says. Positions
are in pixels of the page image kept beside it (``page-0001.jpg``); ``WC`` is
the word confidence from 0 to 1. ``read_page`` gives the page back, which is
how the searchable PDF is laid over the page images when a document is finished.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from digitize.ocr.page import Block, Box, Line, OcrPage, Word
from digitize.xml_output import to_string

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA_LOCATION = "http://www.loc.gov/alto/v4/alto-4-4.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
# ALTO's namespace is each page's default, passed when it is written (``digitize.xml_output``).
ET.register_namespace("xsi", _XSI)


def to_xml(
    result: OcrPage, width: int, height: int, image_name: str, number: int = 1, illustration: bool = False
) -> str:
    """The ALTO document of page ``number``, an image of ``width`` × ``height`` pixels named ``image_name``;
    an ``illustration`` (a photograph, a map: no text) is one ``Illustration`` block over the whole page."""
    alto = ET.Element(_tag("alto"), {f"{{{_XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA_LOCATION}"})
    description = ET.SubElement(alto, _tag("Description"))
    ET.SubElement(description, _tag("MeasurementUnit")).text = "pixel"
    source = ET.SubElement(description, _tag("sourceImageInformation"))
    ET.SubElement(source, _tag("fileName")).text = image_name
    for n, engine in enumerate(result.software):
        processing = ET.SubElement(description, _tag("Processing"), ID=f"OCR_{n}")
        software = ET.SubElement(processing, _tag("processingSoftware"))
        ET.SubElement(software, _tag("softwareName")).text = engine.name
        ET.SubElement(software, _tag("softwareVersion")).text = engine.version

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
    if illustration:
        ET.SubElement(space, _tag("Illustration"), {"ID": "ILLUSTRATION_1", **_box((0, 0, width, height))})
    for b, text_block in enumerate((block for block in result.blocks if block.lines), start=1):
        block = ET.SubElement(space, _tag("TextBlock"), {"ID": f"BLOCK_{b}", **_box(text_block.box)})
        for n, text_line in enumerate(text_block.lines, start=1):
            words = text_line.words
            line = ET.SubElement(block, _tag("TextLine"), {"ID": line_id(b, n), **_box(text_line.box)})
            for w, word in enumerate(words, start=1):
                if w > 1:
                    gap_left = words[w - 2].left + words[w - 2].width
                    gap = {"WIDTH": str(max(word.left - gap_left, 0)), "HPOS": str(gap_left), "VPOS": str(word.top)}
                    ET.SubElement(line, _tag("SP"), gap)
                attributes = {"ID": f"WORD_{b}_{n}_{w}", **_box(word.box)}
                attributes.update(CONTENT=word.text, WC=f"{word.confidence / 100:.2f}")
                ET.SubElement(line, _tag("String"), attributes)
    ET.indent(alto)
    return to_string(alto, NAMESPACE, encoding="unicode", xml_declaration=True) + "\n"


def line_id(block: int, line: int) -> str:
    """The ``TextLine`` ID of line ``line`` of block ``block`` (both from 1, blocks with lines only): what a
    correction names a line by, so it must stay stable for a page's reading."""
    return f"LINE_{block}_{line}"


def line_ids(page: OcrPage) -> dict[str, tuple[int, int]]:
    """Each line's ``TextLine`` ID → its block and line index in ``page.blocks`` (from 0), as ``to_xml`` numbers
    them."""
    found = {}
    for b, (block_index, block) in enumerate(((i, block) for i, block in enumerate(page.blocks) if block.lines), 1):
        for n in range(1, len(block.lines) + 1):
            found[line_id(b, n)] = (block_index, n - 1)
    return found


def read_page(xml: str) -> OcrPage:
    """The page of an ALTO file written by ``to_xml``: blocks, lines, words with their boxes and confidences."""
    root = ET.fromstring(xml)
    blocks = tuple(
        Block(
            tuple(
                Line(tuple(_word(string) for string in line.iter(_tag("String"))))
                for line in block.iter(_tag("TextLine"))
            )
        )
        for block in root.iter(_tag("TextBlock"))
    )
    return OcrPage(blocks)


def _word(string: ET.Element) -> Word:
    return Word(
        text=string.attrib["CONTENT"],
        confidence=round(float(string.attrib["WC"]) * 100, 2),
        left=int(string.attrib["HPOS"]),
        top=int(string.attrib["VPOS"]),
        width=int(string.attrib["WIDTH"]),
        height=int(string.attrib["HEIGHT"]),
    )


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _box(box: Box) -> dict[str, str]:
    left, top, right, bottom = box
    return {"HPOS": str(left), "VPOS": str(top), "WIDTH": str(right - left), "HEIGHT": str(bottom - top)}
