"""A searchable PDF: the page images, each under an invisible text layer placed word by word.

The text is drawn in render mode 3 (neither filled nor stroked), one run per
word, scaled to the word's box, on the baseline of its line, so selecting and
searching in a viewer lands on the word in the image. The layer is set in
DejaVu Sans, embedded as a subset with its Unicode map: it has every
Vietnamese letter precomposed, so text copied out of the PDF is the archive's
NFC text. Images go in as the JPEG files they are, not re-encoded.

A document is drawn a few pages at a time into temporary files, which qpdf
(through pikepdf) joins straight into the output, so memory is bounded by
those pages, not by the document: ReportLab holds every image of a canvas
until it saves.

Asked for PDF/A, the same file is marked PDF/A-2b for long-term archives: an
sRGB output intent (the profile Pillow's LittleCMS builds, so no ICC file need
be installed), XMP metadata naming the conformance level, and a document
information dictionary that says what the XMP says (``digitize.pdf_description``). The fonts are already
embedded; nothing is encrypted, transparent or interpolated.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pikepdf
from PIL import Image, ImageCms
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from digitize.errors import DigitizeError
from digitize.ocr.page import OcrPage
from digitize.pdf_description import PdfDescription, describe, save_settings

FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
_FONT = "DejaVuSans"
_INVISIBLE = 3

# Binary streams: reportlab's default ASCII85 encoding makes every page image 25% bigger.
rl_config.useA85 = 0

#: Pages ReportLab draws into one temporary file: it holds about three times their JPEGs in memory until it saves
#: that file (~100 MB for ten 3 MB pages; see benchmarks/document_pdf.py).
CHUNK_PAGES = 10
#: The hidden folder of a PDF's chunks while it is written, beside it when a scratch folder is given.
CHUNKS_PREFIX = ".pdf-chunks-"


@dataclass(frozen=True)
class PdfPage:
    """One page: its JPEG image at ``dpi``, and either OCR words with boxes or ``loose_text`` without.

    ``loose_text`` is a PDF's own text layer, which has no boxes here: it is laid
    invisibly line by line from the top of the page, searchable but not aligned.
    """

    image: Path
    dpi: int
    recognized: OcrPage | None = None
    loose_text: str = ""


def write_pdf(
    pages: list[PdfPage],
    out: BinaryIO,
    pdfa: bool = False,
    scratch: Path | None = None,
    chunk_pages: int = CHUNK_PAGES,
    description: PdfDescription | None = None,
) -> None:
    """Write ``pages`` as one PDF to ``out`` (PDF/A-2b when ``pdfa``), each page its image's size at its resolution,
    titled and described by ``description`` (``digitize.pdf_description``).

    ReportLab keeps every image of a canvas in memory until it saves, so it draws
    ``chunk_pages`` pages at a time into files in ``scratch`` (a temporary folder
    there; the system's when None). qpdf then joins them, reading each image
    from its chunk's file only as it writes it to ``out``: memory is bounded by
    a chunk, not by the document.
    """
    with tempfile.TemporaryDirectory(prefix=CHUNKS_PREFIX, dir=scratch) as folder:
        chunks = []
        for start in range(0, max(len(pages), 1), chunk_pages):  # no pages: an empty PDF, as before
            chunk = Path(folder).resolve() / f"{start:06d}.pdf"  # absolute: never read by qpdf as an option or @file
            draw_pages(pages[start : start + chunk_pages], chunk)
            chunks.append(chunk)
        # qpdf's own page merging (its command line's --pages), which reads each chunk's streams lazily as it
        # writes them; copying pages across pikepdf.Pdf objects would load every image into memory.
        # The first chunk is the primary input, whose catalog and Info dictionary (ReportLab's) are kept.
        job = pikepdf.Job(["qpdf", str(chunks[0]), "--pages", *map(str, chunks), "--", "-"])
        with job.create_pdf() as document:
            if pdfa:
                _mark_pdfa(document)
            if pdfa or description is not None:
                describe(document, description, pdfa)
            document.save(out, **save_settings(pdfa))


def replace_page(document: Path, number: int, page: PdfPage, out: BinaryIO, pdfa: bool = False) -> None:
    """Write to ``out`` the PDF ``document`` with its page ``number`` drawn anew from ``page``.

    A person's correction changes one page's text layer: the other pages'
    images and words are copied as they stand (qpdf reads them lazily), so a
    save costs one page's drawing, not the document's.
    """
    drawn = io.BytesIO()
    draw_pages([page], drawn)
    with pikepdf.open(document) as whole, pikepdf.open(drawn) as one:
        if pdfa:
            _drop_empty_transition(one.pages[0])
        whole.pages[number - 1] = one.pages[0]
        whole.save(out, **save_settings(pdfa))


def _drop_empty_transition(page: pikepdf.Page) -> None:
    """ReportLab's empty page transition, which PDF/A validators would have to vet."""
    if "/Trans" in page.obj and not page.obj.Trans.keys():
        del page.obj.Trans


def draw_pages(pages: list[PdfPage], out: Path | BinaryIO) -> None:
    """``pages`` drawn on one ReportLab canvas saved to ``out``: every image is held in memory until then."""
    _register_font()
    # The layer's font as the initial one, so no unembedded Helvetica is listed among the resources (PDF/A).
    canvas = Canvas(
        out if not isinstance(out, Path) else str(out), pageCompression=1, invariant=1, initialFontName=_FONT
    )
    canvas.setCreator("digitize")
    for page in pages:
        with Image.open(page.image) as image:
            width_px, height_px = image.size
        scale = 72 / page.dpi
        width, height = width_px * scale, height_px * scale
        canvas.setPageSize((width, height))
        canvas.drawImage(str(page.image), 0, 0, width, height)
        if page.recognized is not None:
            _place_words(canvas, page.recognized, height, scale)
        elif page.loose_text:
            _lay_loose_text(canvas, page.loose_text, width, height)
        canvas.showPage()
    canvas.save()


def _mark_pdfa(document: pikepdf.Pdf) -> None:
    """sRGB output intent, no empty page transitions (the XMP naming the conformance level is ``describe``'s)."""
    for page in document.pages:
        _drop_empty_transition(page)
    profile = document.make_stream(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(), N=3)
    document.Root.OutputIntents = pikepdf.Array(
        [
            pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent,
                S=pikepdf.Name.GTS_PDFA1,
                OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
                Info=pikepdf.String("sRGB IEC61966-2.1"),
                DestOutputProfile=profile,
            )
        ]
    )


def _place_words(canvas: Canvas, ocr: OcrPage, page_height: float, scale: float) -> None:
    """Each word on its line's baseline, as tall as the line and stretched to the width of its box."""
    text = canvas.beginText()
    text.setTextRenderMode(_INVISIBLE)
    for line in ocr.lines:
        if line.words:
            words = line.words
            _, top, _, bottom = line.box
            size = max((bottom - top) * scale, 1.0)
            for i, word in enumerate(words):
                # A real space after each word but the last, so extractors need not guess word breaks from gaps.
                run = word.text if i == len(words) - 1 else word.text + " "
                natural = pdfmetrics.stringWidth(word.text, _FONT, size)
                text.setFont(_FONT, size)
                text.setHorizScale(100 * word.width * scale / natural if natural else 100)
                text.setTextOrigin(word.left * scale, page_height - bottom * scale)
                text.textOut(run)
    canvas.drawText(text)


def _lay_loose_text(canvas: Canvas, loose_text: str, page_width: float, page_height: float) -> None:
    """Lines from the top inside a half-inch margin, smaller and narrower when needed to stay on the page,
    where viewers and extractors that crop to the page still find them."""
    margin = 36.0
    lines = loose_text.splitlines()
    size = min(10.0, (page_height - 2 * margin) / (1.2 * max(len(lines), 1)))
    text = canvas.beginText(margin, page_height - margin)
    text.setTextRenderMode(_INVISIBLE)
    text.setFont(_FONT, size, leading=1.2 * size)
    for line in lines:
        natural = pdfmetrics.stringWidth(line, _FONT, size)
        text.setHorizScale(min(100.0, 100 * (page_width - 2 * margin) / natural) if natural else 100.0)
        text.textLine(line)
    canvas.drawText(text)


def _register_font() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    if not FONT_PATH.is_file():
        raise DigitizeError(FONT_PATH, "the font of the PDF text layer is missing (apt-get install fonts-dejavu-core)")
    pdfmetrics.registerFont(TTFont(_FONT, str(FONT_PATH)))
