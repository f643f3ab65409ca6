"""The progress report as HTML: a self-contained page printable on A4, and the same figures for the reading room.

Made by Jinja2 templates with autoescaping (``templates/``): collection names
and descriptions are user input. Every word, number and day is in the
reader's language: Vietnamese first, English on request (``digitize report
--ui-lang en``), the words through the web pages' catalogs (``index.i18n``), the
figures through ``locale_format``. The charts are inline SVG (``chart``).
"""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from index.i18n import DEFAULT_LANGUAGE, N_, Message, render
from pipelines.collections import locale_format
from pipelines.collections.chart import progress_chart
from pipelines.collections.forecast import Forecast
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
from pipelines.collections.report_figures import facts_of, notes_of, number, pace, percent, say

TEMPLATES = Path(__file__).parent / "templates"
#: The report's style is the reading room's progress page's own sheet, included whole in the self-contained report.
STYLES = Path(str(files("index") / "static"))
STATUS_CLASS = {MET: "good", ON_TRACK: "good", BEHIND: "bad", DEADLINE_PASSED: "bad"}
#: The statuses and the fact labels, marked for the catalogs: the template translates them as it shows them.
STATUS_NAMES = {
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
    N_("Corrected at the desk"),
)


def to_html(report: ProgressReport, lang: str = DEFAULT_LANGUAGE) -> str:
    """One self-contained page: key figures, a summary table, then each collection with its chart."""
    return render((TEMPLATES, STYLES), "report.html", lang, **figures(report, lang))


def figures(report: ProgressReport, lang: str) -> dict[str, object]:
    """What the templates of ``progress_body.html`` show, every figure written for ``lang``."""
    return {
        "report": report,
        "total": report.overall,
        "as_of": locale_format.day(report.as_of, lang),
        "sections": [_section(row, report.as_of, lang, f"chart-{i}") for i, row in enumerate(report.collections)],
        "status_class": STATUS_CLASS,
        "status_names": STATUS_NAMES,
        "recent_weeks": RECENT_DAYS // 7,
        "number": lambda value: number(value, lang),
        "percent": lambda value: percent(value, lang),
        "pace": lambda value: pace(value, lang),
        "day": lambda value: locale_format.day(value, lang),
        "pct": lambda value: locale_format.short_percent(value, lang).removesuffix("%"),
        "reached": lambda outlook: reached_range(outlook, lang),
        "none_mark": locale_format.NONE,
    }


def reached_range(outlook: Forecast | None, lang: str) -> str:
    """The days a target is reached at the fast and the slow weeks' pace: ``15/05/2027 – 30/07/2027``."""
    if outlook is None or outlook.early is None:
        return locale_format.NONE
    if outlook.late is None:
        return say(lang, Message(N_("from {day}"), {"day": outlook.early}))
    if outlook.late == outlook.early:
        return locale_format.day(outlook.early, lang)
    return f"{locale_format.day(outlook.early, lang)} – {locale_format.day(outlook.late, lang)}"


def _section(row: CollectionProgress, as_of: date, lang: str, chart_id: str) -> dict:
    return {
        "row": row,
        "notes": notes_of(row, lang),
        "chart": progress_chart(row, as_of, lang),
        "chart_id": chart_id,
        "facts": facts_of(row, lang),
        "first": row.history[0] if row.history else None,
    }
