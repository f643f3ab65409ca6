"""hOCR of one OCR'd page: the same words as the ALTO file, as XHTML that hOCR tools and viewers read.

Boxes are ``bbox left top right bottom`` in pixels of the page image kept beside
it; ``x_wconf`` is the engine's word confidence (0–100).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from digitize.ocr.page import Box, OcrPage
from digitize.xml_output import to_string

NAMESPACE = "http://www.w3.org/1999/xhtml"


def to_xhtml(result: OcrPage, width: int, height: int, image_name: str, number: int = 1, lang: str = "vi") -> str:
    """The hOCR document of page ``number``, an image of ``width`` × ``height`` pixels named ``image_name``."""
    html = ET.Element(_tag("html"), {"lang": lang, "xml:lang": lang})
    head = ET.SubElement(html, _tag("head"))
    ET.SubElement(head, _tag("title")).text = image_name
    ET.SubElement(head, _tag("meta"), {"http-equiv": "Content-Type", "content": "text/html;charset=utf-8"})
    ET.SubElement(head, _tag("meta"), name="ocr-system", content=_system(result))
    ET.SubElement(head, _tag("meta"), name="ocr-capabilities", content="ocr_page ocr_carea ocr_line ocrx_word")
    body = ET.SubElement(html, _tag("body"))
    page = ET.SubElement(
        body,
        _tag("div"),
        {
            "class": "ocr_page",
            "id": f"page_{number}",
            "title": f'image "{image_name}"; bbox 0 0 {width} {height}; ppageno {number - 1}',
        },
    )
    for b, block in enumerate((block for block in result.blocks if block.lines), start=1):
        area = ET.SubElement(page, _tag("div"), {"class": "ocr_carea", "id": f"block_{b}", "title": _bbox(block.box)})
        for n, text_line in enumerate(block.lines, start=1):
            line = ET.SubElement(
                area, _tag("span"), {"class": "ocr_line", "id": f"line_{b}_{n}", "title": _bbox(text_line.box)}
            )
            for w, word in enumerate(text_line.words, start=1):
                title = f"{_bbox(word.box)}; x_wconf {round(word.confidence)}"
                span = ET.SubElement(
                    line, _tag("span"), {"class": "ocrx_word", "id": f"word_{b}_{n}_{w}", "title": title}
                )
                span.text = word.text
    ET.indent(html)
    declarations = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    return declarations + to_string(html, NAMESPACE, encoding="unicode") + "\n"


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _system(result: OcrPage) -> str:
    return "; ".join(f"{software.name.lower()} {software.version}" for software in result.software)


def _bbox(box: Box) -> str:
    return "bbox {} {} {} {}".format(*box)
