"""Accounts of the reading room: roles, and passwords kept as Argon2id hashes.

Argon2id (``argon2-cffi``, the reference implementation's binding) is what
OWASP recommends for password storage; its parameters travel inside each hash,
so a hash made with older ones still verifies and is re-made at the next
sign-in (``needs_rehash``).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from digitize.errors import ArchiveError
from index.roles import ROLES
from pipelines.archive.catalog import Account, Catalog

#: Shorter passwords are refused.
MIN_PASSWORD = 8

_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so that a wrong name takes as long as a wrong password. Made on
    first use, not on import: a hash costs 0.14 s, which every ``digitize`` command paid at start-up."""
    return _HASHER.hash("not a password of anyone's")


def add_account(catalog: Catalog, name: str, role: str, password: str) -> Account:
    """A new account; an ``ArchiveError`` when the name is taken or empty, the role unknown or the password short."""
    name = _name(name)
    if role not in ROLES:
        raise ArchiveError(None, f"no role {role!r}: roles are {', '.join(ROLES)}")
    password_hash = _hash(password)
    if not catalog.accounts.add(name, role, password_hash):
        raise ArchiveError(None, f"an account {name!r} exists already")
    return Account(name, role, password_hash)


def set_password(catalog: Catalog, name: str, password: str) -> None:
    if not catalog.accounts.set_password_hash(_name(name), _hash(password)):
        raise ArchiveError(None, f"no account {name!r}")


def remove_account(catalog: Catalog, name: str) -> None:
    if not catalog.accounts.remove(_name(name)):
        raise ArchiveError(None, f"no account {name!r}")


def signed_in(catalog: Catalog, name: str, password: str) -> Account | None:
    """The account when ``password`` is its password, else None (taking as long whether or not the name exists)."""
    account = catalog.accounts.get(_name(name)) if name.strip() else None
    try:
        _HASHER.verify(account.password_hash if account else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if account is None:
        return None
    if _HASHER.check_needs_rehash(account.password_hash):
        catalog.accounts.set_password_hash(account.name, _HASHER.hash(password))
    return account


def _name(name: str) -> str:
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned or any(unicodedata.category(c).startswith("C") for c in cleaned):
        raise ArchiveError(None, f"{name!r} is not a usable account name")
    return cleaned


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ArchiveError(None, f"a password needs at least {MIN_PASSWORD} characters")
    return _HASHER.hash(password)
