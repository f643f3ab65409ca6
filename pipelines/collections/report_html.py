"""The progress report as one self-contained HTML page, printable on A4: key figures, a summary, a chart per collection.

Made by a Jinja2 template with autoescaping (``templates/report.html``):
collection names and descriptions are user input. Its words are Vietnamese
first, English on request (``digitize report --ui-lang en``), through the same
catalogs as the web pages (``index.i18n``); the figures' own sentences
(notes, paces) come from ``report_figures`` as the other formats have them.
"""

from __future__ import annotations

import base64
from pathlib import Path

from index.i18n import DEFAULT_LANGUAGE, N_, render
from pipelines.collections.chart import progress_chart
from pipelines.collections.progress import (
    BEHIND,
    DEADLINE_PASSED,
    MET,
    NO_DEADLINE,
    NO_HOLDINGS,
    NO_PACE,
    NO_TARGET,
    ON_TRACK,
    RECENT_DAYS,
    CollectionProgress,
    ProgressReport,
)
from pipelines.collections.report_figures import NONE, facts_of, notes_of, number, pace, percent, reached_on

TEMPLATES = Path(__file__).parent / "templates"
_STATUS_CLASS = {MET: "good", ON_TRACK: "good", BEHIND: "bad", DEADLINE_PASSED: "bad"}
#: The statuses and the fact labels, marked for the catalogs: the template translates them as it shows them.
_STATUS_NAMES = {
    MET: N_("met"),
    ON_TRACK: N_("on track"),
    BEHIND: N_("behind"),
    DEADLINE_PASSED: N_("deadline passed"),
    NO_PACE: N_("no pace"),
    NO_DEADLINE: N_("no deadline"),
    NO_HOLDINGS: N_("no holdings"),
    NO_TARGET: N_("no target"),
}
_FACT_LABELS = (
    N_("Digitized"),
    N_("Pages"),
    N_("Baseline"),
    N_("Pace"),
    N_("Pages read"),
    N_("Failed documents"),
    N_("Waiting for review"),
)


def to_html(report: ProgressReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """One self-contained page: key figures, a summary table, then each collection with its chart."""
    return render(
        TEMPLATES,
        "report.html",
        lang,
        report=report,
        total=report.overall,
        as_of=report.as_of.isoformat(),
        sections=[_section(row, report, lang) for row in report.collections],
        status_class=_STATUS_CLASS,
        status_names=_STATUS_NAMES,
        recent_weeks=RECENT_DAYS // 7,
        number=number,
        percent=percent,
        pace=pace,
        reached_on=reached_on,
        pct=lambda value: f"{value:g}",
        none_mark=NONE,
    )


def _section(row: CollectionProgress, report: ProgressReport, lang: str) -> dict:
    png = progress_chart(row, report.as_of)
    return {
        "row": row,
        "notes": notes_of(row, lang),
        "chart": base64.b64encode(png).decode("ascii") if png is not None else None,
        "facts": facts_of(row, lang),
    }
