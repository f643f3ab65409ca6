"""The desk as the reading room is given it (``index.desk.Desk``): an archive's accounts, corrections and audit.

Each worker process of the server calls these; every call opens the catalog
for itself, and changes take the archive's writer lock (``corrections``), so
a correction never lands in the middle of a batch's write.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import asdict
from datetime import timedelta

from digitize.ocr.page import Line
from index.desk import Desk, SignIn
from pipelines.archive.catalog import AuditRecord, Catalog
from pipelines.archive.catalog.connection import stamp, utc_now
from pipelines.archive.layout import Archive
from pipelines.desk import corrections
from pipelines.desk.accounts import signed_in
from pipelines.desk.queue import queue

#: The archive's key for signing session cookies, made with its first account.
KEY_NAME = ".session-key"
#: Failed sign-ins allowed in ``THROTTLE_WINDOW`` as one name, and from one address, before sign-ins are refused.
MAX_FAILURES_PER_NAME, MAX_FAILURES_PER_CLIENT = 5, 20
THROTTLE_WINDOW = timedelta(minutes=15)


def session_key(archive: Archive, create: bool = False) -> bytes | None:
    """The archive's session key; made (readable by its owner only) when ``create``, else None when there is none."""
    path = archive.root / KEY_NAME
    if create and not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
    try:
        return path.read_text(encoding="ascii").strip().encode()
    except FileNotFoundError:
        return None


def desk_for(archive: Archive) -> Desk | None:
    """The desk of ``archive``; None until it has an account (and so its session key)."""
    key = session_key(archive)
    if key is None:
        return None
    return Desk(
        secret=key,
        sign_in=lambda name, password, client: _sign_in(archive, name, password, client),
        role_of=lambda name: _role_of(archive, name),
        correct_field=lambda doc, name, value, author: corrections.correct_field(
            archive, doc, name, value, author
        ).to_dict(),
        correct_line=lambda doc, page, line, text, author: _line(
            corrections.correct_line(archive, doc, page, line, text, author)
        ),
        undo=lambda record, author: _record(corrections.undo(archive, record, author)),
        audit=lambda doc: _audit(archive, doc),
        queue=lambda collection, reason: _queue(archive, collection, reason),
    )


def _sign_in(archive: Archive, name: str, password: str, client: str) -> SignIn:
    with Catalog(archive.existing_catalog_path()) as catalog:
        since = stamp(utc_now() - THROTTLE_WINDOW)
        as_name, from_client = catalog.accounts.failures_since(since, name, client)
        if as_name >= MAX_FAILURES_PER_NAME or from_client >= MAX_FAILURES_PER_CLIENT:
            return SignIn(throttled=True)
        account = signed_in(catalog, name, password)
        if account is None:
            catalog.accounts.sign_in_failed(name, client)
            return SignIn()
        return SignIn(account.name, account.role)


def _role_of(archive: Archive, name: str) -> str | None:
    with Catalog(archive.existing_catalog_path(), read_only=True) as catalog:
        account = catalog.accounts.get(name)
    return account.role if account else None


def _audit(archive: Archive, doc_id: str | None) -> list[dict]:
    with Catalog(archive.existing_catalog_path(), read_only=True) as catalog:
        return [_record(record) for record in catalog.audit.entries(doc_id)]


def _queue(archive: Archive, collection: str | None, reason: str | None) -> list[dict]:
    with Catalog(archive.existing_catalog_path(), read_only=True) as catalog:
        return [asdict(item) for item in queue(catalog, collection, reason, archive.page_words)]


def _record(record: AuditRecord) -> dict:
    """An audit record as the API gives it: who, when, what, before and after (values as JSON text)."""
    return {
        "id": record.id,
        "user": record.author,
        "time": record.at,
        "doc": record.doc_id,
        "target": record.target,
        "before": record.before,
        "after": record.after,
        "undoes": record.undoes,
    }


def _line(line: Line) -> dict:
    return {"text": line.text, "words": [{"text": w.text, "box": list(w.box)} for w in line.words]}
