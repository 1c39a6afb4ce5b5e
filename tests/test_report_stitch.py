"""A report's JSON and feedback page are stitched from pieces kept per question report
(issue 17, i17q): the same bytes as writing them whole, and students who answered a
question alike in other words share its report, so its pieces are made once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from examgrade.classroom.feedback import LEVELS, build_page, feedback_markdown, markdown
from examgrade.engine import grade_sheet
from examgrade.report import (
    PartOverride,
    Report,
    StudentInfo,
    build_report,
    json_text,
    report_bytes,
    report_data,
    report_json,
)
from examgrade.rubric import load_rubrics
from examgrade.sheet import load_sheet, parse_sheet
from tests.conftest import ANSWERS


@pytest.fixture(scope="module")
def rubrics():
    return load_rubrics()


def _whole(report: Report) -> str:
    return json_text(report_data(report))


def _variants(report: Report) -> list[Report]:
    """The report, and the same with what moves a part's keys or escapes a string: an
    override of a part the engine did not grade (its feedback first), a name with quotes
    and a line break, no questions at all."""
    key, question = next(iter(report.questions.items()))
    pkey, part = next(iter(question.parts.items()))
    override = PartOverride(1, None, "not_graded", 'said "fine"\nok', "TA ✓")
    parts = {**question.parts, pkey: replace(part, override=override)}
    questions = {**report.questions, key: replace(question, parts=parts)}
    student = StudentInfo('Ann "Q"\n', 'A\\b "c"\n  "questions": {}', "fr")
    return [
        report,
        replace(report, questions=questions),
        replace(report, student=student),
        replace(report, questions={}),
        replace(report, questions={key: question}, warnings=({"en": "w", "fr": "é"},)),
    ]


def test_the_stitched_json_and_page_are_the_whole_ones(rubrics) -> None:
    for path in sorted(ANSWERS.glob("*.yaml")):
        graded = build_report(grade_sheet(load_sheet(path), rubrics))
        for report in _variants(graded):
            for _ in range(2):  # made, then from what was kept
                assert report_json(report) == _whole(report)
                assert report_bytes(report) == _whole(report).encode("utf-8")
                for level in LEVELS:
                    page = markdown(build_page(report, rubrics, level))
                    assert feedback_markdown(report, rubrics, level) == page


def _sheet(size: str) -> str:
    return f"student:\n  id: s1\n  name: S\nq1:\n  b: {size}\n"


def test_answers_alike_in_other_words_share_the_question_s_report(rubrics) -> None:
    """`25x25` and `25 × 25` are graded apart (their outcomes are different objects) but
    alike: one question report, so its JSON and page are made once for both."""
    one, two = (
        build_report(
            grade_sheet(parse_sheet(_sheet(size).encode(), "s.yaml", rubrics.keys), rubrics)
        )
        for size in ("25x25", "'25 × 25'")
    )
    assert report_json(one) == report_json(two)
    assert one.questions["q1"] is two.questions["q1"]
