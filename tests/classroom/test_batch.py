"""`examgrade grade` end to end, as a teaching assistant runs it on a folder of sheets.

The issue's "Done when": the example sheets plus a broken file, a binary file and a
duplicate id, graded in one command; good sheets in grades.csv, bad ones in errors.csv
with file and line, duplicates reported and never merged; feedback, stats and plots.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade.cli import app
from tests.conftest import ANSWERS

runner = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"})

ADA, BENOIT = "20230001", "20230002"
BROKEN = "student:\n  id: s9\nq1:\n  a: [1, 2\n  b: 25\n"  # the list is never closed


@pytest.fixture(autouse=True)
def no_plots(request, monkeypatch) -> None:
    """Drawing PNGs costs a few tenths of a second per run: only the tests that ask for
    `draw_plots` draw them; elsewhere matplotlib is absent, as in a minimal install."""
    if "draw_plots" not in request.fixturenames:
        monkeypatch.setitem(sys.modules, "matplotlib", None)


@pytest.fixture
def draw_plots() -> None:
    pytest.importorskip("matplotlib")


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def make_class(folder: Path) -> Path:
    """Both example sheets, a sheet in a subfolder reusing Ada's id, a broken YAML file,
    a binary file named .yml, and a file that is not a sheet (ignored)."""
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, folder / sheet)
    (folder / "late").mkdir(exist_ok=True)
    text = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    (folder / "late" / "copy.yaml").write_text(text.replace("Ada Lovelace", "Someone Else"))
    (folder / "broken.yaml").write_text(BROKEN)
    (folder / "photo.yml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)))
    (folder / "notes.txt").write_text("not a sheet")
    return folder


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def grade(folder: Path, out: Path, *extra: str, workers: int = 1):
    result = run("grade", folder, "--out", out, "--workers", str(workers), *extra)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def graded(tmp_path: Path) -> tuple[Path, Path, object]:
    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    return folder, out, grade(folder, out)


class TestOneCommand:
    def test_good_sheets_are_in_grades_csv_with_the_contract_header(self, graded) -> None:
        _, out, _ = graded
        text = (out / "grades.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == "id,name,q1,q2,q3,q4,q5,q6,q7,q8,total"
        found = {row["id"]: row for row in rows(out / "grades.csv")}
        assert set(found) == {ADA, BENOIT}
        assert found[ADA]["name"] == "Ada Lovelace"
        assert (found[ADA]["q1"], found[BENOIT]["q1"]) == ("10", "8")

    def test_bad_sheets_are_in_errors_csv_with_file_and_line(self, graded) -> None:
        _, out, _ = graded
        assert (out / "errors.csv").read_text().splitlines()[0] == "file,line,error"
        errors = {Path(row["file"]).name: row for row in rows(out / "errors.csv")}
        assert set(errors) == {"broken.yaml", "photo.yml", "copy.yaml"}
        assert errors["broken.yaml"]["line"].isdigit()
        assert "YAML" in errors["broken.yaml"]["error"]
        assert errors["photo.yml"]["line"].isdigit()
        assert "not a text file" in errors["photo.yml"]["error"]

    def test_a_duplicate_id_is_reported_and_never_merged(self, graded) -> None:
        _, out, result = graded
        error = next(r for r in rows(out / "errors.csv") if r["file"].endswith("copy.yaml"))
        assert error["line"] == "3"  # the line of student.id
        assert ADA in error["error"] and "ada-en.yaml" in error["error"]
        kept = json.loads((out / f"{ADA}.json").read_text())
        assert kept["student"]["name"] == "Ada Lovelace"  # the first sheet in path order
        other = json.loads((out / "duplicates" / "late_copy.yaml.json").read_text())
        assert other["student"]["name"] == "Someone Else"  # kept apart, nothing lost
        assert "several sheets" in result.stdout

    def test_each_report_is_the_same_object_check_json_prints(self, graded) -> None:
        _, out, _ = graded
        checked = run("check", ANSWERS / "benoit-fr.yaml", "--json")
        assert json.loads((out / f"{BENOIT}.json").read_text()) == json.loads(checked.stdout)

    def test_feedback_files_are_in_each_students_language(self, graded) -> None:
        _, out, _ = graded
        assert sorted(p.name for p in (out / "feedback").iterdir()) == [
            f"{ADA}.md",
            f"{BENOIT}.md",
        ]
        french = (out / "feedback" / f"{BENOIT}.md").read_text(encoding="utf-8")
        title = "(b) Champ récepteur d'un neurone de la dernière couche"
        assert f"{title}** — 0/2, incorrect." in french
        assert "**Total : " in french
        english = (out / "feedback" / f"{ADA}.md").read_text(encoding="utf-8")
        assert "**Total: " in english and "Total : " not in english

    def test_stats_and_summary_describe_the_class(self, graded) -> None:
        _, out, result = graded
        stats = json.loads((out / "class" / "stats.json").read_text())
        assert stats["students"] == 2
        assert stats["parts"]["q1.b"]["mean"] == 1.0  # Ada 2, Benoît 0
        assert {"part": "q1.b", "field": None, "mistake": "five-layers", "count": 1} in stats[
            "mistakes"
        ]
        summary = (out / "summary.md").read_text(encoding="utf-8")
        assert "| q1.b |" in summary and "five-layers" in summary
        assert "Cronbach" in result.stdout and "five-layers" in result.stdout

    def test_nothing_is_left_half_written(self, graded) -> None:
        _, out, _ = graded
        assert not [p for p in out.rglob("*.tmp")]
        assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left


def test_plots_are_png_files_drawn_again_only_when_the_class_changes(
    tmp_path: Path, draw_plots: None
) -> None:
    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    result = grade(folder, out)
    assert "histogram.png, difficulty.png" in " ".join(result.stdout.split())
    for name in ("histogram.png", "difficulty.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (out / "histogram.png").write_bytes(b"kept")
    grade(folder, out)
    assert (out / "histogram.png").read_bytes() == b"kept"  # same class, same plots
    grade(folder, out, "--lang", "fr")
    assert (out / "histogram.png").read_bytes()[:4] == b"\x89PNG"


def test_without_matplotlib_plots_are_skipped_with_a_note(tmp_path) -> None:
    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    result = grade(folder, out)
    assert "matplotlib is not installed" in result.stdout
    assert not list(out.glob("*.png"))
    assert (out / "grades.csv").exists()


def test_two_workers_grade_the_same_as_one(tmp_path: Path) -> None:
    folder = make_class(tmp_path / "class")
    for n in range(12):  # enough sheets for both workers to take some
        text = (ANSWERS / "benoit-fr.yaml").read_text(encoding="utf-8")
        (folder / f"extra{n:02}.yaml").write_text(text.replace("20230002", f"9{n:02}"))
    grade(folder, tmp_path / "one", workers=1)
    grade(folder, tmp_path / "two", workers=2)
    for name in ("grades.csv", "errors.csv", "class/stats.json"):
        assert (tmp_path / "one" / name).read_text() == (tmp_path / "two" / name).read_text()
    assert len(rows(tmp_path / "two" / "grades.csv")) == 14


class TestCache:
    def test_unchanged_sheets_are_not_graded_again(self, graded) -> None:
        folder, out, first = graded
        assert "5 sheets graded, 0 unchanged (cached)" in first.stdout
        before = (out / "grades.csv").read_text(), (out / "errors.csv").read_text()
        again = grade(folder, out)
        # the three readable sheets come from the cache; unreadable ones are read again
        assert "2 sheets graded, 3 unchanged (cached)" in again.stdout
        assert ((out / "grades.csv").read_text(), (out / "errors.csv").read_text()) == before

    def test_an_edited_sheet_is_graded_again_and_the_change_shown(self, graded) -> None:
        folder, out, _ = graded
        sheet = folder / "benoit-fr.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("b: 21x21", "b: 25x25"))
        again = grade(folder, out)
        assert "2 sheets graded, 3 unchanged" not in again.stdout
        assert "3 sheets graded, 2 unchanged (cached)" in again.stdout
        change = rows(out / "changes.csv")
        assert [(c["id"], c["delta"], c["reasons"]) for c in change] == [(BENOIT, "2", "sheet")]
        assert change[0]["parts"] == "q1.b 0→2 (incorrect→correct, five-layers)"

    def test_a_store_from_another_version_is_rebuilt(self, tmp_path: Path) -> None:
        import sqlite3

        folder, out = make_class(tmp_path / "class"), tmp_path / "out"
        out.mkdir()
        old = sqlite3.connect(out / "examgrade.sqlite")
        old.execute("CREATE TABLE previous (id TEXT PRIMARY KEY, report TEXT)")
        old.commit()
        old.close()
        assert "5 sheets graded, 0 unchanged" in grade(folder, out).stdout
        assert "2 sheets graded, 3 unchanged" in grade(folder, out).stdout

    def test_each_report_is_stored_once_and_changes_are_still_found(self, graded) -> None:
        """The store keeps a class's reports once (the cache), not again as last run's;
        a change is still found after a run that bypassed the cache."""
        import sqlite3

        folder, out, _ = graded
        with sqlite3.connect(out / "examgrade.sqlite") as db:
            query = "SELECT COUNT(*), COUNT(report) FROM previous"
            assert db.execute(query).fetchone() == (2, 0)
        grade(folder, out, "--no-cache")
        sheet = folder / "benoit-fr.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace("b: 21x21", "b: 25x25"))
        grade(folder, out)
        change = rows(out / "changes.csv")
        assert [(c["id"], c["delta"], c["reasons"]) for c in change] == [(BENOIT, "2", "sheet")]

    def test_no_cache_grades_every_sheet(self, graded) -> None:
        folder, out, _ = graded
        again = grade(folder, out, "--no-cache")
        assert "5 sheets graded, 0 unchanged" in again.stdout


def test_a_rubric_change_shows_whose_score_changed_and_why(tmp_path: Path) -> None:
    from tests.conftest import ROOT

    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    rubrics = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", rubrics)
    grade(folder, out, "--rubrics", rubrics)
    q1 = rubrics / "q1.yaml"
    text = q1.read_text(encoding="utf-8")
    before = "params: {layers: 5}\n        points: 0"
    assert before in text
    q1.write_text(text.replace(before, "params: {layers: 5}\n        points: 1"))
    again = grade(folder, out, "--rubrics", rubrics)
    assert "0 unchanged (cached)" in again.stdout  # a new rubric grades everyone again
    change = rows(out / "changes.csv")
    assert [(c["id"], c["delta"], c["reasons"]) for c in change] == [(BENOIT, "1", "rubric")]
    assert change[0]["parts"] == "q1.b 0→1 (incorrect→partial, five-layers)"
    assert "rubric changed" in again.stdout


def test_a_class_of_unreadable_sheets_still_writes_every_file(tmp_path: Path) -> None:
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    (folder / "broken.yaml").write_text(BROKEN)
    result = grade(folder, out)
    assert "0 students graded, 1 sheet in errors.csv" in result.stdout
    assert (out / "grades.csv").read_text() == "id,name,q1,q2,q3,q4,q5,q6,q7,q8,total\n"
    assert len(rows(out / "errors.csv")) == 1
    assert json.loads((out / "class" / "stats.json").read_text())["students"] == 0


class TestUsage:
    def test_a_missing_folder_is_a_usage_error(self, tmp_path: Path) -> None:
        result = run("grade", tmp_path / "nowhere", "--out", tmp_path / "out")
        assert result.exit_code == 2
        assert "no such folder" in result.stderr

    def test_a_folder_without_sheets_is_a_usage_error(self, tmp_path: Path) -> None:
        (tmp_path / "empty").mkdir()
        result = run("grade", tmp_path / "empty", "--out", tmp_path / "out")
        assert result.exit_code == 2
        assert "no *.yaml or *.yml" in result.stderr

    def test_out_cannot_be_a_file(self, tmp_path: Path) -> None:
        folder = make_class(tmp_path / "class")
        (tmp_path / "out").write_text("")
        result = run("grade", folder, "--out", tmp_path / "out")
        assert result.exit_code == 2
        assert "must be a folder" in result.stderr

    def test_the_output_folder_inside_the_class_is_not_graded(self, tmp_path: Path) -> None:
        folder = make_class(tmp_path / "class")
        grade(folder, folder / "graded")
        again = grade(folder, folder / "graded")
        assert "2 students graded, 3 sheets in errors.csv" in again.stdout

    def test_messages_follow_lang(self, tmp_path: Path) -> None:
        folder = make_class(tmp_path / "class")
        result = grade(folder, tmp_path / "out", "--lang", "fr")
        assert "Résumé de la classe" in result.stdout
        errors = {Path(r["file"]).name: r for r in rows(tmp_path / "out" / "errors.csv")}
        assert "matricule" in errors["copy.yaml"]["error"]
