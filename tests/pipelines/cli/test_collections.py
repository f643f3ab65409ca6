"""The manager's commands: ``collection``, ``progress`` and ``report``."""

import json
import re
from datetime import date, timedelta
from html.parser import HTMLParser
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
        # Weeks of 10, 20, 15 and 15 items: the slow, typical and fast weeks' paces and the days they give.
        "forecast": {
            "weeks": 4,
            "pace_per_week": {"p10": 11.5, "p50": 15.0, "p90": 18.5},
            "reached": {"p10": "2033-02-25", "p50": "2032-09-16", "p90": "2032-06-07"},
        },
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


#: Words the Vietnamese report used to leak, and English a translation could still let through.
ENGLISH = (
    "digitized", "digitised", "target", "targets", "pace", "holdings", "items", "projected", "projection", "forecast",
    "likely", "week", "weeks", "behind", "deadline", "percentile", "collection", "collections", "pages", "baseline",
    "status", "read", "blank", "the", "of", "and", "by", "at", "to", "on track", "as of", "no pace",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
)  # fmt: skip
ENGLISH_CASED = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "AM", "PM")


class _ReadText(HTMLParser):
    """What a reader sees or hears of a page: its text and its images' and controls' names, not styles or code."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._hidden += tag in ("style", "script", "code")
        self.text += [value for name, value in attrs if name in ("alt", "title", "aria-label") and value]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script", "code")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def test_the_vietnamese_report_has_no_english_words_iso_dates_nor_decimal_points(digitized_archive, tmp_path: Path):
    archive = ("--archive", digitized_archive.root)
    today = date.today()

    def day(weeks: int) -> str:
        return (today + timedelta(weeks=weeks)).isoformat()

    invoke("collection", "set", "Hán Nôm", "--holdings", "40", "--target", "50", "--by", day(30), *archive)
    invoke(
        "collection", "add", "Sách cổ", "--holdings", "4820", "--pages", "250000", "--baseline", "25%",
        "--baseline-date", day(-13), "--target", "50", "--by", day(30), "--target", "75", "--by", day(100), *archive,
    )  # fmt: skip
    for week in range(12, -1, -1):
        items = 20 + (7 * week) % 23
        invoke("collection", "record", "Sách cổ", "--digitized", items, "--on", day(-week), "--pages", 90, *archive)
    invoke("collection", "add", "Mộc bản", "--holdings", "1250", "--target", "12.5", "--by", day(-2), *archive)
    invoke("collection", "record", "Mộc bản", "--digitized", "7", "--on", day(-5), *archive)
    invoke("collection", "add", "Châu bản", "--holdings", "0", *archive)
    page = tmp_path / "report.html"
    assert invoke("report", "--format", "html", "--lang", "vi", "-o", page, *archive).exit_code == 0

    reader = _ReadText()
    reader.feed(page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`]*`", " ", " ".join(reader.text))  # a command to type stays as it is typed
    leaked = [word for word in ENGLISH if re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE)]
    leaked += [word for word in ENGLISH_CASED if re.search(rf"(?<!\w){word}(?!\w)", text)]
    assert leaked == []
    assert re.findall(r"\d{4}-\d\d-\d\d", text) == []
    assert re.findall(r"\d\.\d{1,2}(?!\d)|\d,\d{3}(?!\d)", text) == []  # 1.234 groups thousands; 12,5 is a decimal
    # What the manager should find instead: Vietnamese days, decimal commas, month labels and the forecast's range.
    assert today.strftime("%d/%m/%Y") in text and re.search(r"\d,\d%", text) and re.search(r"T\d{1,2}/\d{4}", text)
    assert "nhiều khả năng đạt vào" in text and "phân vị thứ 10, 50 và 90" in text
    assert "Mới có một lần đếm" in text  # Hán Nôm: digitized today only
