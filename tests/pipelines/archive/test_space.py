from pathlib import Path

from pipelines.archive.layout import Archive
from pipelines.archive.space import disk_full_error


def test_a_full_disk_names_retry_while_pages_or_documents_are_left_and_index_rebuild_after(tmp_path: Path):
    archive = Archive(tmp_path / "archive")
    assert disk_full_error(archive, 3).reason.endswith("left): free space, then run: digitize retry")
    one_document = disk_full_error(archive, 0, 1).reason
    assert "1 document left to finish" in one_document and one_document.endswith("then run: digitize retry")
    assert disk_full_error(archive, 0, 0).reason.endswith("then run: digitize index rebuild")
