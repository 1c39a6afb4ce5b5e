"""`examgrade validate` checks every field `check` grades, not only expressions: a q1 size
it cannot read, a verdict that is no yes/no, an expression whose value cannot be
computed make it exit 1 with the same message `check` gives; a sheet `check` reads
whole validates with exit 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from examgrade.engine import grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("body", "label", "says"),
    [
        ("q1:\n  a: 'purple'\n", "q1.a", "cannot read"),
        ("q1:\n  b: 25x24\n", "q1.b", "different dimensions"),
        ("q1:\n  e: '[2, 3]'\n", "q1.e", ""),
        ("q6:\n  b:\n    verdict: purple\n", "q6.b:verdict", "yes/no"),  # maybe: a hedge, reviewed
        ("q2:\n  b: '1e300 W^t'\n", "q2.b", "too large"),
    ],
)
def test_a_field_check_marks_invalid_fails_validate(
    tmp_path: Path, rubrics: RubricSet, body: str, label: str, says: str
) -> None:
    text = "student: {id: '1', lang: en}\n" + body
    report = grade_sheet(parse_sheet(text), rubrics)
    statuses = [i.outcome.status for q in report.questions for p in q.parts for i in p.items]
    assert "invalid" in statuses  # what check does with it
    sheet = tmp_path / "s.yaml"
    sheet.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(sheet), "--lang", "en"])
    assert result.exit_code == 1, result.stdout
    assert label in result.stdout and says in result.stdout


@pytest.mark.parametrize("name", ["ada-en.yaml", "benoit-fr.yaml"])
def test_a_sheet_check_reads_whole_validates(name: str) -> None:
    result = runner.invoke(app, ["validate", str(ROOT / "answers" / name)])
    assert result.exit_code == 0, result.stdout
