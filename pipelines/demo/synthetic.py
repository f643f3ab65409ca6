"""Scanned-looking pages rendered from text, with their ground truth.

The demo, the tests and the benchmarks need Vietnamese pages whose true text
and skew are known. They are rendered here as a flatbed scan would give them:
A4 at 300 DPI, the sheet turned on the glass, uneven lighting, blur, sensor
noise, dust specks and JPEG compression.
"""

from __future__ import annotations

import io
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from digitize.errors import DigitizeError

A4_MM = (210, 297)

_FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)


@dataclass(frozen=True)
class Degradation:
    """How badly the simulated scanner treats the sheet."""

    blur_sigma: float = 0.6
    noise_sd: float = 6.0
    speckles_per_mpx: float = 20.0
    lighting_drop: float = 0.10
    jpeg_quality: int = 75


LIGHT = Degradation()
MEDIUM = Degradation(blur_sigma=0.9, noise_sd=10.0, speckles_per_mpx=60.0, lighting_drop=0.2, jpeg_quality=55)
HEAVY = Degradation(blur_sigma=1.2, noise_sd=16.0, speckles_per_mpx=150.0, lighting_drop=0.35, jpeg_quality=40)


@dataclass(frozen=True)
class SyntheticPage:
    image: Image.Image
    text: str
    skew_deg: float


def find_vietnamese_font() -> Path:
    """A TrueType font that has every Vietnamese letter, via fontconfig when present."""
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=vi:style=Regular:spacing=proportional", "file"],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        listed = []
    candidates = [*_FALLBACK_FONTS, *sorted(f.rstrip(":") for f in listed if f.rstrip(":").endswith(".ttf"))]
    for candidate in candidates:
        if Path(candidate).is_file():
            return Path(candidate)
    raise DigitizeError(None, "no Vietnamese-capable TrueType font found (install fonts-dejavu-core)")


@lru_cache(maxsize=8)
def font(size_px: int, path: Path | None) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path or find_vietnamese_font()), size_px)


def layout_pages(
    text: str,
    dpi: int = 300,
    font_pt: float = 11.0,
    page_mm: tuple[float, float] = A4_MM,
    font_path: Path | None = None,
) -> list[list[str]]:
    """Lines of ``text`` word-wrapped and split into pages, paragraphs kept apart by a blank line."""
    face = font(round(font_pt / 72 * dpi), font_path)
    width, height = (round(mm / 25.4 * dpi) for mm in page_mm)
    margin = round(20 / 25.4 * dpi)
    line_height = round(face.size * 1.45)
    lines_per_page = (height - 2 * margin) // line_height
    lines: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        if lines:
            lines.append("")
        lines.extend(wrap(" ".join(paragraph.split()), face, width - 2 * margin))
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    return [[*page] for page in pages if any(page)]


def render_page(
    lines: list[str],
    dpi: int = 300,
    font_pt: float = 11.0,
    page_mm: tuple[float, float] = A4_MM,
    font_path: Path | None = None,
) -> Image.Image:
    """A clean, upright page with ``lines`` set from the top margin."""
    face = font(round(font_pt / 72 * dpi), font_path)
    width, height = (round(mm / 25.4 * dpi) for mm in page_mm)
    margin = round(20 / 25.4 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((margin, margin + row * round(face.size * 1.45)), line, font=face, fill=0)
    page.info["dpi"] = (dpi, dpi)
    return page


@dataclass(frozen=True)
class TextBlock:
    """Lines set in one column of a row: ``span`` is the column's left and right edge as shares of the text width.

    Official documents are not one flowing column: a Decree 30 header is two
    centred blocks side by side, the signature a block at the bottom right.
    """

    lines: tuple[str, ...]
    span: tuple[float, float] = (0.0, 1.0)
    centered: bool = False
    font_pt: float = 13.0
    bold: bool = False
    #: Length of a short rule drawn under the block, as a share of its widest line (0 for none).
    rule: float = 0.0


@dataclass(frozen=True)
class PlacedLine:
    """Where a line of a block was drawn, so callers can mark it (a stamp, a handwritten number)."""

    text: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in pixels
    font: ImageFont.FreeTypeFont


@dataclass(frozen=True)
class BlockPage:
    image: Image.Image
    lines: tuple[PlacedLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def render_blocks(
    rows: Sequence[Sequence[TextBlock]],
    dpi: int = 300,
    page_mm: tuple[float, float] = A4_MM,
    margins_mm: tuple[float, float, float, float] = (20.0, 30.0, 20.0, 15.0),
    row_gap_pt: float = 8.0,
    font_path: Path | None = None,
) -> BlockPage:
    """A clean, upright page of ``rows``, top to bottom; the blocks of a row stand side by side.

    Lines are word-wrapped to their block's width; a row is as tall as its tallest block.
    ``margins_mm`` is top, left, bottom, right. Lines that do not fit on the page are dropped.
    """
    width, height = (round(mm / 25.4 * dpi) for mm in page_mm)
    top, left, bottom, right = (round(mm / 25.4 * dpi) for mm in margins_mm)
    text_width = width - left - right
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    placed: list[PlacedLine] = []
    y = top
    for row in rows:
        row_bottom = y
        for block in row:
            face = font(round(block.font_pt / 72 * dpi), font_path)
            x0 = left + round(block.span[0] * text_width)
            x1 = left + round(block.span[1] * text_width)
            line_y = y
            widest = 0.0
            for line in (wrapped for text in block.lines for wrapped in wrap(text, face, x1 - x0)):
                line_width = face.getlength(line)
                widest = max(widest, line_width)
                x = x0 + round((x1 - x0 - line_width) / 2) if block.centered else x0
                if line_y + face.size > height - bottom:
                    break
                draw.text((x, line_y), line, font=face, fill=0, stroke_width=1 if block.bold else 0, stroke_fill=0)
                placed.append(PlacedLine(line, (x, line_y, x + round(line_width), line_y + face.size), face))
                line_y += round(face.size * 1.35)
            if block.rule:
                rule = round(widest * block.rule)
                middle = (x0 + x1) // 2 if block.centered else x0 + rule // 2
                draw.line((middle - rule // 2, line_y, middle + rule // 2, line_y), fill=0, width=max(2, dpi // 150))
                line_y += round(face.size * 0.6)
            row_bottom = max(row_bottom, line_y)
        y = row_bottom + round(row_gap_pt / 72 * dpi)
    page.info["dpi"] = (dpi, dpi)
    return BlockPage(page, tuple(placed))


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width``; runs of spaces are kept (a form's blanks)."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if line and face.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    return lines


def scan(page: Image.Image, skew_deg: float, degradation: Degradation, seed: int) -> Image.Image:
    """``page`` as a scanner returns it: turned ``skew_deg`` counter-clockwise, degraded, JPEG-compressed."""
    rng = np.random.default_rng(seed)
    paper = int(rng.integers(225, 245))
    turned = page.rotate(skew_deg, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    if degradation.blur_sigma:
        turned = turned.filter(ImageFilter.GaussianBlur(degradation.blur_sigma))
    ink = 1.0 - np.asarray(turned, dtype=np.float32) / 255.0
    height, width = ink.shape
    # Light falls off across the sheet from a random corner.
    yy, xx = np.ogrid[0:height, 0:width]
    gx, gy = rng.uniform(-1, 1, 2)
    ramp = gx * xx / width + gy * yy / height
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    light = (1.0 - degradation.lighting_drop * ramp).astype(np.float32)
    values = (paper * light) * (1.0 - 0.92 * ink)
    values += rng.standard_normal(values.shape, dtype=np.float32) * np.float32(degradation.noise_sd)
    specks = int(degradation.speckles_per_mpx * width * height / 1e6)
    values[rng.integers(0, height, specks), rng.integers(0, width, specks)] = rng.uniform(0, 80, specks)
    scanned = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), "L")
    buffer = io.BytesIO()
    scanned.save(buffer, "JPEG", quality=degradation.jpeg_quality)
    result = Image.open(io.BytesIO(buffer.getvalue()))
    result.load()
    result.info["dpi"] = page.info.get("dpi", (300, 300))
    return result


def scanned_pages(
    text: str,
    skews: list[float] | None = None,
    degradation: Degradation = LIGHT,
    seed: int = 0,
    dpi: int = 300,
    font_pt: float = 11.0,
    page_mm: tuple[float, float] = A4_MM,
) -> list[SyntheticPage]:
    """``text`` laid out and scanned; ``skews`` gives each page's angle (0° where absent)."""
    pages = layout_pages(text, dpi=dpi, font_pt=font_pt, page_mm=page_mm)
    skews = list(skews or [])
    result = []
    for number, lines in enumerate(pages):
        skew = skews[number] if number < len(skews) else 0.0
        clean = render_page(lines, dpi=dpi, font_pt=font_pt, page_mm=page_mm)
        image = scan(clean, skew, degradation, seed=seed * 1000 + number)
        result.append(SyntheticPage(image=image, text="\n".join(lines).strip(), skew_deg=skew))
    return result
