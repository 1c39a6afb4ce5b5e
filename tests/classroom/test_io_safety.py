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


def _examgrade(*args: str, cwd: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "120", "NO_COLOR": "1"}
    program = (  # without matplotlib: no plots, which cost seconds
        "import sys; sys.modules['matplotlib'] = None; from examgrade.cli import main; "
        "sys.argv[0] = 'examgrade'; main()"
    )
    return subprocess.run(
        [sys.executable, "-c", program, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        encoding=encoding,
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


@needs_fifo
@pytest.mark.parametrize("kind", ["rubric", "exam", "overrides"])
def test_a_fifo_named_by_the_instructor_is_refused_not_waited_on(tmp_path: Path, kind: str) -> None:
    """A rubric, an exam file or an overrides file that is a FIFO (or a link to /dev/zero)
    is a located error in the person's language, never a hang or an endless read."""
    from examgrade.errors import RubricError, UsageError

    pack = tmp_path / "pack"
    shutil.copytree(Path(__file__).resolve().parents[2] / "rubrics", pack)
    target = {
        "rubric": pack / "q3.yaml",
        "exam": pack / "exam.yaml",
        "overrides": tmp_path / "overrides.csv",
    }[kind]
    target.unlink(missing_ok=True)
    os.mkfifo(target)
    with pytest.raises((RubricError, UsageError)) as caught:
        if kind == "overrides":
            from examgrade.classroom.overrides import load_overrides
            from examgrade.rubric import load_rubrics

            load_overrides(target, load_rubrics())
        elif kind == "exam":
            from examgrade.exam import load_exam

            load_exam(pack)
        else:
            from examgrade.rubric import load_rubric

            load_rubric(target)
    assert caught.value.code == "files.not_regular"
    assert caught.value.location.file == str(target)
    assert "pas un fichier ordinaire" in caught.value.message.render("fr")


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


def test_statistics_of_a_run_before_class_stats_json_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from examgrade.cli import app

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    (folder / "a.yaml").write_text(_sheet("a1", "A"), "utf-8")
    (out / "stats.json").write_text('{"students": 3, "questions": {}}')
    result = CliRunner().invoke(app, ["grade", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert not (out / "stats.json").exists() and (out / "class" / "stats.json").is_file()


# Item 13: a name is kept on one line, or left out with a located warning, never lost silently.
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (r'"Ben \"B\" T"', 'Ben "B" T'),
        (r'"Ben \\ T"', "Ben \\ T"),
        ("|\n    Ben\n    Tremblay", "Ben Tremblay"),
        ('"Ben\n    T"', "Ben T"),
        ("'Zoë  O''Brien'", "Zoë O'Brien"),
    ],
)
def test_a_name_is_kept_on_one_line(name: str, expected: str) -> None:
    from examgrade.sheet import parse_sheet

    sheet = parse_sheet(f'student:\n  id: "42"\n  name: {name}\n', "s.yaml")
    assert sheet.student.name == expected
    assert sheet.warnings == ()


@pytest.mark.parametrize(
    ("name", "said"),
    [
        (r'"Ben\nT"', "student.name is left out: s.yaml, line 3, column 13"),
        ("[Ben, T]", "s.yaml, line 3, column 9: student.name must be a text, not a list"),
        ("x" * 300, "s.yaml, line 3, column 9: student.name is longer than 200"),
    ],
)
def test_a_name_that_cannot_be_kept_is_a_warning(name: str, said: str) -> None:
    from examgrade.sheet import parse_sheet

    sheet = parse_sheet(f'student:\n  id: "42"\n  name: {name}\n', "s.yaml")
    assert [w.render("en")[: len(said)] for w in sheet.warnings] == [said]
    assert sheet.student.name is None or len(sheet.student.name) == 200


def test_escapes_that_change_an_expression_are_still_refused() -> None:
    from examgrade.nodes import Broken
    from examgrade.sheet import parse_sheet

    for text in (r'"\frac{w}{2}"', r'"a \\ \n b"', r'"\t x"'):
        node = parse_sheet(f'student:\n  id: "1"\nq7:\n  b: {text}\n').answers["q7"].get("b")
        assert isinstance(node, Broken), text
        assert node.error.code == "sheet.backslash_in_double_quotes"


# Item 15: an output stream that cannot encode everything gets what it can, never a traceback.
def test_check_degrades_to_what_the_stream_can_encode(tmp_path: Path) -> None:
    done = _examgrade("check", str(ANSWERS / "benoit-fr.yaml"), cwd=tmp_path, encoding="ascii")
    assert (done.returncode, done.stderr) == (0, "")
    assert "Q2 * Reseaux de neurones recurrents" in done.stdout  # é -> e, · -> *


def test_json_keeps_every_character_as_an_escape(tmp_path: Path, rubrics) -> None:
    from examgrade.engine import grade_sheet
    from examgrade.memo import OutcomeMemo
    from examgrade.report import build_report, report_data

    sheet = load_sheet(ANSWERS / "benoit-fr.yaml")
    expected = report_data(build_report(grade_sheet(sheet, rubrics, memo=OutcomeMemo())))
    args = ("check", str(ANSWERS / "benoit-fr.yaml"), "--json")
    done = _examgrade(*args, cwd=tmp_path, encoding="latin-1")  # no − (U+2212) in latin-1
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["student"] == expected["student"] and report["score"] == expected["score"]
    assert report["questions"]["q1"] == json.loads(json.dumps(expected["questions"]["q1"]))


def test_grade_and_errors_degrade_too(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(ANSWERS / "benoit-fr.yaml", folder / "benoit.yaml")
    (folder / "bad.yaml").write_text('student:\n  id: "é"\nq1: [\n', "utf-8")
    args = ("grade", "class", "--out", "out", "--workers", "1", "--lang", "fr")
    done = _examgrade(*args, cwd=tmp_path, encoding="ascii")
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert "Resume de la classe" in done.stdout
    broken = _examgrade("check", "class/bad.yaml", "--lang", "fr", cwd=tmp_path, encoding="ascii")
    assert broken.returncode == 1 and "Traceback" not in broken.stderr


# From item 8: a UTF-16 sheet, libyaml's depth bound in French, an unclosed quote's line.
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_sheet_saved_as_utf16_or_utf32_says_save_it_as_utf8(encoding: str) -> None:
    from examgrade.sheet import parse_sheet

    with pytest.raises(SheetError) as caught:
        parse_sheet('student:\n  id: "1"\nq1:\n  b: 25x25\n'.encode(encoding), "s.yaml")
    assert caught.value.code == "sheet.wide_encoding"
    assert "Save it as UTF-8" in caught.value.message.render("en")
    assert "Enregistrez-le en UTF-8" in caught.value.message.render("fr")


def test_nesting_past_libyamls_own_bound_is_said_in_french() -> None:
    from examgrade.sheet import parse_sheet

    with pytest.raises(SheetError) as caught:
        parse_sheet('student:\n  id: "1"\nq1: ' + "[" * 2000 + "]" * 2000 + "\n", "s.yaml")
    assert caught.value.code == "sheet.too_deep"
    text = caught.value.message.render("fr")
    assert "imbriquées sur plus de 32 niveaux" in text and "nesting" not in text


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ('q1:\n  a: "256x256\n  b: 25\n  c: 4\n', 4, 6),
        ("q1:\n  a: '256x256\n  b: 25\n  c: 4\n", 4, 6),
        ("q1: {a: '256x256, b: 25}\nq2:\n  a: x\n", 3, 9),
    ],
)
def test_an_unclosed_quote_is_reported_where_it_opened(body: str, line: int, column: int) -> None:
    from examgrade.sheet import parse_sheet

    with pytest.raises(SheetError) as caught:
        parse_sheet('student:\n  id: "1"\n' + body, "s.yaml")
    location = caught.value.location
    assert (location.line, location.column) == (line, column)
    assert "quote is not closed" in caught.value.message.render("en")


@pytest.mark.parametrize(
    ("body", "line", "column"),
    [
        ("q1:\n  a: [1, 2\n  b: 25\n", 4, 6),  # a [ never closed: where it opened
        ("q1: {a: 1\nq2: 2\n", 3, 5),
        ("q1:\n\t- x\n", 4, 1),
    ],
)
def test_yaml_syntax_errors_are_said_in_french_where_they_are(
    body: str, line: int, column: int
) -> None:
    from examgrade.sheet import parse_sheet

    with pytest.raises(SheetError) as caught:
        parse_sheet('student:\n  id: "1"\n' + body, "s.yaml")
    assert (caught.value.location.line, caught.value.location.column) == (line, column)
    text = caught.value.message.render("fr")
    for english in ("found", "expected", "not allowed", "while ", "token", "stream"):
        assert english not in text, text
