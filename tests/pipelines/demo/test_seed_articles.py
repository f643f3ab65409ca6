from datetime import date
from pathlib import Path

from pipelines.archive.layout import Archive
from pipelines.batch.context import QUIET
from pipelines.batch.run import run_batch
from pipelines.demo.seed_articles import SEEDS_DIR, demo_collection, make_scans, seed_texts, skew_accuracy

PARAGRAPH = "Tài liệu quý hiếm được số hóa, nhận dạng chữ và đưa lên cổng tra cứu cho bạn đọc. " * 6


def test_the_five_seed_articles_ship_with_the_project():
    texts = seed_texts()
    assert len(texts) == 5 and all("chuyển đổi số" in t.lower() for t in texts.values())
    assert SEEDS_DIR.name == "seeds"


def test_scans_are_made_once_with_their_truth(tmp_path: Path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Thư viện tỉnh Vĩnh Long\n" + PARAGRAPH, encoding="utf-8")
    (seeds / "b.txt").write_text("Kho lưu trữ tỉnh Quảng Trị\n" + PARAGRAPH, encoding="utf-8")
    scans = make_scans(tmp_path / "scans", seeds)
    assert sorted(p.name for p in scans.folder.iterdir()) == ["a.pdf", "b.tif", "truth.json"]
    assert scans.truth["a.pdf"][0]["text"].startswith("Thư viện tỉnh Vĩnh Long\n")
    assert abs(scans.truth["b.tif"][0]["skew_deg"]) <= 15
    stamp = (scans.folder / "a.pdf").stat().st_mtime_ns
    assert make_scans(tmp_path / "scans", seeds).truth == scans.truth
    assert (scans.folder / "a.pdf").stat().st_mtime_ns == stamp

    archive = Archive(tmp_path / "archive")
    run_batch([scans.folder], "demo", archive, QUIET)
    assert skew_accuracy(archive, scans).startswith("2 pages, mean error 0.0")


def test_demo_collection_is_the_missions_example_dated_from_today():
    collection = demo_collection(date(2026, 11, 22))
    assert collection.baseline.items / collection.holdings == 0.25
    assert collection.baseline.on == date(2026, 8, 30)
    assert [(t.pct, t.due) for t in collection.targets] == [(50.0, date(2027, 12, 31))]
