"""Where each collection stands against its digitization target."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from pipelines.catalog import Catalog


@dataclass(frozen=True)
class CollectionProgress:
    name: str
    holdings: int | None
    digitized: int
    pages: int
    failed: int
    target_pct: float | None
    target_date: str | None

    @property
    def percent(self) -> float | None:
        """Share of holdings digitized, in percent; None while holdings are unknown or zero."""
        if not self.holdings:
            return None
        return round(100.0 * self.digitized / self.holdings, 2)

    @property
    def left_to_target(self) -> int | None:
        """Items still to digitize to reach the target; 0 once it is met."""
        if not self.holdings or self.target_pct is None:
            return None
        return max(0, math.ceil(self.holdings * self.target_pct / 100.0 - 1e-9) - self.digitized)

    def to_dict(self) -> dict:
        return {**asdict(self), "percent": self.percent, "left_to_target": self.left_to_target}


def collection_progress(catalog: Catalog) -> list[CollectionProgress]:
    result = []
    for collection in catalog.collections():
        digitized, pages, failed = catalog.collection_counts(collection.name)
        result.append(
            CollectionProgress(
                name=collection.name,
                holdings=collection.holdings,
                digitized=digitized,
                pages=pages,
                failed=failed,
                target_pct=collection.target_pct,
                target_date=collection.target_date,
            )
        )
    return result


def format_table(rows: list[CollectionProgress]) -> str:
    """A plain-text table a manager can read in a terminal or an e-mail."""
    if not rows:
        return "No collections yet: add one with `digitize collection add NAME --holdings N`."
    header = ("Collection", "Holdings", "Digitized", "Pages", "Done", "Target")
    lines = [header]
    for row in rows:
        target = "—"
        if row.target_pct is not None:
            target = f"{row.target_pct:g}%" + (f" by {row.target_date}" if row.target_date else "")
            if row.left_to_target is not None:
                target += " (met)" if row.left_to_target == 0 else f" ({row.left_to_target} to go)"
        lines.append(
            (
                row.name,
                "—" if row.holdings is None else str(row.holdings),
                str(row.digitized),
                str(row.pages),
                "—" if row.percent is None else f"{row.percent:.1f}%",
                target,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    left_aligned = (0, len(header) - 1)
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i in left_aligned else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )
