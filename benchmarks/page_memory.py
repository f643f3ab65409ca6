"""Peak memory of ``digitize run`` on one 9999×9999 colour page: the pixel budget against no budget.

A PNG of 9999×9999 RGB compresses to about 1 MB and decodes to 300 MB of
colour. The run is timed by ``/usr/bin/time -v``, whose maximum resident set
is that of the largest process (the coordinator or a worker). The peer is the
same run with the budget raised to the ceiling (``ingest.MAX_PIXELS``), where
the page is read whole.

    OMP_THREAD_LIMIT=1 nice -n 10 .venv/bin/python -m benchmarks.page_memory [--engine tesseract]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from digitize import ingest
from digitize.pixel_budget import DEFAULT_MAX_PIXELS

SIDE = 9999
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def big_page(path: Path) -> Path:
    """A 9999×9999 RGB scan of 40 lines of Vietnamese text at about 300 dpi."""
    image = Image.new("RGB", (SIDE, SIDE), (250, 248, 240))
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 60)
    for line in range(40):
        draw.text((400, 400 + line * 200), f"Chuyển đổi số quốc gia: dòng {line} của trang lớn.", (20, 20, 20), font)
    image.save(path, dpi=(300, 300))
    return path


def peak_run(folder: Path, max_pixels: int, engine: str) -> tuple[float, float, str]:
    """Peak resident MB, wall seconds and the run's last line for one ``digitize run`` of ``folder``."""
    archive = folder.parent / f"archive-{max_pixels}"
    command = [str(Path(sys.executable).with_name("digitize")), "run", str(folder), "--collection", "Bench"]
    command += ["--archive", str(archive), "--jobs", "1", "--engine", engine, "--max-pixels", str(max_pixels)]
    done = subprocess.run(["/usr/bin/time", "-v", *command], capture_output=True, text=True)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)[1]) / 1024
    clock = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    seconds = int(clock[1] or 0) * 3600 + int(clock[2]) * 60 + float(clock[3])
    warned = "DecompressionBombWarning" in done.stderr
    return peak, seconds, done.stdout.strip().splitlines()[-1] + (" [bomb warning printed]" if warned else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="auto")
    engine = parser.parse_args().engine
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "scans"
        folder.mkdir()
        size = big_page(folder / "big.png").stat().st_size
        print(f"one {SIDE}×{SIDE} RGB PNG of {size / 1e6:.1f} MB, --engine {engine}, --jobs 1")
        print(f"{'budget (pixels)':>18}  {'peak RSS MB':>11}  {'seconds':>7}  run")
        for budget in (DEFAULT_MAX_PIXELS, ingest.MAX_PIXELS):
            peak, seconds, line = peak_run(folder, budget, engine)
            print(f"{budget:>18,}  {peak:>11.0f}  {seconds:>7.1f}  {line}")


if __name__ == "__main__":
    main()
