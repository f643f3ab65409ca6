"""A labeled set of administrative documents in the Decree 30/2020 format, rendered as pages with their truth.

Each document is drawn from a seeded generator: an issuing agency (province,
department, ministry, district, archive, library) with its parent, one of
fourteen types with its heading and symbol, a number, a place and date, a
summary, a body citing real documents, recipients and a signature block.
Layouts vary the way real ones do: the date level with the number or under
the motto, a công văn's ``V/v`` under its number, an incoming-mail stamp in
the top margin. A second set has its number (and day) written by hand into
the printed blanks, which OCR cannot read: the extractor must not make one up.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from benchmarks.admin_issuers import (
    ABBREVIATIONS,
    CITED,
    GIVEN_NAMES,
    MIDDLE_NAMES,
    SURNAMES,
    TOPICS,
    TYPES,
    Issuer,
    issuers,
)
from pipelines.demo.synthetic import BlockPage, PlacedLine, TextBlock, render_blocks

LEFT, RIGHT = (0.0, 0.42), (0.38, 1.0)
FULL, MIDDLE = (0.0, 1.0), (0.08, 0.92)


@dataclass(frozen=True)
class AdminDocument:
    name: str
    truth: dict[str, Any]
    rows: tuple[tuple[TextBlock, ...], ...]
    stamp: tuple[str, ...] | None = None
    #: Blanks of the printed form filled in by hand, as printed: "Số:        /".
    handwritten: tuple[str, ...] = ()
    margins_mm: tuple[float, float, float, float] = (20.0, 30.0, 20.0, 15.0)

    def layout(self) -> BlockPage:
        return render_blocks(self.rows, margins_mm=self.margins_mm)

    def render(self, seed: int = 0) -> Image.Image:
        """The clean page, with its stamp and handwriting drawn on it."""
        page = self.layout()
        image = page.image.copy()
        rng = random.Random(seed)
        if self.stamp:
            _draw_stamp(image, self.stamp, rng, top_mm=self.margins_mm[0])
        for placed in page.lines:
            for blank in self.handwritten:
                if blank in placed.text:
                    _scribble(image, placed, blank, rng)
        return image


def labeled_set(count: int = 24, seed: int = 30) -> list[AdminDocument]:
    """``count`` typed documents: every field readable on a clean page."""
    rng = random.Random(seed)
    return [_document(rng, f"admin-{i:02d}", TYPES[i % len(TYPES)], stamped=i % 3 == 2) for i in range(count)]


def handwritten_set(count: int = 3, seed: int = 77) -> list[AdminDocument]:
    """``count`` printed forms whose number and day were filled in by hand: unreadable to OCR."""
    rng = random.Random(seed)
    return [
        _document(rng, f"handwritten-{i}", ("Chỉ thị", "Công văn", "Quyết định")[i % 3], handwritten=True)
        for i in range(count)
    ]


def text_of(page: BlockPage, interleaved: bool) -> str:
    """The page's text as OCR gives it: column blocks one after the other, or rows read across both columns."""
    if not interleaved:
        return "\n".join(line.text for line in page.lines)
    rows: dict[int, list] = {}
    for line in page.lines:
        top = next((t for t in rows if abs(t - line.box[1]) < 20), line.box[1])
        rows.setdefault(top, []).append(line)
    return "\n".join(
        " ".join(ln.text for ln in sorted(row, key=lambda ln: ln.box[0])) for _, row in sorted(rows.items())
    )


def _document(
    rng: random.Random, name: str, doc_type: str, stamped: bool = False, handwritten: bool = False
) -> AdminDocument:
    issuer = rng.choice([i for i in issuers(rng) if doc_type in i.types])
    issued = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    number, symbol = _number(rng, doc_type, issuer, issued)
    topic = rng.choice(TOPICS)
    summary = _summary(rng, doc_type, topic, issued.year)
    # A document cites only what was issued before it (the draw kept as it was, so the seeds' documents stay);
    # Resolution 36-NQ/TW (2014) is older than any of them.
    drawn = rng.sample(CITED, rng.choice((1, 2, 2, 3)))
    cited = [c for c in drawn if c[2] is None or c[2] < issued] or [CITED[-1]]
    own_ref = (
        "Tờ trình",
        f"{rng.randrange(5, 300)}/TTr-{issuer.code}",
        issued - timedelta(days=rng.randrange(3, 40)),
    )
    references = [(c[0], c[1], c[2]) for c in cited] + ([own_ref] if doc_type in ("Quyết định", "Nghị quyết") else [])
    signature = rng.choice(issuer.signatures)
    signer = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
    recipients = issuer.recipients
    number_text = f"{number}/{symbol}"
    blanks: tuple[str, ...] = ()
    number_line = f"Số: {number_text}"
    day = f"{issued.day:02d}" if rng.random() < 0.6 or issued.day >= 10 else str(issued.day)
    month = f"{issued.month:02d}" if issued.month <= 2 or rng.random() < 0.3 else str(issued.month)
    date_line = f"{issuer.place}, ngày {day} tháng {month} năm {issued.year}"
    if handwritten:  # the form is printed with blanks; the truth is what the hand wrote in them
        blanks = (f"Số:{' ' * 8}/", f"ngày{' ' * 7}tháng")
        number_line = f"{blanks[0]}{symbol}"
        date_line = f"{issuer.place}, {blanks[1]} {month} năm {issued.year}"

    left = [TextBlock(issuer.header, LEFT, centered=True, font_pt=12, bold=True, rule=0.45)]
    right = [
        TextBlock(
            ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
            RIGHT,
            centered=True,
            font_pt=12,
            bold=True,
            rule=0.6,
        )
    ]
    vv_lines = (summary,) if doc_type == "Công văn" else ()
    number_block = TextBlock((number_line, *vv_lines), LEFT, centered=True, font_pt=12)
    date_block = TextBlock((date_line,), RIGHT, centered=True, font_pt=12)
    if rng.random() < 0.5:  # the date level with the number
        header_rows = [(left[0], right[0]), (number_block, date_block)]
    else:  # the number in the left block, the date under the motto
        header_rows = [
            (
                TextBlock((*issuer.header, "", number_line, *vv_lines), LEFT, centered=True, font_pt=12),
                TextBlock(
                    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", date_line),
                    RIGHT,
                    True,
                    12,
                ),
            )
        ]
    body_rows = _body(rng, doc_type, issuer, summary, topic, cited, own_ref, issued)
    signature_rows = [
        (
            TextBlock(
                ("Nơi nhận:", *(f"- {r};" for r in recipients[:-1]), f"- {recipients[-1]}."), (0.0, 0.45), False, 11
            ),
            TextBlock((*signature, "", "", "", signer), (0.45, 1.0), centered=True, font_pt=12, bold=True),
        )
    ]
    truth = {
        "type": doc_type,
        "number": number_text,
        "date": issued.isoformat(),
        "place": issuer.place,
        "agency": issuer.agency or " ".join(issuer.header),
        "parent_agency": issuer.parent,
        "summary": summary,
        "recipients": list(recipients),
        "signer": signer,
        "signer_position": " ".join(signature),
        "title": _title(doc_type, summary),
        "references": [{"type": t, "number": n, "date": d.isoformat() if d else None} for t, n, d in references],
    }
    stamp = (
        (
            rng.choice(("CÔNG VĂN ĐẾN", "CV ĐẾN")),
            f"Số: {rng.randrange(100, 9999)}",
            f"Ngày: {rng.randrange(1, 29)}/{rng.randrange(1, 13)}/{rng.randrange(15, 25)}",
        )
        if stamped
        else None
    )
    margins = (rng.uniform(22, 28) if stamped else rng.uniform(15, 22), rng.uniform(25, 32), 15.0, rng.uniform(12, 18))
    return AdminDocument(name, truth, (*header_rows, *body_rows, *signature_rows), stamp, blanks, margins)


def _number(rng: random.Random, doc_type: str, issuer: Issuer, issued: date) -> tuple[int, str]:
    number = rng.choice((rng.randrange(1, 100), rng.randrange(100, 1000), rng.randrange(1000, 4000)))
    if doc_type == "Công văn":
        unit = rng.choice(issuer.units)
        return number, f"{issuer.code}-{unit}" if rng.random() < 0.8 else issuer.code
    abbreviation = ABBREVIATIONS[doc_type]
    if doc_type == "Nghị quyết" or (doc_type == "Quyết định" and rng.random() < 0.25):
        return number, f"{issued.year}/{abbreviation}-{issuer.code}"
    return number, f"{abbreviation}-{issuer.code}"


def _summary(rng: random.Random, doc_type: str, topic: str, year: int) -> str:
    capital = topic[0].upper() + topic[1:]
    choices = {
        "Quyết định": (
            f"Về việc phê duyệt Kế hoạch {topic} năm {year}",
            f"Về việc thành lập Tổ công tác {topic}",
            f"Ban hành Quy chế {topic}",
        ),
        "Kế hoạch": (f"{capital} năm {year}", f"Triển khai {topic} năm {year}"),
        "Chỉ thị": (f"Về việc tăng cường {topic}",),
        "Thông báo": (f"Kết quả kiểm tra {topic} năm {year}", f"Kết luận của lãnh đạo về {topic}"),
        "Báo cáo": (f"Kết quả {topic} năm {year}", f"Tình hình thực hiện {topic} 6 tháng đầu năm {year}"),
        "Tờ trình": (f"Đề nghị phê duyệt Kế hoạch {topic} năm {year}",),
        "Công văn": tuple(f"V/v {verb} {topic}" for verb in ("hướng dẫn", "đôn đốc", "đề nghị phối hợp", "triển khai")),
        "Hướng dẫn": (f"Thực hiện {topic} năm {year}",),
        "Giấy mời": (f"Dự Hội nghị tổng kết {topic} năm {year}",),
        "Công điện": (f"Về việc chủ động bảo vệ tài liệu lưu trữ trong mùa mưa bão năm {year}",),
        "Chương trình": (f"Công tác {topic} năm {year}",),
        "Đề án": (f"{capital} giai đoạn {year}-{year + 5}",),
        "Phương án": (f"Tổ chức {topic} năm {year}",),
        "Nghị quyết": (f"Thông qua Đề án {topic} giai đoạn {year}-{year + 5}",),
    }
    return rng.choice(choices[doc_type])


def _title(doc_type: str, summary: str) -> str:
    text = f"về việc {summary[4:]}" if summary.startswith("V/v ") else summary[0].lower() + summary[1:]
    return f"{doc_type} {text}"


def _citation(rng: random.Random, kind: str, number: str, issued: date | None) -> str:
    if issued is None:
        return f"{kind} số {number}"
    if rng.random() < 0.5:
        return f"{kind} số {number} ngày {issued.day:02d}/{issued.month}/{issued.year}"
    return f"{kind} số {number} ngày {issued.day} tháng {issued.month} năm {issued.year}"


def _body(rng, doc_type, issuer, summary, topic, cited, own_ref, issued) -> list[tuple[TextBlock, ...]]:
    citations = [f"{_citation(rng, k, n, d)} của {who} về {subject}" for k, n, d, who, subject in cited]
    rows: list[tuple[TextBlock, ...]] = []
    if doc_type != "Công văn":
        rows.append((TextBlock((doc_type.upper(), summary), MIDDLE, centered=True, font_pt=13, bold=True, rule=0.25),))
    else:
        rows.append((TextBlock(("Kính gửi: Các cơ quan, đơn vị trực thuộc",), MIDDLE, centered=True, font_pt=13),))
    if doc_type in ("Quyết định", "Nghị quyết"):
        rows.append((TextBlock((issuer.head_title,), FULL, centered=True, font_pt=13, bold=True),))
        grounds = [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            *(f"Căn cứ {c};" for c in citations),
            f"Theo đề nghị của Thủ trưởng đơn vị tại {_citation(rng, *own_ref)}.",
        ]
        enact = "QUYẾT ĐỊNH:" if doc_type == "Quyết định" else "QUYẾT NGHỊ:"
        articles = (
            f"Điều 1. {summary.removeprefix('Về việc ')} (chi tiết kèm theo).",
            "Điều 2. Văn bản này có hiệu lực kể từ ngày ký.",
            "Điều 3. Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành./.",
        )
        rows += [
            (TextBlock(tuple(grounds), FULL, font_pt=13),),
            (TextBlock((enact,), FULL, centered=True, font_pt=13, bold=True),),
            (TextBlock(articles, FULL, font_pt=13),),
        ]
    else:
        rows.append(
            (
                TextBlock(
                    (
                        f"Thực hiện {citations[0]}, đơn vị triển khai {topic} như sau:",
                        *(f"Thực hiện {c}." for c in citations[1:]),
                        "Đề nghị các cơ quan, đơn vị nghiêm túc triển khai, báo cáo kết quả đúng thời hạn./.",
                    ),
                    FULL,
                    font_pt=13,
                ),
            )
        )
    return rows


def _draw_stamp(image: Image.Image, lines: tuple[str, ...], rng: random.Random, top_mm: float) -> None:
    """An incoming-mail stamp in the top margin: boxed, slightly turned, in lighter ink."""
    stamp = render_blocks([[TextBlock(lines, font_pt=10)]], page_mm=(42, 20), margins_mm=(2.5, 3, 0, 0)).image
    draw = ImageDraw.Draw(stamp)
    draw.rectangle((2, 2, stamp.width - 3, stamp.height - 3), outline=0, width=4)
    stamp = stamp.point(lambda v: 70 + v * 185 // 255).rotate(rng.uniform(-4, 4), expand=True, fillcolor=255)
    x = rng.choice((rng.randrange(200, 500), rng.randrange(1300, 1700)))
    y = max(10, round(top_mm / 25.4 * 300) - stamp.height - 15)
    region = image.crop((x, y, x + stamp.width, y + stamp.height))
    image.paste(ImageChops.darker(region, stamp), (x, y))


def _scribble(image: Image.Image, placed: PlacedLine, blank: str, rng: random.Random) -> None:
    """Pen strokes in the spaces of ``blank``: a number written by hand, as OCR sees it."""
    start = placed.text.index(blank) + len(blank.split()[0])
    end = placed.text.index(blank) + len(blank) - len(blank.split()[-1])
    x0 = placed.box[0] + round(placed.font.getlength(placed.text[:start])) + 8
    x1 = placed.box[0] + round(placed.font.getlength(placed.text[:end])) - 8
    top, bottom = placed.box[1], placed.box[3]
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randrange(2, 4)):
        xs = np.linspace(x0, x1, 8) + np.array([rng.uniform(-8, 8) for _ in range(8)])
        ys = [rng.uniform(top - 5, bottom + 5) for _ in range(8)]
        draw.line(list(zip(xs.tolist(), ys, strict=True)), fill=40, width=rng.randrange(4, 7), joint="curve")
