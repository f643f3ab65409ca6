import re
from pathlib import Path

import pytest

from digitize.errors import MetadataImportError
from pipelines.imports.spreadsheet import read_sheet, spreadsheet_cell


def sheet_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_doubled_quotes_as_excel_writes_them_stay_in_their_cell(tmp_path: Path):
    path = sheet_file(
        tmp_path,
        'file,title,agency,signer\nz_good2.png,"Báo cáo ""chuyển đổi số"", năm 2024",BỘ NỘI VỤ,Nguyễn Văn A\n',
    )
    [row] = read_sheet(path).rows
    assert row.cells == {
        "file": "z_good2.png",
        "title": 'Báo cáo "chuyển đổi số", năm 2024',
        "agency": "BỘ NỘI VỤ",
        "signer": "Nguyễn Văn A",
    }


def test_a_quoted_line_break_is_one_cell_and_rows_keep_their_first_line(tmp_path: Path):
    path = sheet_file(tmp_path, 'id,summary\n1,"Dòng một\nDòng hai"\n\n2,Kiều\n')
    assert [(row.line, row.cells["summary"]) for row in read_sheet(path).rows] == [
        (2, "Dòng một\nDòng hai"),
        (5, "Kiều"),
    ]


def test_rows_of_a_semicolon_file_with_a_byte_order_mark_keep_their_line_numbers(tmp_path: Path):
    path = tmp_path / "rows.csv"
    path.write_text("\ufeffID;Title\n1;Kiều\n\n3;Lục Vân Tiên\n", encoding="utf-8")
    sheet = read_sheet(path, delimiter=";")
    assert sheet.header == ["id", "title"]
    assert [(row.line, row.cells["title"]) for row in sheet.rows] == [(2, "Kiều"), (4, "Lục Vân Tiên")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("id;title\n1;Kiều\n", "the header has one column 'id;title': give --delimiter ';'"),
        ("id,title\n1,Kiều,extra\n", "line 2, column 3: 3 cells where the header has 2"),
        ("id,title\n1\n", "line 2, column 2: 1 cells where the header has 2"),
        ('id,title\n1,"Kiều"x\n', "line 2: not a CSV row"),
        ("id,,title\n1,2,3\n", "line 1, column 2: a column with no name"),
        ("id,Title,title\n1,2,3\n", "line 1, column 3: column 'title' twice"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused_by_line_and_column(tmp_path: Path, text: str, reason: str):
    with pytest.raises(MetadataImportError, match=re.escape(reason)):
        read_sheet(sheet_file(tmp_path, text), MetadataImportError)


def test_a_file_that_is_not_utf8_is_the_callers_error(tmp_path: Path):
    path = tmp_path / "rows.csv"
    path.write_bytes("id,title\n1,Ki\u1ec1u\n".encode("utf-16"))
    with pytest.raises(MetadataImportError, match="cannot read it as UTF-8 text"):
        read_sheet(path, MetadataImportError)


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("Sách cổ", "Sách cổ"), (-2, -2)],
)
def test_text_that_would_start_a_formula_is_neutralised_and_numbers_are_not(value: object, written: object):
    assert spreadsheet_cell(value) == written
