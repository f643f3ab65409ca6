import re
from datetime import date
from pathlib import Path

import pytest

from digitize.errors import ArchiveError
from digitize.metadata.model import Metadata
from pipelines.archive.catalog import Baseline, Catalog, Collection, Target
from pipelines.imports.holdings import apply, read_holdings_csv

EXPORT_DAY = date(2024, 12, 9)


def export(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_a_spreadsheet_export_is_counted_per_collection(tmp_path: Path):
    # Excel in a Vietnamese locale: byte-order mark, semicolons, statuses typed in several ways.
    path = export(
        tmp_path,
        "Id;Title;Collection;Status\n"
        "1;Truyện Kiều;Sách cổ;Đã số hóa\n"
        "2;Đại Việt sử ký;Sách cổ;đã số hoá\n"
        "3;Lĩnh Nam chích quái;Sách cổ;Chưa số hóa\n"
        "4;Sắc phong 1890;Sắc phong;DA SO HOA\n"
        '5;"Châu bản; tập 2";Sắc phong;\n',
        encoding="utf-8-sig",
    )
    imported = {entry.name: entry for entry in read_holdings_csv(path, delimiter=";")}
    assert (imported["Sách cổ"].items, imported["Sách cổ"].digitized) == (3, 2)
    assert (imported["Sắc phong"].items, imported["Sắc phong"].digitized) == (2, 1)
    assert imported["Sắc phong"].statuses == {"DA SO HOA": 1, "": 1}


def test_the_statuses_meaning_digitized_can_be_given(tmp_path: Path):
    path = export(tmp_path, "id,collection,status\na,Hán Nôm,scanned\nb,Hán Nôm,digitized\n")
    [entry] = read_holdings_csv(path, digitized_statuses=("Scanned",))
    assert entry.digitized == 1


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("id,title,status\n1,Kiều,done\n", "no column collection (the header needs id, collection, status)"),
        (
            "id,collection,status\n1,Sách cổ,done\n1,Sách cổ,done\n",
            "line 3, column 1 (id): item '1' is already on line 2",
        ),
        ("id,collection,status\n1,,done\n", "line 2, column 2 (collection): an item needs an id and a collection"),
        ('id,collection,status\n1,"Sách cổ, ""quý""",done\n2,Sách cổ,done,x\n', "line 3, column 4: 4 cells"),
    ],
)
def test_an_export_that_cannot_be_counted_is_refused_naming_the_line(tmp_path: Path, text: str, reason: str):
    with pytest.raises(ArchiveError, match=re.escape(reason)):
        read_holdings_csv(export(tmp_path, text))


def test_apply_sets_holdings_and_baseline_and_keeps_targets(tmp_path: Path):
    path = export(tmp_path, "id,collection,status\n1,Sách cổ,done\n2,Sách cổ,\n3,Mộc bản,\n")
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.collections.save(Collection("Sách cổ", 10, (Target(50, date(2025, 12, 31)),), "Sách quý"))
        created = apply(catalog, read_holdings_csv(path), EXPORT_DAY)
        assert created == {"Mộc bản"}
        assert catalog.collections.get("Sách cổ") == Collection(
            "Sách cổ", 2, (Target(50, date(2025, 12, 31)),), "Sách quý", baseline=Baseline(1, EXPORT_DAY)
        )
        assert catalog.collections.get("Mộc bản") == Collection("Mộc bản", 1, baseline=Baseline(0, EXPORT_DAY))


def test_apply_saves_nothing_when_one_collection_is_refused(tmp_path: Path):
    path = export(tmp_path, "id,collection,status\n1,A,\n2,B,\n")
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        catalog.collections.ensure("B")
        for n in range(2):  # B has two documents digitized after the export day, but holds one item
            catalog.documents.register(f"d{n}", f"sha{n}", f"{n}.pdf", "B", page_count=1)
            catalog.documents.finish(f"d{n}", Metadata())
        with pytest.raises(ArchiveError, match="'B' would count 2 items digitized but holds 1"):
            apply(catalog, read_holdings_csv(path), date(2000, 1, 1))
        assert catalog.collections.get("A") is None and catalog.collections.get("B").holdings is None
