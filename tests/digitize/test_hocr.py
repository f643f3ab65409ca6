import xml.etree.ElementTree as ET

import numpy as np

from digitize import hocr
from digitize.ocr.engines import recognize

NS = {"h": hocr.NAMESPACE}


def test_hocr_nests_page_areas_lines_and_words_with_boxes_and_confidences(strip):
    image = np.asarray(strip.image)
    result = recognize(image)
    root = ET.fromstring(hocr.to_xhtml(result, image.shape[1], image.shape[0], "page-0002.jpg", number=2))
    assert root.find("h:head/h:meta[@name='ocr-system']", NS).attrib["content"].startswith("tesseract ")
    [page] = root.findall("h:body/h:div[@class='ocr_page']", NS)
    assert page.attrib["title"] == 'image "page-0002.jpg"; bbox 0 0 1772 850; ppageno 1'
    words = page.findall("h:div[@class='ocr_carea']/h:span[@class='ocr_line']/h:span[@class='ocrx_word']", NS)
    assert [w.text for w in words] == [w.text for w in result.words]
    first = result.words[0]
    right, bottom = first.left + first.width, first.top + first.height
    expected = f"bbox {first.left} {first.top} {right} {bottom}; x_wconf {round(first.confidence)}"
    assert words[0].attrib["title"] == expected
