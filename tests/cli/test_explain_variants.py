"""`explain --set` recomputes everything the question says (its text names the
parameters) or refuses values that make no sense, saying why; `explain --lang both`
titles each thing once, EN / FR, on lines that wrap rather than being cut."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from examgrade.cli import app

runner = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"})


def explain(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["explain", "q1", *args])
    return result.exit_code, result.stdout + result.stderr


def test_a_variant_recomputes_the_question_text() -> None:
    code, output = explain("--set", "kernel=3", "--set", "layers=4", "--lang", "both")
    assert code == 0, output
    flat = " ".join(output.replace("│", " ").split())
    assert "4 layers" in flat and "3×3 kernels" in flat and "noyaux 3×3" in flat
    assert "{kernel}" not in output and "(layer 4)" in flat
    assert "5×5" not in flat and not re.search(r"= 25\b", flat)  # no text for the exam's


@pytest.mark.parametrize(
    ("assignment", "why"),
    [("kernel=4", "odd kernel"), ("kernel=4.5", "whole number"), ("stride=2", "keep stride=1")],
)
def test_values_that_make_no_sense_are_refused_with_why(assignment: str, why: str) -> None:
    code, output = explain("--set", assignment)
    assert code == 2
    assert why in " ".join(output.split())
    assert "1.5 " not in output.split("(k − 1)/2")[0]  # no same-padding of 1.5 as an answer


def test_both_languages_title_each_thing_once() -> None:
    code, output = explain("--lang", "both")
    assert code == 0, output
    assert "Question Question" not in output
    flat = " ".join(output.replace("│", " ").split())
    assert "Convolutional neural nets / Réseaux de neurones convolutifs" in flat
    assert "(a) Feature-map sizes / Taille des feature maps — 2 pts" in flat
    assert "…" not in output


def test_set_on_a_question_without_parameters_says_so() -> None:
    """`explain q2 --set t=3` said "write NAME=VALUE with one of the question's
    parameters (-)": there are none to name."""
    from typer.testing import CliRunner

    from examgrade.cli import app

    result = CliRunner().invoke(app, ["explain", "q2", "--set", "t=3", "--lang", "fr"])
    assert result.exit_code == 2
    assert "q2 n'a aucun paramètre" in result.output and "(-)" not in result.output
