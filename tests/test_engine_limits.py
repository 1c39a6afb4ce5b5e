"""One part that misbehaves never stops a sheet: a crash or a hang becomes `invalid`."""

from __future__ import annotations

import time

import pytest

from examgrade.checks import get_check
from examgrade.engine import grade_sheet
from examgrade.sheet import parse_sheet
from tests.conftest import sheet_text

BODY = "q1:\n  a: 256\n  b: 25\n  c: 4\n  d: 0\n  e: 2\n"


@pytest.fixture
def broken_size_check(monkeypatch):
    """Make the `size` kind (q1.b only) misbehave in the way each test sets."""
    kind = get_check("size")
    original = kind.grade

    def install(behaviour):
        monkeypatch.setattr(
            type(kind), "grade", lambda self, answer, ctx: behaviour(original, self, answer, ctx)
        )

    return install


def test_a_crashing_check_makes_only_its_part_invalid(rubrics, broken_size_check) -> None:
    def crash(original, self, answer, ctx):
        raise ZeroDivisionError

    broken_size_check(crash)
    report = grade_sheet(parse_sheet(sheet_text(BODY), "s.yaml"), rubrics)
    parts = {p.key: p for p in report.questions[0].parts}
    assert parts["b"].status == "invalid" and parts["b"].review
    assert "examgrade failed on this part (ZeroDivisionError)" in parts["b"].feedback[0].render(
        "en"
    )
    assert [parts[k].status for k in "acde"] == ["correct"] * 4


def test_a_hanging_check_is_stopped_at_the_sheet_time_limit(rubrics, broken_size_check) -> None:
    def hang(original, self, answer, ctx):
        while True:
            time.sleep(0.01)

    broken_size_check(hang)
    started = time.monotonic()
    report = grade_sheet(parse_sheet(sheet_text(BODY), "s.yaml"), rubrics, time_limit=0.5)
    assert time.monotonic() - started < 5  # stopped, not hung (generous: this is not a timing test)
    parts = {p.key: p for p in report.questions[0].parts}
    assert parts["b"].status == "invalid"
    assert "longer than its time limit" in parts["b"].feedback[0].render("en")
    assert "limite de temps" in parts["b"].feedback[0].render("fr")


def test_a_rubric_set_edited_in_place_is_graded_as_it_now_reads(rubrics) -> None:
    """The engine works out each part's rubric questions once per rubric set (issue 17):
    a set whose questions are swapped afterwards is graded by the new ones, not the old."""
    from dataclasses import replace

    from examgrade.rubric import RubricSet

    edited = RubricSet(dict(rubrics.questions), rubrics.directory, rubrics.missing, rubrics.exam)
    sheet = parse_sheet(sheet_text(BODY), "s.yaml")
    before = grade_sheet(sheet, edited)
    q1 = edited.questions["q1"]
    assert [p.key for p in before.questions[0].parts] == [p.key for p in q1.parts]
    edited.questions["q1"] = replace(q1, parts=q1.parts[:2])
    after = grade_sheet(sheet, edited)
    assert [p.key for p in after.questions[0].parts] == [p.key for p in q1.parts[:2]]
    assert after.questions[0].max < before.questions[0].max
    assert after.questions[0].score == pytest.approx(sum(p.score for p in after.questions[0].parts))
