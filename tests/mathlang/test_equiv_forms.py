"""`examgrade equiv` on the forms a user types: an expression that starts with `-` is no
option (`--` works too), sums and products with whole-number bounds are written out,
`e` is Euler's number unless declared, no message names an internal class, and the
power rules that fail for negative bases are refuted, not accepted."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.mathlang import ast

runner = CliRunner(env={"COLUMNS": "100", "NO_COLOR": "1"})


def equiv(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["equiv", *args])
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["-(x/y)", "x/(-y)"],
        ["--", "-(x/y)", "x/(-y)"],
        ["-x", "-(x)", "--symbols", "x:real"],
        ["--x", "x"],
    ],
)
def test_a_leading_minus_is_an_expression(args: list[str]) -> None:
    code, output = equiv(*args)
    assert code == 0, output


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("sum_{k=1}^{3} x", "3x"),
        ("prod_{k=1}^{4} x", "x^4"),
        ("sum_{k=1}^{3} x_k", "x_1 + x_2 + x_3"),
        ("sum_{k=1}^{3} sum_{j=1}^{k} j", "10"),
        (r"\sum_{k=0}^{2} 2^k", "7"),
    ],
)
def test_sums_with_whole_number_bounds_are_compared(first: str, second: str) -> None:
    code, output = equiv(first, second)
    assert code == 0, output


CLASS_NAMES = re.compile(r"\b(" + "|".join(n for n in ast.__all__ if n[0].isupper()) + r")\b")


@pytest.mark.parametrize(
    "first",
    ["sum_{k=1}^{n} k", "sum_{k=1}^{100000} k", "E[x]", "1[x > 0]", "x = y", "x_{k+1}"],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_message_names_an_internal_class(first: str, lang: str) -> None:
    code, output = equiv(first, "x", "--lang", lang)
    assert code == 2
    assert not CLASS_NAMES.search(output.replace(first, "")), output


@pytest.mark.parametrize("symbols", [[], ["--symbols", "x:real"]])
def test_e_is_euler_unless_declared(symbols: list[str]) -> None:
    assert equiv("e^x", "exp(x)", *symbols)[0] == 0
    assert equiv("e", "exp(1)", *symbols)[0] == 0
    assert equiv("e^x", "exp(x)", "--symbols", "x:real, e:real")[0] == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("(x^y)^z", "x^(y*z)"),
        ("x^(y*z)", "(x^y)^z"),
        ("(x^y)^(1/y)", "x"),
        ("sqrt(x^y)", "x^(y/2)"),
        ("x^(a/b)", "(x^a)^(1/b)"),
    ],
)
def test_power_rules_that_fail_for_negative_bases_are_refuted(first: str, second: str) -> None:
    code, output = equiv(first, second)
    assert code == 1, output


@pytest.mark.parametrize(
    ("first", "second"),
    [("x^y*x^z", "x^(y+z)"), ("(x*y)^z", "x^z*y^z"), ("(x^2)^(1/2)", "abs(x)")],
)
def test_power_rules_that_hold_where_defined_stay_equal(first: str, second: str) -> None:
    code, output = equiv(first, second)
    assert code == 0, output
