"""Speed never changes a grade: a class graded by `examgrade grade` (2 forked workers,
each with its memo of outcomes, instances and reference values kept per process) gets
exactly the reports, and so the grades.csv, that `examgrade check --json` gives each
sheet on its own, in this process and in a fresh one."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.classroom.exports import grades_csv
from examgrade.cli import app
from examgrade.report import report_from_data
from tests.conftest import ANSWERS, synth_class

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})


@pytest.fixture(autouse=True)
def no_plots(monkeypatch) -> None:
    """No PNGs: they are not what this test compares, and they cost time."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.fixture(scope="module")
def klass(tmp_path_factory) -> Path:
    """Answers that repeat (the memo reuses them), answers every student writes their
    own way, the two sample sheets, and an answer unreadable at two different lines."""
    folder = tmp_path_factory.mktemp("class")
    synth = synth_class()
    synth.write_class(folder / "repeat", 14, seed=1)
    synth.write_class(folder / "distinct", 6, distinct=True, seed=2)
    for path in (folder / "distinct").glob("*.yaml"):  # ids of their own, no duplicates
        path.write_text(path.read_text("utf-8").replace("id: '2024", "id: '3024"), "utf-8")
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, folder / sheet)
    (folder / "bad1.yaml").write_text("student:\n  id: b1\nq1:\n  a: 7 +* 2\n  b: 21\n")
    (folder / "bad2.yaml").write_text("student:\n  id: b2\nq1:\n\n  b: 21\n  a: 7 +* 2\n")
    return folder


def _check(path: Path) -> dict:
    result = runner.invoke(app, ["check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_class_grades_as_each_sheet_checked_alone(klass: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["grade", str(klass), "--out", str(out), "--workers", "2"])
    assert result.exit_code == 0, result.output
    sheets = sorted(klass.rglob("*.yaml"), key=lambda p: p.relative_to(klass).parts)
    alone = [_check(path) for path in sheets]
    for report in alone:
        written = json.loads((out / f"{report['student']['id']}.json").read_text())
        assert written == report, report["student"]["id"]
    graded = (out / "grades.csv").read_text(encoding="utf-8")
    assert graded == grades_csv([report_from_data(r) for r in alone])
    assert len(list(csv.reader(io.StringIO(graded)))) == len(sheets) + 1


def test_a_fresh_process_checks_as_the_class_was_graded(klass: Path, tmp_path: Path) -> None:
    """Nothing kept from earlier sheets (no memo, no instances drawn yet): the same."""
    out = tmp_path / "out"
    assert runner.invoke(app, ["grade", str(klass), "--out", str(out)]).exit_code == 0
    for path in (klass / "benoit-fr.yaml", sorted((klass / "distinct").glob("*.yaml"))[0]):
        done = subprocess.run(
            [sys.executable, "-m", "examgrade", "check", str(path), "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        report = json.loads(done.stdout)
        assert json.loads((out / f"{report['student']['id']}.json").read_text()) == report


@pytest.mark.parametrize(
    "data",
    [
        {"a": [], "b": {}, "c": [1, 2.5, -0.0, 1e-20, True, False, None]},
        {"text": 'é "quoted" \\ back\nslash\t\u2028 ≤ 𝔼', "nested": [[{}], [[]], {"k": [1]}]},
        [],
        "just a string",
    ],
)
def test_json_text_is_indented_json_that_reads_back_the_same(data) -> None:
    """check --json and the class files share one writer: 2-space indent, UTF-8, one line
    per value as json.dumps lays it out, and the same data when read back."""
    from examgrade.report import json_text

    text = json_text(data)
    assert text.endswith("\n") and json.loads(text) == data
    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
