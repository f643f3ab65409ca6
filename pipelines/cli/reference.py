"""The command reference, ``docs/cli.md``, rendered from the commands' own ``--help``.

``python -m pipelines.cli.reference > docs/cli.md`` writes it again;
``tests/pipelines/cli/test_reference.py`` fails while the committed file differs from it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

# A fixed width, so the text does not depend on the terminal it is rendered in.
WIDTH = 100
REGENERATE = "python -m pipelines.cli.reference > docs/cli.md"


def walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[click.Context, click.Command]]:
    """``command`` and every command below it, each with its context, in the order the groups list them."""
    yield ctx, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if sub.hidden:
                continue
            yield from walk(sub, click.Context(sub, info_name=name, parent=ctx, **sub.context_settings))


def _anchor(path: str) -> str:
    return path.lower().replace(" ", "-")


def render(command: click.Command, name: str = "digitize") -> str:
    """Markdown with the ``--help`` of ``command`` and of every command below it, one section each."""
    settings = {**command.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    root = click.Context(command, info_name=name, **settings)
    sections = []
    for ctx, sub in walk(command, root):
        path = ctx.command_path
        help_text = "\n".join(line.rstrip() for line in sub.get_help(ctx).splitlines())
        sections.append((path, help_text))
    lines = [
        "# Command reference",
        "",
        f"<!-- Generated from the commands' own --help: do not edit; after a change to a command run `{REGENERATE}` "
        "(tests/pipelines/cli/test_reference.py fails until then). -->",
        "",
        f"Every command of `{name}`, as `--help` prints it. Commands that use an archive take `--archive DIR`; "
        "the default is `./archive`, or `$DIGITIZE_ARCHIVE` when set. Errors print one line, "
        "`error: FILE: reason`, and exit 1.",
        "",
    ]
    lines += [f"- [`{path}`](#{_anchor(path)})" for path, _ in sections]
    for path, help_text in sections:
        lines += ["", f"## {path}", "", "```text", help_text, "```"]
    return "\n".join(lines) + "\n"


def main() -> None:
    from pipelines.cli import main as digitize

    sys.stdout.buffer.write(render(digitize).encode("utf-8"))


if __name__ == "__main__":
    main()
