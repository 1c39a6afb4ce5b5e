"""`examgrade validate SHEET`: every expression field of a sheet shown as it was read, or
its error with caret and file/line/column; and every example expression of the contract
parses (in its part's mode) to the right tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.mathlang.parser import parse
from examgrade.mathlang.printer import to_text
from examgrade.rubric import load_rubrics
from examgrade.sheet import load_sheet
from examgrade.validate import _scalars, field_specs
from tests.conftest import ANSWERS, sheet_text

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})


def run(*args: str):
    return runner.invoke(app, list(args))


def test_ada_every_field_is_read_with_implicit_products_visible() -> None:
    result = run("validate", str(ANSWERS / "ada-en.yaml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "read as: W^t * h_0 + sum_{k=1}^{t} W^(t - k) * (U * x_k + b)" in out
    assert "read as: diag(1[W * x + b > 0]) * W" in out
    assert "read as: rho(W) < 1" in out
    assert "q6.a:steps[5]" in out
    assert "read as: E[x_tilde] - E[x] + 2 * lambda * (||w||_2 - 1) * w / ||w||_2" in out
    assert "read as: sigmoid(-sum_{j,k} W_{ijk} * y_j * z_k)" in out
    assert "16 read, 0 cannot be read." in out


def test_benoit_latex_is_read_and_shown_in_french() -> None:
    result = run("validate", str(ANSWERS / "benoit-fr.yaml"))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "lu comme : (sum_{k=0}^{t - 1} W^k * (U * x_{t - k} + b)) + W^t * h_0" in out
    assert "lu comme : lambda * trace(W^T * W)" in out
    assert "lu comme : E_{q(z | x)}[log(p(x, z) / p(z | x))]" in out
    assert "lu comme : ||W||_2 > 1" in out
    assert "13 lus, 0 illisible." in out


def test_an_unreadable_field_shows_caret_file_line_and_column(tmp_path: Path) -> None:
    sheet = tmp_path / "s.yaml"
    sheet.write_text(
        sheet_text("q2:\n  a: 'Wx_k + foo'\n  b: 'W^t'\nq5:\n  a:\n    penalty: 'lambda W^'\n"),
        encoding="utf-8",
    )
    result = run("validate", str(sheet), "--lang", "both")
    assert result.exit_code == 1
    out = result.stdout
    assert "q2.a" in out and "unknown name 'foo'" in out and "nom inconnu « foo »" in out
    assert "s.yaml, line 5, column 14" in out  # the f of foo, inside the quotes
    assert "read as: / lu comme : W^t" in out
    assert "this power has no exponent" in out
    assert "1 read, 2 cannot be read." in out


def test_a_missing_sheet_is_a_usage_error(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "nope.yaml")).exit_code == 2


@pytest.mark.parametrize("name", ["ada-en.yaml", "benoit-fr.yaml"])
def test_the_contract_examples_parse_and_print_back_to_the_same_tree(name: str) -> None:
    sheet, rubrics, count = load_sheet(ANSWERS / name), load_rubrics(), 0
    for spec in field_specs(rubrics):
        for _, scalar in _scalars(sheet, spec):
            options = {"mode": spec.mode, "probability": spec.probability}
            tree = parse(scalar.text, spec.symbols, **options)
            assert parse(to_text(tree), None, **options) == tree
            count += 1
    assert count >= 13


def test_fields_come_from_the_rubrics_when_they_declare_them() -> None:
    specs = {spec.label: spec for spec in field_specs(load_rubrics())}
    assert {"q2.a", "q2.b", "q2.c:vanishes_if", "q6.a:steps", "q7.b", "q8.a:z_given_xy"} <= set(
        specs
    )
    assert specs["q2.c:vanishes_if"].mode == "condition"
    assert specs["q6.a:steps"].probability
    assert {"W", "U", "h_0", "x"} <= specs["q2.a"].symbols


def test_validate_says_how_the_sheet_was_read_and_counts_in_words(tmp_path: Path) -> None:
    """The sheet's warnings (an `answers:` wrapper read, a key read as a part) are shown
    as check shows them, and the count agrees with its number: « 1 lu, 0 illisible »."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: {id: '1', lang: fr}\nanswers:\n  Q2: {b: 'W^t'}\n", encoding="utf-8")
    out = run("validate", str(sheet)).stdout
    assert "les réponses sous « answers » sont lues" in out
    assert "« Q2 » est lu comme q2" in out
    assert "lu comme : W^t" in out
    assert "1 lu, 0 illisible." in out
