"""The CLI's one error boundary: any examgrade error leaving any command is a message in
the command's language with its class's exit code, never a traceback."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from examgrade import cli
from examgrade.errors import Location, MathError, RubricError, SheetError, UnreadableSheet

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UnreadableSheet("sheet.empty", {}, Location("a.yaml")), cli.EXIT_UNREADABLE),
        (SheetError("sheet.not_found", {}, Location("a.yaml")), cli.EXIT_USAGE),
        (RubricError("rubric.no_question", {"key": "q9", "keys": "q1"}), cli.EXIT_USAGE),
        (MathError("sheet.empty"), cli.EXIT_USAGE),
    ],
)
def test_exit_code_follows_the_error_class(error: Exception, code: int) -> None:
    assert cli._exit_code(error) == code


def test_an_error_raised_anywhere_in_a_command_is_caught(monkeypatch) -> None:
    """`template` has no except of its own: the boundary still speaks the chosen language."""

    def broken(*_args, **_kwargs):
        raise RubricError("rubric.no_question", {"key": "q9", "keys": "q1, q2"})

    monkeypatch.setattr("examgrade.template.blank_sheet", broken)
    result = runner.invoke(cli.app, ["template", "--lang", "fr"])
    assert result.exit_code == cli.EXIT_USAGE
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "question inconnue" in result.output
    assert "Traceback" not in result.output
