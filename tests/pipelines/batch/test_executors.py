import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from digitize.errors import ExecutorError
from index.search import search
from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.executors import Executor, LocalExecutor, executor_for
from pipelines.batch.run import run_batch
from tests.conftest import render_strip

OTHER_TEXT = "Thư viện tỉnh Quảng Trị số hóa tư liệu Hán Nôm quý hiếm."


def square(number: int) -> int:
    return number * number


def exit_on_three(number: int) -> int:
    """Stands for a page that kills its worker process (a decompression bomb, a crash in a library)."""
    if number == 3:
        os._exit(1)
    return number


def lost(number: int, reason: str) -> str:
    return f"lost {number}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[Executor]:
    """Two worker processes on a Dask cluster started here, as ``--executor dask`` without ``--scheduler`` does.

    No retry after a worker dies, so that the lost-worker test costs one worker restart instead of four.
    """
    pytest.importorskip("distributed")  # the dask extra: digitize[dask]
    dask = pytest.importorskip("dask")
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), executor_for("dask", jobs=2) as executor:
        yield executor


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_executor_yields_every_result(jobs: int):
    assert sorted(LocalExecutor(jobs).run(square, range(9), lost)) == [n * n for n in range(9)]


def test_a_dead_local_worker_loses_the_pages_in_flight_and_the_rest_go_on():
    results = list(LocalExecutor(2).run(exit_on_three, range(12), lost))
    done = {r for r in results if isinstance(r, int)}
    assert len(results) == 12 and "lost 3" in results
    assert len(done) >= 12 - 4  # at most two per worker were in flight with page 3; a new pool did the rest


def test_a_batch_on_a_dask_cluster_ends_as_a_local_one(tmp_path: Path, cluster: Executor):
    scans = tmp_path / "scans"
    scans.mkdir()
    render_strip(seed=1).image.save(scans / "a.png")
    render_strip(OTHER_TEXT, skew=4.0, seed=2).image.save(scans / "b.png")
    (scans / "broken.png").write_text("not an image", encoding="utf-8")
    local, remote = Archive(tmp_path / "local"), Archive(tmp_path / "dask")

    run_batch([scans], "Hán Nôm", local, QUIET)
    summary = run_batch([scans], "Hán Nôm", remote, QUIET, executor=cluster)

    assert (summary.documents, summary.pages, summary.indexed) == (2, 2, 2)  # each page done once
    assert [Path(f.path).name for f in summary.failures] == ["broken.png"]
    with Catalog(local.catalog_path) as there, Catalog(remote.catalog_path) as here:
        for expected, document in zip(there.documents.all(), here.documents.all(), strict=True):
            assert (document.source_path, document.status, document.title) == (
                expected.source_path,
                expected.status,
                expected.title,
            )
            assert [p.text for p in here.pages.of_document(document.id)] == [
                p.text for p in there.pages.of_document(expected.id)
            ]
            assert remote.pdf_path(document.id).is_file() == (document.status == "done")
    for query in ("han nom", "chuyen doi so"):
        assert [h.doc_id for h in search(remote.index_dir, query).hits] == [
            h.doc_id for h in search(local.index_dir, query).hits
        ]
        assert search(remote.index_dir, query).hits


def test_a_page_that_kills_its_dask_worker_fails_alone(cluster: Executor):
    results = list(cluster.run(exit_on_three, range(8), lost))
    done = {r for r in results if isinstance(r, int)}
    assert len(results) == 8 and "lost 3" in results
    assert len(done) >= 8 - 2  # with retries off, a page queued on the same worker is lost too


def test_without_the_dask_extra_the_dask_executor_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(ExecutorError, match=r"needs Dask.*pip install 'digitize\[dask\]'"), executor_for("dask"):
        pass
