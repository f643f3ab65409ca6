"""Letters OCR reads as others on this project's real scans: what approximate search tries (``index.approximate``).

Made by ``python -m benchmarks.ocr_confusions ../shared/realscans``: the 15
hand-transcribed scans read by Tesseract and trueocr, aligned with their
truth word by word, then letter by letter; runs seen at least three times.
Mostly tone and vowel marks (``ể`` read ``ế``), which the folded field
forgives already and the exact field does not; ``rn``/``m`` and ``l``/``I``
were not seen three times on these clean 300-dpi scans (one edit covers
``l``/``i``). Regenerate it when the engines change.
"""

#: (true letters, letters read, times seen) on the real scans, by Tesseract and trueocr together.
CONFUSIONS = (
    ("ề", "ê", 42),
    ("ề", "ể", 34),
    ("ố", "ô", 34),
    ("ổ", "ô", 22),
    ("ế", "é", 16),
    ("ể", "ế", 16),
    ("ỉ", "i", 15),
    ("ố", "ổ", 15),
    ("ế", "ê", 15),
    ("ầ", "â", 15),
    ("ổ", "ố", 14),
    ("ể", "ê", 14),
    ("ổ", "ồ", 11),
    ("i", "ỉ", 10),
    ("ố", "ó", 8),
    ("ồ", "ô", 8),
    ("ă", "ã", 7),
    ("ề", "ễ", 7),
    ("ế", "ể", 7),
    ("ấ", "á", 7),
    ("i", "ì", 6),
    ("ủ", "ũ", 5),
    ("5", "3", 5),
    ("đ", "d", 4),
    ("ấ", "â", 4),
    ("ầ", "ẫ", 4),
    ("ẫ", "â", 4),
    ("ả", "à", 3),
    ("q", "o", 3),
    ("ấ", "ẩ", 3),
    ("ẩ", "â", 3),
    ("a", "ạ", 3),
    ("ể", "ề", 3),
    ("ở", "ờ", 3),
    ("ứ", "ú", 3),
    ("ổ", "ỗ", 3),
    ("ấ", "ầ", 3),
    ("ấ", "ắ", 3),
    ("í", "i", 3),
)
