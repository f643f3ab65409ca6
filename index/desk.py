"""What the reading room may change in an archive: the seam the desk's routes call, filled in by the archive's side.

The routes (``index.reading_room.desk``) know requests, sessions and roles;
what a correction does to an archive (files remade, the index updated, the
audit record) is ``pipelines.desk``'s, handed in as these callables, as
``index.site.Site`` hands in where files are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in: the account's name and role, or none; ``throttled`` when too many failed."""

    name: str | None = None
    role: str | None = None
    throttled: bool = False


@dataclass(frozen=True)
class Desk:
    #: Signs the session cookies: the archive's own key, shared by every worker process.
    secret: bytes
    #: (name, password, client address) → who signed in, if anyone; failures are counted and throttled.
    sign_in: Callable[[str, str, str], SignIn]
    #: An account's role now (None once removed), so a session outlives neither its account nor its role.
    role_of: Callable[[str], str | None]
    #: (document, field, value, author) → the new description (``Metadata.to_dict``).
    correct_field: Callable[[str, str, str, str], dict]
    #: (document, page, ALTO line ID, text, author) → the line's new words.
    correct_line: Callable[[str, int, str, str, str], dict]
    #: (audit record id, author) → the record of the undo.
    undo: Callable[[int, str], dict]
    #: A document's changes (every document's when None), oldest first.
    audit: Callable[[str | None], list[dict]]
    #: (collection, reason) → what most likely needs a person, most likely first.
    queue: Callable[[str | None, str | None], list[dict]]
