"""Letters OCR reads as others on this project's real scans: what approximate search tries (``index.approximate``).

Made by ``python -m benchmarks.ocr_confusions ../shared/realscans``: the
hand-transcribed scans read by Tesseract and trueocr, aligned with their
truth word by word, then letter by letter. Regenerate it when the engines change.
"""

#: (true letters, letters read, times seen) on the real scans, by Tesseract and trueocr together.
CONFUSIONS = (
    ("ể", "ế", 1),
    ("m", "rn", 1),
    ("l", "I", 1),
)
