"""OAI-PMH resumption tokens signed by the repository, so a harvester can hand back only what it was given.

A token carries a list's arguments and where it stopped; unsigned, anyone can
forge one, and every field of it reaches the catalog's queries. Each token is
its JSON fields and an HMAC-SHA256 of them under a key kept in the archive
(``oai-token.key``, made by the first OAI server of the archive, readable by its
owner only), so tokens stay valid across restarts and a forged one is refused
before any field is read. An archive the server cannot write to gets a key for
the life of the process: its tokens end with it, as a harvest resumed after a
restart would find.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Collection
from pathlib import Path

KEY_FILE = "oai-token.key"
_SIGNATURE_BYTES = 16
_log = logging.getLogger(__name__)


def token_key(archive_root: Path) -> bytes:
    """The archive's signing key, made on first use."""
    path = archive_root / KEY_FILE
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
        if len(key) >= 32:
            return key
    except (OSError, ValueError):
        pass
    key = secrets.token_bytes(32)
    try:
        partial = path.with_name(f".{KEY_FILE}.{os.getpid()}")
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key.hex())
        partial.replace(path)
    except OSError as error:
        _log.warning("%s: cannot keep the OAI token key (%s): tokens last until the server stops", path, error)
    return key


def signed(fields: list, key: bytes) -> str:
    """``fields`` as a token: URL-safe base64 of their JSON, a dot, and its signature."""
    payload = _b64(json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode())
    return f"{payload}.{_b64(_signature(payload, key))}"


def unsigned(token: str, key: bytes) -> object:
    """The fields of a token this key signed; a ``ValueError`` for any other string."""
    payload, dot, signature = token.partition(".")
    if not dot or len(token) > 4096:
        raise ValueError("not a token")
    try:
        given = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        if not hmac.compare_digest(given, _signature(payload, key)):
            raise ValueError("not signed by this repository")
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ValueError("not a token") from error


def is_list_request(fields: object, prefixes: Collection[str]) -> bool:
    """True for the fields a list's token carries: prefix, since, until, set, after (stamp, id), cursor, size.

    A signed token could still come from a bug or an older layout: nothing of another shape reaches a query.
    """
    if not isinstance(fields, list) or len(fields) != 7:
        return False
    prefix, since, until, set_spec, after, cursor, size = fields
    return (
        prefix in prefixes
        and all(value is None or (isinstance(value, str) and len(value) < 256) for value in (since, until, set_spec))
        and isinstance(after, list)
        and len(after) == 2
        and all(isinstance(part, str) and len(part) < 256 for part in after)
        and all(type(value) is int and 0 <= value < 2**53 for value in (cursor, size))
    )


def _signature(payload: str, key: bytes) -> bytes:
    return hmac.new(key, payload.encode("ascii", "replace"), hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")
