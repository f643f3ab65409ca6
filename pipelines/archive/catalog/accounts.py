"""The catalog's accounts: who may sign in to the reading room, with which role, under which password hash.

Only the hash is stored (``pipelines.desk.accounts`` makes and checks it); the
catalog knows nothing of how it was made.
"""

from __future__ import annotations

from pipelines.archive.catalog.connection import Part
from pipelines.archive.catalog.records import Account


class Accounts(Part):
    def get(self, name: str) -> Account | None:
        row = self._db.execute("SELECT name, role, password_hash FROM accounts WHERE name = ?", (name,)).fetchone()
        return Account(*row) if row else None

    def all(self) -> list[Account]:
        rows = self._db.execute("SELECT name, role, password_hash FROM accounts ORDER BY name")
        return [Account(*row) for row in rows]

    def add(self, name: str, role: str, password_hash: str) -> bool:
        """Add the account; False when the name is taken."""
        now = self._connection.now()
        with self._connection.transaction() as db:
            added = db.execute(
                "INSERT OR IGNORE INTO accounts (name, role, password_hash, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, role, password_hash, now, now),
            )
            return added.rowcount == 1

    def set_password_hash(self, name: str, password_hash: str) -> bool:
        """Replace the account's hash; False when there is no such account."""
        with self._connection.transaction() as db:
            changed = db.execute(
                "UPDATE accounts SET password_hash = ?, updated_at = ? WHERE name = ?",
                (password_hash, self._connection.now(), name),
            )
            return changed.rowcount == 1

    def remove(self, name: str) -> bool:
        """Remove the account (its audit records stay, under its name); False when there was none."""
        with self._connection.transaction() as db:
            return db.execute("DELETE FROM accounts WHERE name = ?", (name,)).rowcount == 1

    # Failed sign-ins, counted to slow down whoever guesses passwords, whichever worker process they reach

    def sign_in_failed(self, name: str, client: str) -> None:
        with self._connection.transaction() as db:
            db.execute(
                "INSERT INTO failed_sign_ins (name, client, at) VALUES (?, ?, ?)",
                (name, client, self._connection.now()),
            )

    def failures_since(self, since: str, name: str, client: str) -> tuple[int, int]:
        """Failed sign-ins since the stamp ``since``: as ``name``, and from ``client``."""
        row = self._db.execute(
            "SELECT COALESCE(SUM(name = :name), 0), COALESCE(SUM(client = :client), 0) FROM failed_sign_ins "
            "WHERE at >= :since",
            {"name": name, "client": client, "since": since},
        ).fetchone()
        return row[0], row[1]
