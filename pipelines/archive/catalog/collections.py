"""The catalog's collections: their definitions and targets, and the items digitized outside the tool."""

from __future__ import annotations

import sqlite3
from datetime import date

from pipelines.archive.catalog.connection import Part
from pipelines.archive.catalog.counting import ReviewPolicy
from pipelines.archive.catalog.records import Baseline, Collection, OutsideRecord, Target


class Collections(Part):
    def save(self, collection: Collection) -> bool:
        """Create or replace a collection's definition and targets; True when the collection is new."""
        existed = self.get(collection.name) is not None
        baseline, review = collection.baseline, collection.review
        with self._connection.transaction() as db:
            db.execute(
                """INSERT INTO collections (name, holdings, description, holdings_pages, baseline_items,
                                            baseline_date, review_hold, review_min_confidence, review_min_syllables,
                                            review_hold_han, created_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(name) DO UPDATE SET holdings = excluded.holdings,
                       description = excluded.description, holdings_pages = excluded.holdings_pages,
                       baseline_items = excluded.baseline_items, baseline_date = excluded.baseline_date,
                       review_hold = excluded.review_hold, review_min_confidence = excluded.review_min_confidence,
                       review_min_syllables = excluded.review_min_syllables,
                       review_hold_han = excluded.review_hold_han""",
                (
                    collection.name,
                    collection.holdings,
                    collection.description,
                    collection.holdings_pages,
                    baseline.items if baseline else None,
                    baseline.on.isoformat() if baseline else None,
                    review.hold,
                    review.min_confidence,
                    review.min_syllable_share,
                    review.hold_han,
                    self._connection.now(),
                ),
            )
            db.execute("DELETE FROM targets WHERE collection = ?", (collection.name,))
            db.executemany(
                "INSERT INTO targets (collection, pct, due) VALUES (?, ?, ?)",
                [
                    (collection.name, target.pct, target.due.isoformat() if target.due else None)
                    for target in collection.targets
                ],
            )
        return not existed

    def ensure(self, name: str) -> None:
        """Register ``name`` with unknown holdings unless it exists already."""
        with self._connection.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)",
                (name, self._connection.now()),
            )

    def get(self, name: str) -> Collection | None:
        return next(iter(self._select("WHERE name = ?", (name,))), None)

    def all(self) -> list[Collection]:
        return self._select("ORDER BY name", ())

    def review_rule(self, name: str, review: ReviewPolicy | None = None) -> dict[str, object]:
        """The parameters of the counting SQL (``counting``) for ``name``: ``review``, else the collection's policy."""
        if review is None:
            found = self.get(name)
            review = found.review if found else ReviewPolicy()
        return review.rule(name)

    def _select(self, where: str, parameters: tuple) -> list[Collection]:
        rows = self._db.execute(
            "SELECT name, holdings, description, holdings_pages, baseline_items, baseline_date, review_hold, "
            f"review_min_confidence, review_min_syllables, review_hold_han FROM collections {where}",
            parameters,
        ).fetchall()
        targets: dict[str, list[Target]] = {}
        for row in self._db.execute("SELECT collection, pct, due FROM targets ORDER BY due IS NULL, due, pct"):
            due = date.fromisoformat(row["due"]) if row["due"] else None
            targets.setdefault(row["collection"], []).append(Target(row["pct"], due))
        return [
            Collection(
                name=row["name"],
                holdings=row["holdings"],
                targets=tuple(targets.get(row["name"], ())),
                description=row["description"],
                holdings_pages=row["holdings_pages"],
                baseline=(
                    Baseline(row["baseline_items"], date.fromisoformat(row["baseline_date"]))
                    if row["baseline_date"]
                    else None
                ),
                review=_review_policy(row),
            )
            for row in rows
        ]

    # Items digitized outside the tool

    def add_outside_record(self, collection: str, record: OutsideRecord) -> None:
        with self._connection.transaction() as db:
            db.execute(
                "INSERT INTO outside_records (collection, on_date, items, pages, recorded_at) VALUES (?, ?, ?, ?, ?)",
                (collection, record.on.isoformat(), record.items, record.pages, self._connection.now()),
            )

    def remove_outside_record(self, collection: str, record: OutsideRecord) -> None:
        """Remove ``record`` (the one entered last, if it was entered twice)."""
        with self._connection.transaction() as db:
            db.execute(
                "DELETE FROM outside_records WHERE rowid = (SELECT MAX(rowid) FROM outside_records "
                "WHERE collection = ? AND on_date = ? AND items = ? AND pages IS ?)",
                (collection, record.on.isoformat(), record.items, record.pages),
            )

    def outside_records(self, collection: str) -> list[OutsideRecord]:
        rows = self._db.execute(
            "SELECT on_date, items, pages FROM outside_records WHERE collection = ? ORDER BY on_date, rowid",
            (collection,),
        )
        return [OutsideRecord(date.fromisoformat(row["on_date"]), row["items"], row["pages"]) for row in rows]


def _review_policy(row: sqlite3.Row) -> ReviewPolicy:
    """A collection's review policy; the defaults where it has none (collections from before review)."""
    default = ReviewPolicy()
    return ReviewPolicy(
        default.hold if row["review_hold"] is None else bool(row["review_hold"]),
        default.min_confidence if row["review_min_confidence"] is None else row["review_min_confidence"],
        default.min_syllable_share if row["review_min_syllables"] is None else row["review_min_syllables"],
        default.hold_han if row["review_hold_han"] is None else bool(row["review_hold_han"]),
    )
