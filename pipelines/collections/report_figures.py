"""How the progress report writes each figure, the same in every format: counts, percents, paces, days, notes."""

from __future__ import annotations

from index.i18n import N_, Message
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


def notes_of(row: CollectionProgress, lang: str = "en") -> list[str]:
    """What a reader must know beside the figures: warnings, and why a pace is missing while a target needs one."""
    notes = [*row.warnings, *([row.pace_note] if row.pace_note and row.status != MET else [])]
    return [note.in_language(lang) for note in notes]


def waiting_text(row: CollectionProgress, lang: str = "en") -> str:
    count = row.waiting_for_review
    if count == 1:
        return _say(lang, N_("1 document, not counted until accepted (`digitize review`)"))
    return _say(lang, N_("{count:,} documents, not counted until accepted (`digitize review`)"), count=count)


def facts_of(row: CollectionProgress, lang: str = "en") -> list[tuple[str, str]]:
    """The figures of one collection beside its targets, as (label, value) pairs; labels are message ids."""
    held_pages = (
        _say(lang, N_(" of {held:,} ({percent})"), held=row.holdings_pages, percent=percent(row.pages_percent))
        if row.holdings_pages
        else ""
    )
    baseline = (
        _say(lang, N_("{items:,} items on {day}"), items=row.baseline.items, day=row.baseline.on.isoformat())
        if row.baseline
        else NONE
    )
    digitized = _say(
        lang,
        N_("{done} of {held} items ({percent})"),
        done=number(row.digitized),
        held=number(row.holdings),
        percent=percent(row.percent),
    )
    facts = [
        ("Digitized", digitized),
        ("Pages", f"{row.pages:,}{held_pages}"),
        ("Baseline", baseline),
        ("Pace", pace_text(row, lang)),
    ]
    quality = row.quality
    if quality and quality.by_source:
        sources = ", ".join(f"{count:,} {source}" for source, count in quality.by_source.items())
        confidence = (
            _say(
                lang,
                N_("; mean OCR confidence {mean:.1f}, {low:,} pages below {limit:g}"),
                mean=quality.mean_confidence,
                low=quality.low_confidence,
                limit=LOW_CONFIDENCE,
            )
            if quality.mean_confidence is not None
            else ""
        )
        facts.append(("Pages read", sources + confidence))
    if row.failed:
        facts.append(("Failed documents", _say(lang, N_("{count:,} (see `digitize run` output)"), count=row.failed)))
    if row.waiting_for_review:
        facts.append(("Waiting for review", waiting_text(row, lang)))
    return facts


def pace_text(row: CollectionProgress, lang: str = "en") -> str:
    if row.pace_since_start is None:
        return row.pace_note.in_language(lang) if row.pace_note else NONE
    return _say(
        lang,
        N_("{recent} items a week over the last {weeks} weeks, {since_start} since the start ({start})"),
        recent=pace(row.pace_recent),
        weeks=RECENT_DAYS // 7,
        since_start=pace(row.pace_since_start),
        start=row.start.isoformat(),
    )


def _say(lang: str, message: str, **values: object) -> str:
    """``message`` in ``lang``, its ``{names}`` filled in after translation (word order differs)."""
    return Message(message, values).in_language(lang)
