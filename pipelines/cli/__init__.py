"""The ``digitize`` command line.

Each command is a thin shell over one module, grouped here by who uses it:
``digitizing`` and ``reviewing`` (archivists), ``searching`` (researchers),
``collections`` (managers), ``metadata``, ``preservation`` and ``desk`` (accounts, the audit trail). Errors of the
``DigitizeError`` family become one
line on stderr and exit status 1 (``groups.ErrorReportingGroup``).
"""

from __future__ import annotations

import click

from pipelines.cli import (
    collections,
    desk,
    digitizing,
    evaluating,
    exchange,
    metadata,
    preservation,
    reviewing,
    searching,
    serving,
)
from pipelines.cli.groups import ErrorReportingGroup


@click.group(cls=ErrorReportingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="digitize")
def main() -> None:
    """Digitize scans of Vietnamese documents into a searchable archive.

    \b
    Example:
      digitize run scans/ --collection "Hán Nôm" --archive archive
      digitize search "chuyen doi so" --archive archive
    """


for command in (
    digitizing.run,
    digitizing.status,
    digitizing.retry,
    reviewing.review_group,
    digitizing.ocr_command,
    digitizing.deskew_command,
    digitizing.demo,
    evaluating.eval_command,
    searching.search_command,
    searching.index_group,
    serving.serve,
    collections.collection,
    collections.progress,
    collections.report_command,
    metadata.metadata_group,
    preservation.verify,
    preservation.repair_command,
    preservation.export_group,
    desk.user_group,
    desk.audit_command,
):
    main.add_command(command)
preservation.export_group.add_command(exchange.export_marc_command)
