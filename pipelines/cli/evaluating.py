"""The ``eval`` command: OCR error against ground truth, per page and in total."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from digitize.evaluation import Score
from pipelines.archive.layout import Archive
from pipelines.cli.options import json_option, print_json
from pipelines.demo.ground_truth import Evaluation, archive_predictions, evaluate, folder_predictions

_HEADER = ("document", "page", "chars", "CER", "CER no marks", "words", "WER", "WER any order", "")


@click.command("eval")
@click.option(
    "--truth",
    "truth_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of NAME.txt ground-truth files, pages separated by form feeds.",
)
@click.option(
    "--archive",
    "archive_root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the archive's page texts of the source file NAME (or NAME.*).",
)
@click.option(
    "--pred",
    "pred_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the folder's NAME.txt files, pages separated by form feeds.",
)
@json_option
def eval_command(truth_dir: Path, archive_root: Path | None, pred_dir: Path | None, as_json: bool) -> None:
    """Print OCR error rates against ground truth, per page and in total.

    Each TRUTH/NAME.txt is one source document, its pages separated by form
    feeds (\\f), as `digitize ocr` prints them and OCRmyPDF's --sidecar writes
    them. It is compared with --pred DIR/NAME.txt, or with the pages of the
    archived document whose source file is named NAME (scan.pdf.txt) or has
    NAME as its stem (scan.txt).

    Texts are compared after NFC normalization, one tone-mark placement
    (hoà = hòa) and whitespace collapsed. CER counts edits over grapheme
    clusters; "CER no marks" is the CER with diacritics stripped (đ = d), so
    the difference is tone and vowel marks; WER counts word edits; "WER any
    order" compares bags of words, so reading order does not count. Totals
    are all errors over all truth lengths. A page with no prediction counts
    as read empty and is listed.

    \b
    Example:
      digitize ocr scan.pdf > read/scan.txt
      digitize eval --truth truth/ --pred read/
      digitize eval --truth truth/ --archive archive --json
    """
    if (archive_root is None) == (pred_dir is None):
        raise click.UsageError("give either --archive or --pred")
    predictions = folder_predictions(pred_dir) if pred_dir else archive_predictions(Archive(archive_root))
    evaluation = evaluate(truth_dir, predictions)
    if as_json:
        print_json(_as_json(evaluation))
        return
    click.echo(format_table(evaluation))


def _as_json(evaluation: Evaluation) -> dict:
    def scored(value: Score) -> dict:
        return {**asdict(value), **value.rates()}

    return {
        "pages": [
            {"document": page.document, "page": page.page, "status": page.status, **scored(page.score)}
            for page in evaluation.pages
        ],
        "total": {"pages": len(evaluation.pages), **scored(evaluation.total)},
        "missing": [{"document": page.document, "page": page.page} for page in evaluation.missing],
    }


def format_table(evaluation: Evaluation) -> str:
    """Pages, then the total, then the pages that had no prediction."""
    rows = [_HEADER]
    rows += [_row(page.document, str(page.page), page.score, page.status) for page in evaluation.pages]
    rows.append(_row("total", f"{len(evaluation.pages)} pages", evaluation.total, ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = [
        "  ".join(_aligned(i, cell, width) for i, (cell, width) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    ]
    lines += [f"no prediction: {page.document} page {page.page}" for page in evaluation.missing]
    return "\n".join(line.rstrip() for line in lines)


def _aligned(column: int, cell: str, width: int) -> str:
    return cell.ljust(width) if column == 0 else cell.rjust(width)


def _row(document: str, page: str, value: Score, status: str) -> tuple[str, ...]:
    note = "" if status == "compared" else status
    return (
        document,
        page,
        f"{value.chars:,}",
        _percent(value.cer),
        _percent(value.folded_cer),
        f"{value.words:,}",
        _percent(value.wer),
        _percent(value.bag_wer),
        note,
    )


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.2%}"
