"""Where each collection stands toward its next target, in a line for the reading room's home page.

The figures are the progress report's (``progress``), written as the report
writes them (``report_figures``: ``1.250``, ``62,5%``, ``30/06/2027`` in
Vietnamese); the web server, which may not import ``pipelines``, is handed
them as ``index.site.Standing`` values through a callable, as it is the
progress page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from index.i18n import N_, Message, gettext_in
from index.site import Standing, Standings
from pipelines.archive.catalog import Catalog
from pipelines.collections import locale_format
from pipelines.collections.progress import CollectionProgress, ProgressReport, progress_report
from pipelines.collections.report_figures import facts_of, number, say
from pipelines.collections.report_html import STATUS_CLASS, STATUS_NAMES


def standings(report: ProgressReport, lang: str) -> dict[str, Standing]:
    """Collection name → its line on the home page, in ``lang``."""
    return {row.name: standing(row, lang) for row in report.collections}


def standing(row: CollectionProgress, lang: str) -> Standing:
    """What has been digitized of the holdings, then the next target, its deadline and whether it will be met."""
    if row.holdings:
        label, digitized = facts_of(row, lang)[0]  # "Digitized", "1.250 of 2.000 items (62,5%)"
        done = f"{gettext_in(lang, label)}: {digitized}"
    else:
        done = say(lang, Message(N_("{count} items digitized"), {"count": number(row.digitized, lang)}))
    target = row.next_target
    if target is None or target.items is None:
        return Standing(done)
    status = gettext_in(lang, STATUS_NAMES[target.status])
    pct = locale_format.short_percent(target.target.pct, lang)
    if target.target.due:
        values = {"pct": pct, "day": target.target.due, "status": status}
        aim = say(lang, Message(N_("target {pct} by {day}: {status}"), values))
    else:
        aim = say(lang, Message(N_("target {pct}: {status}"), {"pct": pct, "status": status}))
    share = min(1.0, row.digitized / target.items) if target.items else 1.0
    return Standing(f"{done} · {aim}", share, STATUS_CLASS.get(target.status, ""))


def archive_standings(catalog_path: Path, today: Callable[[], date] = date.today) -> Standings:
    """What ``digitize serve`` hands the web server: each collection's standing on the day asked, read afresh."""

    def read(lang: str) -> dict[str, Standing]:
        with Catalog(catalog_path, read_only=True) as catalog:
            return standings(progress_report(catalog, today()), lang)

    return read
