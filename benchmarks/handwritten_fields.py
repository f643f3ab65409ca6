"""Handwritten numbers and days of real scans, read by ``digitize.handwritten_fields``, against the truth by eye.

    python -m benchmarks.handwritten_fields ../shared/realscans [--keep DIR]

Every number and day of the scans in ``../shared/realscans/scans`` is written
by hand (``benchmarks/realscans/truth/metadata.json``, ``handwritten``). Each
first page goes through the pipeline's own preprocessing and OCR; its blanks
are placed, cut into digits and read. A field is right when the digits read
are the truth's (a number's digits before the slash, the day of the date),
wrong when they differ, and abstained when the model gave none. The reader was
tuned on the scans in ``TUNED``; the others are held out and printed apart.
Beside each group: the same fields as OCR alone gave them (the digits it put
in the number and the date), and the reader's CPU time a page.
With ``--keep DIR`` each page's image and OCR are kept in DIR and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import time
from pathlib import Path

from digitize.handwritten_fields import read_fields
from digitize.metadata import extract
from digitize.page import process_page

TRUTH = Path(__file__).parent / "realscans" / "truth" / "metadata.json"
#: The scans the blank finder and the segmentation were tuned on; the rest are held out.
TUNED = ("04_QD-138", "15_QD-XP", "47_QD-UB", "51_QD-UB", "84_QD-UB")


def truth_fields(record: dict) -> dict[str, str]:
    """The handwritten digits of one truth record: the number's before its slash, the date's day."""
    fields = {}
    if "number" in record.get("handwritten", ()):
        fields["number"] = record["number"].split("/")[0]
    if "date" in record.get("handwritten", ()) and len(record["date"]) == 10:
        fields["day"] = str(int(record["date"][8:]))
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=__doc__.split("\n\n")[1])
    parser.add_argument("folder", type=Path, help="../shared/realscans")
    parser.add_argument("--keep", type=Path, help="Keep each page's image and OCR here, and reuse them.")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    rows = []
    for key, record in sorted(truth.items()):
        if not key.startswith("scans/") or not truth_fields(record):
            continue
        image, page, text = _first_page(args.folder / key, args.keep)
        started = time.process_time()
        readings = {r.field: r for r in read_fields(image, page)}
        cost = time.process_time() - started
        ocr = extract(text)
        ocr_values = {"number": (ocr.number.value or "").split("/")[0], "day": _day(ocr.date.value)}
        for field, expected in truth_fields(record).items():
            reading = readings.get(field)
            value = reading.value if reading and not reading.abstained else None
            value = str(int(value)) if value and field == "day" else value
            rows.append(
                (
                    Path(key).stem,
                    field,
                    expected,
                    value,
                    reading.probability if reading else 0.0,
                    ocr_values[field],
                    cost,
                )
            )
    print(f"{'scan':12} {'field':6} {'truth':>5} {'read':>5} {'prob':>5} {'OCR':>5}")
    for name, field, expected, value, probability, ocr_value, _ in rows:
        mark = "" if value == expected else (" abstained" if value is None else " WRONG")
        print(f"{name:12} {field:6} {expected:>5} {value or '-':>5} {probability:5.2f} {ocr_value or '-':>5}{mark}")
    for group, names in (("tuned", set(TUNED)), ("held out", {r[0] for r in rows} - set(TUNED))):
        mine = [r for r in rows if r[0] in names]
        right = sum(r[3] == r[2] for r in mine)
        wrong = sum(r[3] is not None and r[3] != r[2] for r in mine)
        sure_wrong = sum(r[3] is not None and r[3] != r[2] and r[4] >= 0.8 for r in mine)
        ocr_right = sum(r[5] == r[2] for r in mine)
        print(
            f"{group:9} ({len(names)} scans, {len(mine)} fields): reader right {right}/{len(mine)}, wrong {wrong} "
            f"({sure_wrong} of them at probability ≥ 0.8), abstained {len(mine) - right - wrong}; "
            f"OCR alone right {ocr_right}/{len(mine)}"
        )
    costs = sorted({r[0]: r[6] for r in rows}.values())
    print(f"reader CPU a page: median {costs[len(costs) // 2]:.3f} s, most {costs[-1]:.3f} s")


def _day(value: str | None) -> str | None:
    return str(int(value[8:])) if value and len(value) == 10 else None


def _first_page(path: Path, keep: Path | None):
    kept = keep / f"{path.stem}.pickle" if keep else None
    if kept and kept.exists():
        with kept.open("rb") as stored:
            return pickle.load(stored)
    page = process_page(path, 1)
    found = (page.image, page.recognized, page.text)
    if kept:
        keep.mkdir(parents=True, exist_ok=True)
        with kept.open("wb") as stored:
            pickle.dump(found, stored)
    return found


if __name__ == "__main__":
    main()
