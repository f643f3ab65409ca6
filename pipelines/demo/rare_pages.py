"""Pages of a rare collection, rendered: Hán-Nôm text set vertically or horizontally, and photographs and drawings.

The demo, the tests and ``benchmarks/scripts.py`` need pages whose script is
known: Han characters in several fonts, columns read top to bottom and right
to left as on a royal decree (sắc phong) or in lines as in a printed book, on
tinted paper with scanner noise; and pages with no text at all, a
photograph's tones or a map's lines, which must not be read as text.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from digitize.errors import DigitizeError
from pipelines.archive.catalog import Catalog
from pipelines.demo.synthetic import A4_MM, LIGHT, MEDIUM, Degradation, SyntheticPage, scan

#: The demo's rare collection: a royal decree in Hán-Nôm and a photograph.
RARE_COLLECTION = "Tài liệu cổ, quý hiếm"
#: What the demo says a page was taken for, by its source.
_TAKEN_AS = {
    "image": "kept as an image for a specialist (not read with vie)",
    "illustration": "an illustration: no text, not blank, not for review",
    "text-layer": "its own text layer",
    "blank": "blank",
}

#: The opening of the Thousand Character Classic (千字文, 6th century, public domain), in traditional characters:
#: the primer every Hán-Nôm reader learnt from.
HAN_TEXT = (
    "天地玄黃宇宙洪荒日月盈昃辰宿列張寒來暑往秋收冬藏閏餘成歲律呂調陽雲騰致雨露結為霜金生麗水玉出崑岡"
    "劍號巨闕珠稱夜光果珍李柰菜重芥薑海鹹河淡鱗潛羽翔龍師火帝鳥官人皇始制文字乃服衣裳推位讓國有虞陶唐"
    "弔民伐罪周發殷湯坐朝問道垂拱平章愛育黎首臣伏戎羌遐邇一體率賓歸王鳴鳳在竹白駒食場化被草木賴及萬方"
    "蓋此身髮四大五常恭惟鞠養豈敢毀傷女慕貞絜男效才良知過必改得能莫忘罔談彼短靡恃己長信使可覆器欲難量"
    "墨悲絲染詩讚羔羊景行維賢克念作聖德建名立形端表正空谷傳聲虛堂習聽禍因惡積福緣善慶尺璧非寶寸陰是競"
)

#: A page of a French colonial report, as the provincial archives hold them (written for these tests).
FRENCH_TEXT = """RAPPORT SUR LA SITUATION DE LA PROVINCE DE QUẢNG NGÃI
Le Résident de France à Quảng Ngãi a l'honneur de rendre compte à Monsieur le Résident supérieur en Annam de \
la situation générale de la province pendant le troisième trimestre de l'année 1912.
L'état sanitaire a été satisfaisant : aucune épidémie de choléra n'a été signalée, et les vaccinations \
ont été poursuivies dans les cantons de l'intérieur, où les notables ont prêté leur concours avec zèle.
Les récoltes du dixième mois s'annoncent bonnes ; les pluies, arrivées tôt, ont permis aux cultivateurs de \
repiquer le riz dans presque toutes les rizières. Le prix du paddy a légèrement baissé au marché de Thu Xà.
Les travaux de la route coloniale ont été repris après la saison des pluies. Le pont de Trà Khúc, \
endommagé par la crue, sera réparé avant la fin de l'année ; les crédits nécessaires ont été demandés.
L'école franco-annamite du chef-lieu compte désormais cent vingt-deux élèves ; le maître, très dévoué, \
réclame des livres et des cahiers. L'œuvre de l'enseignement mérite d'être encouragée.
"""


@lru_cache(maxsize=1)
def han_fonts() -> tuple[Path, ...]:
    """The fonts with traditional Han characters that fontconfig knows (Debian's fonts-arphic-uming,
    fonts-wqy-zenhei, fonts-noto-cjk ...); none raises, naming the packages."""
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh-tw", "file"], capture_output=True, text=True, timeout=20, check=False
        ).stdout.split()
    except (OSError, subprocess.TimeoutExpired):
        listed = []
    found = tuple(sorted({Path(name.rstrip(":")) for name in listed if name.rstrip(":").endswith((".ttc", ".ttf"))}))
    if not found:
        raise DigitizeError(None, "no font with Han characters found (apt-get install fonts-arphic-uming)")
    return found


def han_page(
    font_path: Path,
    vertical: bool = True,
    degradation: Degradation = LIGHT,
    paper: float = 1.0,
    seed: int = 0,
    font_pt: float = 28.0,
    dpi: int = 300,
    page_mm: tuple[float, float] = A4_MM,
) -> SyntheticPage:
    """A page of ``HAN_TEXT``: columns right to left when ``vertical``, else lines; ``paper`` below 1 tints the
    sheet (0.8: old yellowed paper, as grey)."""
    size = round(font_pt / 72 * dpi)
    face = ImageFont.truetype(str(font_path), size)
    width, height = (round(mm / 25.4 * dpi) for mm in page_mm)
    margin = round(22 / 25.4 * dpi)
    step = round(size * 1.15)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    across, along = (width, height) if vertical else (height, width)
    per_run = (along - 2 * margin) // step
    runs = (across - 2 * margin) // round(size * 1.6)
    placed = []
    for index, char in enumerate(HAN_TEXT[: per_run * runs]):
        run, position = divmod(index, per_run)
        if vertical:  # columns from the right edge leftwards, each top to bottom
            x, y = width - margin - (run + 1) * round(size * 1.6), margin + position * step
        else:
            x, y = margin + position * step, margin + run * round(size * 1.6)
        draw.text((x, y), char, font=face, fill=0)
        placed.append(char)
    page.info["dpi"] = (dpi, dpi)
    scanned = scan(page, 0.0, degradation, seed)
    if paper < 1.0:
        scanned = Image.fromarray((np.asarray(scanned, dtype=np.float32) * paper).astype(np.uint8), "L")
        scanned.info["dpi"] = (dpi, dpi)
    return SyntheticPage(scanned, "".join(placed), 0.0)


def photograph(seed: int = 0, size: tuple[int, int] = (2480, 3508), dpi: int = 300) -> Image.Image:
    """A photograph's tones, synthesised: soft light and shade, a few objects with shading and edges, film grain."""
    rng = np.random.default_rng(seed)
    width, height = size
    coarse = rng.uniform(40, 220, (6, 5)).astype(np.float32)
    tones = np.asarray(Image.fromarray(coarse).resize((width, height), Image.Resampling.BICUBIC), dtype=np.float32)
    picture = Image.fromarray(np.clip(tones, 0, 255).astype(np.uint8), "L")
    draw = ImageDraw.Draw(picture)
    for _ in range(int(rng.integers(5, 10))):
        x0, y0 = rng.uniform(0, width), rng.uniform(0, height)
        w, h = rng.uniform(0.1, 0.45) * width, rng.uniform(0.1, 0.45) * height
        shape = draw.ellipse if rng.random() < 0.5 else draw.rectangle
        shape((x0, y0, x0 + w, y0 + h), fill=int(rng.integers(10, 245)))
    picture = picture.filter(ImageFilter.GaussianBlur(6))
    values = np.asarray(picture, dtype=np.float32) + rng.normal(0, 7, (height, width)).astype(np.float32)
    result = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8), "L")
    result.info["dpi"] = (dpi, dpi)
    return result


def drawing(seed: int = 0, size: tuple[int, int] = (2480, 3508), dpi: int = 300) -> Image.Image:
    """A map or line drawing: winding rivers and roads, field boundaries, hatching, on paper; no text."""
    rng = np.random.default_rng(seed)
    width, height = size
    page = Image.new("L", size, 255)
    draw = ImageDraw.Draw(page)
    for _ in range(int(rng.integers(6, 12))):
        points = np.cumsum(rng.normal(0, 120, (40, 2)), axis=0) + rng.uniform(0, 1, 2) * (width, height)
        draw.line([tuple(p) for p in points], fill=int(rng.integers(0, 90)), width=int(rng.integers(3, 12)))
    for _ in range(int(rng.integers(3, 7))):
        x0, y0 = rng.uniform(0, 0.8) * width, rng.uniform(0, 0.8) * height
        w, h = rng.uniform(0.08, 0.2) * width, rng.uniform(0.08, 0.2) * height
        for offset in range(0, int(w + h), 28):  # hatching inside a field
            draw.line((x0 + offset, y0, x0 + offset - h, y0 + h), fill=90, width=3)
        draw.rectangle((x0, y0, x0 + w, y0 + h), outline=0, width=6)
    page.info["dpi"] = (dpi, dpi)
    return scan(page, 0.0, LIGHT, seed)


def make_rare_scans(folder: Path) -> Path:
    """The demo's rare pages in ``folder``, rendered once: a sắc phong in columns on yellowed paper, a photograph."""
    folder.mkdir(parents=True, exist_ok=True)
    decree, picture = folder / "sac-phong.png", folder / "anh-tu-lieu.jpg"
    if not decree.is_file():
        han_page(han_fonts()[0], vertical=True, degradation=MEDIUM, paper=0.8, seed=7).image.save(decree)
    if not picture.is_file():
        photograph(7).save(picture, quality=85, dpi=(300, 300))
    return folder


def how_taken(catalog: Catalog, folder: Path) -> list[str]:
    """One line per page of the documents from ``folder``: the script it was found in and what it became."""
    lines = []
    for document in catalog.documents.all():
        if Path(document.source_path).parent.resolve() != folder.resolve():
            continue
        for page in catalog.pages.of_document(document.id):
            taken = _TAKEN_AS.get(page.source, f"read with {'+'.join(page.languages)}")
            flags = f" [{', '.join(page.flags)}]" if page.flags else ""
            script = "no text" if page.script == "none" else page.script
            lines.append(f"  {Path(document.source_path).name} page {page.number}: {script}, {taken}{flags}")
    return lines
