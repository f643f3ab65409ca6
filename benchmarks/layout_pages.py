"""Generated pages whose layout is the test: newspaper columns with and without rules, Decree-30 headers whose
two columns nearly touch.

Each kind is drawn from parameters (fonts, column counts, gutters, rule
thickness, skews, seeds) split up front into a TUNE set, the only one the
layout thresholds were fitted on, and a HELD_OUT set they were only measured
on (``benchmarks/layout.py`` prints both). The held-out set uses other fonts,
other gutters and rule weights, other skews and other seeds; ``FRESH`` is a
second held-out set, drawn once the first had been looked at, and ``FRESH2`` a third, drawn once ``FRESH`` had.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from pipelines.demo.seed_articles import seed_texts
from pipelines.demo.synthetic import LIGHT, Degradation, font, scan, wrap

DPI = 300
PAGE_PX = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))
MARGIN = round(18 / 25.4 * DPI)
_FONTS = "/usr/share/fonts/truetype"


@dataclass(frozen=True)
class LayoutParameters:
    """What a layout page is generated from: one set to tune on, one held out."""

    fonts: tuple[str, ...]
    columns: tuple[int, ...]
    gutters_mm: tuple[float, ...]  # the white between two newspaper columns
    rules_px: tuple[int, ...]  # a column rule's thickness at 300 DPI; 0: no rule
    skews_deg: tuple[float, ...]
    header_gaps_px: tuple[int, ...]  # the white between the two header columns' nearest lines
    seeds: tuple[int, ...]


TUNE = LayoutParameters(
    fonts=(f"{_FONTS}/dejavu/DejaVuSerif.ttf", f"{_FONTS}/liberation2/LiberationSans-Regular.ttf"),
    columns=(1, 2, 3, 4),
    gutters_mm=(4.0, 6.0),
    rules_px=(0, 2),
    skews_deg=(0.0, 0.7),
    header_gaps_px=(6, 20),
    seeds=(1,),
)
HELD_OUT = LayoutParameters(
    fonts=(f"{_FONTS}/liberation2/LiberationSerif-Regular.ttf", f"{_FONTS}/freefont/FreeSans.ttf"),
    columns=(1, 2, 3, 4),
    gutters_mm=(3.0, 5.0),
    rules_px=(0, 1, 4),
    skews_deg=(-0.5, 1.2),
    header_gaps_px=(3, 12, 30),
    seeds=(11,),
)

#: Drawn after the fixes for issue 24 were made on TUNE and checked on HELD_OUT (whose headers were looked at to
#: find a fault in the header cut): other fonts, gutters, rule weights, skews, gaps and seeds, measured once.
_FRESH_FONTS = (f"{_FONTS}/freefont/FreeSerif.ttf", f"{_FONTS}/dejavu/DejaVuSansCondensed.ttf")
FRESH = LayoutParameters(_FRESH_FONTS, (1, 2, 3, 4), (3.5, 4.5), (0, 1, 3), (-1.0, 0.9), (4, 9, 16), (29,))

#: Drawn after FRESH's newspaper pages had been looked at to find why a ruled four-column page was read across
#: (the column rule inside trueocr's padded boxes) and why a headline was cut over a gutter; measured once.
_FRESH2_FONTS = (f"{_FONTS}/dejavu/DejaVuSerifCondensed.ttf", f"{_FONTS}/dejavu/DejaVuSans.ttf")
FRESH2 = LayoutParameters(_FRESH2_FONTS, (1, 2, 3, 4), (3.2, 5.5), (0, 1, 5), (-0.8, 1.0), (5, 10, 24), (41,))

#: Drawn after FRESH2's ruled four-column pages had been looked at to find the box that held two lines
#: (``digitize.ocr.merged_lines``); measured once, before and after that change.
_FRESH3_FONTS = (f"{_FONTS}/liberation2/LiberationSerif-Regular.ttf", f"{_FONTS}/dejavu/DejaVuSans.ttf")
FRESH3 = LayoutParameters(_FRESH3_FONTS, (1, 2, 3, 4), (2.8, 4.2), (0, 2, 3), (-1.1, 0.6), (7, 15, 26), (57,))


@dataclass(frozen=True)
class LayoutPage:
    name: str
    kind: str  # "newspaper N col", "... ruled", "decree header"
    image: Image.Image
    text: str  # in reading order, one line a line
    number: str = ""  # a Decree-30 page's number and symbol


def newspaper_page(
    columns: int,
    rule_px: int,
    skew_deg: float,
    font_path: Path,
    seed: int,
    gutter_mm: float = 5.0,
    degradation: Degradation = LIGHT,
) -> LayoutPage:
    """A newspaper page: a headline across the page over ``columns`` columns of paragraphs that flow from the foot
    of one column to the head of the next, with a rule ``rule_px`` thick down the middle of each gutter."""
    rng = random.Random(seed * 31 + columns)
    texts = list(seed_texts().values())
    article = texts[rng.randrange(len(texts))]
    paragraphs = [" ".join(p.split()) for p in article.split("\n") if p.strip()]
    page = Image.new("L", PAGE_PX, 255)
    draw = ImageDraw.Draw(page)
    width = PAGE_PX[0] - 2 * MARGIN
    headline = font(round(17 / 72 * DPI), font_path)
    lines: list[str] = []
    y = MARGIN
    for line in wrap(paragraphs[0], headline, width):
        draw.text((MARGIN, y), line, font=headline, fill=0)
        lines.append(line)
        y += round(headline.size * 1.3)
    y += 30
    if rule_px:
        draw.line((MARGIN, y, MARGIN + width, y), fill=0, width=rule_px)
    y += 40
    gutter = round(gutter_mm / 25.4 * DPI)
    column_width = (width - (columns - 1) * gutter) // columns
    face = font(round(rng.choice((10.0, 10.5, 11.0)) / 72 * DPI), font_path)
    step = round(face.size * 1.4)
    bottom = PAGE_PX[1] - MARGIN
    flowing = [(line, first) for p in paragraphs[1:] for first, line in _first(wrap(p, face, column_width))]
    top, column, row = y, 0, y
    for line, first in flowing:
        if first and row > top:
            row += step // 2  # a paragraph's space
        if row + step > bottom:
            column, row = column + 1, top
            if column == columns:
                break
        draw.text((MARGIN + column * (column_width + gutter), row), line, font=face, fill=0)
        lines.append(line)
        row += step
    if rule_px:
        for between in range(1, columns):
            x = MARGIN + between * (column_width + gutter) - gutter // 2
            draw.line((x, top, x, bottom), fill=0, width=rule_px)
    page.info["dpi"] = (DPI, DPI)
    kind = f"newspaper {columns} col" + (" ruled" if rule_px else "")
    name = f"{kind.replace(' ', '-')}-{font_path.stem}-g{gutter_mm:g}-r{rule_px}-s{skew_deg:g}-{seed}"
    return LayoutPage(name, kind, scan(page, skew_deg, degradation, seed), "\n".join(lines))


def close_header_page(gap_px: int, font_path: Path, seed: int, degradation: Degradation = LIGHT) -> LayoutPage:
    """The first lines of a Decree-30 document whose two header columns stand ``gap_px`` apart where they come
    nearest: the number's line and the place and date's line nearly touch, as on a crowded real header."""
    rng = random.Random(seed)
    province_caps, province = rng.choice((("QUẢNG TRỊ", "Quảng Trị"), ("HÀ TĨNH", "Hà Tĩnh"), ("LÀO CAI", "Lào Cai")))
    symbol, agency = rng.choice(
        (("SVHTTDL-TV", "SỞ VĂN HÓA"), ("QĐ-UBND", "VĂN PHÒNG"), ("SNV-VTLT", "SỞ NỘI VỤ"), ("KH-SXD", "SỞ XÂY DỰNG"))
    )
    number = f"{rng.randrange(1000, 4000)}/{symbol}"
    # The agency short, so that the number's line and the date's are the pair of lines that come nearest.
    left = (f"UBND TỈNH {province_caps}", agency, f"Số: {number}")
    day = f"{province}, ngày {rng.randrange(10, 29)} tháng {rng.randrange(1, 13):02d} năm {rng.randrange(2018, 2025)}"
    right = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", day)
    text_width = PAGE_PX[0] - 2 * MARGIN
    # Both columns centred, their centres as close as the widest pair of lines level with each other allows, so
    # that pair stands gap_px apart; the largest size (13 pt down) at which the header fits.
    for size in (13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0):
        face = font(round(size / 72 * DPI), font_path)
        apart = max(face.getlength(a) + face.getlength(b) for a, b in zip(left, right, strict=True)) / 2 + gap_px
        outer = max(face.getlength(a) for a in left) / 2 + max(face.getlength(b) for b in right) / 2
        if apart + outer <= text_width:
            break
    page = Image.new("L", (PAGE_PX[0], round(150 / 25.4 * DPI)), 255)
    draw = ImageDraw.Draw(page)
    centre_left = PAGE_PX[0] / 2 - apart / 2 + rng.uniform(-40, 40)
    step = round(face.size * 1.35)
    for column, centre in ((left, centre_left), (right, centre_left + apart)):
        for row, line in enumerate(column):
            draw.text((round(centre - face.getlength(line) / 2), MARGIN + row * step), line, font=face, fill=0)
    lines = [*left, *right]
    y = MARGIN + 4 * step
    summary = "Về việc triển khai số hóa tài liệu lưu trữ lịch sử năm 2024"
    body = (
        "Thực hiện Kế hoạch số 15/KH-UBND của Ủy ban nhân dân tỉnh về chuyển đổi số, Sở đề nghị các đơn vị "
        "rà soát tài liệu lưu trữ và báo cáo kết quả trước ngày 30 tháng 6 năm 2024."
    )
    for text, centred in (("CÔNG VĂN", True), (summary, True), (body, False)):
        for line in wrap(text, face, text_width):
            x = (PAGE_PX[0] - face.getlength(line)) / 2 if centred else MARGIN
            draw.text((round(x), y), line, font=face, fill=0)
            lines.append(line)
            y += step
    page.info["dpi"] = (DPI, DPI)
    name = f"decree-header-{font_path.stem}-gap{gap_px}-{seed}"
    return LayoutPage(name, "decree header", scan(page, 0.3, degradation, seed), "\n".join(lines), number)


def layout_set(parameters: LayoutParameters, degradation: Degradation = LIGHT) -> list[LayoutPage]:
    """Every page of one parameter set: newspapers of each column count with and without rules, and headers."""
    pages = []
    for index, seed in enumerate(parameters.seeds):
        for columns in parameters.columns:
            for rule in parameters.rules_px:
                # One font, gutter and skew a page, rotating through the set's values.
                turn = index + columns + rule
                chosen = Path(parameters.fonts[turn % len(parameters.fonts)])
                gutter = parameters.gutters_mm[turn % len(parameters.gutters_mm)]
                skew = parameters.skews_deg[(turn // 2) % len(parameters.skews_deg)]
                pages.append(newspaper_page(columns, rule, skew, chosen, seed, gutter, degradation))
        for gap in parameters.header_gaps_px:
            chosen = Path(parameters.fonts[(index + gap) % len(parameters.fonts)])
            pages.append(close_header_page(gap, chosen, seed * 7 + gap, degradation))
    return pages


def _first(lines: list[str]) -> list[tuple[bool, str]]:
    return [(i == 0, line) for i, line in enumerate(lines)]
