"""The real-scan page set: hand-transcribed scans, and born-digital pages degraded as scans and phone photos.

``FOLDER`` is the real-scans folder (``scans/*.pdf``, ``born-digital/*.pdf``);
it is never copied into the repository, only its ground truth is:

- ``benchmarks/realscans/truth/scans/STEM-pN.txt``: careful transcriptions of
  scanned pages (``benchmarks/realscans/README.md`` gives the conventions);
- ``benchmarks/realscans/truth/born-digital/STEM-pN.txt``: the text layer of a
  born-digital page, its two-column header and foot put in block order (left
  block, then right block), as a reader reads them. ``--write-truth`` makes
  them anew from the PDFs.

Each born-digital page becomes a 100, 150, 200 and 300 dpi print-and-scan
(slight blur, paper grain, a skew under 1.5°, JPEG) and a phone photo (a
slanted shot of a 150-dpi render, uneven light, reduced to about 70 dpi, JPEG),
with a seed per page so every run sees the same images.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pypdfium2

from digitize.ingest import load_page
from digitize.textnorm import normalize

TRUTH = Path(__file__).parent / "realscans" / "truth"
SCAN_DPIS = (100, 150, 200, 300)
PHOTO_WIDTH = 600  # pixels across an A4 page: about 70 dpi, a phone photo sent by chat
_COLUMN_GAP = 0.035  # a gap this share of the page wide between words splits a line into two columns


@dataclass(frozen=True)
class RealPage:
    """One benchmark page: ``kind`` groups the figures (``scan 300``, ``print 150``, ``photo`` …)."""

    name: str
    kind: str
    image: np.ndarray
    truth: str


def real_pages(folder: Path, dpis: tuple[int, ...] = SCAN_DPIS, photos: bool = True) -> list[RealPage]:
    return [*scanned_pages(folder), *born_digital_pages(folder, dpis, photos)]


def scanned_pages(folder: Path) -> list[RealPage]:
    """Every transcribed page of the scanned PDFs, as the pipeline loads it (greyscale, 300 dpi)."""
    pages = []
    for truth in sorted((TRUTH / "scans").glob("*.txt")):
        stem, number = truth.stem.rsplit("-p", 1)
        source = load_page(folder / "scans" / f"{stem}.pdf", int(number), mode="force")
        pages.append(RealPage(truth.stem, "scan 300", source.image, _read(truth)))
    return pages


def born_digital_pages(folder: Path, dpis: tuple[int, ...], photos: bool) -> list[RealPage]:
    pages = []
    for truth in sorted((TRUTH / "born-digital").glob("*.txt")):
        stem, number = truth.stem.rsplit("-p", 1)
        pdf = pypdfium2.PdfDocument(folder / "born-digital" / f"{stem}.pdf")
        page = pdf[int(number) - 1]
        rng = random.Random(truth.stem)
        for dpi in dpis:
            image = _grey(page.render(scale=dpi / 72))
            pages.append(RealPage(f"{truth.stem}@{dpi}", f"print {dpi}", print_and_scan(image, dpi, rng), _read(truth)))
        if photos:
            pages.append(
                RealPage(
                    f"{truth.stem}@photo", "photo", phone_photo(_grey(page.render(scale=150 / 72)), rng), _read(truth)
                )
            )
        pdf.close()
    return pages


def print_and_scan(image: np.ndarray, dpi: int, rng: random.Random) -> np.ndarray:
    """A page printed and scanned at ``dpi``: toner spread, a small skew, paper grain, JPEG."""
    sigma = 0.5 * dpi / 150
    page = cv2.GaussianBlur(image.astype(np.float32), (0, 0), sigma)
    height, width = page.shape
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), rng.uniform(-1.5, 1.5), 1.0)
    page = cv2.warpAffine(page, turn, (width, height), borderValue=235.0)
    page = page * 0.92 + 10 + np.random.default_rng(rng.randrange(2**32)).normal(0, 6, page.shape)
    return _jpeg(page, 75)


def phone_photo(image: np.ndarray, rng: random.Random) -> np.ndarray:
    """The page shot at a slant under a lamp: perspective, light falling off across it, reduced, JPEG."""
    height, width = image.shape
    corners = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    moved = corners + np.float32(
        [[rng.uniform(-0.04, 0.04) * width, rng.uniform(-0.03, 0.03) * height] for _ in range(4)]
    )
    page = cv2.warpPerspective(
        image.astype(np.float32), cv2.getPerspectiveTransform(corners, moved), (width, height), borderValue=90.0
    )
    light = (
        np.linspace(1.0, 0.65, width, dtype=np.float32)[None, :]
        * np.linspace(1.0, 0.85, height, dtype=np.float32)[:, None]
    )
    page = page * light
    scale = PHOTO_WIDTH / width
    page = cv2.resize(page, (PHOTO_WIDTH, round(height * scale)), interpolation=cv2.INTER_AREA)
    page = page + np.random.default_rng(rng.randrange(2**32)).normal(0, 4, page.shape)
    return _jpeg(page, 70)


def text_in_block_order(pdf_page: pdfplumber.page.Page) -> str:
    """The page's text lines, with every run of two-column lines (a Decree-30 header or foot) given as its
    left column, then its right one."""
    lines = _lines(pdf_page.extract_words(keep_blank_chars=False, use_text_flow=False), pdf_page.width)
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []
    for words, split in lines:
        if split is None and not (left or right):
            out.append(" ".join(w["text"] for w in words))
            continue
        if split is None:
            middle = pdf_page.width / 2
            if words[0]["x0"] >= middle * 0.9:
                right.append(" ".join(w["text"] for w in words))
                continue
            if words[-1]["x1"] <= middle * 1.1:
                left.append(" ".join(w["text"] for w in words))
                continue
            out.extend([*left, *right, " ".join(w["text"] for w in words)])
            left, right = [], []
            continue
        left.append(" ".join(w["text"] for w in words[:split]))
        right.append(" ".join(w["text"] for w in words[split:]))
    out.extend([*left, *right])
    return normalize("\n".join(out))


def write_born_digital_truth(folder: Path) -> list[Path]:
    written = []
    (TRUTH / "born-digital").mkdir(parents=True, exist_ok=True)
    for pdf_path in sorted((folder / "born-digital").glob("*.pdf")):
        with pdfplumber.open(pdf_path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                path = TRUTH / "born-digital" / f"{pdf_path.stem}-p{number}.txt"
                path.write_text(text_in_block_order(page) + "\n", encoding="utf-8")
                written.append(path)
    return written


def _lines(words: list[dict], page_width: float) -> list[tuple[list[dict], int | None]]:
    """Words grouped into lines by their top; each with the index where a column gap splits it, if one does."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) < 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    lines = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        gaps = [(row[i + 1]["x0"] - row[i]["x1"], i + 1) for i in range(len(row) - 1)]
        wide = [index for gap, index in gaps if gap > _COLUMN_GAP * page_width]
        # The gap nearest the page's middle separates the columns ("Số:   /TB-UBND" has a gap of its own).
        split = min(wide, key=lambda i: abs(row[i]["x0"] - page_width / 2)) if wide else None
        lines.append((row, split))
    return lines


def _read(path: Path) -> str:
    return normalize(path.read_text(encoding="utf-8")).strip()


def _grey(bitmap: pypdfium2.PdfBitmap) -> np.ndarray:
    return np.asarray(bitmap.to_pil().convert("L"))


def _jpeg(page: np.ndarray, quality: int) -> np.ndarray:
    encoded = cv2.imencode(".jpg", np.clip(page, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, quality])[1]
    return cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE)
