"""How the progress report writes each figure, the same in every format: counts, percents, paces, days, notes.

Each takes the reader's language (``locale_format``); English, the default, is
what the terminal table, Markdown and CSV are written in.
"""

from __future__ import annotations

from index.i18n import N_, Message, gettext_in
from pipelines.collections import locale_format
from pipelines.collections.locale_format import NONE
from pipelines.collections.progress import LOW_CONFIDENCE, MET, RECENT_DAYS, CollectionProgress, TargetProgress


def number(value: int | None, lang: str = "en") -> str:
    return locale_format.number(value, lang)


def percent(value: float | None, lang: str = "en") -> str:
    return locale_format.percent(value, lang)


def pace(value: float | None, lang: str = "en") -> str:
    if value is None:
        return NONE
    return "<" + locale_format.decimal(0.1, lang) if 0 < value < 0.05 else locale_format.decimal(value, lang)


def reached_on(target: TargetProgress | None, lang: str = "en") -> str:
    return locale_format.day(target.projected if target else None, lang)


def target_cell(target: TargetProgress | None) -> str:
    if target is None:
        return NONE
    if target.left is None:
        return target.label
    return target.label + (" (met)" if target.left == 0 else f" ({target.left:,} to go)")


def notes_of(row: CollectionProgress, lang: str = "en") -> list[str]:
    """What a reader must know beside the figures: warnings, and why a pace is missing while a target needs one."""
    notes = [*row.warnings, *([row.pace_note] if row.pace_note and row.status != MET else [])]
    return [say(lang, note) for note in notes]


def waiting_text(row: CollectionProgress, lang: str = "en") -> str:
    count = row.waiting_for_review
    if count == 1:
        return _say(lang, N_("1 document, not counted until accepted (`digitize review`)"))
    return _say(lang, N_("{count} documents, not counted until accepted (`digitize review`)"), count=count)


def corrected_text(row: CollectionProgress, lang: str = "en") -> str:
    """The changes archivists made at the desk, in all and by each: ``3 changes: lan 2, minh 1``."""
    each = ", ".join(f"{name} {number(count, lang)}" for name, count in row.corrected_by.items())
    return _say(lang, N_("{count} changes: {each}"), count=number(sum(row.corrected_by.values()), lang), each=each)


def facts_of(row: CollectionProgress, lang: str = "en") -> list[tuple[str, str]]:
    """The figures of one collection beside its targets, as (label, value) pairs; labels are message ids."""
    held_pages = (
        _say(lang, N_(" of {held} ({percent})"), held=row.holdings_pages, percent=percent(row.pages_percent, lang))
        if row.holdings_pages
        else ""
    )
    baseline = (
        _say(lang, N_("{items} items on {day}"), items=row.baseline.items, day=row.baseline.on)
        if row.baseline
        else NONE
    )
    digitized = _say(
        lang,
        N_("{done} of {held} items ({percent})"),
        done=number(row.digitized, lang),
        held=number(row.holdings, lang),
        percent=percent(row.percent, lang),
    )
    facts = [
        ("Digitized", digitized),
        ("Pages", number(row.pages, lang) + held_pages),
        ("Baseline", baseline),
        ("Pace", pace_text(row, lang)),
    ]
    quality = row.quality
    if quality and quality.by_source:
        sources = ", ".join(_pages_from(source, count, lang) for source, count in quality.by_source.items())
        confidence = (
            _say(
                lang,
                N_("; mean OCR confidence {mean}, {low} pages below {limit}"),
                mean=quality.mean_confidence,
                low=quality.low_confidence,
                limit=f"{LOW_CONFIDENCE:g}",
            )
            if quality.mean_confidence is not None
            else ""
        )
        facts.append(("Pages read", sources + confidence))
    if row.failed:
        facts.append(("Failed documents", _say(lang, N_("{count} (see `digitize run` output)"), count=row.failed)))
    if row.waiting_for_review:
        facts.append(("Waiting for review", waiting_text(row, lang)))
    if row.corrected_by:
        facts.append(("Corrected at the desk", corrected_text(row, lang)))
    return facts


#: How a page's text was had (``digitize.page.OcrPage.source``), as the report says it.
_SOURCES = {
    "ocr": N_("{count} read by OCR"),
    "text-layer": N_("{count} from a text layer"),
    "blank": N_("{count} blank"),
    "illustration": N_("{count} pictures"),
    "image": N_("{count} kept as images"),
}


def _pages_from(source: str, count: int, lang: str) -> str:
    return _say(lang, _SOURCES.get(source, "{count} " + source), count=count)


def pace_text(row: CollectionProgress, lang: str = "en") -> str:
    if row.pace_since_start is None:
        return say(lang, row.pace_note) if row.pace_note else NONE
    return _say(
        lang,
        N_("{recent} items a week over the last {weeks} weeks, {since_start} since the start ({start})"),
        recent=pace(row.pace_recent, lang),
        weeks=RECENT_DAYS // 7,
        since_start=pace(row.pace_since_start, lang),
        start=row.start,
    )


def say(lang: str, message: Message) -> str:
    """``message`` in ``lang``, its values filled in after translation (word order differs), counts and days
    written as ``lang`` writes them."""
    values = {name: locale_format.localized(value, lang) for name, value in message.values.items()}
    return gettext_in(lang, message.id).format(**values)


def _say(lang: str, message: str, **values: object) -> str:
    return say(lang, Message(message, values))
