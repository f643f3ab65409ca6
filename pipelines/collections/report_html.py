"""The progress report as one self-contained HTML page, printable on A4: key figures, a summary, a chart per collection.

The HTML escapes all text it shows: collection names and descriptions are user input.
"""

from __future__ import annotations

import base64
import html

from pipelines.collections.chart import progress_chart
from pipelines.collections.progress import (
    BEHIND,
    DEADLINE_PASSED,
    MET,
    ON_TRACK,
    RECENT_DAYS,
    CollectionProgress,
    ProgressReport,
    TargetProgress,
)
from pipelines.collections.report_figures import NONE, facts_of, notes_of, number, pace, percent, reached_on

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
        (percent(total.percent), f"digitized: {total.digitized:,} of {total.holdings:,} items"),
        (pace(total.pace_recent), f"items a week over the last {RECENT_DAYS // 7} weeks"),
        (number(total.left_to_targets), "items left to the next targets"),
        (pace(total.required_pace), "items a week those targets need"),
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
            f"<tr><td>{_e(row.name)}</td><td class='n'>{percent(row.percent)}</td>"
            f"<td class='n'>{number(row.digitized)} / {number(row.holdings)}</td>"
            f"<td class='n'>{pace(row.pace_recent)}</td>"
            f"<td class='nowrap'>{_e(target.label) if target else NONE}</td>"
            f"<td class='n'>{number(target.left) if target else NONE}</td>"
            f"<td class='n'>{pace(target.required_pace) if target else NONE}</td>"
            f"<td class='nowrap'>{reached_on(target)}</td><td>{_status_html(target, row.status)}</td></tr>"
        )
    return f"<table class='summary'><thead>{head}</thead><tbody>{''.join(rows)}</tbody></table>"


def _collection_section(row: CollectionProgress, report: ProgressReport) -> str:
    parts = [f'<section class="collection"><h2>{_e(row.name)}</h2>']
    if row.description:
        parts.append(f'<p class="muted">{_e(row.description)}</p>')
    parts += [f'<p class="note">{_e(note)}</p>' for note in notes_of(row)]
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
                f"<tr><td>{_e(t.label)}</td><td class='n'>{number(t.items)}</td><td class='n'>{number(t.left)}</td>"
                f"<td class='n'>{pace(t.required_pace)}</td><td class='nowrap'>{reached_on(t)}</td>"
                f"<td>{_status_html(t, t.status)}</td></tr>"
                for t in row.targets
            )
            + "</tbody></table>"
        )
    parts.append("<dl>" + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in facts_of(row)) + "</dl>")
    parts.append("</section>")
    return "\n".join(parts)
