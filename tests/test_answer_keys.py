"""Answers under the keys students actually write (issue 13, item 5): the obvious
spellings of a part are read, and anything that cannot be placed is a located warning
that names the key and the parts, never a silent "No answer given"."""

from __future__ import annotations

import pytest

from examgrade.answer_keys import arrange
from examgrade.engine import grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet
from tests.conftest import sheet_text

Q4_I = "learned dropout rates go to zero, so it would not regularize"
Q2_A = "W^t h_0 + sum_{k=1}^{t} W^{t-k} (U x_k + b)"


def _graded(body: str, rubrics: RubricSet):
    report = grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics)
    parts = {f"{q.key}.{p.key}": p for q in report.questions for p in q.parts}
    return parts, [w.render("en") for w in report.warnings]


def _statuses(parts: dict, prefix: str) -> dict[str, str]:
    return {k: p.status for k, p in parts.items() if k.startswith(prefix)}


@pytest.mark.parametrize(
    "body",
    [
        "q1:\n  a: 256x256\n  b: 25x25\n",  # the contract's form
        "q1:\n  A: 256x256\n  B: 25x25\n",
        "q1:\n  (a): 256x256\n  b): 25x25\n",
        "q1:\n  q1a: 256x256\n  Q1.B: 25x25\n",
        "q1:\n  part a: 256x256\n  b: 25x25\n",
    ],
)
def test_spellings_of_a_part_are_read(body: str, rubrics: RubricSet) -> None:
    parts, warnings = _graded(body, rubrics)
    assert parts["q1.a"].status == parts["q1.b"].status == "correct"
    assert warnings == []


@pytest.mark.parametrize("key", ["b.i", "bi", "b_i", "(b)(i)", "B.I"])
def test_spellings_of_a_sub_part_are_read(key: str, rubrics: RubricSet) -> None:
    parts, warnings = _graded(f"q4:\n  '{key}': '{Q4_I}'\n", rubrics)
    assert parts["q4.b.i"].score > 0
    assert warnings == []


def test_sub_parts_beside_their_group_are_merged(rubrics: RubricSet) -> None:
    parts, warnings = _graded(f"q4:\n  b:\n    ii: 'sampling'\n  b.i: '{Q4_I}'\n", rubrics)
    assert parts["q4.b.i"].score > 0 and parts["q4.b.ii"].status != "missing"
    assert warnings == []


def test_a_list_in_part_order(rubrics: RubricSet) -> None:
    parts, warnings = _graded("q1: [256x256, 25x25, 4, 0, 2]\n", rubrics)
    assert set(_statuses(parts, "q1").values()) == {"correct"}
    assert warnings == []


def test_a_list_of_the_wrong_length_is_a_located_warning(rubrics: RubricSet) -> None:
    parts, warnings = _graded("q1: [256x256, 25x25, 4, 0]\n", rubrics)
    assert set(_statuses(parts, "q1").values()) == {"missing"}
    assert warnings == [
        "s.yaml, line 4, column 5: q1 is a list of 4 answers, but it has 5 parts (q1.a, q1.b,"
        " q1.c, q1.d, q1.e); it is ignored. Write one answer per part, e.g. q1: {a: ..., b:"
        " ..., c: ..., d: ..., e: ...}."
    ]


def test_a_bare_answer_for_a_question_is_its_first_part_and_said_so(rubrics: RubricSet) -> None:
    parts, warnings = _graded(f"q2: '{Q2_A}'\n", rubrics)
    assert parts["q2.a"].status == "correct"
    assert len(warnings) == 1 and "graded as q2.a" in warnings[0] and "line 4" in warnings[0]


def test_one_text_for_a_group_of_sub_parts_is_said(rubrics: RubricSet) -> None:
    parts, warnings = _graded(f"q4:\n  b: '{Q4_I}'\n", rubrics)
    assert parts["q4.b.i"].score > 0
    assert len(warnings) == 1 and "q4.b.i, q4.b.ii" in warnings[0]


@pytest.mark.parametrize(
    ("body", "key", "hint"),
    [
        ("q3:\n  c: 'adam has momentum'\n", "'c' is not a part of q3", "q3.a, q3.b"),
        ("q4:\n  b:\n    iii: 'x'\n", "'iii' is not a part of q4.b", "Did you mean 'q4.b.ii'?"),
        ("q1:\n  a: 256x256\n  A: 25x25\n", "'A' is read as q1.a, which is answered", "once"),
        ("q3:\n  a:\n    answer: 'x'\n", "'answer' is not a field", "explanation, text"),
    ],
)
def test_what_cannot_be_placed_is_a_located_warning(
    body: str, key: str, hint: str, rubrics: RubricSet
) -> None:
    _, warnings = _graded(body, rubrics)
    assert len(warnings) == 1
    assert key in warnings[0] and hint in warnings[0] and "line " in warnings[0]


def test_warnings_are_in_the_students_language(rubrics: RubricSet) -> None:
    sheet = parse_sheet(sheet_text("q3:\n  c: 'x'\n"), "s.yaml")
    report = grade_sheet(sheet, rubrics)
    assert "n'est pas une partie de q3" in report.warnings[0].render("fr")


def test_arranging_twice_changes_nothing(rubrics: RubricSet) -> None:
    sheet = parse_sheet(sheet_text(f"q1: [256x256, 25x25, 4, 0, 2]\nq4:\n  bi: '{Q4_I}'\n"))
    once = arrange(sheet, rubrics)
    assert arrange(once, rubrics) is once
    plain = parse_sheet(sheet_text("q1:\n  a: 256x256\n"))
    assert arrange(plain, rubrics) is plain


def test_a_field_written_without_its_part_is_that_parts(rubrics: RubricSet) -> None:
    body = "q2:\n  Vanishes_If: 'rho(W) < 1'\n  explodes_if: 'rho(W) > 1'\n"
    parts, warnings = _graded(body, rubrics)
    assert parts["q2.c"].score > 0
    fields = {i.field: i.outcome.status for i in parts["q2.c"].items}
    assert fields["vanishes_if"] != "missing" and fields["explodes_if"] != "missing"
    assert warnings == []


def test_a_field_of_several_parts_is_a_warning_naming_them(rubrics: RubricSet) -> None:
    _, warnings = _graded("q5:\n  jacobian: 'W'\n", rubrics)
    assert len(warnings) == 1
    assert "'jacobian' is not a part of q5" in warnings[0]
    assert "q5.a.jacobian / q5.b.jacobian" in warnings[0]
