import pytest

from digitize.errors import ArchiveError
from pipelines.archive.catalog import Catalog
from pipelines.desk.accounts import add_account, remove_account, set_password, signed_in


@pytest.fixture
def catalog(tmp_path):
    with Catalog(tmp_path / "catalog.sqlite") as catalog:
        yield catalog


def test_an_account_signs_in_with_its_password_only(catalog: Catalog):
    add_account(catalog, "lan", "archivist", "mật khẩu dài")
    assert signed_in(catalog, "lan", "mật khẩu dài").role == "archivist"
    assert signed_in(catalog, "lan", "mật khẩu sai") is None
    assert signed_in(catalog, "nobody", "mật khẩu dài") is None
    stored = catalog.accounts.get("lan").password_hash
    assert stored.startswith("$argon2id$") and "mật khẩu" not in stored


def test_a_new_password_replaces_the_old(catalog: Catalog):
    add_account(catalog, "lan", "reader", "first password")
    set_password(catalog, "lan", "second password")
    assert signed_in(catalog, "lan", "first password") is None
    assert signed_in(catalog, "lan", "second password") is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "reason"),
    [
        ("lan", "owner", "long enough", "no role 'owner'"),
        ("  ", "reader", "long enough", "not a usable account name"),
        ("lan", "reader", "short", "at least 8 characters"),
    ],
)
def test_bad_accounts_are_refused(catalog: Catalog, name, role, password, reason):
    with pytest.raises(ArchiveError, match=reason):
        add_account(catalog, name, role, password)


def test_a_name_is_taken_once_and_removed_once(catalog: Catalog):
    add_account(catalog, "Lan", "reader", "long enough")
    with pytest.raises(ArchiveError, match="exists already"):
        add_account(catalog, " Lan ", "admin", "long enough")
    remove_account(catalog, "Lan")
    with pytest.raises(ArchiveError, match="no account"):
        remove_account(catalog, "Lan")
