"""The progress report as a manager reads it, from ``progress.ProgressReport``: a terminal table."""

from __future__ import annotations

from pipelines.progress import CollectionProgress, ProgressReport, TargetProgress

NONE = "—"


def _int(value: int | None) -> str:
    return NONE if value is None else f"{value:,}"


def _pct(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}%"


def _pace(value: float | None) -> str:
    if value is None:
        return NONE
    return "<0.1" if 0 < value < 0.05 else f"{value:.1f}"


def _day(target: TargetProgress | None) -> str:
    return target.projected.isoformat() if target and target.projected else NONE


def _target_cell(target: TargetProgress | None) -> str:
    if target is None:
        return NONE
    if target.left is None:
        return target.label
    return target.label + (" (met)" if target.left == 0 else f" ({target.left:,} to go)")


def _notes(row: CollectionProgress) -> list[str]:
    """What a reader must know beside the figures: warnings, and why a pace is missing."""
    return [*row.warnings, *([row.pace_note] if row.pace_note else [])]


# Text


def format_table(report: ProgressReport) -> str:
    """A plain-text table a manager can read in a terminal or an e-mail: each collection and its next target."""
    if not report.collections:
        return "No collections yet: add one with `digitize collection add NAME --holdings N`."
    header = ("Collection", "Holdings", "Digitized", "Pages", "Done", "Pace/wk", "Target", "Projected", "Status")
    lines = [header]
    for row in report.collections:
        target = row.next_target
        lines.append(
            (
                row.name,
                _int(row.holdings),
                _int(row.digitized),
                _int(row.pages),
                _pct(row.percent),
                _pace(row.pace_recent),
                _target_cell(target),
                _day(target),
                target.summary if target else row.status,
            )
        )
    total = report.overall
    if len(report.collections) > 1:
        left = f"{total.left_to_targets:,} to go" if total.left_to_targets else NONE
        statuses = ", ".join(f"{count} {status}" for status, count in sorted(total.statuses.items()))
        lines.append(
            (
                "All collections",
                _int(total.holdings),
                _int(total.digitized),
                _int(total.pages),
                _pct(total.percent),
                _pace(total.pace_recent),
                left,
                "",
                statuses,
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    left_aligned = (0, len(header) - 3, len(header) - 2, len(header) - 1)
    table = [
        "  ".join(
            cell.ljust(width) if i in left_aligned else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    ]
    notes = [f"  {row.name}: {note}" for row in report.collections for note in _notes(row)]
    return "\n".join([f"Progress as of {report.as_of.isoformat()}", *table, *(["", "Notes:", *notes] if notes else [])])
