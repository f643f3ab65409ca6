"""docs/cli.md is the commands' own --help: it fails when a command changes and the reference does not."""

from pathlib import Path

from pipelines.cli import main
from pipelines.cli.reference import REGENERATE, render

CLI_MD = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def test_the_committed_reference_is_the_commands_help():
    assert CLI_MD.read_text(encoding="utf-8") == render(main), f"docs/cli.md is out of date: run `{REGENERATE}`"


def test_the_reference_has_every_command_and_its_options():
    text = render(main)
    for heading in ("## digitize run", "## digitize review accept", "## digitize collection add", "## digitize serve"):
        assert f"\n{heading}\n" in text
    assert "--collection NAME" in text
    assert "-h, --help" in text
