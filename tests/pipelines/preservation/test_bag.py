"""BagIt export of a digitized archive: valid bags with everything in them, and no bag of damaged files."""

import subprocess
import sys
from pathlib import Path

import bagit
import pytest

from digitize.errors import ArchiveError, ExportError
from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Catalog, Document
from pipelines.archive.layout import Archive
from pipelines.preservation.bag import export_bag


def only_document(archive: Archive) -> Document:
    with Catalog(archive.catalog_path) as catalog:
        [document] = catalog.documents.all()
    return document


def validate_with_bagit_py(path: Path) -> subprocess.CompletedProcess:
    """The command line validator the bagit package installs, as a repository receiving the bag would run it."""
    script = Path(sys.executable).parent / "bagit.py"
    return subprocess.run([sys.executable, script, "--validate", path], capture_output=True, text=True)


def test_a_document_bag_holds_its_source_and_derivatives_and_validates(digitized_archive: Archive, tmp_path: Path):
    document = only_document(digitized_archive)
    out = tmp_path / "bags" / "a"
    summary = export_bag(digitized_archive, out, document.id[:6], organization="Thư viện tỉnh Quảng Trị")

    bag = bagit.Bag(str(out))
    assert bag.validate() and bag.algorithms == ["sha512"]  # validate() raises on any fault
    checked = validate_with_bagit_py(out)
    assert checked.returncode == 0 and "is valid" in checked.stderr
    payload = sorted(path.removeprefix(f"data/{document.id}/") for path in bag.payload_files())
    assert payload == [
        "document.pdf",
        "dublin-core.xml",
        "metadata.json",
        "mets.xml",
        "page-0001.alto.xml",
        "page-0001.hocr",
        "page-0001.jpg",
        "page-0001.txt",
        "page-0002.jpg",
        "page-0002.txt",
        "source/a.tif",
    ]
    assert (out / "data" / document.id / "source" / "a.tif").read_bytes() == Path(document.source_path).read_bytes()
    assert (summary.documents, summary.files) == (1, 11)
    assert bag.info["External-Identifier"] == document.id and bag.info["Bag-Group-Identifier"] == "Hán Nôm"
    assert bag.info["Source-Organization"] == "Thư viện tỉnh Quảng Trị"
    assert bag.info["Internal-Sender-Identifier"] == "a.tif" and "Bagging-Date" in bag.info
    assert [path.name for path in out.parent.iterdir()] == ["a"]  # the folder it was built in is gone

    bagged_text = out / "data" / document.id / "page-0001.txt"
    bagged_text.write_bytes(bagged_text.read_bytes() + b" ")
    assert validate_with_bagit_py(out).returncode == 1  # and the validator does catch a change


def test_a_collection_bag_names_the_collection(digitized_archive: Archive, tmp_path: Path):
    export_bag(digitized_archive, tmp_path / "bag", collection="Hán Nôm")
    bag = bagit.Bag(str(tmp_path / "bag"))
    assert bag.is_valid() and bag.info["External-Identifier"] == "Hán Nôm"
    assert f"data/{only_document(digitized_archive).id}/source/a.tif" in set(bag.payload_files())


def test_damaged_files_are_never_bagged(digitized_archive: Archive, tmp_path: Path):
    document = only_document(digitized_archive)
    text = digitized_archive.page_text_path(document.id, 1)
    text.write_text(text.read_text(encoding="utf-8").replace("số", "sổ", 1), encoding="utf-8")
    digitized_archive.page_alto_path(document.id, 1).unlink()
    with pytest.raises(ExportError) as refused:
        export_bag(digitized_archive, tmp_path / "bag", document.id)
    assert refused.value.path == f"documents/{document.id}/page-0001.txt"
    assert "changed since it was archived; 2 problems in all" in refused.value.reason
    assert list(tmp_path.iterdir()) == [digitized_archive.root]  # neither the bag nor a half-built one


def test_a_bag_needs_its_source_as_it_was_digitized(digitized_archive: Archive, tmp_path: Path):
    document = only_document(digitized_archive)
    with Catalog(digitized_archive.catalog_path) as catalog:  # as if the scan had been digitized from elsewhere
        catalog.documents.register(document.id, document.sha256, str(tmp_path / "gone.tif"), "Hán Nôm", 2)
        catalog.documents.finish(document.id, Metadata())
    with pytest.raises(ExportError, match="source file is gone: the bag needs it: nothing exported"):
        export_bag(digitized_archive, tmp_path / "bag", "gone.tif")


def test_an_existing_folder_with_files_in_it_is_not_written_into(digitized_archive: Archive, tmp_path: Path):
    (tmp_path / "bag").mkdir()
    (tmp_path / "bag" / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="exists and is not empty"):
        export_bag(digitized_archive, tmp_path / "bag", collection="Hán Nôm")
    (tmp_path / "empty").mkdir()
    assert export_bag(digitized_archive, tmp_path / "empty", collection="Hán Nôm").documents == 1


def test_documents_are_found_by_id_start_or_file_name(tmp_path: Path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.collections.ensure("Châu bản")
        catalog.documents.register("ab12", "sha-1", "scans/qd_1287.pdf", "Châu bản", page_count=1)
        catalog.documents.register("ab34", "sha-2", "scans/cv_88.pdf", "Châu bản", page_count=1)
        assert catalog.documents.find("ab1").id == "ab12"
        assert catalog.documents.find("cv_88.pdf").id == "ab34"
        with pytest.raises(ArchiveError, match=r"names 2 documents \(ab12, ab34\)"):
            catalog.documents.find("ab")
        with pytest.raises(ArchiveError, match="no such document"):
            catalog.documents.find("ff")
