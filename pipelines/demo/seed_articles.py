"""The demo job: the seed articles scanned, digitized, reported on and searched.

Each article becomes one scanned document (three as PDFs of JPEG pages, two as
multi-page TIFFs), every page turned by a known angle up to ±15°, with scanner
noise. Their true text and skew are kept in ``scans/truth.json`` so the demo
can show how close the pipeline came.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from pipelines.archive.catalog import Baseline, Catalog, Collection, Target
from pipelines.archive.layout import Archive
from pipelines.demo.synthetic import MEDIUM, SyntheticPage, scanned_pages

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
COLLECTION = "Tư liệu chuyển đổi số"
#: The mission's example: 25% digitized twelve weeks ago, 50% planned by the end of next year.
HOLDINGS = 24
BASELINE_PCT = 25
BASELINE_WEEKS_AGO = 12
TARGET_PCT = 50.0
MAX_SKEW = 15.0
QUERIES = ("chuyển đổi số", "chuyen doi so")


@dataclass(frozen=True)
class DemoScans:
    folder: Path
    truth: dict[str, list[dict]]


def demo_collection(today: date) -> Collection:
    """The demo's collection, dated from ``today`` so that its report reads the same any day it runs."""
    return Collection(
        COLLECTION,
        HOLDINGS,
        targets=(Target(TARGET_PCT, date(today.year + 1, 12, 31)),),
        description="Bài viết về chuyển đổi số, quét từ bản in",
        baseline=Baseline(HOLDINGS * BASELINE_PCT // 100, today - timedelta(weeks=BASELINE_WEEKS_AGO)),
    )


def seed_texts(seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(seeds_dir.glob("*.txt"))}


def make_scans(folder: Path, seeds_dir: Path = SEEDS_DIR) -> DemoScans:
    """Render the seeds into ``folder`` once; later calls reuse what is there."""
    truth_path = folder / "truth.json"
    if truth_path.is_file():
        return DemoScans(folder, json.loads(truth_path.read_text(encoding="utf-8")))
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(2024)
    truth: dict[str, list[dict]] = {}
    for i, (stem, text) in enumerate(seed_texts(seeds_dir).items()):
        skews = [round(float(s), 2) for s in rng.uniform(-MAX_SKEW, MAX_SKEW, 20)]
        pages = scanned_pages(text, skews=skews, degradation=MEDIUM, seed=i)
        name = f"{stem}.tif" if i % 2 else f"{stem}.pdf"
        _save(folder / name, pages)
        truth[name] = [{"page": n, "skew_deg": p.skew_deg, "text": p.text} for n, p in enumerate(pages, 1)]
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return DemoScans(folder, truth)


def _save(path: Path, pages: list[SyntheticPage]) -> None:
    first, *rest = (page.image for page in pages)
    if path.suffix == ".pdf":
        # Pillow stores greyscale pages as JPEG (DCTDecode) streams, as scanners do.
        first.save(path, "PDF", save_all=True, append_images=rest, resolution=300.0)
    else:
        first.save(path, "TIFF", save_all=True, append_images=rest, compression="tiff_deflate", dpi=(300, 300))


def skew_accuracy(archive: Archive, scans: DemoScans) -> str:
    """Mean and worst error of the measured skews against the rendered ones."""
    errors = []
    with Catalog(archive.catalog_path) as catalog:
        for document in catalog.documents.all(status="done"):
            truth = scans.truth.get(Path(document.source_path).name)
            if truth is None:
                continue
            for page in catalog.pages.of_document(document.id):
                errors.append(abs((page.skew_deg or 0.0) - truth[page.number - 1]["skew_deg"]))
    if not errors:
        return "no pages measured"
    return f"{len(errors)} pages, mean error {np.mean(errors):.3f}°, worst {max(errors):.3f}°"
