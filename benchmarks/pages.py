"""A DISE-style set of generated pages for the preprocessing benchmarks.

Pages vary in font, layout (a single-column article, an administrative
document with its two-column header and signature block, a two-column body,
a sparse title page) and scan quality (light, medium, heavy), with a known
turn each. The text comes from the seed articles.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import HEAVY, LIGHT, MEDIUM, Degradation, font, scan

DPI = 300
PAGE_PX = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))
MARGIN = round(20 / 25.4 * DPI)
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSerif.ttf",
)
LAYOUTS = ("article", "decree", "two-column", "sparse")
NOISE = {"clean": Degradation(0.0, 0.0, 0.0, 0.0, 95), "light": LIGHT, "medium": MEDIUM, "heavy": HEAVY}


@dataclass(frozen=True)
class BenchPage:
    name: str
    image: Image.Image
    text: str
    turn_deg: float
    layout: str
    font: str
    noise: str


def available_fonts() -> list[Path]:
    return [Path(f) for f in FONT_FILES if Path(f).is_file()]


class _Sheet:
    """A blank A4 page and a pen that sets wrapped text in boxes, remembering what it wrote."""

    def __init__(self, font_path: Path, size_pt: float) -> None:
        self.page = Image.new("L", PAGE_PX, 255)
        self.draw = ImageDraw.Draw(self.page)
        self.font_path = font_path
        self.size_px = round(size_pt / 72 * DPI)
        self.lines: list[str] = []

    def block(self, text: str, left: int, top: int, width: int, align: str = "left", bold_pt: float = 0) -> int:
        """Set ``text`` wrapped to ``width`` from ``top``; returns the y below it (or past the page: stop)."""
        face = font(round(bold_pt / 72 * DPI) if bold_pt else self.size_px, self.font_path)
        step = round(face.size * 1.45)
        y = top
        for paragraph in text.split("\n"):
            line = ""
            for word in paragraph.split():
                candidate = f"{line} {word}".strip()
                if line and face.getlength(candidate) > width:
                    y = self._line(line, face, left, y, width, align, step)
                    line = word
                else:
                    line = candidate
            if line:
                y = self._line(line, face, left, y, width, align, step)
        return y

    def _line(self, line: str, face, left: int, y: int, width: int, align: str, step: int) -> int:
        if y + step > PAGE_PX[1] - MARGIN:
            return y
        x = left + (width - face.getlength(line)) / 2 if align == "center" else left
        self.draw.text((x, y), line, font=face, fill=0)
        self.lines.append(line)
        return y + step


def compose(layout: str, text: str, font_path: Path, rng: random.Random) -> tuple[Image.Image, str]:
    sheet = _Sheet(font_path, rng.choice((10.5, 11.0, 12.0, 13.0)))
    width = PAGE_PX[0] - 2 * MARGIN
    paragraphs = [p for p in text.split("\n") if p.strip()]
    body = "\n".join(paragraphs[1:])
    if layout == "article":
        y = sheet.block(paragraphs[0], MARGIN, MARGIN, width, bold_pt=15)
        sheet.block(body, MARGIN, y + 40, width)
    elif layout == "decree":
        half = width // 2
        sheet.block("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 1287/QĐ-UBND", MARGIN, MARGIN, half - 40, "center")
        right = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nQuảng Trị, ngày 14 tháng 6 năm 2023"
        y = sheet.block(right, MARGIN + half, MARGIN, half, "center")
        y = sheet.block("QUYẾT ĐỊNH", MARGIN, y + 60, width, "center", bold_pt=14)
        y = sheet.block(paragraphs[0], MARGIN, y, width, "center")
        y = sheet.block(body[:1800], MARGIN, y + 40, width)
        sheet.block("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nNguyễn Văn An", MARGIN + half, y + 60, half, "center")
    elif layout == "two-column":
        y = sheet.block(paragraphs[0], MARGIN, MARGIN, width, "center", bold_pt=15)
        gutter = 60
        column = (width - gutter) // 2
        words = body.split()
        sheet.block(" ".join(words[: len(words) // 2]), MARGIN, y + 40, column)
        sheet.block(" ".join(words[len(words) // 2 :]), MARGIN + column + gutter, y + 40, column)
    else:  # sparse: a title page
        y = sheet.block(paragraphs[0], MARGIN, PAGE_PX[1] // 3, width, "center", bold_pt=18)
        sheet.block("Thư viện tỉnh - Tư liệu số hóa", MARGIN, y + 120, width, "center")
    sheet.page.info["dpi"] = (DPI, DPI)
    return sheet.page, "\n".join(sheet.lines)


def bench_pages(
    count: int,
    max_turn: float = 45.0,
    turns: tuple[int, ...] = (0,),
    seed: int = 7,
    noises: tuple[str, ...] = ("light", "medium", "heavy"),
    start: int = 0,
) -> list[BenchPage]:
    """Pages ``start`` to ``start + count`` of a set cycling through layouts, fonts and ``noises``,
    each turned a random skew in ±``max_turn`` plus one of ``turns`` (quarter turns, counter-clockwise).

    Page ``i`` depends only on ``seed`` and ``i``, so a set can be rendered in parts.
    """
    texts = list(seed_texts().values())
    fonts = available_fonts()
    pages = []
    for i in range(start, start + count):
        rng = random.Random(seed * 100_003 + i)
        layout = LAYOUTS[i % len(LAYOUTS)]
        font_path = fonts[(i // len(LAYOUTS)) % len(fonts)]
        noise = noises[(i // (len(LAYOUTS) * len(fonts))) % len(noises)]
        text = texts[i % len(texts)]
        offset = text.find("\n", rng.randrange(0, max(1, len(text) // 2))) + 1
        image, truth = compose(layout, text[offset:], font_path, rng)
        turn = round(rng.uniform(-max_turn, max_turn), 2) + rng.choice(turns)
        pages.append(
            BenchPage(
                name=f"{i:03d}-{layout}-{font_path.stem}-{noise}",
                image=scan(image, turn, NOISE[noise], seed=seed * 1000 + i),
                text=truth,
                turn_deg=turn,
                layout=layout,
                font=font_path.stem,
                noise=noise,
            )
        )
    return pages
