"""Time and peak memory of writing a document's PDF: in chunks through pikepdf, beside the whole-document way before.

Run from the project root:  .venv/bin/python -m benchmarks.document_pdf [--pages 100 300] [--chunk 10]

N distinct A4 pages at 300 DPI are made as noisy grey JPEGs (about 3 MB each,
like a dense scan), each with a few lines of loose Vietnamese text. Each way
then writes the document's PDF, plain and PDF/A-2b, in a process of its own so
that peaks do not mix:

- ``chunked``: ``digitize.pdf.write_pdf`` through the archive's ``write_stream``,
  what ``digitize run`` does now: ReportLab draws ``--chunk`` pages at a time
  into temporary files, qpdf joins them straight into the file.
- ``whole``: the way before, kept here as the peer: every page on one canvas in
  memory, PDF/A marked by pypdf cloning the whole file, the bytes then written.

Printed for each: seconds, resident memory once imports are done and at its peak, the PDF's size.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageCms

from digitize.pdf import CHUNK_PAGES, PdfPage, draw_pages, write_pdf
from digitize.pdf_description import xmp_packet
from pipelines.archive.layout import write_bytes, write_stream

_TEXT = "\n".join(f"Dòng {n}: Ủy ban nhân dân tỉnh Vĩnh Long quyết định" for n in range(30))


def make_pages(folder: Path, count: int) -> list[Path]:
    """``count`` different A4 greys at 300 DPI: one noise field shifted per page, so no two JPEGs are equal."""
    noise = (np.random.default_rng(0).random((3508, 2480)) * 60 + 180).astype(np.uint8)
    paths = []
    for number in range(count):
        path = folder / f"page-{number + 1:04d}.jpg"
        if not path.exists():
            Image.fromarray(np.roll(noise, 7 * number + 1, axis=1)).save(path, quality=85, dpi=(300, 300))
        paths.append(path)
    return paths


def whole_document(pages: list[PdfPage], pdfa: bool) -> bytes:
    """The way before: one canvas in memory, then pypdf clones it all to mark it PDF/A."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject, TextStringObject

    out = io.BytesIO()
    draw_pages(pages, out)
    if not pdfa:
        return out.getvalue()
    writer = PdfWriter(clone_from=io.BytesIO(out.getvalue()))
    writer.pdf_header = b"%PDF-1.7"
    writer.metadata = None
    profile = StreamObject()
    profile.set_data(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[NameObject("/N")] = NumberObject(3)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFA1"),
            NameObject("/OutputConditionIdentifier"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/Info"): TextStringObject("sRGB IEC61966-2.1"),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    writer.root_object[NameObject("/OutputIntents")] = ArrayObject([intent])
    writer.xmp_metadata = xmp_packet(None, pdfa=True).encode("utf-8")
    metadata = writer.root_object["/Metadata"].get_object()
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    marked = io.BytesIO()
    writer.write(marked)
    return marked.getvalue()


def assemble(way: str, folder: Path, out: Path, pdfa: bool, chunk: int) -> None:
    """In this process: write ``out`` from the JPEGs in ``folder`` the ``way`` named; print seconds and peak MB."""
    pages = [PdfPage(path, 300, loose_text=_TEXT) for path in sorted(folder.glob("page-*.jpg"))]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    started = time.perf_counter()
    if way == "chunked":
        write_stream(out, lambda file: write_pdf(pages, file, pdfa=pdfa, scratch=out.parent, chunk_pages=chunk))
    else:
        write_bytes(out, whole_document(pages, pdfa))
    seconds = time.perf_counter() - started
    print(seconds, before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000)


def measured(way: str, folder: Path, pdfa: bool, chunk: int) -> tuple[float, float, float, float]:
    """Seconds, MB resident once imports are done, peak MB and PDF MB of ``way`` run in a process of its own."""
    out = folder / f"{way}.pdf"
    command = [sys.executable, "-m", "benchmarks.document_pdf", "--assemble", way, str(folder), str(out)]
    command += ["--chunk", str(chunk)] + (["--pdfa"] if pdfa else [])
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds, before, peak = (float(field) for field in done.stdout.split()[-3:])
    size = out.stat().st_size / 1e6
    out.unlink()
    return seconds, before, peak, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 300])
    parser.add_argument("--chunk", type=int, default=CHUNK_PAGES, help="pages drawn into one temporary file")
    parser.add_argument(
        "--whole-up-to", type=int, default=300, help="pages up to which the whole way runs too (~13 MB a page)"
    )
    parser.add_argument("--assemble", choices=["chunked", "whole"], help=argparse.SUPPRESS)
    parser.add_argument("paths", type=Path, nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--pdfa", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.assemble:
        assemble(args.assemble, *args.paths, pdfa=args.pdfa, chunk=args.chunk)
        return
    print(f"A document PDF of N distinct ~3 MB A4 JPEGs, chunks of {args.chunk} (shared machine: noisy times)")
    print(f"{'pages':>6} {'way':<8} {'PDF/A':<6} {'seconds':>8} {'start MB':>8} {'peak MB':>8} {'PDF MB':>8}")
    with tempfile.TemporaryDirectory(dir=".") as scratch:
        for count in args.pages:
            folder = Path(scratch) / f"pages-{count}"
            folder.mkdir()
            for path in make_pages(Path(scratch), count):
                (folder / path.name).symlink_to(path.resolve())
            for pdfa in (False, True):
                for way in ("chunked", "whole") if count <= args.whole_up_to else ("chunked",):
                    seconds, before, peak, size = measured(way, folder, pdfa, args.chunk)
                    marked = "yes" if pdfa else "no"
                    row = f"{count:>6} {way:<8} {marked:<6} {seconds:>8.1f} {before:>8.0f} {peak:>8.0f} {size:>8.0f}"
                    print(row, flush=True)


if __name__ == "__main__":
    main()
