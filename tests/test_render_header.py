"""The first line of `check`: the student and the file, one space between words."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app


@pytest.mark.parametrize("env", [{"COLUMNS": "100"}, {"COLUMNS": "100", "TERM": "dumb"}])
def test_a_sheet_without_a_name_has_no_double_space(tmp_path: Path, env) -> None:
    """A sheet without `name` was headed "Étudiant·e 7  — s.yaml" (two spaces)."""
    sheet = tmp_path / "s.yaml"
    sheet.write_text("student: {id: 7, lang: fr}\nq1:\n  b: 25x25\n", encoding="utf-8")
    result = CliRunner(env=env).invoke(app, ["check", str(sheet)])
    first = result.output.splitlines()[0]
    assert first.startswith("Étudiant·e 7 — ") and "  " not in first.rstrip()
