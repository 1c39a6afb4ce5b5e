"""Special files in a class folder (issue 13, item 9): a FIFO or a link to a device is
refused without a byte read and without blocking; it goes to errors.csv and the class is
graded. The commands run in a subprocess with a generous bound, so the code before the
fix (which hung on the FIFO) fails the test instead of hanging the suite."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from examgrade.errors import SheetError
from examgrade.files import read_regular
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def _examgrade(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120", "NO_COLOR": "1"}
    program = (  # without matplotlib: no plots, which cost seconds
        "import sys; sys.modules['matplotlib'] = None; from examgrade.cli import main; "
        "sys.argv[0] = 'examgrade'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a bound on a hang, not a measure of speed
    )


@needs_fifo
def test_grade_refuses_a_fifo_and_a_link_to_dev_zero(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(ANSWERS / "ada-en.yaml", folder / "ada.yaml")
    os.mkfifo(folder / "a-fifo.yaml")
    if Path("/dev/zero").exists():
        (folder / "z-zero.yaml").symlink_to("/dev/zero")
    done = _examgrade("grade", str(folder), "--out", "out", "--workers", "1", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "out" / "errors.csv", encoding="utf-8") as handle:
        errors = {Path(row["file"]).name: row["error"] for row in csv.DictReader(handle)}
    expected = {"a-fifo.yaml"} | ({"z-zero.yaml"} if Path("/dev/zero").exists() else set())
    assert set(errors) == expected
    assert all("not a regular file" in text for text in errors.values())
    grades = (tmp_path / "out" / "grades.csv").read_text(encoding="utf-8")
    assert "20230001" in grades  # the class is graded


@needs_fifo
def test_check_refuses_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "f.yaml")
    done = _examgrade("check", "f.yaml", "--lang", "fr", cwd=tmp_path)
    assert done.returncode == 1
    assert "pas un fichier ordinaire" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null", "folder"])
def test_only_regular_files_are_read(tmp_path: Path, target: str) -> None:
    if target == "folder":
        (tmp_path / "folder").mkdir()
        target = str(tmp_path / "folder")
    elif not Path(target).exists():
        pytest.skip(f"no {target} here")
    (tmp_path / "s.yaml").symlink_to(target)
    with pytest.raises(SheetError) as caught:
        load_sheet(tmp_path / "s.yaml", "s.yaml")
    assert caught.value.code == "sheet.not_regular"
    assert caught.value.location.file == "s.yaml"


def test_at_most_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)
    assert read_regular(path, 101) == b"x" * 101
    with pytest.raises(SheetError) as caught:
        read_regular(path, 100)
    assert caught.value.code == "sheet.too_large"


# Item 10: no student id can overwrite another output, on case-folding file systems too.
CLASS_STEMS = [
    *("stats", "grades", "errors", "summary", "changes", "moodle", "canvas"),
    *("histogram", "difficulty", "examgrade", "class", "feedback", "duplicates"),
]


def _sheet(student: str, name: str) -> str:
    return f'student:\n  id: "{student}"\n  name: {name}\nq1:\n  b: 25x25\n'


def test_no_student_id_overwrites_a_class_file_or_another_student(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from examgrade.cli import app

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # no plots: they cost seconds
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    ids = [*CLASS_STEMS, "Stats2", "Ada", "caf\u00e9"]
    for number, student in enumerate(ids):
        (folder / f"s{number:02}.yaml").write_text(_sheet(student, f"N{number}"), "utf-8")
    (folder / "z1.yaml").write_text(_sheet("stats2", "Case Twin"), "utf-8")
    (folder / "z2.yaml").write_text(_sheet("ADA", "Upper Twin"), "utf-8")
    (folder / "z3.yaml").write_text(_sheet("CAF\u00c9", "Accent Twin"), "utf-8")
    args = ["grade", str(folder), "--out", str(out), "--workers", "1", "--format", "moodle"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for student in ids:  # each <id>.json is where the contract puts it, and is that student's
        report = json.loads((out / f"{student}.json").read_text("utf-8"))
        assert report["student"]["id"] == student
    assert "students" in json.loads((out / "class" / "stats.json").read_text("utf-8"))
    with open(out / "errors.csv", encoding="utf-8") as handle:
        errors = {Path(row["file"]).name: row["error"] for row in csv.DictReader(handle)}
    assert set(errors) == {"z1.yaml", "z2.yaml", "z3.yaml"}
    assert all("only by upper and lower case" in text for text in errors.values())
    names = {p.name.casefold() for p in out.iterdir()}
    assert len(names) == len(list(out.iterdir()))  # nothing two names a case-folding system merges
    saved = sorted(p.name for p in (out / "duplicates").iterdir())
    assert len(saved) == 3
