"""Click group classes: errors as one line, and a group with a default command."""

from __future__ import annotations

import click

from digitize.errors import DigitizeError


class ErrorReportingGroup(click.Group):
    """Turns a ``DigitizeError`` raised by any command below it into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except DigitizeError as error:
            click.echo(f"error: {error}", err=True)
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
