"""Click group classes: errors as one line, and a group with a default command."""

from __future__ import annotations

import sqlite3

import click

from digitize.errors import DigitizeError, DiskFullError
from pipelines.archive.space import is_disk_full


class ErrorReportingGroup(click.Group):
    """Turns a ``DigitizeError`` raised by any command below it into one line on stderr and exit status 1.

    So too a full disk met by a command that writes outside a run (a run says how much space it needs).
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DigitizeError as error:
            click.echo(f"error: {error}", err=True)
            ctx.exit(1)
        except (OSError, sqlite3.Error, ValueError) as error:
            if not is_disk_full(error):
                raise
            click.echo(f"error: {DiskFullError(getattr(error, 'filename', None))}", err=True)
            ctx.exit(1)


class DefaultCommandGroup(ErrorReportingGroup):
    """A group that runs its ``show`` command when the first argument names none of its commands.

    So ``digitize metadata scan.pdf`` reads as ``digitize metadata show scan.pdf``,
    and ``digitize metadata import rows.csv`` still reaches ``import``.
    """

    default_command = "show"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)
