"""`examgrade equiv` as a user drives it: like cmp, the exit code is the verdict."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from examgrade.cli import app

pytest.importorskip("examgrade.mathlang.parser")
runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["(x-1)^2", "x^2-2*x+1"], 0, "equal (proved: rational simplification)"),
        (["log(a^2*b)", "2*log(a)+log(b)"], 0, "equal: they agree at"),
        (["x+1", "x"], 1, "different: at x = "),
        (["0.333333333333333", "1/3"], 1, "0.333333333333333 and the second is 0.3333333333333333"),
        (["sin(pi*n)", "0", "--symbols", "n:int"], 0, "equal"),
        (["sqrt(-x^2-1)", "0"], 3, "undecided"),
        (["9^9^9^9", "1"], 3, "too large"),
    ],
)
def test_exit_code_and_verdict(args: list[str], code: int, says: str) -> None:
    result = runner.invoke(app, ["equiv", *args])
    assert result.exit_code == code, result.output
    assert says in result.stdout


def test_unreadable_is_exit_2_with_a_caret() -> None:
    result = runner.invoke(app, ["equiv", "x+", "x"])
    assert result.exit_code == 2
    assert "^" in result.stderr


def test_bad_symbol_declaration_is_a_usage_error() -> None:
    result = runner.invoke(app, ["equiv", "x", "x", "--symbols", "n:complex"])
    assert result.exit_code == 2
    assert "--symbols 'x:real, n:int, a:positive'" in result.stderr


def test_french_and_json() -> None:
    french = runner.invoke(app, ["equiv", "x", "y", "--lang", "fr"])
    assert french.stdout.startswith("différentes : en x = ")
    result = runner.invoke(app, ["equiv", "x", "y", "--json"])
    data = json.loads(result.stdout)
    assert data["verdict"] == "different" and data["sure"] == "counterexample"
    assert set(data["counterexample"]) == {"x", "y"}
    assert set(data["message"]) == {"en", "fr"}
