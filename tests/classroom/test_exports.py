"""The CSV files gradebooks and scripts read: columns and rows exactly."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from examgrade.classroom.exports import canvas_csv, errors_csv, grades_csv, moodle_csv
from examgrade.report import PartReport, QuestionReport, Report, StudentInfo
from tests.classroom.test_batch import (
    ADA,
    BENOIT,
    grade,
    make_class,
    no_plots,  # noqa: F401  (autouse: no PNGs)
    run,
)


def report(student: str, name: str | None, q1: float, q6: float | None) -> Report:
    questions = {"q1": QuestionReport(q1, 10, {})}
    if q6 is not None:
        questions["q6"] = QuestionReport(q6, 2, {})
    total = q1 + (q6 or 0)
    return Report(StudentInfo(student, name, "en"), total, 12, questions)


REPORTS = [report("1", "Ada, Countess", 10, 2.5), report("2", None, 7.25, None)]


def table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_grades_csv_leaves_an_ungraded_question_empty_never_zero() -> None:
    assert table(grades_csv(REPORTS)) == [
        ["id", "name", "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "total"],
        ["1", "Ada, Countess", "10", "", "", "", "", "2.5", "", "", "12.5"],
        ["2", "", "7.25", "", "", "", "", "", "", "", "7.25"],
    ]


def test_errors_csv_columns() -> None:
    assert table(errors_csv([("a.yaml", 3, "bad"), ("b.yaml", None, "worse")])) == [
        ["file", "line", "error"],
        ["a.yaml", "3", "bad"],
        ["b.yaml", "", "worse"],
    ]


def test_moodle_columns() -> None:
    assert table(moodle_csv(REPORTS, "Final")) == [
        ["ID number", "Full name", "Final", "Feedback"],
        ["1", "Ada, Countess", "12.5", "12.5/100: Q1 10/10; Q6 2.5/2."],
        ["2", "", "7.25", "7.25/100: Q1 7.25/10."],
    ]


def test_moodle_feedback_without_a_roster_is_in_each_students_language() -> None:
    """Without `--roster`, moodle.csv's feedback was the English score list for everyone
    (`Q4 8.5/10`), while the roster's file spoke French to French students: both now
    write the same line, in `student.lang`, with the French decimal comma."""
    part = PartReport(1.5, 2, "partial", False, {"en": "", "fr": ""})
    french = Report(
        StudentInfo("3", "Zoé", "fr"), 8.5, 12, {"q1": QuestionReport(8.5, 10, {"b": part})}
    )
    rows = table(moodle_csv([REPORTS[1], french], "Final", 12, 30))[1:]
    assert rows[0][3] == "18.12/30: Q1 7.25/10."
    assert rows[1][2] == "21.25"  # the grade Moodle imports keeps its point
    assert rows[1][3] == "21,25/30 : Q1 8,5/10. Points perdus en q1.b."


def test_canvas_columns_and_points_possible_row() -> None:
    assert table(canvas_csv(REPORTS, "Final", 100)) == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Final"],
        ["    Points Possible", "", "", "", "", "100"],
        ["Ada, Countess", "", "1", "", "", "12.5"],
        ["2", "", "2", "", "", "7.25"],
    ]


def test_out_of_scales_the_files_written_without_a_roster() -> None:
    """`grade --format moodle --out-of 30` without a roster wrote scores out of the exam's
    total (12.5 of 12 here), which Moodle refuses above the item's maximum."""
    assert table(moodle_csv(REPORTS, "Final", 12, 30))[1:] == [
        ["1", "Ada, Countess", "31.25", "31.25/30: Q1 10/10; Q6 2.5/2."],
        ["2", "", "18.12", "18.12/30: Q1 7.25/10."],
    ]
    assert table(canvas_csv(REPORTS, "Final", 12, 30))[1:3] == [
        ["    Points Possible", "", "", "", "", "30"],
        ["Ada, Countess", "", "1", "", "", "31.25"],
    ]


def test_out_of_and_time_limit_refuse_nan_and_inf(tmp_path: Path) -> None:
    """`--out-of nan` wrote "nan" as every grade of moodle.csv, `--out-of inf` "inf" in
    canvas.csv; `--time-limit nan` was taken."""
    folder = make_class(tmp_path / "class")
    for option in ("--out-of", "--time-limit"):
        for value in ("nan", "inf"):
            result = run("grade", folder, "--out", tmp_path / "out", option, value)
            assert result.exit_code == 2 and "is not a number" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "grades.csv").exists()


def test_grade_format_writes_the_gradebook_file(tmp_path: Path) -> None:
    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    grade(folder, out, "--format", "moodle", "--assignment", "IFT6135 final")
    moodle = table((out / "moodle.csv").read_text(encoding="utf-8"))
    assert moodle[0] == ["ID number", "Full name", "IFT6135 final", "Feedback"]
    assert [row[0] for row in moodle[1:]] == [ADA, BENOIT]
    grade(folder, out, "--format", "canvas")
    canvas = table((out / "canvas.csv").read_text(encoding="utf-8"))
    assert canvas[0][-1] == "Final exam" and canvas[2][:3] == ["Ada Lovelace", "", ADA]
    assert (out / "grades.csv").exists()
