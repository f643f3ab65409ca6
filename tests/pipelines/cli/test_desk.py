import json
from datetime import date

from click.testing import CliRunner

from pipelines.archive.catalog import Catalog
from pipelines.archive.layout import Archive
from pipelines.cli import main
from pipelines.collections.progress import collection_progress
from pipelines.collections.report_figures import facts_of
from pipelines.desk.accounts import signed_in
from pipelines.desk.corrections import correct_field, undo
from tests.pipelines.cli.conftest import invoke


def test_accounts_are_added_listed_given_a_new_password_and_removed(digitized_archive: Archive):
    root = digitized_archive.root
    runner = CliRunner()
    added = runner.invoke(
        main, ["user", "add", "lan", "--role", "archivist", "--archive", root], input="mật khẩu dài\n"
    )
    assert added.exit_code == 0 and "added as archivist" in added.output
    listed = json.loads(invoke("user", "list", "--archive", root, "--json").output)
    assert listed == [{"name": "lan", "role": "archivist"}]
    assert "mật khẩu" not in invoke("user", "list", "--archive", root).output
    changed = runner.invoke(main, ["user", "passwd", "lan", "--archive", root], input="một mật khẩu mới\n")
    assert changed.exit_code == 0
    with Catalog(digitized_archive.catalog_path) as catalog:
        assert signed_in(catalog, "lan", "một mật khẩu mới") is not None
    short = runner.invoke(main, ["user", "add", "minh", "--archive", root], input="ngắn\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    assert invoke("user", "remove", "lan", "--archive", root).exit_code == 0
    assert json.loads(invoke("user", "list", "--archive", root, "--json").output) == []


def test_audit_lists_each_change_with_its_author_and_values(digitized_archive: Archive):
    with Catalog(digitized_archive.catalog_path) as catalog:
        doc_id = catalog.documents.all("done")[0].id
    correct_field(digitized_archive, doc_id, "title", "Bản sắc phong", "lan")
    [record] = json.loads(invoke("audit", doc_id[:6], "--archive", digitized_archive.root, "--json").output)
    assert (record["author"], record["target"], json.loads(record["after"])) == ("lan", "field:title", "Bản sắc phong")
    text = invoke("audit", "--archive", digitized_archive.root).output
    assert "lan" in text and "field:title" in text and "1 changes." in text


def test_the_audit_summary_counts_changes_by_collection_and_archivist(digitized_archive: Archive):
    with Catalog(digitized_archive.catalog_path) as catalog:
        document = catalog.documents.all("done")[0]
    correct_field(digitized_archive, document.id, "title", "Bản sắc phong", "lan")
    correct_field(digitized_archive, document.id, "number", "01/CT-UBND", "lan")
    correct_field(digitized_archive, document.id, "title", "Sắc phong", "minh")
    undo(digitized_archive, 3, "minh")
    root = digitized_archive.root

    tallies = json.loads(invoke("audit", "--summary", "--archive", digitized_archive.root, "--json").output)
    by_author = {tally["author"]: tally for tally in tallies}
    assert {tally["collection"] for tally in tallies} == {document.collection}
    assert (by_author["lan"]["changes"], by_author["lan"]["fields"], by_author["lan"]["undos"]) == (2, 2, 0)
    assert (by_author["minh"]["changes"], by_author["minh"]["undos"], by_author["minh"]["documents"]) == (2, 1, 1)
    text = invoke("audit", "--summary", "--archive", digitized_archive.root).output
    assert "4 changes by 2 people." in text

    [counted] = json.loads(invoke("progress", "--json", "--archive", digitized_archive.root).output)["collections"]
    assert counted["corrected_by"] == {"lan": 2, "minh": 2}
    assert "corrected at the desk: 4 changes: lan 2, minh 2" in invoke("progress", "--archive", root).output
    with Catalog(digitized_archive.catalog_path) as catalog:
        row = collection_progress(catalog, catalog.collections.get(document.collection), date.today())
    assert dict(facts_of(row, "vi"))["Corrected at the desk"] == "4 thay đổi: lan 2, minh 2"
