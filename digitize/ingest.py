"""Reading source files into pages.

A file is recognised by its first bytes, never by its name, so a PDF called
``scan.jpg`` is read as a PDF and a text file called ``page.png`` is refused
with a reason. Pages are loaded one at a time: a worker holds one page image
in memory, however long the document.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException
from PIL import Image, ImageOps, UnidentifiedImageError

from digitize import pixel_budget
from digitize.errors import (
    CorruptFileError,
    DigitizeError,
    EncryptedFileError,
    ImageTooLargeError,
    UnsupportedFileError,
)
from digitize.legacy_encoding import to_unicode
from digitize.textnorm import normalize

#: Pages above this many pixels are refused: 100 MP is an A3 sheet at 600 DPI. Pages under it and over a
#: run's pixel budget are reduced to the budget (``digitize.pixel_budget``).
MAX_PIXELS = 100_000_000
# Pillow's bomb check is ours: MAX_PIXELS refuses, the budget reduces. Its warning, given from 89 MP wherever an
# image is opened (the page, its JPEG in the document's PDF), would only print beside the run's own lines.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
warnings.simplefilter("ignore", Image.DecompressionBombWarning)
#: Resolution at which PDF pages without a usable text layer are rendered for OCR.
RENDER_DPI = 300
#: Resolution of the page image kept for pages whose text comes from the PDF.
TEXT_PAGE_DPI = 150
#: A text layer with fewer letters than this is treated as absent (a scan with
#: only a signature caption or a page number on it).
MIN_TEXT_LAYER_LETTERS = 40
#: Share of words in mixed case (``CHiJ``, ``xA``) above which a text layer is a scanner's broken OCR.
MAX_GARBLED_WORDS = 0.2

# The caption signing software stamps on a signed scan, as text: not the page's content.
_SIGNATURE_CAPTION = re.compile(
    r"^.*\b(?:ký bởi|ky boi|thời gian ký|thoi gian ky|ngày ký|signed by|signature)\b.*$|^\s*(?:email|cơ quan)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)

#: What becomes of a PDF page's own text, after OCRmyPDF's modes: ``skip`` keeps a usable text layer and
#: OCRs the rest; ``redo`` also OCRs again a page whose text is mostly drawn invisibly (an earlier OCR's layer
#: over a scan) and keeps only visibly drawn, born-digital text; ``force`` OCRs every page.
TEXT_LAYER_MODES = ("skip", "redo", "force")
_INVISIBLE_TEXT = 3  # PDF text render mode: neither filled nor stroked

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"})
SOURCE_SUFFIXES = IMAGE_SUFFIXES | {".pdf"}

_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"II*\x00",
    b"MM\x00*",
    b"BM",
    b"RIFF",
)


@dataclass(frozen=True)
class SourcePage:
    """One page as found in the source file, before any processing.

    ``image`` is 8-bit greyscale. ``text_layer`` is set when a PDF page carries
    usable text of its own, in which case the image is only kept for viewing;
    ``flags`` say what was done to that text (``legacy-encoding:tcvn3``: typed
    in a pre-Unicode font and converted, see ``digitize.legacy_encoding``).
    """

    path: Path
    number: int
    image: np.ndarray
    dpi: int
    text_layer: str | None = None
    flags: tuple[str, ...] = ()
    #: The library that read it: ``pillow`` (an image), ``pypdfium2`` (a PDF page without text, rendered),
    #: ``pdfplumber`` (a PDF page with text, or one pdfium could not open), for its provenance.
    reader: str = "pillow"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_text_file(path: Path) -> tuple[str, tuple[str, ...]]:
    """A plain-text input in Unicode NFC, with the flags of its conversion (``digitize.legacy_encoding``).

    UTF-8 first; a file that is not (typed in the 1990s in an 8-bit TCVN3 or VNI font) is read byte for byte as
    Windows-1252, which gives the font's codes as the converter expects them.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorruptFileError(path, f"cannot be read ({error.strerror})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    converted = to_unicode(text)
    return normalize(converted.text), converted.flags


def detect_kind(path: Path) -> str:
    """``"pdf"`` or ``"image"``, from the file's first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except IsADirectoryError:
        raise UnsupportedFileError(path, "is a directory") from None
    except OSError as error:
        raise CorruptFileError(path, f"cannot be read ({error.strerror})") from None
    if not head:
        raise CorruptFileError(path, "empty file")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    raise UnsupportedFileError(path, "not a PDF or a PNG, JPEG, TIFF, BMP or WebP image")


def count_pages(path: Path) -> int:
    """How many pages ``path`` has; a ``DigitizeError`` naming the file whatever the library reading it raised."""
    if detect_kind(path) == "pdf":
        with _open_pdf(path) as pdf:
            return len(_pdf_pages(path, pdf))
    with _open_image(path) as image:
        try:
            return getattr(image, "n_frames", 1)
        except Exception as error:  # Pillow walks every frame of a TIFF to count them, and fails on damaged ones
            raise CorruptFileError(path, f"not a readable image ({type(error).__name__}: {error})") from None


def load_page(
    path: Path, number: int, mode: str = "skip", max_pixels: int = pixel_budget.DEFAULT_MAX_PIXELS
) -> SourcePage:
    """Page ``number`` (1-based) of ``path``; ``mode`` (one of ``TEXT_LAYER_MODES``) says which text layer it keeps.

    A page over ``max_pixels`` is reduced to it (its ``dpi`` lowered to match), a PDF page rendered within it.
    """
    if mode not in TEXT_LAYER_MODES:
        raise ValueError(f"mode must be one of {TEXT_LAYER_MODES}, not {mode!r}")
    if detect_kind(path) == "pdf":
        return _load_pdf_page(path, number, mode, max_pixels)
    return _load_image_page(path, number, max_pixels)


def _open_image(path: Path) -> Image.Image:
    try:
        # Warnings about damaged metadata (corrupt EXIF) would print beside the one line that names the failure.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return Image.open(path)
    except Image.DecompressionBombError:
        raise ImageTooLargeError(path, f"image is above the limit of {MAX_PIXELS:,} pixels") from None
    except (UnidentifiedImageError, OSError) as error:
        raise CorruptFileError(path, f"not a readable image ({error})") from None


def _load_image_page(path: Path, number: int, max_pixels: int) -> SourcePage:
    with _open_image(path) as image:
        try:
            image.seek(number - 1)
        except EOFError:
            raise CorruptFileError(path, f"has no page {number}") from None
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageTooLargeError(
                path, f"page {number} is {width}×{height} pixels, above the limit of {MAX_PIXELS:,}"
            )
        if width < 2 or height < 2:
            raise CorruptFileError(path, f"page {number} is only {width}×{height} pixels")
        dpi = _image_dpi(image)
        try:
            grey = pixel_budget.decode_grey(path, image, number) if width * height > max_pixels else None
            if grey is None:
                image.load()
                grey = to_grey(image)
        except OSError as error:
            raise CorruptFileError(path, f"page {number} cannot be decoded ({error})") from None
    grey, factor = pixel_budget.reduced(grey, max_pixels)
    return SourcePage(path=path, number=number, image=grey, dpi=max(1, round(dpi * factor)))


def _image_dpi(image: Image.Image) -> int:
    """The resolution the file declares; 300 when it declares none or nonsense."""
    declared = image.info.get("dpi", (0, 0))[0]
    try:
        dpi = round(float(declared))
    except (TypeError, ValueError):
        return 300
    return dpi if 50 <= dpi <= 2400 else 300


def to_grey(image: Image.Image) -> np.ndarray:
    """8-bit greyscale from any mode Pillow reads: 16-bit, CMYK, palette, alpha."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if image.mode.startswith("I;16") or values.max() > 255 else 255.0
        return np.clip(values * (255.0 / top), 0, 255).astype(np.uint8)
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        # Transparent parts of a scan are paper, not ink.
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return np.asarray(image.convert("L"), dtype=np.uint8)


def usable_text_layer(text: str) -> bool:
    """True when a PDF page's text is its content, worth keeping instead of OCR.

    Real scans often carry a text layer that is not the page: only the digital
    signature's caption, or a scanner's broken OCR (``CONG Hcok xA HQI CHiJ``).
    """
    content = _SIGNATURE_CAPTION.sub("", text)
    if sum(c.isalpha() for c in content) < MIN_TEXT_LAYER_LETTERS:
        return False
    words = re.findall(r"[^\W\d_]{2,}", content)
    garbled = sum(1 for word in words if _mixed_case(word))
    return garbled <= MAX_GARBLED_WORDS * len(words)


def _mixed_case(word: str) -> bool:
    """Capitals after small letters in one word: OCR letter soup, or an abbreviation such as TTg (rare)."""
    rest = word[1:]
    return any(c.isupper() for c in rest) and (word[0].islower() or any(c.islower() for c in rest))


@contextmanager
def _open_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """The PDF, open for the block and closed after it even when its page tree is damaged.

    pdfplumber's own ``close`` walks the page tree again, so on a damaged one it would raise pdfminer's error
    over ours and leave the file open.
    """
    try:
        pdf = pdfplumber.open(path)
    except Exception as error:  # pdfminer fails in many ways on damaged files; pdfplumber wraps some
        cause = _pdfminer_cause(error)
        if isinstance(cause, PDFPasswordIncorrect):
            raise EncryptedFileError(path, "PDF is password-protected") from None
        raise CorruptFileError(path, f"not a readable PDF ({type(cause).__name__}: {cause})") from None
    try:
        yield pdf
    finally:
        try:
            pdf.close()
        except Exception:  # the damaged page tree again: it was reported already, the file must still be closed
            pdf.stream.close()


def _pdf_pages(path: Path, pdf: pdfplumber.PDF) -> list[pdfplumber.page.Page]:
    """The PDF's pages; pdfminer reads the page tree only now, and fails on a damaged one (``/Kids [5 7 9]``, a
    MediaBox ``[0 0 (x) -5]``) with its own exceptions, which become a ``CorruptFileError`` naming the file."""
    try:
        return pdf.pages
    except Exception as error:  # pdfminer and pdfplumber fail in many ways on damaged page trees
        cause = _pdfminer_cause(error)
        raise CorruptFileError(path, f"not a readable PDF ({type(cause).__name__}: {cause})") from None


def _pdfminer_cause(error: Exception) -> BaseException:
    """pdfminer's own exception, which pdfplumber wraps in a ``PdfminerException`` that says less."""
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    return cause if isinstance(cause, BaseException) else error


def _load_pdf_page(path: Path, number: int, mode: str, max_pixels: int) -> SourcePage:
    """The page, read through pdfplumber only when it has text to keep; a scanned page is rendered by pdfium alone.

    pdfplumber makes every page of the file to hand out one, so reading each
    page of a 2,000-page scan through it took time growing with the file's
    length (seconds a page); pdfium opens page N at once.
    """
    try:
        pdf = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:  # encrypted or damaged: pdfplumber's reading names which
        return _load_pdf_page_with_text(path, number, mode, max_pixels)
    try:
        try:
            page = pdf[number - 1] if 1 <= number <= len(pdf) else None
            left, bottom, right, top = page.get_mediabox() if page is not None else (0, 0, 0, 0)
        except pypdfium2.PdfiumError:
            page, left, bottom, right, top = None, 0, 0, 0, 0
        if page is None or right == left or top == bottom:
            # No such page, a damaged page tree or a page of no area (pdfium would read it as US Letter):
            # pdfplumber's reading names the damage.
            return _load_pdf_page_with_text(path, number, mode, max_pixels)
        try:
            if mode != "force" and page.get_textpage().count_chars() > 0:
                return _load_pdf_page_with_text(path, number, mode, max_pixels)
            width, height = page.get_size()
            dpi = _fitting_dpi(path, number, width, height, RENDER_DPI, max_pixels)
            rendered = _render(page, dpi)
        except DigitizeError:
            raise
        except Exception as error:  # pdfium fails in many ways on damaged pages
            raise CorruptFileError(path, f"page {number} cannot be read ({type(error).__name__}: {error})") from None
    finally:
        pdf.close()
    return SourcePage(path=path, number=number, image=to_grey(rendered), dpi=dpi, reader="pypdfium2")


def _render(page: pypdfium2.PdfPage, dpi: int) -> Image.Image:
    """The page at ``dpi`` as pdfplumber's ``to_image`` renders it (through pdfium, without anti-aliasing)."""
    bitmap = page.render(scale=dpi / 72, no_smoothtext=True, no_smoothpath=True, no_smoothimage=True, prefer_bgrx=True)
    return bitmap.to_pil().convert("RGB")


def _load_pdf_page_with_text(path: Path, number: int, mode: str, max_pixels: int) -> SourcePage:
    with _open_pdf(path) as pdf:
        pages = _pdf_pages(path, pdf)
        if not 1 <= number <= len(pages):
            raise CorruptFileError(path, f"has no page {number}")
        page = pages[number - 1]
        try:
            # Before normalize, which maps Ð and ð (TCVN3's é and Ỗ) to Đ and đ.
            legacy = to_unicode(page.extract_text() or "" if mode != "force" else "")
            text = normalize(legacy.text)
            usable = usable_text_layer(text) and (mode == "skip" or _drawn_visibly(path, number))
            wanted = TEXT_PAGE_DPI if usable else RENDER_DPI
            dpi = _fitting_dpi(path, number, page.width, page.height, wanted, max_pixels)
            rendered = page.to_image(resolution=dpi).original
        except Exception as error:  # pdfminer and pdfium fail in many ways on damaged pages
            raise CorruptFileError(path, f"page {number} cannot be read ({type(error).__name__}: {error})") from None
        return SourcePage(
            path=path,
            number=number,
            image=to_grey(rendered),
            dpi=dpi,
            text_layer=text if usable else None,
            flags=legacy.flags if usable else (),
            reader="pdfplumber",
        )


def _drawn_visibly(path: Path, number: int) -> bool:
    """True when most of the page's letters are drawn visibly: born-digital text rather than an OCR layer."""
    pdf = pypdfium2.PdfDocument(path)
    try:
        page = pdf[number - 1]
        text_page = page.get_textpage()
        letters = {True: 0, False: 0}
        for text_object in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_TEXT,)):
            visible = pdfium_c.FPDFTextObj_GetTextRenderMode(text_object.raw) != _INVISIBLE_TEXT
            letters[visible] += sum(c.isalpha() for c in _object_text(text_object, text_page))
        return letters[True] > letters[False]
    finally:
        pdf.close()


def _object_text(text_object: pypdfium2.PdfObject, text_page: pypdfium2.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(text_object.raw, text_page.raw, None, 0)
    buffer = (ctypes.c_ushort * (size // 2))()
    pdfium_c.FPDFTextObj_GetText(text_object.raw, text_page.raw, buffer, size)
    return bytes(buffer).decode("utf-16-le").rstrip("\x00")


def _fitting_dpi(path: Path, number: int, width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> int:
    """``dpi``, lowered for oversized pages (posters, maps) so the render fits the budget ``max_pixels``."""
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    if pixels <= max_pixels:
        return dpi
    fitted = int(dpi * (max_pixels / pixels) ** 0.5)
    if fitted < 72:
        raise ImageTooLargeError(path, f"page {number} is {width_pt:.0f}×{height_pt:.0f} pt, too large to render")
    return fitted
