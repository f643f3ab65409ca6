"""How the progress report writes each figure, the same in every format: counts, percents, paces, days, notes."""

from __future__ import annotations

from pipelines.collections.progress import LOW_CONFIDENCE, MET, RECENT_DAYS, CollectionProgress, TargetProgress

NONE = "—"


def number(value: int | None) -> str:
    return NONE if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}%"


def pace(value: float | None) -> str:
    if value is None:
        return NONE
    return "<0.1" if 0 < value < 0.05 else f"{value:.1f}"


def reached_on(target: TargetProgress | None) -> str:
    return target.projected.isoformat() if target and target.projected else NONE


def target_cell(target: TargetProgress | None) -> str:
    if target is None:
        return NONE
    if target.left is None:
        return target.label
    return target.label + (" (met)" if target.left == 0 else f" ({target.left:,} to go)")


def notes_of(row: CollectionProgress) -> list[str]:
    """What a reader must know beside the figures: warnings, and why a pace is missing while a target needs one."""
    return [*row.warnings, *([row.pace_note] if row.pace_note and row.status != MET else [])]


def waiting_text(row: CollectionProgress) -> str:
    count = row.waiting_for_review
    return f"{count:,} document{'s' if count != 1 else ''}, not counted until accepted (`digitize review`)"


def facts_of(row: CollectionProgress) -> list[tuple[str, str]]:
    """The figures of one collection beside its targets, as (label, value) pairs."""
    held_pages = f" of {row.holdings_pages:,} ({percent(row.pages_percent)})" if row.holdings_pages else ""
    baseline = f"{row.baseline.items:,} items on {row.baseline.on.isoformat()}" if row.baseline else NONE
    facts = [
        ("Digitized", f"{number(row.digitized)} of {number(row.holdings)} items ({percent(row.percent)})"),
        ("Pages", f"{row.pages:,}{held_pages}"),
        ("Baseline", baseline),
        ("Pace", pace_text(row)),
    ]
    quality = row.quality
    if quality and quality.by_source:
        sources = ", ".join(f"{count:,} {source}" for source, count in quality.by_source.items())
        confidence = (
            f"; mean OCR confidence {quality.mean_confidence:.1f}, "
            f"{quality.low_confidence:,} pages below {LOW_CONFIDENCE:g}"
            if quality.mean_confidence is not None
            else ""
        )
        facts.append(("Pages read", sources + confidence))
    if row.failed:
        facts.append(("Failed documents", f"{row.failed:,} (see `digitize run` output)"))
    if row.waiting_for_review:
        facts.append(("Waiting for review", waiting_text(row)))
    return facts


def pace_text(row: CollectionProgress) -> str:
    if row.pace_since_start is None:
        return row.pace_note or NONE
    return (
        f"{pace(row.pace_recent)} items a week over the last {RECENT_DAYS // 7} weeks, "
        f"{pace(row.pace_since_start)} since the start ({row.start.isoformat()})"
    )
