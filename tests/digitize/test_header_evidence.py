"""What a first page's image tells its metadata, and when the header is read a second time."""

from dataclasses import replace

import numpy as np

from digitize import preprocess
from digitize.header_evidence import header_evidence
from digitize.ocr.engines import recognize
from digitize.ocr.options import DEFAULT_OPTIONS
from tests.conftest import decree_30_header


def evidence(agency: str, number: str, **options):
    page = preprocess.prepare(np.asarray(decree_30_header(agency, number).convert("L")))
    read = recognize(page.image)
    return header_evidence(page.image, read, read.text, replace(DEFAULT_OPTIONS, **options))


def test_a_header_whose_symbol_does_not_give_its_agency_is_read_again():
    assert "125/QĐ-TTLT" in evidence("TRUNG TÂM LƯU TRỮ LỊCH SỬ", "125/QĐ-TTLT").header_again


def test_an_other_engine_that_cannot_run_leaves_the_first_reading_alone():
    found = evidence("TRUNG TÂM LƯU TRỮ LỊCH SỬ", "125/QĐ-TTLT", lang="vie+xyz")  # no such language data
    assert found.header_again is None and found.handwritten == frozenset()
