"""Scores set by hand: applied on every grade and regrade, shown to the student, never lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examgrade.classroom.overrides import apply_overrides, load_overrides
from examgrade.errors import UsageError
from examgrade.report import read_report, report_from_data, report_json
from tests.classroom.test_batch import (
    ADA,
    BENOIT,
    grade,
    make_class,
    no_plots,  # noqa: F401  (autouse: no PNGs)
    rows,
    run,
)

OVERRIDES = (
    "student,part,points,comment,grader\n"
    f'{BENOIT},q1.b,1,"Right method, one layer short",Marie\n'
    f"{ADA},q1.a,1.5,Sizes without the channels,Marie\n"
)
# Only Q1 is asserted on: the other questions' grading grows as their checks land.
AUTOMATIC = {ADA: "10", BENOIT: "8"}  # q1: Ada right everywhere, Benoît 0 on q1.b
WITH_OVERRIDES = {ADA: "9.5", BENOIT: "9"}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = make_class(tmp_path / "class")
    overrides = tmp_path / "overrides.csv"
    overrides.write_text(OVERRIDES, encoding="utf-8")
    return folder, tmp_path / "out", overrides


def q1(out: Path) -> dict[str, str]:
    return {r["id"]: r["q1"] for r in rows(out / "grades.csv")}


def totals(out: Path) -> dict[str, float]:
    return {r["id"]: float(r["total"]) for r in rows(out / "grades.csv")}


class TestApplied:
    def test_an_override_sets_the_part_and_every_total(self, setup, tmp_path) -> None:
        folder, out, overrides = setup
        grade(folder, tmp_path / "plain")
        assert q1(tmp_path / "plain") == AUTOMATIC
        grade(folder, out, "--overrides", overrides)
        assert q1(out) == WITH_OVERRIDES
        plain, now = totals(tmp_path / "plain"), totals(out)
        assert (now[ADA] - plain[ADA], now[BENOIT] - plain[BENOIT]) == (-0.5, 1.0)
        part = json.loads((out / f"{BENOIT}.json").read_text())["questions"]["q1"]["parts"]["b"]
        assert (part["score"], part["status"]) == (1, "partial")
        assert part["override"] == {
            "points": 1,
            "original": 0,
            "original_status": "incorrect",
            "comment": "Right method, one layer short",
            "grader": "Marie",
        }

    def test_the_student_reads_the_override_in_their_language(self, setup) -> None:
        folder, out, overrides = setup
        grade(folder, out, "--overrides", overrides)
        feedback = (out / "feedback" / f"{BENOIT}.md").read_text(encoding="utf-8")
        assert "Note fixée par Marie (note automatique : 0). Right method" in feedback
        summary = (out / "summary.md").read_text(encoding="utf-8")
        assert "2 scores set by hand" in summary


class TestSurvivesRegrades:
    def test_an_override_survives_a_regrade_without_the_option(self, setup) -> None:
        folder, out, overrides = setup
        grade(folder, out, "--overrides", overrides)
        first = totals(out)
        again = grade(folder, out, "--no-cache")
        assert totals(out) == first and q1(out) == WITH_OVERRIDES
        assert "Applying 2 overrides" in again.stderr

    def test_an_override_survives_a_rubric_change_and_masks_it(self, setup, tmp_path) -> None:
        import shutil

        from tests.conftest import ROOT

        folder, out, overrides = setup
        rubrics = tmp_path / "rubrics"
        shutil.copytree(ROOT / "rubrics", rubrics)
        grade(folder, out, "--overrides", overrides, "--rubrics", rubrics)
        q1_file = rubrics / "q1.yaml"
        text = q1_file.read_text(encoding="utf-8")
        q1_file.write_text(
            text.replace(
                'points: 0\n        feedback:\n          en: "21',
                'points: 1.5\n        feedback:\n          en: "21',
            )
        )
        assert q1_file.read_text(encoding="utf-8") != text
        grade(folder, out, "--rubrics", rubrics)
        assert q1(out) == WITH_OVERRIDES
        part = json.loads((out / f"{BENOIT}.json").read_text())["questions"]["q1"]["parts"]["b"]
        assert part["override"]["original"] == 1.5  # the new automatic score, kept beside

    def test_the_overrides_are_kept_when_their_file_is_gone(self, setup) -> None:
        folder, out, overrides = setup
        grade(folder, out, "--overrides", overrides)
        overrides.unlink()
        grade(folder, out)
        assert q1(out) == WITH_OVERRIDES

    def test_an_empty_file_drops_them(self, setup) -> None:
        folder, out, overrides = setup
        grade(folder, out, "--overrides", overrides)
        overrides.write_text("")
        grade(folder, out)
        assert q1(out) == AUTOMATIC
        grade(folder, out)
        assert q1(out) == AUTOMATIC

    def test_an_edited_overrides_file_counts_and_the_change_is_shown(self, setup) -> None:
        folder, out, overrides = setup
        grade(folder, out, "--overrides", overrides)
        overrides.write_text(OVERRIDES.replace(f"{BENOIT},q1.b,1,", f"{BENOIT},q1.b,2,"))
        grade(folder, out)
        change = rows(out / "changes.csv")
        assert [(c["id"], c["delta"], c["reasons"]) for c in change] == [(BENOIT, "1", "override")]
        assert change[0]["parts"] == "q1.b 1→2 (partial→correct, five-layers)"


class TestFiles:
    def test_yaml_semicolons_and_decimal_commas_are_read(self, tmp_path, rubrics) -> None:
        yaml_file = tmp_path / "o.yaml"
        yaml_file.write_text(
            "overrides:\n  - {student: '7', part: Q1.B, points: 1.5, grader: Ana}\n"
        )
        found = load_overrides(yaml_file, rubrics)
        assert [(o.student, o.part, o.points, o.grader) for o in found] == [
            ("7", "q1.b", 1.5, "Ana")
        ]
        csv_file = tmp_path / "o.csv"
        csv_file.write_text("student;part;points\n7;q1.b;1,5\n")
        assert load_overrides(csv_file, rubrics)[0].points == 1.5

    @pytest.mark.parametrize(
        ("encoding", "separator"),
        [("cp1252", ";"), ("utf-16", "\t"), ("utf-8-sig", ";")],
    )
    def test_a_file_saved_by_a_french_excel_is_read(
        self, tmp_path, rubrics, encoding, separator
    ) -> None:
        """Windows-1252 (Excel's "CSV" on a French Windows) or UTF-16 ("Unicode text"),
        semicolons or tabs, CRLF, decimal commas: the accents of the comment and the
        grader's name arrive as typed, and the id keeps its leading zeros."""
        rows = [
            ["student", "part", "points", "comment", "grader"],
            ["00123", "q1.b", "1,5", "Méthode juste, une couche de trop", "Hélène"],
        ]
        path = tmp_path / "o.csv"
        path.write_bytes("".join(separator.join(r) + "\r\n" for r in rows).encode(encoding))
        found = load_overrides(path, rubrics)
        assert [(o.student, o.points, o.comment, o.grader) for o in found] == [
            ("00123", 1.5, "Méthode juste, une couche de trop", "Hélène")
        ]

    @pytest.mark.parametrize(
        ("text", "code", "line"),
        [
            ("student,points\n7,1\n", "batch.overrides_header", 1),
            ("student,part,points\n7,q9.a,1\n", "batch.override_part", 2),
            ("student,part,points\n7,q1.b,3\n", "batch.override_range", 2),
            ("student,part,points\n7,q1.b,two\n", "batch.override_points", 2),
            ("student,part,points\n7,q1.b,1\n7,q1.b,2\n", "batch.override_twice", 3),
            ("student,part,points\n7,,1\n", "batch.override_missing", 2),
            # a person's typos that float() reads, or a decimal comma that split the row:
            # before, nan and inf were a traceback, 1_0 was 10, and `1,5` was 1 point
            ("student,part,points\n7,q1.b,nan\n", "batch.override_points", 2),
            ("student,part,points\n7,q1.b,inf\n", "batch.override_points", 2),
            ("student,part,points\n7,q1.b,1e400\n", "batch.override_points", 2),
            ("student,part,points\n7,q1.b,1_0\n", "batch.override_points", 2),
            (
                "student,part,points,comment,grader\n7,q1.a,2,,\n7,q1.b,1,5,ok,Ana\n",
                "batch.override_extra_cells",
                3,
            ),
        ],
    )
    def test_a_bad_row_is_named_by_file_and_line(self, tmp_path, rubrics, text, code, line):
        path = tmp_path / "o.csv"
        path.write_text(text)
        with pytest.raises(UsageError) as caught:
            load_overrides(path, rubrics)
        assert (caught.value.code, caught.value.location.line) == (code, line)

    def test_a_bad_file_stops_before_grading_with_exit_2(self, tmp_path) -> None:
        folder = make_class(tmp_path / "class")
        bad = tmp_path / "o.csv"
        bad.write_text("student,part,points\n7,q1.b,3\n")
        result = run("grade", folder, "--out", tmp_path / "out", "--overrides", bad)
        assert result.exit_code == 2
        assert "line 2" in result.stderr and "worth 2" in result.stderr
        assert not (tmp_path / "out" / "grades.csv").exists()

    def test_nan_points_stop_the_run_with_a_message_not_a_traceback(self, tmp_path) -> None:
        folder = make_class(tmp_path / "class")
        bad = tmp_path / "o.csv"
        bad.write_text("student,part,points\n7,q1.b,nan\n")
        result = run("grade", folder, "--out", tmp_path / "out", "--overrides", bad)
        assert result.exit_code == 2 and "Traceback" not in result.stderr
        assert "line 2" in result.stderr and "'nan' is not a number" in result.stderr

    def test_an_unknown_student_is_a_warning(self, setup) -> None:
        folder, out, overrides = setup
        overrides.write_text(OVERRIDES + "nobody,q1.a,1,,\n")
        result = grade(folder, out, "--overrides", overrides)
        assert "no graded sheet: nobody" in result.stdout


NO_TEXT = {"feedback": {"en": "", "fr": ""}}


def test_applying_leaves_the_automatic_report_untouched(rubrics) -> None:
    from examgrade.classroom.overrides import Override

    report = {
        "student": {"id": "7", "name": None, "lang": "en"},
        "score": 2,
        "max": 4,
        "questions": {
            "q1": {
                "score": 2,
                "max": 4,
                "parts": {
                    "a": {"score": 2, "max": 2, "status": "correct", "review": False, **NO_TEXT},
                    "b": {"score": 0, "max": 2, "status": "incorrect", "review": True, **NO_TEXT},
                },
            }
        },
        "warnings": [],
        "not_graded": ["q2.a"],
        "review": ["q1.b"],
    }
    automatic = report_from_data(report)
    snapshot = report_json(automatic)
    done = apply_overrides(automatic, [Override("7", "q1.b", 2.0)], rubrics)
    assert report_json(automatic) == snapshot
    assert (done.score, done.questions["q1"].score) == (4, 4)
    assert done.questions["q1"].parts["b"].review is False
    assert automatic.review == ("q1.b",) and done.review == ()  # nothing left to review


def test_a_student_whose_reviewed_parts_are_all_overridden_is_sent(rubrics) -> None:
    """--hold-review holds a student while a part awaits review; once the TA has
    scored every such part by hand, the student's grade goes to the gradebook."""
    from examgrade.classroom.lms import provisional
    from examgrade.classroom.overrides import Override

    report = report_from_data(
        {
            "student": {"id": "7", "name": None, "lang": "en"},
            "score": 0,
            "max": 2,
            "questions": {
                "q1": {
                    "score": 0,
                    "max": 2,
                    "parts": {
                        "b": {
                            "score": 0,
                            "max": 2,
                            "status": "incorrect",
                            "review": True,
                            **NO_TEXT,
                        },
                    },
                }
            },
            "warnings": [],
            "not_graded": [],
            "review": ["q1.b"],
        }
    )
    assert provisional(report) == ["q1.b"]
    assert provisional(apply_overrides(report, [Override("7", "q1.b", 1.0)], rubrics)) == []


def test_a_part_not_graded_yet_can_be_scored_by_hand(rubrics) -> None:
    from examgrade.classroom.overrides import Override

    report = {
        "student": {"id": "7", "name": None, "lang": "en"},
        "score": 0,
        "max": 0,
        "questions": {},
        "warnings": [],
        "not_graded": ["q3.a", "q3.b"],
    }
    done = apply_overrides(
        report_from_data(report), [Override("7", "q3.a", 3.0, "good", "Ana")], rubrics
    )
    part = done.questions["q3"].parts["a"]
    assert part.score == 3 and part.override is not None
    assert part.override.original_status == "not_graded"
    assert done.score == 3 and done.not_graded == ("q3.b",)
    # written as the overrides always wrote it, and read back to the same bytes
    text = report_json(done)
    assert list(json.loads(text)["questions"]["q3"]["parts"]["a"]) == [
        "feedback", "score", "max", "status", "review", "override"
    ]  # fmt: skip
    assert report_json(read_report(text)) == text
