"""q6.a: a move's credit reflects what the step rewrites. Steps that change nothing
(`+ 0`, `2a - a`, `* 1`) or only add and remove the same term (`+ E_q[log q] - E_q[log q]`)
are no moves: padding a leap with them does not raise its score, while the genuine
steps of a derivation keep theirs and a wrong step still costs."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.mathlang.normal import normal_form, only_adds_terms
from examgrade.mathlang.parser import parse
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet

RHS = "E_q[log p(x,z)/q(z|x)] - E_q[log p(z|x)/q(z|x)]"


def score(rubrics: RubricSet, steps: list[str]) -> float:
    body = "\n".join(f"      - '{s}'" for s in steps)
    report = grade_sheet(
        parse_sheet(f"student: {{id: '1'}}\nq6:\n  a:\n    steps:\n{body}\n"), rubrics
    )
    return next(p.score for q in report.questions if q.key == "q6" for p in q.parts if p.key == "a")


@pytest.mark.parametrize(
    "padding",
    [
        ["log p(x) + 0"],
        ["2 log p(x) - log p(x)"],
        ["log p(x) + E_q[log q(z|x)] - E_q[log q(z|x)]"],
        ["log p(x) * 1", "(log p(x))/1"],
        ["log p(x) + KL(q||p) - KL(q(z|x)||p(z|x))"],
        ["log p(x) + sum_z q(z|x) log q(z|x) - E_q[log q(z|x)]"],
        ["log p(x) = log p(x) + 0"],
    ],
)
def test_padding_a_leap_does_not_raise_its_score(rubrics: RubricSet, padding: list[str]) -> None:
    leap = score(rubrics, ["log p(x)", RHS])
    assert leap < 9
    assert score(rubrics, ["log p(x)", *padding, RHS]) == leap


@pytest.mark.parametrize(
    "middle",
    [
        ["E_q[log p(x)]", "E_q[log p(x,z) - log p(z|x)]"],
        ["E_q[log p(x,z) - log p(z|x)]"],
        ["E_q[log p(x)]", "E_q[log p(x) + 0]", "E_q[log p(x,z) - log p(z|x)]"],
    ],
)
def test_genuine_steps_keep_their_credit(rubrics: RubricSet, middle: list[str]) -> None:
    assert score(rubrics, ["log p(x)", *middle, RHS]) == 9


def test_a_wrong_added_term_is_still_a_wrong_step(rubrics: RubricSet) -> None:
    assert score(rubrics, ["log p(x)", "log p(x) + log q(z|x)", RHS]) < score(
        rubrics, ["log p(x)", "E_q[log p(x)]", RHS]
    )


def _step(text: str):
    return parse(text, ("x", "z"), mode="step", probability=True)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("log p(x)", "0 + 1 * log p(x)", True),
        ("p(x) q(z|x) / q(z|x)", "p(x)", True),
        ("(p(x) + q(z|x)) - q(z|x)", "p(x)", True),
        ("E_q[log p(x) + 0]", "E_q[log p(x)]", True),
        ("log p(x)", "E_q[log p(x)]", False),
        ("E_q[p(x) - q(z|x)]", "E_q[p(x)] - E_q[q(z|x)]", False),  # a step of its own
    ],
)
def test_normal_form(a: str, b: str, same: bool) -> None:
    assert (normal_form(_step(a)) == normal_form(_step(b))) is same


def test_only_adds_terms() -> None:
    assert only_adds_terms(_step("log p(x)"), _step("log p(x) + E_q[p(x)] - E_q[q(z|x)]"))
    assert not only_adds_terms(_step("log p(x)"), _step("2 log p(x) - E_q[log p(x)]"))
