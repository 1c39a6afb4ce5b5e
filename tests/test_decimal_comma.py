"""A decimal comma in a number field, as French is written (`1,5`, `4,0`): a pack's
number question whose answer is 1.5 marked `1,5` invalid ("one size expected, 2 values
found"), and `4,0` for a padding of 4 too. A number field holds one value, so the comma
is read as the decimal mark, and the feedback says how it was read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.checks.numeric import decimal_comma
from examgrade.cli import app
from examgrade.engine import grade_sheet
from examgrade.rubric import load_rubrics
from examgrade.sheet import parse_sheet
from tests.conftest import sheet_text

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})

HALF = """question: q2
points: 5
title: {en: 'A number question'}
text: {en: 'How many ...?'}
parts:
  a:
    title: {en: 'The number'}
    points: 5
    check: number
    solver: given.value
    params: {value: 1.5}
"""


@pytest.fixture(autouse=True)
def _no_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    load_rubrics.cache_clear()


@pytest.mark.parametrize(
    ("typed", "status"),
    [("1,5", "correct"), (" 1,50 ", "correct"), ("1.5", "correct"), ("2,5", "incorrect")],
)
def test_a_pack_number_with_a_decimal_comma(tmp_path: Path, typed: str, status: str) -> None:
    pack = tmp_path / "pack"
    assert runner.invoke(app, ["exam", "new", str(pack)]).exit_code == 0
    (pack / "rubrics" / "q2.yaml").write_text(HALF, encoding="utf-8")
    sheet = tmp_path / "s.yaml"
    sheet.write_text(f"student: {{id: s1, lang: fr}}\nq2: '{typed}'\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(sheet), "--exam", str(pack), "--json"])
    part = json.loads(result.stdout)["questions"]["q2"]["parts"]["a"]
    assert part["status"] == status, part
    if "," in typed:
        assert f"(from '{typed}')" in part["feedback"]["en"]  # says how it was read
        assert "lu comme" in part["feedback"]["fr"]


def test_a_padding_of_4_written_4_comma_0(rubrics) -> None:
    report = grade_sheet(parse_sheet(sheet_text("q1:\n  c: 4,0\n  e: 2,0\n"), "s.yaml"), rubrics)
    parts = {p.key: p for q in report.questions if q.key == "q1" for p in q.parts}
    assert parts["c"].status == "correct" and parts["e"].status == "correct"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("1,5", "3/2"), ("-0,25", "-1/4"), ("4,0", "4"), ("12,75", "51/4")],
)
def test_what_a_decimal_comma_reads(typed: str, read: str) -> None:
    assert str(decimal_comma(typed)) == read


@pytest.mark.parametrize("typed", ["4,4", "1,000", "1, 5", "1,5,2", "a,5", "1,5x1,5", ""])
def test_what_it_leaves_to_the_other_readings(typed: str) -> None:
    """Two equal sides read as `4x4`; three digits after the comma are a thousand in
    English; a space after the comma is a list."""
    assert decimal_comma(typed) is None
