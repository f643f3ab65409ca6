"""Who may do what in the reading room: a reader reads, an archivist also corrects, an admin also manages accounts.

Each role may do all that the roles before it may; anonymous visitors read
as readers do, unless the room is private.
"""

from __future__ import annotations

ROLES = ("reader", "archivist", "admin")
READER, ARCHIVIST, ADMIN = ROLES


def may(role: str | None, needed: str) -> bool:
    """Whether ``role`` (None: nobody signed in) has ``needed`` or a role above it."""
    return role in ROLES and ROLES.index(role) >= ROLES.index(needed)
