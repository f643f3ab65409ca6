from pathlib import Path

import pytest

from digitize.errors import MetadataImportError
from pipelines.imports.spreadsheet import csv_rows


def test_rows_of_a_semicolon_file_with_a_byte_order_mark_keep_their_line_numbers(tmp_path: Path):
    path = tmp_path / "rows.csv"
    path.write_text("\ufeffid;title\n1;Kiều\n\n3;Lục Vân Tiên\n", encoding="utf-8")
    reader = csv_rows(path)
    assert reader.fieldnames == ["id", "title"]
    assert [(reader.line_num, row["title"]) for row in reader] == [(2, "Kiều"), (4, "Lục Vân Tiên")]


def test_a_file_that_is_not_utf8_is_the_callers_error(tmp_path: Path):
    path = tmp_path / "rows.csv"
    path.write_bytes("id,title\n1,Ki\u1ec1u\n".encode("utf-16"))
    with pytest.raises(MetadataImportError, match="cannot read it as UTF-8 text"):
        csv_rows(path, MetadataImportError)
