"""The progress report as a manager reads it: a terminal table, HTML (charts, printable on A4), Markdown, CSV, JSON.

Every format shows the same figures, from ``progress.ProgressReport``; only the
layout differs. The HTML escapes all text it shows: collection names and
descriptions are user input.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import json
from collections.abc import Callable

from pipelines.collections.chart import progress_chart
from pipelines.collections.progress import (
    BEHIND,
    DEADLINE_PASSED,
    LOW_CONFIDENCE,
    MET,
    ON_TRACK,
    RECENT_DAYS,
    CollectionProgress,
    ProgressReport,
    TargetProgress,
)

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
    """What a reader must know beside the figures: warnings, and why a pace is missing while a target needs one."""
    return [*row.warnings, *([row.pace_note] if row.pace_note and row.status != MET else [])]


def _waiting(row: CollectionProgress) -> str:
    count = row.waiting_for_review
    return f"{count:,} document{'s' if count != 1 else ''}, not counted until accepted (`digitize review`)"


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
    notes = [
        f"  {row.name}: {note}"
        for row in report.collections
        for note in [*_notes(row), *([f"waiting for review: {_waiting(row)}"] if row.waiting_for_review else [])]
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
            writer.writerow(
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
                }
            )
    total = data["overall"]
    writer.writerow(
        {
            "scope": "overall",
            **{key: total[key] for key in ("holdings", "digitized", "percent", "pages")},
            "pace_last_4_weeks": total["pace_per_week"]["last_4_weeks"],
            "pace_since_start": total["pace_per_week"]["since_start"],
            "left": total["left_to_targets"],
            "required_pace": total["required_pace_per_week"],
        }
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
        f"All collections: **{_pct(total.percent)}** digitized ({total.digitized:,} of {total.holdings:,} items), "
        f"{_pace(total.pace_recent)} items a week over the last {RECENT_DAYS // 7} weeks; "
        f"{total.left_to_targets:,} items left to the next targets.",
        "",
        "| Collection | Done | Digitized | Pace/wk (4 wk) | Next target | Projected | Status |",
        "|---|--:|--:|--:|---|---|---|",
    ]
    for row in report.collections:
        target = row.next_target
        lines.append(
            f"| {_md(row.name)} | {_pct(row.percent)} | {_int(row.digitized)} of {_int(row.holdings)} | "
            f"{_pace(row.pace_recent)} | {_target_cell(target)} | {_day(target)} | "
            f"{target.summary if target else row.status} |"
        )
    for row in report.collections:
        lines += ["", f"## {_md(row.name)}", ""]
        if row.description:
            lines += [_md(row.description), ""]
        lines += [f"- {fact}: {value}" for fact, value in _facts(row)]
        if row.targets:
            lines += ["", "| Target | Items | Left | Needed/wk | Projected | Status |", "|---|--:|--:|--:|---|---|"]
            lines += [
                f"| {t.label} | {_int(t.items)} | {_int(t.left)} | {_pace(t.required_pace)} | {_day(t)} | {t.summary} |"
                for t in row.targets
            ]
        lines += [f"\n> {_md(note)}" for note in _notes(row)]
    return "\n".join(lines) + "\n"


def _facts(row: CollectionProgress) -> list[tuple[str, str]]:
    """The figures of one collection beside its targets, as (label, value) pairs."""
    held_pages = f" of {row.holdings_pages:,} ({_pct(row.pages_percent)})" if row.holdings_pages else ""
    baseline = f"{row.baseline.items:,} items on {row.baseline.on.isoformat()}" if row.baseline else NONE
    facts = [
        ("Digitized", f"{_int(row.digitized)} of {_int(row.holdings)} items ({_pct(row.percent)})"),
        ("Pages", f"{row.pages:,}{held_pages}"),
        ("Baseline", baseline),
        ("Pace", _pace_fact(row)),
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
        facts.append(("Waiting for review", _waiting(row)))
    return facts


def _pace_fact(row: CollectionProgress) -> str:
    if row.pace_since_start is None:
        return row.pace_note or NONE
    return (
        f"{_pace(row.pace_recent)} items a week over the last {RECENT_DAYS // 7} weeks, "
        f"{_pace(row.pace_since_start)} since the start ({row.start.isoformat()})"
    )


# HTML

_STATUS_CLASS = {MET: "good", ON_TRACK: "good", BEHIND: "bad", DEADLINE_PASSED: "bad"}

_CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --good: #1e7b34; --bad: #b3261e; --idle: #6b6b6b; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Noto Sans", "Segoe UI", Arial, sans-serif; color: var(--ink);
       max-width: 190mm; margin: 12mm auto; padding: 0 6mm; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13pt; margin: 0 0 1mm; }
.muted, .as-of { color: var(--muted); }
.key { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 5mm 0; }
.key div { border: 1px solid var(--rule); border-radius: 2mm; padding: 2.5mm 3mm; }
.key b { display: block; font-size: 15pt; }
.key span { color: var(--muted); font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; font-size: 9pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 1.4mm 1.6mm; text-align: left; vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 8pt; }
td.n, th.n { text-align: right; white-space: nowrap; }
.nowrap { white-space: nowrap; }
table.summary td:first-child { min-width: 28mm; }
table.summary td:last-child { min-width: 30mm; }
.status { font-weight: 600; color: var(--idle); }
.status.good { color: var(--good); }
.status.bad { color: var(--bad); }
section.collection { border-top: 2px solid var(--ink); margin-top: 8mm; padding-top: 3mm; }
section.collection img { width: 100%; height: auto; display: block; margin: 2mm 0; }
dl { display: grid; grid-template-columns: 32mm 1fr; gap: 0.8mm 3mm; margin: 2mm 0; font-size: 9.5pt; }
dt { color: var(--muted); }
dd { margin: 0; }
.note { border-left: 3px solid var(--bad); padding: 0.5mm 2.5mm; margin: 1.5mm 0; font-size: 9pt; }
.no-chart { color: var(--muted); font-style: italic; }
footer { margin-top: 8mm; font-size: 8pt; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 9.5pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  thead { display: table-header-group; }
  tr, .key, dl, img, .note { break-inside: avoid; }
  section.collection { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _status_html(target: TargetProgress | None, fallback: str) -> str:
    if target is None:
        return f'<span class="status">{_e(fallback)}</span>'
    return f'<span class="status {_STATUS_CLASS.get(target.status, "")}">{_e(target.summary)}</span>'


def to_html(report: ProgressReport) -> str:
    """One self-contained page: key figures, a summary table, then each collection with its chart."""
    total = report.overall
    as_of = report.as_of.isoformat()
    key = [
        (_pct(total.percent), f"digitized: {total.digitized:,} of {total.holdings:,} items"),
        (_pace(total.pace_recent), f"items a week over the last {RECENT_DAYS // 7} weeks"),
        (_int(total.left_to_targets), "items left to the next targets"),
        (_pace(total.required_pace), "items a week those targets need"),
    ]
    parts = [
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Digitization progress as of {as_of}</title>\n<style>{_CSS}</style>\n</head>\n<body>",
        f'<header><h1>Digitization progress</h1><p class="as-of">As of {as_of} · '
        f"{len(report.collections)} collection{'s' if len(report.collections) != 1 else ''}</p></header>",
        '<div class="key">'
        + "".join(f"<div><b>{_e(figure)}</b><span>{_e(label)}</span></div>" for figure, label in key)
        + "</div>",
    ]
    if not report.collections:
        parts.append("<p>No collections yet: add one with <code>digitize collection add NAME --holdings N</code>.</p>")
    else:
        parts.append(_summary_table(report))
        parts += [_collection_section(row, report) for row in report.collections]
    parts.append(
        "<footer>Digitized: documents the pipeline finished (unless a page waits for review), plus items recorded "
        "as digitized outside it; a baseline counts everything digitized by its date. Pace: items per week over "
        f"the last {RECENT_DAYS // 7} weeks (or since the start, if later) and since the start. Projected: the day a "
        "target is reached at the four-week pace. Behind by N: items still missing on the deadline at that "
        "pace.</footer>"
    )
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _summary_table(report: ProgressReport) -> str:
    head = (
        "<tr><th>Collection</th><th class='n'>Done</th><th class='n'>Digitized</th><th class='n'>Pace/wk</th>"
        "<th>Next target</th><th class='n'>Left</th><th class='n'>Needed/wk</th><th>Projected</th>"
        "<th>Status</th></tr>"
    )
    rows = []
    for row in report.collections:
        target = row.next_target
        rows.append(
            f"<tr><td>{_e(row.name)}</td><td class='n'>{_pct(row.percent)}</td>"
            f"<td class='n'>{_int(row.digitized)} / {_int(row.holdings)}</td>"
            f"<td class='n'>{_pace(row.pace_recent)}</td>"
            f"<td class='nowrap'>{_e(target.label) if target else NONE}</td>"
            f"<td class='n'>{_int(target.left) if target else NONE}</td>"
            f"<td class='n'>{_pace(target.required_pace) if target else NONE}</td>"
            f"<td class='nowrap'>{_day(target)}</td><td>{_status_html(target, row.status)}</td></tr>"
        )
    return f"<table class='summary'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _collection_section(row: CollectionProgress, report: ProgressReport) -> str:
    parts = [f'<section class="collection"><h2>{_e(row.name)}</h2>']
    if row.description:
        parts.append(f'<p class="muted">{_e(row.description)}</p>')
    parts += [f'<p class="note">{_e(note)}</p>' for note in _notes(row)]
    png = progress_chart(row, report.as_of)
    if png is None:
        reason = "no holdings to measure against" if not row.holdings else "no activity yet"
        parts.append(f'<p class="no-chart">No chart: {reason}.</p>')
    else:
        alt = f"Cumulative percent of {row.name} digitized over time against its targets"
        parts.append(f'<img alt="{_e(alt)}" src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">')
    if row.targets:
        parts.append(
            "<table><thead><tr><th>Target</th><th class='n'>Items</th><th class='n'>Left</th>"
            "<th class='n'>Needed/wk</th><th>Projected</th><th>Status</th></tr></thead><tbody>"
            + "".join(
                f"<tr><td>{_e(t.label)}</td><td class='n'>{_int(t.items)}</td><td class='n'>{_int(t.left)}</td>"
                f"<td class='n'>{_pace(t.required_pace)}</td><td class='nowrap'>{_day(t)}</td>"
                f"<td>{_status_html(t, t.status)}</td></tr>"
                for t in row.targets
            )
            + "</tbody></table>"
        )
    parts.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in _facts(row)) + "</dl>")
    parts.append("</section>")
    return "\n".join(parts)


FORMATS: dict[str, Callable[[ProgressReport], str]] = {
    "html": to_html,
    "md": to_markdown,
    "csv": to_csv,
    "json": to_json,
}


def render(report: ProgressReport, fmt: str) -> str:
    """The report in format ``fmt``, one of ``FORMATS``."""
    return FORMATS[fmt](report)
