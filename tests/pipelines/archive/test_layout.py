import hashlib
from pathlib import Path

import numpy as np
import pytest

from pipelines.archive.layout import Archive, default_root, write_image, write_stream, write_text


def test_default_archive_is_local_unless_the_environment_says(monkeypatch):
    monkeypatch.delenv("DIGITIZE_ARCHIVE", raising=False)
    assert default_root() == Path("archive")
    monkeypatch.setenv("DIGITIZE_ARCHIVE", "/srv/lưu-trữ")
    assert default_root() == Path("/srv/lưu-trữ")


def test_layout_keeps_each_document_in_its_own_folder(tmp_path: Path):
    archive = Archive(tmp_path)
    assert archive.page_text_path("abc", 7) == tmp_path / "documents" / "abc" / "page-0007.txt"
    assert archive.page_image_path("abc", 7).suffix == ".jpg"
    assert archive.page_alto_path("abc", 7).name == "page-0007.alto.xml"
    assert archive.page_hocr_path("abc", 7).name == "page-0007.hocr"
    assert archive.pdf_path("abc") == tmp_path / "documents" / "abc" / "document.pdf"
    assert archive.metadata_path("abc").parent == archive.document_dir("abc")
    assert archive.relative(archive.page_alto_path("abc", 7)) == "documents/abc/page-0007.alto.xml"


def test_writes_leave_no_partial_files(tmp_path: Path):
    text_path = tmp_path / "d" / "page-0001.txt"
    write_text(text_path, "Hà Nội\n")
    write_image(tmp_path / "d" / "page-0001.jpg", np.zeros((4, 4), np.uint8))
    assert text_path.read_text(encoding="utf-8") == "Hà Nội\n"
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["page-0001.jpg", "page-0001.txt"]


def test_writers_return_the_sha256_of_what_they_wrote(tmp_path: Path):
    text_digest = write_text(tmp_path / "page-0001.txt", "Hà Nội\n")
    image_digest = write_image(tmp_path / "page-0001.jpg", np.zeros((4, 4), np.uint8))
    assert text_digest == hashlib.sha256("Hà Nội\n".encode()).hexdigest()
    assert image_digest == hashlib.sha256((tmp_path / "page-0001.jpg").read_bytes()).hexdigest()


def test_a_streamed_file_is_hashed_on_its_way_and_left_whole_or_not_at_all(tmp_path: Path):
    path = tmp_path / "d" / "document.pdf"

    def in_parts(out):
        for part in (b"%PDF-1.4\n", b"body " * 1000, b"%%EOF\n"):
            out.write(part)

    digest = write_stream(path, in_parts)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()

    def failing(out):
        out.write(b"%PDF-1.4\n half of it")
        raise OSError("No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_stream(tmp_path / "d" / "other.pdf", failing)
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["document.pdf"]
