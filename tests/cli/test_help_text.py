"""Help screens read as prose: a command's description is re-wrapped to the terminal, not
broken where the source's docstring was wrapped."""

from __future__ import annotations

import itertools

import pytest
from typer.testing import CliRunner

from examgrade.cli import app

runner = CliRunner()


def help_of(*args: str) -> str:
    result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_a_wide_terminal_keeps_a_sentence_on_one_line() -> None:
    # the docstring breaks this sentence after "summary.md": the help must not
    sentence = "class/stats.json, summary.md and PNG plots; prints the class summary."
    assert sentence in help_of("grade")


def test_the_commands_panel_joins_each_description() -> None:
    lines = help_of().splitlines()
    row = next(line for line in lines if "import " in line and "Turn a quiz" in line)
    assert "which check and grade read exactly as if typed" in row


@pytest.mark.parametrize("command", [["check"], ["grade"], ["review"], ["exam", "validate"]])
def test_no_help_line_ends_a_paragraph_early(command: list[str]) -> None:
    # a line broken by the source shows as a short line followed by more of its sentence
    text = help_of(*command)
    description = text.split("Usage:")[1].split("╭")[0]
    for line, following in itertools.pairwise(description.splitlines()):
        if line.strip() and following.strip():
            assert len(line.rstrip()) > 120, (line, following)
