"""The blank sheet tells the student what each field takes: a condition for q2.c's
vanishes_if/explodes_if, a list of steps for q6.a, an expression for q2.a, text for essays."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from examgrade.cli import app


def line_of(sheet: str, field: str) -> str:
    return next(line for line in sheet.splitlines() if line.strip().startswith(f"{field}:"))


@pytest.mark.parametrize(
    ("lang", "field", "says"),
    [
        ("en", "vanishes_if", "a condition on W"),
        ("en", "explodes_if", "a condition on W"),
        ("en", "steps", "a list of expressions"),
        ("fr", "vanishes_if", "une condition sur W"),
    ],
)
def test_each_field_says_what_it_takes(lang: str, field: str, says: str) -> None:
    sheet = CliRunner().invoke(app, ["template", "--lang", lang]).stdout
    assert says in line_of(sheet, field)
