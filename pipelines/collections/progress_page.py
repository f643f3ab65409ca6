"""The reading room's progress page: the report's figures and charts in the reading room's own frame.

The route belongs to the web server (``index``), which may not import
``pipelines``; so the page is rendered here and handed to the server as a
callable, the way the OAI-PMH answer is (``index.web.Site``). Its template
extends the reading room's ``base.html``, so the page looks like the others;
the values that template needs of a request (``params``, ``link``, ``here``
today) come from the route, passed through ``page``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib.resources import files
from pathlib import Path

from index.i18n import render
from pipelines.archive.catalog import Catalog
from pipelines.collections.progress import ProgressReport, progress_report
from pipelines.collections.report_html import TEMPLATES, figures

#: This package's templates first, then the reading room's (its base.html).
TEMPLATE_FOLDERS = (TEMPLATES, Path(str(files("index") / "templates")))

#: A reader's language and the base template's values of the request, to the page's HTML.
ProgressPage = Callable[..., str]


def progress_page(report: ProgressReport, lang: str, **page: object) -> str:
    """The page of ``report`` in ``lang``; ``page`` holds what the reading room's ``base.html`` needs."""
    return render(TEMPLATE_FOLDERS, "progress.html", lang, **figures(report, lang), **page)


def archive_progress_page(catalog_path: Path, today: Callable[[], date] = date.today) -> ProgressPage:
    """What ``digitize serve`` hands the web server: the archive's progress on the day asked, read afresh."""

    def page(lang: str, **context: object) -> str:
        with Catalog(catalog_path, read_only=True) as catalog:
            report = progress_report(catalog, today())
        return progress_page(report, lang, **context)

    return page
