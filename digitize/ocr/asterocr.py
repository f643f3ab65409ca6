"""asterocr: a third Vietnamese line recognizer, read only where the two engines of ``--engine auto`` disagree.

asterocr 1.0.2 (PyPI, MIT) ships its ONNX line recognizer inside the wheel
(``assets/asternet.onnx``, 43 MB, with ``assets/vocab.json``: 226 symbols and
the CTC blank, every toned Vietnamese vowel in both cases and đ/Đ). It has no
line finder: it reads line boxes another engine found. Its own ``AsterOCR``
class falls back to a download from the Hugging Face hub when it does not find
a model, and runs ONNX Runtime on every core; this reader opens the bundled
file itself, or fails, and runs it on ``threads`` intra-op threads (one: one
core per worker process, as Tesseract's ``OMP_THREAD_LIMIT=1``).

The model reads a line as asterocr's ``preprocess_image`` makes it: RGB,
32 px high, the width scaled with it to a multiple of 4 (at most 1,024 px: its
positional encoding has 256 time steps, and a wider line is narrowed to fit),
values in [-1, 1]; it outputs per 4-px time step the log-probability of each
symbol. A greedy CTC decode gives the symbols, each with its probability, and
the place of its time step, from which each word gets a box (the stretch of
the line its symbols cover) and a confidence (their mean probability, 0–100).

The box is read tight, on the flattened page Tesseract reads, shrunk with an
area filter. On a TUNE 300-dpi scan (``04_QD-138``, trueocr's line boxes) its
lines read at 1.4% CER so, against 4.3% with a margin of 0.1 × the line's
height, 10.9% with 0.2 ×, and 6.3–13.5% with a bilinear shrink (aliasing); on a
TUNE photo the unflattened page read at 7.5% against 3.4% on the flattened one
(blurred photo: 53% against 17%).

In ``--engine auto`` it reads only the words the two engines read differently
by tone marks or case (``digitize.ocr.vote.to_settle``): a word is a short input, where a line costs
0.2–0.7 s.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

import cv2
import numpy as np

from digitize.errors import OcrEngineError
from digitize.ocr.page import Line, Software, Word
from digitize.textnorm import normalize

ENGINE = "asterocr"
#: The model's input height, and the width of one of its time steps, in input pixels.
INPUT_HEIGHT, TIME_STEP_PX = 32, 4
#: Its widest input: 256 time steps (its positional encoding's length); a longer line is narrowed to it.
MAX_WIDTH = 256 * TIME_STEP_PX
#: Pixels added to each side of a line box before it is read: none, tight boxes read best (see ``_read_box``).
PAD = 0


def bundled_model() -> Path:
    """The ONNX model inside the installed asterocr wheel (whether or not it is there)."""
    import asterocr

    return Path(asterocr.__file__).parent / "assets" / "asternet.onnx"


class AsterOcrReader:
    """asterocr's recognizer, loaded once from its wheel: reads line boxes that another engine found."""

    def __init__(self, threads: int = 1) -> None:
        try:
            import asterocr
            import onnxruntime
        except ImportError as error:  # pragma: no cover - a dependency of the project
            raise OcrEngineError(None, f"asterocr is not installed ({error}): pip install asterocr") from None
        self.model = bundled_model()
        try:
            self.chars = json.loads((self.model.parent / "vocab.json").read_text(encoding="utf-8"))["chars"]
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = options.inter_op_num_threads = threads
            self._session = onnxruntime.InferenceSession(str(self.model), options, providers=["CPUExecutionProvider"])
        except (OSError, ValueError, KeyError, RuntimeError) as error:
            raise OcrEngineError(self.model, f"asterocr's bundled model does not load: {error}") from None
        self._version = asterocr.__version__
        self.threads = threads

    @cached_property
    def software(self) -> tuple[Software, ...]:
        return (Software("asterocr", f"{self._version} ({self.model.name})"),)

    def read_box_lines(self, image: np.ndarray, boxes: Sequence[tuple[int, int, int, int]]) -> list[Line]:
        """Each line box of a greyscale ``image`` read as one line, its words' boxes in ``image``'s pixels."""
        return [self._read_box(image, box) for box in boxes]

    def _read_box(self, image: np.ndarray, box: tuple[int, int, int, int]) -> Line:
        x0, y0, x1, y1 = box[:4]
        left, top = max(0, x0 - PAD), max(0, y0 - PAD)
        crop = image[top : y1 + PAD, left : x1 + PAD]
        if crop.size == 0:
            return Line((), ENGINE)
        width = max(INPUT_HEIGHT, round(crop.shape[1] * INPUT_HEIGHT / crop.shape[0]))
        width = min(MAX_WIDTH, (width + 3) // 4 * 4)
        shrink = crop.shape[0] > INPUT_HEIGHT or crop.shape[1] > width
        line = cv2.resize(crop, (width, INPUT_HEIGHT), interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)
        tensor = np.repeat((line.astype(np.float32) / 127.5 - 1.0)[None, None], 3, axis=1)
        log_probs = self._session.run(None, {"images": tensor})[0][:, 0, :]
        scale = crop.shape[1] / width  # crop pixels per input pixel
        return Line(self._words(log_probs, left, scale, (y0, y1)), ENGINE)

    def _words(self, log_probs: np.ndarray, left: int, scale: float, rows: tuple[int, int]) -> tuple[Word, ...]:
        """The words of a greedy CTC decode: symbols split at spaces, each word boxed over its time steps."""
        best = log_probs.argmax(axis=1)
        kept = np.flatnonzero((best != 0) & np.concatenate(([True], best[1:] != best[:-1])))
        words: list[list[tuple[str, float, int]]] = [[]]
        for step in kept:
            char = self.chars[int(best[step])]
            if char == " ":
                words.append([])
            else:
                words[-1].append((char, float(np.exp(log_probs[step, best[step]])), int(step)))
        result = []
        for glyphs in filter(None, words):
            text = normalize("".join(char for char, _, _ in glyphs))
            if not text:
                continue
            start = left + round(glyphs[0][2] * TIME_STEP_PX * scale)
            end = left + round((glyphs[-1][2] + 1) * TIME_STEP_PX * scale)
            confidence = 100.0 * sum(p for _, p, _ in glyphs) / len(glyphs)
            result.append(
                Word(text, round(confidence, 2), start, rows[0], max(1, end - start), max(1, rows[1] - rows[0]))
            )
        return tuple(result)
