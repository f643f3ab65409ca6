"""IIIF Image API 3.0 at level 1: a page image's ``info.json``, and its regions at the sizes a viewer asks for.

Level 1 rather than level 0's pre-made tiles, by measurement (``benchmarks/iiif_image.py``, figures in
docs/decisions.md): a whole-page view cut on request took 32–36 ms and a zoomed one 52–81 ms, nothing on disk,
where pre-made tiles would add one and a half times every page's bytes to the archive and 0.3 s to every
page of a run. JPEG pages are decoded at a reduced scale when the request is smaller (Pillow's ``draft``:
libjpeg skips the fine coefficients), and a few decoded pages are kept so the tiles of one zoom decode
their page once.

Beyond level 1 this server also answers ``!w,h`` sizes (``sizeByConfinedWh``), which viewers use for
thumbnails; everything else of level 2 (percent regions, rotations, qualities other than ``default``,
formats other than JPEG, upscaling) is refused as not implemented (501).
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from index.iiif.budget import RenderBudget
from index.iiif.errors import ImageRequestError

CONTEXT = "http://iiif.io/api/image/3/context.json"
PROTOCOL = "http://iiif.io/api/image"
#: Tiles as OpenSeadragon (inside Mirador) asks for them: 512 px squares at each halving of the page.
TILE = 512
SCALE_FACTORS = (1, 2, 4, 8, 16)
#: JPEG quality of what is sent: the archive's own page images are quality 75, so more only adds bytes.
QUALITY = 80
#: Decoded pages kept, in bytes: nine greyscale A4 pages at 300 dpi (8.7 million pixels each), three in colour, or
#: a 9999 × 9999 colour page decoded at half size.
CACHE_BYTES = 80 * 1024 * 1024
#: JPEGs kept to be sent again, in bytes: a few hundred tiles and thumbnails.
SENT_BYTES = 32 * 1024 * 1024
#: The largest answer, in pixels (``maxArea`` in ``info.json``; ``max`` is this large at most): an A4 page at
#: 300 dpi and some. Larger pages are shown through their tiles; a 9999 × 9999 page's ``max`` is 3162 × 3162.
MAX_AREA = 10_000_000
#: Features answered besides level 1's (``sizeByConfinedWh``) and what level 1 already means.
EXTRA_FEATURES = ("sizeByConfinedWh",)

_REGION = re.compile(r"(\d{1,6}),(\d{1,6}),(\d{1,6}),(\d{1,6})")
_SIZE = re.compile(r"(!?)(\d{0,6}),(\d{0,6})")


@dataclass(frozen=True)
class ImageRequest:
    """What to cut and how large to send it, in pixels of the full image."""

    #: left, top, width and height of the region, within the image.
    region: tuple[int, int, int, int]
    #: width and height of the answer.
    size: tuple[int, int]


def info(service_id: str, width: int, height: int) -> dict:
    """The ``info.json`` of one image: what a viewer needs to ask for its tiles and sizes."""
    sizes = []
    for factor in SCALE_FACTORS[1:]:
        w, h = math.ceil(width / factor), math.ceil(height / factor)
        if width // factor >= 64 and height // factor >= 64 and w * h <= MAX_AREA:
            sizes.append({"width": w, "height": h})
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": PROTOCOL,
        "profile": "level1",
        "width": width,
        "height": height,
        "maxWidth": width,
        "maxHeight": height,
        "maxArea": min(MAX_AREA, width * height),
        "sizes": sorted(sizes, key=lambda size: size["width"]),
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": list(SCALE_FACTORS)}],
        "extraFeatures": list(EXTRA_FEATURES),
    }


def parse_request(region: str, size: str, rotation: str, quality_format: str, width: int, height: int) -> ImageRequest:
    """The four path segments of an image request, checked against the image's ``width`` × ``height``."""
    quality, _, suffix = quality_format.partition(".")
    if rotation != "0":
        raise ImageRequestError(f"rotation {rotation!r} is not implemented: only 0", 501)
    if quality != "default":
        raise ImageRequestError(f"quality {quality!r} is not implemented: only default", 501)
    if suffix != "jpg":
        raise ImageRequestError(f"format {suffix!r} is not implemented: only jpg", 501)
    box = _region(region, width, height)
    return ImageRequest(box, _size(size, box[2], box[3]))


def _region(text: str, width: int, height: int) -> tuple[int, int, int, int]:
    if text == "full":
        return 0, 0, width, height
    if text == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, side, side
    if text.startswith("pct:"):
        raise ImageRequestError("percent regions are not implemented", 501)
    match = _REGION.fullmatch(text)
    if not match:
        raise ImageRequestError(f"region must be full, square or x,y,w,h, not {text!r}")
    x, y, w, h = (int(value) for value in match.groups())
    if w == 0 or h == 0 or x >= width or y >= height:
        raise ImageRequestError(f"region {text} lies outside the {width}×{height} image")
    return x, y, min(w, width - x), min(h, height - y)


def _size(text: str, width: int, height: int) -> tuple[int, int]:
    """The answer's size for a region of ``width`` × ``height``; never larger than the region (no ``^``)."""
    if text.startswith("^"):
        raise ImageRequestError("upscaling (^) is not implemented", 501)
    if text == "max":
        return _within_area(width, height)
    if text.startswith("pct:"):
        raise ImageRequestError("percent sizes are not implemented", 501)
    match = _SIZE.fullmatch(text)
    if not match or not (match.group(2) or match.group(3)):
        raise ImageRequestError(f"size must be max, w,, ,h, w,h or !w,h, not {text!r}")
    confined, w, h = match.group(1), int(match.group(2) or 0), int(match.group(3) or 0)
    if confined:
        if not (w and h):
            raise ImageRequestError(f"size {text} needs both a width and a height")
        scale = min(w / width, h / height)
        w, h = max(1, round(width * scale)), max(1, round(height * scale))
    elif not h:
        h = max(1, round(height * w / width))
    elif not w:
        w = max(1, round(width * h / height))
    if w == 0 or h == 0:
        raise ImageRequestError(f"size {text} is empty")
    if w > width or h > height:
        raise ImageRequestError(f"size {text} is larger than the {width}×{height} region (^ is not implemented)")
    if w * h > MAX_AREA:
        raise ImageRequestError(f"size {text} is more than the {MAX_AREA} pixels this server sends (maxArea)")
    return w, h


def _within_area(width: int, height: int) -> tuple[int, int]:
    """``width`` × ``height``, scaled down to ``MAX_AREA`` pixels if it is larger (``max`` of the Image API)."""
    if width * height <= MAX_AREA:
        return width, height
    scale = math.sqrt(MAX_AREA / (width * height))
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def image_size(path: Path) -> tuple[int, int]:
    """Width and height, read from the file's header alone."""
    with Image.open(path) as image:
        return image.size


class PageImages:
    """Cuts and scales page images within a memory budget, keeping the last few decoded so a viewer's tiles share
    one decoding."""

    def __init__(self, cache_bytes: int = CACHE_BYTES, budget: RenderBudget | None = None) -> None:
        self.cache_bytes = cache_bytes
        self.budget = budget or RenderBudget()
        #: (path, modification time, reduction) → the decoded image
        self._decoded: OrderedDict[tuple[Path, int, int], Image.Image] = OrderedDict()
        self._lock = threading.Lock()
        #: JPEGs sent, by (path, modification time, request): the same thumbnail or tile asked by many viewers
        self._answers = SentImages()

    def render(self, path: Path, request: ImageRequest) -> bytes:
        """The JPEG of ``request`` cut from the image at ``path``."""
        x, y, w, h = request.region
        out_w, out_h = request.size
        with Image.open(path) as opened:
            full_w, full_h, bands = opened.width, opened.height, min(len(opened.getbands()), 3)
        reduction, modified = _reduction(min(w / out_w, h / out_h)), path.stat().st_mtime_ns
        key, answer_key = (path, modified, reduction), (path, modified, request)
        decoding = math.ceil(full_w / reduction) * math.ceil(full_h / reduction) * bands

        def cost() -> int:
            if self._answers.get(answer_key) is not None:
                return 0
            # Lanczos resizes in two passes: the region's height at the answer's width, then the answer; and its JPEG
            passes = out_w * math.ceil(h / reduction) * bands + 2 * out_w * out_h * bands
            return (0 if self._kept(key) else decoding) + passes

        with self.budget.reserved(cost):
            sent = self._answers.get(answer_key)  # made while this one waited for room: a viewer's many asks
            if sent is not None:
                return sent
            image = self._decoded_at(key)
            # libjpeg rounds each side up on its own: the scale of each axis is its own
            sx, sy = image.width / full_w, image.height / full_h
            box = (x * sx, y * sy, min((x + w) * sx, image.width), min((y + h) * sy, image.height))
            cut = image.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
            buffer = io.BytesIO()
            cut.save(buffer, "JPEG", quality=QUALITY)
        self._answers.put(answer_key, buffer.getvalue())
        return buffer.getvalue()

    def _kept(self, key: tuple[Path, int, int]) -> bool:
        with self._lock:
            return key in self._decoded

    def _decoded_at(self, key: tuple[Path, int, int]) -> Image.Image:
        path, _, reduction = key
        with self._lock:
            if key in self._decoded:
                self._decoded.move_to_end(key)
                return self._decoded[key]
        with Image.open(path) as opened:
            if reduction > 1:
                # Pillow picks the scale by whole division (9999 // 5000 is 1): ask for the floor of each side
                opened.draft(opened.mode, (max(1, opened.width // reduction), max(1, opened.height // reduction)))
            image = opened.convert("RGB") if opened.mode not in ("L", "RGB") else opened.copy()
        with self._lock:
            self._decoded[key] = image
            while sum(_bytes(kept) for kept in self._decoded.values()) > self.cache_bytes and len(self._decoded) > 1:
                self._decoded.popitem(last=False)
            if _bytes(image) > self.cache_bytes:  # larger than the cache: used once, not kept
                self._decoded.pop(key, None)
        return image


class SentImages:
    """The last JPEGs made, up to ``SENT_BYTES``, least recently used dropped first; safe across threads."""

    def __init__(self, most: int = SENT_BYTES) -> None:
        self.most = most
        self._kept: OrderedDict[tuple[Path, int, ImageRequest], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[Path, int, ImageRequest]) -> bytes | None:
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
            return self._kept.get(key)

    def put(self, key: tuple[Path, int, ImageRequest], data: bytes) -> None:
        with self._lock:
            self._kept[key] = data
            while sum(map(len, self._kept.values())) > self.most and len(self._kept) > 1:
                self._kept.popitem(last=False)


def _bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())


def _reduction(scale: float) -> int:
    """The largest of libjpeg's reductions (1, 2, 4, 8) that still decodes at least the pixels asked for."""
    reduction = 1
    while reduction < 8 and reduction * 2 <= scale:
        reduction *= 2
    return reduction


def parse_identifier(identifier: str) -> tuple[str, int]:
    """``DOC-PAGE`` → (DOC, PAGE); the page is the last part after a hyphen, so document ids may hold hyphens."""
    doc_id, hyphen, page = identifier.rpartition("-")
    if not hyphen or not doc_id or not page.isdigit() or len(page) > 6:
        raise ImageRequestError(f"an image id is DOCUMENT-PAGE, not {identifier!r}")
    return doc_id, int(page)


def identifier(doc_id: str, page: int) -> str:
    return f"{doc_id}-{page}"
