"""The header of a page read a second time, by the other engine, for the metadata's cross-checks.

The number and the date are one word each in a page of hundreds: a day read
``09`` for ``19`` costs the page's text nothing and its metadata everything.
Two engines seldom misread the same digits the same way, so the header region
(the top of the page, where Decree 30 puts number, place and date) is read
again by the engine the page was not read with (its ``second_reading`` in
``digitize.ocr.registry``); where the two readings give
different values, the metadata keeps neither as certain
(``digitize.metadata.checks.second_reading``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from digitize.ocr.engines import engine_for
from digitize.ocr.options import OcrOptions
from digitize.ocr.registry import engine_entry

#: Share of the page's height the header takes, with room for a number or date set low.
HEADER_SHARE = 0.3


def reread_header(image: np.ndarray, options: OcrOptions) -> str:
    """The text of the top of a prepared page image, read by the engine ``options`` do not name."""
    header = image[: max(1, round(image.shape[0] * HEADER_SHARE))]
    engine = engine_for(replace(options, engine=engine_entry(options.engine).second_reading))
    return engine.read(np.ascontiguousarray(header)).text
