"""The manager's commands: ``collection``, ``progress`` and ``report``."""

import json
from pathlib import Path

from click.testing import CliRunner

from pipelines.cli import main
from tests.pipelines.cli.conftest import invoke


def test_a_manager_tracks_a_collection_through_the_cli(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    added = invoke(
        "collection", "add", "Sách cổ", "--holdings", "4820", "--pages", "250000", "--baseline", "25%",
        "--baseline-date", "2031-03-03", "--target", "50", "--by", "2032-06-30", "--target", "75", "--by", "2034-12-31",
        *archive,
    )  # fmt: skip
    assert added.output == (
        "added collection 'Sách cổ': 4,820 items (250,000 pages); baseline 1,205 on 2031-03-03; "
        "target 50% by 2032-06-30, 75% by 2034-12-31\n"
    )
    for day, items in (("2031-03-10", 10), ("2031-03-17", 20), ("2031-03-24", 15), ("2031-03-31", 15)):
        assert invoke("collection", "record", "Sách cổ", "--digitized", items, "--on", day, *archive).exit_code == 0

    data = json.loads(invoke("progress", "--json", "--as-of", "2031-03-31", *archive).output)
    [sach_co] = data["collections"]
    assert (data["as_of"], sach_co["digitized"], sach_co["percent"], sach_co["left_to_target"]) == (
        "2031-03-31",
        1265,
        26.24,
        1145,
    )
    assert sach_co["pace_per_week"] == {"last_4_weeks": 15.0, "since_start": 15.0, "note": None}
    assert sach_co["targets"][0] == {
        "pct": 50.0,
        "by": "2032-06-30",
        "items": 2410,
        "left": 1145,
        "required_pace_per_week": 17.54,
        "projected_date": "2032-09-16",
        "status": "behind",
        "short_by": 166,
        "summary": "behind by 166 items",
    }
    earlier = json.loads(invoke("progress", "--json", "--as-of", "2031-03-17", *archive).output)["collections"][0]
    assert earlier["digitized"] == 1235

    assert invoke("collection", "set", "Sách cổ", "--description", "Sách quý hiếm", *archive).exit_code == 0
    [listed] = json.loads(invoke("collection", "list", "--json", *archive).output)["collections"]
    assert (listed["description"], listed["baseline"]) == ("Sách quý hiếm", {"items": 1205, "date": "2031-03-03"})
    assert len(listed["outside_records"]) == 4

    page = tmp_path / "report.html"
    assert invoke("report", "--as-of", "2031-03-31", "-o", page, *archive).output == f"wrote {page}\n"
    assert "Sách quý hiếm" in page.read_text(encoding="utf-8")
    assert invoke("report", "--format", "csv", "--as-of", "2031-03-31", *archive).output.startswith("scope,")


def test_a_record_entered_by_mistake_is_removed(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    invoke("collection", "add", "Mộc bản", "--holdings", "100", *archive)
    for items in (60, 6):
        invoke("collection", "record", "Mộc bản", "--digitized", items, "--on", "2030-02-01", *archive)
    ambiguous = CliRunner().invoke(main, ["collection", "unrecord", "Mộc bản", "--on", "2030-02-01", "--archive",
                                          str(tmp_path / "archive")])  # fmt: skip
    assert (ambiguous.exit_code, ambiguous.output) == (
        1,
        "error: 'Mộc bản': 2 records on 2030-02-01 (60, 6 items): say which with --digitized N\n",
    )
    removed = invoke("collection", "unrecord", "Mộc bản", "--on", "2030-02-01", "--digitized", 60, *archive)
    assert removed.output == (
        "removed the record of 60 items digitized outside the tool on 2030-02-01 from 'Mộc bản': 6 digitized by then\n"
    )
    [row] = json.loads(invoke("progress", "--json", "--as-of", "2030-03-01", *archive).output)["collections"]
    assert row["digitized"] == 6


def test_more_digitized_than_held_is_one_line_of_error(tmp_path: Path):
    archive = ("--archive", tmp_path / "archive")
    invoke("collection", "add", "Mộc bản", "--holdings", "100", "--baseline", "90", "--baseline-date", "2030-01-01",
           *archive)  # fmt: skip
    result = CliRunner().invoke(
        main, ["collection", "record", "Mộc bản", "--digitized", "11", "--on", "2030-02-01", *map(str, archive)]
    )
    assert result.exit_code == 1
    assert result.output == "error: 'Mộc bản' would count 101 items digitized but holds 100: more digitized than held\n"


def test_collections_come_from_the_librarys_catalog_export(tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text("id,title,collection,status\n1,Kiều,Sách cổ,Đã số hóa\n2,Lục Vân Tiên,Sách cổ,\n", "utf-8")
    imported = invoke("collection", "import", export, "--on", "2030-05-04", "--archive", tmp_path / "archive")
    assert imported.output == (
        "added collection 'Sách cổ': 2 items, 1 digitized on 2030-05-04 (statuses: Đã số hóa 1, (empty) 1)\n"
    )


def test_targets_and_deadlines_must_pair_up(tmp_path: Path):
    result = CliRunner().invoke(
        main, ["collection", "add", "X", "--holdings", "5", "--target", "50", "--target", "60", "--by", "2030-01-01"]
    )
    assert result.exit_code == 2 and "give one --by per --target" in result.output


def test_an_export_with_a_misshapen_row_is_refused_and_nothing_is_saved(tmp_path: Path):
    export = tmp_path / "export.csv"
    export.write_text('id,collection,status\n1,"Sách cổ ""quý""",done\n2,Sách cổ,done,"x"\n', "utf-8")
    archive = tmp_path / "archive"
    result = CliRunner().invoke(main, ["collection", "import", str(export), "--archive", str(archive)])
    assert result.exit_code == 1
    assert result.output == f"error: {export}: line 3, column 4: 4 cells where the header has 3\n"
    assert not (archive / "catalog.sqlite").exists()
