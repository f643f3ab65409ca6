"""trueocr: a Vietnamese CPU line recognizer, one of the engines behind ``digitize.ocr.engines``.

trueocr 0.1.1 (PyPI, Apache-2.0) ships four ONNX models inside its wheel
(about 8 MB; nothing is downloaded at run time) and runs them on ONNX Runtime:

- ``det.onnx`` finds text lines: the page is resized to a long side of 1,024 px
  (2,048 when the median line is under 9 detector px) and each line comes back
  as an axis-aligned box with a score (``PageEngine.detect``);
- ``rec.onnx`` reads one line: a CTC recognizer over 221 symbols (every
  Vietnamese letter with its diacritics, digits, common punctuation; no ``?``,
  ``!``, ``"``, ``=`` or dashes other than ``-``). Its input is the line box
  padded by 0.2 × its height above and below and 0.3 × at each end, set in a
  window three lines high and resized to 96 px (the line box itself to about
  23 px) and at most 768 px wide. It outputs, per 4-px time step of that
  input, the best symbol and its probability (``ids``, ``conf``, ``lengths``);
- ``orient.onnx`` finds quarter turns and ``order.onnx`` the reading order:
  pairwise "before" logits, "same block" logits and a layout class per line.

The library's own ``TrueOCR.predict`` flattens all this into lines of text and
a mean confidence, in the coordinates of the page *after* its own deskew. This
engine calls the models itself so that it keeps what the archive needs: the
blocks of the reading-order model, word boxes in the input image's pixels and
word confidences. It uses trueocr's module-level helpers (``trueocr.page``,
``trueocr.preprocess``, ``trueocr.order``), hence the ``<0.2`` pin.

ONNX Runtime runs each model on ``threads`` intra-op threads (one by default:
one core per worker process, as Tesseract's ``OMP_THREAD_LIMIT=1``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import cv2
import numpy as np

from digitize.errors import OcrEngineError
from digitize.ink import find_ink
from digitize.ocr.columns import split_at_columns
from digitize.ocr.glyph_vote import doubtful, vote
from digitize.ocr.merged_lines import fit_to_lines
from digitize.ocr.options import OcrOptions
from digitize.ocr.page import Block, Line, OcrPage, Software, Word
from digitize.ocr.reading_order import in_reading_order
from digitize.ocr.respelling import respelled
from digitize.textnorm import normalize, unify_tone_marks

ENGINE = "trueocr"
#: Width of one recognizer time step in its input pixels (the model's horizontal stride).
TIME_STEP_PX = 4
#: Each line is read with the first of these shares of its box's height added above and below; a line the
#: recognizer is unsure of again with the others, its letters then voted (``recognize_boxes``, ``glyph_vote``).
LINE_MARGINS = (0.025, 0.05, 0.0, 0.075, 0.1)


@dataclass(frozen=True)
class Glyph:
    """One symbol the recognizer emitted: where (x in the line crop's pixels) and how sure (0–1)."""

    char: str
    confidence: float
    x: float


@dataclass(frozen=True)
class LineReading:
    """A line as the recognizer read it: its symbols in order, spaces included."""

    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return normalize("".join(glyph.char for glyph in self.glyphs))


def load(options: OcrOptions) -> TrueOcrEngine:
    """trueocr as ``options`` set it (languages and layout mode are Tesseract's): see ``digitize.ocr.registry``."""
    return TrueOcrEngine(unify_tones=options.unify_tones)


class TrueOcrEngine:
    """trueocr's detection, recognition and reading-order models, loaded once.

    ``straighten`` lets trueocr measure the page's skew (its projection-profile
    search, ±45°) and read a straightened copy, boxes mapped back onto the image
    given: for an image that did not come through ``preprocess.prepare``, which
    turns pages upright before OCR.
    """

    def __init__(
        self,
        threads: int = 1,
        straighten: bool = False,
        unify_tones: bool = False,
        margins: tuple[float, ...] = LINE_MARGINS,
        respell: bool = True,
    ) -> None:
        try:
            import trueocr
            from trueocr.page import PageEngine
            from trueocr.recognizer import Recognizer
        except ImportError as error:  # pragma: no cover - a dependency of the project
            raise OcrEngineError(None, f"trueocr is not installed ({error}): pip install trueocr") from None
        self.threads, self.straighten, self.unify_tones, self.margins = threads, straighten, unify_tones, margins
        self.respell = respell
        self._version = trueocr.__version__
        models = Path(trueocr.__file__).parent / "models"
        try:
            self._recognizer = Recognizer(models, threads=threads)
            self._page = PageEngine(models, threads=threads)
        except (OSError, RuntimeError) as error:
            raise OcrEngineError(None, f"trueocr cannot load its models from {models}: {error}") from None

    @cached_property
    def software(self) -> tuple[Software, ...]:
        return (Software("trueocr", f"{self._version} ({self._recognizer.name})"),)

    def settings(self) -> dict[str, object]:
        return {
            "model": self._recognizer.name,
            "threads": self.threads,
            "straighten": self.straighten,
            "unify_tones": self.unify_tones,
            "line_margins": self.margins,
            "respell": self.respell,
        }

    # -- a page ---------------------------------------------------------------

    def read(self, image: np.ndarray, unflattened: np.ndarray | None = None) -> OcrPage:
        """The page's words, read on ``unflattened`` when there is one (see ``recognize_boxes``), boxes in the
        frame both images share."""
        gray = _grey(image if unflattened is None else unflattened)
        height, width = gray.shape
        work, back = self._upright(gray)
        ink = find_ink(work)
        boxes = fit_to_lines(ink, split_at_columns(ink, self._line_boxes(work)))
        if not boxes:
            return OcrPage((), self.software)
        readings = self.recognize_boxes(work, boxes)
        groups = self._blocks(np.asarray(boxes, np.float32), [r.text for r in readings], work.shape[::-1])
        blocks = []
        for group in groups:
            lines = []
            for i in group:
                words = _words(readings[i], boxes[i], work, back, (width, height), self.unify_tones)
                if words:
                    lines.append(Line(words, ENGINE))
            if lines:
                blocks.append(Block(tuple(lines)))
        return in_reading_order(OcrPage(tuple(blocks), self.software))

    def read_box_lines(self, image: np.ndarray, boxes: Sequence[tuple[int, int, int, int]]) -> list[Line]:
        """Each line box of ``image`` read as one line, its words' boxes in ``image``'s pixels (as
        ``TesseractEngine.read_box_lines``): lines another finder found."""
        gray = _grey(image)
        size = gray.shape[::-1]
        readings = self.recognize_boxes(gray, boxes)
        return [
            Line(_words(reading, box, gray, None, size, self.unify_tones), ENGINE)
            for reading, box in zip(readings, boxes, strict=True)
        ]

    def _upright(self, gray: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        """The image trueocr reads, and the affine map from its pixels back to ``gray``'s (None: the same)."""
        from trueocr.page import DESKEW_MIN, estimate_skew, rotate_page

        angle = estimate_skew(gray, pool=self._page.pool) if self.straighten else 0.0
        if abs(angle) < DESKEW_MIN:
            return gray, None
        height, width = gray.shape
        rotation = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        return rotate_page(gray, angle), cv2.invertAffineTransform(rotation)

    def _line_boxes(self, gray: np.ndarray) -> list[tuple[int, int, int, int]]:
        """Detected line boxes in integer pixels, as ``TrueOCR.predict`` makes them."""
        height, width = gray.shape
        boxes = []
        for box in self._page.detect(gray):
            x0, y0 = (int(v) for v in np.floor(box[:2]))
            x1, y1 = (int(v) for v in np.ceil(box[2:4]))
            x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
            if x1 > x0 and y1 > y0:
                boxes.append((x0, y0, x1, y1))
        return boxes

    def _blocks(self, boxes: np.ndarray, texts: list[str], size: tuple[int, int]) -> list[list[int]]:
        """Line indices grouped in the order model's blocks, blocks and lines in reading order.

        The blocks and the order inside them are ``trueocr.order.decode_blocks_order``'s;
        the blocks are then put in order by a recursive XY-cut over their boxes rather
        than by the model's pairwise order: on the born-digital pages the model's order
        read a Decree-30 foot line by line across its two blocks (Nơi nhận, the signer),
        and CER was 5.1% against 3.9% with XY-cut (order-free word error the same).
        ``read`` then puts the page through ``reading_order`` as Tesseract's pages are:
        lines cut at a column gap (``digitize.ocr.columns``) stand level in one block,
        which XY-cut over blocks cannot part (``benchmarks/layout.py``).
        """
        from trueocr.order import GRID_CLASSES, _cluster, line_features, order_top_down, order_xycut

        n = len(boxes)
        if n < 2:
            return [list(range(n))]
        features = line_features(boxes, size, texts)[None]
        _, classes, same = self._page.order.run(
            ["a", "cls", "same"], {"feats": features, "mask": np.ones((1, n), bool)}
        )
        classes, same = classes[0], same[0]
        blocks = []
        for group in _cluster(same):
            grid = int(classes[group].sum(0).argmax()) in GRID_CLASSES
            local = order_top_down(boxes[group]) if grid else order_xycut(boxes[group])
            blocks.append([group[k] for k in local])
        bounds = np.array(
            [[boxes[b, 0].min(), boxes[b, 1].min(), boxes[b, 2].max(), boxes[b, 3].max()] for b in blocks], np.float32
        )
        return [blocks[k] for k in order_xycut(bounds)]

    # -- lines ----------------------------------------------------------------

    def recognize_boxes(self, gray: np.ndarray, boxes: Sequence[tuple[int, int, int, int]]) -> list[LineReading]:
        """The reading of each line box of ``gray``, its symbols placed in pixels from the box's left edge.

        Each line is cut out of the page with a margin of ``margins[0]`` × its
        height added above and below, and set alone on white, as the recognizer
        was made to read it (``trueocr.preprocess.crop_line``): the detector's
        box often clips a pixel of a tone mark over a circumflex (ầ, ể, ổ) or of
        a blurred stroke, and such a mark cut off reads as another (ể → ế) or as
        none. A line the recognizer is unsure of (``glyph_vote.doubtful``:
        blurred, tiny text) is read again with the other ``margins`` and its
        letters are voted (``glyph_vote``); then, with ``respell``, every line's
        unsure tone and vowel marks are re-chosen by how Vietnamese is written
        (``respelling``). ``gray`` is the page before its
        background is flattened (``read``'s ``unflattened``): flattening clips
        faint blurred strokes. Figures (``benchmarks/line_margins.py``) and what
        was tried before in ``docs/decisions.md``.
        """
        gray = _grey(gray)
        first, *others = self.margins
        readings = self._run(*self._inputs(gray, boxes, first))
        again = [i for i, reading in enumerate(readings) if others and doubtful(reading.glyphs)]
        if again:
            chosen = [boxes[i] for i in again]
            again_read = [self._run(*self._inputs(gray, chosen, margin)) for margin in others]
            for n, i in enumerate(again):
                readings[i] = LineReading(vote([readings[i].glyphs, *(other[n].glyphs for other in again_read)]))
        if not self.respell:
            return readings
        return [LineReading(respelled(reading.glyphs)) for reading in readings]

    def _inputs(self, gray: np.ndarray, boxes: Sequence[tuple[int, int, int, int]], margin: float):
        """The recognizer's input for each line box, cut out with ``margin`` × its height above and below, and
        where each input starts and how it is scaled (``_run``'s ``geometry``)."""
        from trueocr.preprocess import WINDOW, crop_line

        recognizer = self._recognizer
        inputs, geometry = [], []
        for box in boxes:
            x0, y0, x1, y1 = (int(v) for v in box[:4])
            top = max(0, math.floor(y0 - margin * (y1 - y0)))
            bottom = min(gray.shape[0], math.ceil(y1 + margin * (y1 - y0)))
            height = bottom - top
            inputs.append(
                crop_line(
                    gray[top:bottom, x0:x1],
                    (0, 0, x1 - x0, height),
                    pad_y=recognizer.pad_y,
                    pad_x=recognizer.pad_x,
                    max_width=recognizer.max_width,
                    window=WINDOW,
                )
            )
            # crop_line's input starts pad_x × the crop's height left of the box and is resized to the input.
            left, right = math.floor(-recognizer.pad_x * height), math.ceil(x1 - x0 + recognizer.pad_x * height)
            geometry.append((float(left), max(1, right - left) / inputs[-1].shape[1]))
        return inputs, geometry

    def _run(self, inputs: list[np.ndarray], geometry: list[tuple[float, float]], batch_size: int = 32):
        """Recognizer inputs through the model in batches of similar width; ``geometry`` places each one's steps."""
        from trueocr.preprocess import pad_batch, width_batches

        recognizer = self._recognizer
        readings: list[LineReading] = [LineReading(())] * len(inputs)
        for selected in width_batches([x.shape[1] for x in inputs], max_batch=batch_size):
            tensor, widths = pad_batch([inputs[i] for i in selected])
            ids, conf, lengths = recognizer.session.run(["ids", "conf", "lengths"], {"x": tensor, "widths": widths})
            for j, index in enumerate(selected):
                steps = ids[j, : int(lengths[j])]
                # Greedy CTC: a symbol where the step's best is not blank (0) and differs from the step before.
                kept = np.flatnonzero((steps != 0) & np.concatenate(([True], steps[1:] != steps[:-1])))
                origin, scale = geometry[index]
                glyphs = tuple(
                    Glyph(
                        recognizer.chars[int(steps[t]) - 1],
                        float(conf[j, t]),
                        origin + (t + 0.5) * TIME_STEP_PX * scale,
                    )
                    for t in kept
                )
                readings[index] = LineReading(glyphs)
        return readings


def _grey(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY if image.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    if image.ndim != 2 or not image.size:
        raise OcrEngineError(None, f"trueocr reads a greyscale image, not an array of shape {image.shape}")
    return np.ascontiguousarray(image, dtype=np.uint8)


def _words(
    reading: LineReading,
    box: tuple[int, int, int, int],
    work: np.ndarray,
    back: np.ndarray | None,
    size: tuple[int, int],
    unify_tones: bool,
) -> tuple[Word, ...]:
    """The line's words with boxes in the input image's pixels and confidences 0–100.

    The recognizer gives no word boxes, but CTC places each symbol it emits at a
    4-px time step, and the space symbols it emits between words mark where one
    word ends and the next begins. Each word gets the stretch of the line box
    from the space before it to the space after it (the line's ends for the
    first and last word), tightened to the ink found in that stretch. Only
    when no ink is found (a faint word) does the stretch itself stay the box.
    """
    x0, y0, x1, y1 = box
    # Words split at the space symbols; a gap's cut is the mean place of its spaces.
    words: list[list[Glyph]] = []
    cuts: list[float] = []
    gap: list[float] = []
    for glyph in reading.glyphs:
        if glyph.char == " ":
            gap.append(glyph.x)
            continue
        if not words or gap:
            if words:
                cuts.append(sum(gap) / len(gap))
            words.append([])
            gap = []
        words[-1].append(glyph)
    if not words:
        return ()
    line = work[y0:y1, x0:x1]
    ink = _ink(line)
    edges = [0.0, *cuts, float(x1 - x0)]
    result = []
    for number, glyphs in enumerate(words):
        text = normalize("".join(glyph.char for glyph in glyphs))
        if not text:
            continue
        if unify_tones:
            text = unify_tone_marks(text)
        left = max(0, math.floor(edges[number]))
        right = min(x1 - x0, math.ceil(edges[number + 1]))
        right = max(right, left + 1)
        columns = np.flatnonzero(ink[:, left:right].any(axis=0)) if ink.size else np.empty(0, int)
        top, bottom = 0, y1 - y0
        if len(columns):
            rows = np.flatnonzero(ink[:, left + columns[0] : left + columns[-1] + 1].any(axis=1))
            left, right = left + int(columns[0]), left + int(columns[-1]) + 1
            top, bottom = int(rows[0]), int(rows[-1]) + 1
        word_box = _map_box((x0 + left, y0 + top, x0 + right, y0 + bottom), back, size)
        confidence = 100.0 * sum(glyph.confidence for glyph in glyphs) / len(glyphs)
        result.append(
            Word(
                text=text,
                confidence=round(confidence, 2),
                left=word_box[0],
                top=word_box[1],
                width=max(1, word_box[2] - word_box[0]),
                height=max(1, word_box[3] - word_box[1]),
            )
        )
    return tuple(result)


def _ink(line: np.ndarray) -> np.ndarray:
    """Ink pixels of a line crop: Otsu on it, kept only when clearly darker than its paper."""
    if line.size == 0 or int(line.max()) - int(line.min()) < 24:
        return np.zeros(line.shape, bool)
    threshold, _ = cv2.threshold(line, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return line < threshold


def _map_box(box: tuple[int, int, int, int], back: np.ndarray | None, size: tuple[int, int]) -> tuple[int, ...]:
    """A box in trueocr's working image as a box in the input image (the bounds of its mapped corners)."""
    if back is None:
        return box
    x0, y0, x1, y1 = box
    corners = np.array([[x0, y0, 1], [x1, y0, 1], [x0, y1, 1], [x1, y1, 1]], np.float64) @ back.T
    width, height = size
    left = int(np.clip(np.floor(corners[:, 0].min()), 0, width - 1))
    top = int(np.clip(np.floor(corners[:, 1].min()), 0, height - 1))
    right = int(np.clip(np.ceil(corners[:, 0].max()), left + 1, width))
    bottom = int(np.clip(np.ceil(corners[:, 1].max()), top + 1, height))
    return (left, top, right, bottom)
