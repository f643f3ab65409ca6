"""The progress report as a manager reads it: a terminal table, HTML (charts, printable on A4), Markdown, CSV, JSON.

Every format shows the same figures, from ``progress.ProgressReport``, written
the same way (``report_figures``); only the layout differs. HTML is in ``report_html``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from digitize.script import counts_text
from index.i18n import DEFAULT_LANGUAGE
from pipelines.collections.progress import (
    RECENT_DAYS,
    ProgressReport,
)
from pipelines.collections.report_figures import (
    NONE,
    corrected_text,
    facts_of,
    notes_of,
    number,
    pace,
    percent,
    reached_on,
    target_cell,
    waiting_text,
)
from pipelines.collections.report_html import to_html
from pipelines.imports.spreadsheet import spreadsheet_cell

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
                number(row.holdings),
                number(row.digitized),
                number(row.pages),
                percent(row.percent),
                pace(row.pace_recent),
                target_cell(target),
                reached_on(target),
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
                number(total.holdings),
                number(total.digitized),
                number(total.pages),
                percent(total.percent),
                pace(total.pace_recent),
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
    notes = [
        f"  {row.name}: {note}"
        for row in report.collections
        for note in [
            *notes_of(row),
            *([f"waiting for review: {waiting_text(row)}"] if row.waiting_for_review else []),
            *([f"corrected at the desk: {corrected_text(row)}"] if row.corrected_by else []),
            *([f"pages by script: {counts_text(row.scripts)}"] if set(row.scripts) - {"Latin"} else []),
        ]
    ]
    return "\n".join([f"Progress as of {report.as_of.isoformat()}", *table, *(["", "Notes:", *notes] if notes else [])])


# JSON


def to_json(report: ProgressReport) -> str:
    """The progress JSON plus each collection's history (day, items, percent), the chart's data."""
    data = report.to_dict()
    for entry, row in zip(data["collections"], report.collections, strict=True):
        entry["history"] = [
            {"date": day.isoformat(), "digitized": items, "percent": _share(items, row.holdings)}
            for day, items in row.history
        ]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _share(items: int, holdings: int | None) -> float | None:
    return round(100.0 * items / holdings, 2) if holdings else None


# CSV

CSV_COLUMNS = (
    "scope",
    "collection",
    "holdings",
    "digitized",
    "percent",
    "pages",
    "waiting_for_review",
    "pace_last_4_weeks",
    "pace_since_start",
    "target_pct",
    "target_by",
    "target_items",
    "left",
    "required_pace",
    "projected_date",
    "status",
    "short_by",
)


def _write_row(writer: csv.DictWriter, row: dict[str, object]) -> None:
    """A row whose text cells cannot run as formulas: collection names and statuses are users' text."""
    writer.writerow({key: spreadsheet_cell(value) for key, value in row.items()})


def to_csv(report: ProgressReport) -> str:
    """One row per collection and target (a collection without targets has one), then one for all collections."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    data = report.to_dict()
    for entry in data["collections"]:
        figures = {
            "scope": "collection",
            "collection": entry["name"],
            **{key: entry[key] for key in ("holdings", "digitized", "percent", "pages", "waiting_for_review")},
            "pace_last_4_weeks": entry["pace_per_week"]["last_4_weeks"],
            "pace_since_start": entry["pace_per_week"]["since_start"],
        }
        for target in entry["targets"] or [{"status": entry["status"]}]:
            _write_row(
                writer,
                {
                    **figures,
                    "target_pct": target.get("pct"),
                    "target_by": target.get("by"),
                    "target_items": target.get("items"),
                    "left": target.get("left"),
                    "required_pace": target.get("required_pace_per_week"),
                    "projected_date": target.get("projected_date"),
                    "status": target["status"],
                    "short_by": target.get("short_by"),
                },
            )
    total = data["overall"]
    _write_row(
        writer,
        {
            "scope": "overall",
            **{key: total[key] for key in ("holdings", "digitized", "percent", "pages")},
            "pace_last_4_weeks": total["pace_per_week"]["last_4_weeks"],
            "pace_since_start": total["pace_per_week"]["since_start"],
            "left": total["left_to_targets"],
            "required_pace": total["required_pace_per_week"],
        },
    )
    return out.getvalue()


# Markdown


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def to_markdown(report: ProgressReport) -> str:
    total = report.overall
    lines = [
        f"# Digitization progress as of {report.as_of.isoformat()}",
        "",
        f"All collections: **{percent(total.percent)}** digitized ({total.digitized:,} of {total.holdings:,} items), "
        f"{pace(total.pace_recent)} items a week over the last {RECENT_DAYS // 7} weeks; "
        f"{total.left_to_targets:,} items left to the next targets.",
        "",
        "| Collection | Done | Digitized | Pace/wk (4 wk) | Next target | Projected | Status |",
        "|---|--:|--:|--:|---|---|---|",
    ]
    for row in report.collections:
        target = row.next_target
        lines.append(
            f"| {_md(row.name)} | {percent(row.percent)} | {number(row.digitized)} of {number(row.holdings)} | "
            f"{pace(row.pace_recent)} | {target_cell(target)} | {reached_on(target)} | "
            f"{target.summary if target else row.status} |"
        )
    for row in report.collections:
        lines += ["", f"## {_md(row.name)}", ""]
        if row.description:
            lines += [_md(row.description), ""]
        lines += [f"- {fact}: {value}" for fact, value in facts_of(row)]
        if row.targets:
            lines += ["", "| Target | Items | Left | Needed/wk | Projected | Status |", "|---|--:|--:|--:|---|---|"]
            lines += [
                f"| {t.label} | {number(t.items)} | {number(t.left)} | {pace(t.required_pace)} | {reached_on(t)} "
                f"| {t.summary} |"
                for t in row.targets
            ]
        lines += [f"\n> {_md(note)}" for note in notes_of(row)]
    return "\n".join(lines) + "\n"


FORMATS: dict[str, Callable[[ProgressReport], str]] = {
    "html": to_html,
    "md": to_markdown,
    "csv": to_csv,
    "json": to_json,
}


def render(report: ProgressReport, fmt: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The report in format ``fmt``, one of ``FORMATS``; the HTML page's words in ``lang`` (vi or en)."""
    if fmt == "html":
        return to_html(report, lang)
    return FORMATS[fmt](report)
