"""q2.c conditions are judged against matrices built from the student's own condition
(its thresholds, both sides of them, the ρ = 1 edge, non-normal shapes), not only a
fixed bank that a threshold can slip between: `rho(W) <= 0.9` is sufficient, never
exact, and the feedback names the matrix that refutes it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examgrade.engine import ItemResult, grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet


def judged(rubrics: RubricSet, field: str, condition: str) -> ItemResult:
    text = f"student: {{id: '1'}}\nq2:\n  c:\n    {field}: '{condition}'\n"
    report = grade_sheet(parse_sheet(text, "c.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q2" for p in q.parts if p.key == "c")
    return next(i for i in part.items if i.field == field)


def refuting_rho(result: ItemResult) -> float:
    """The spectral radius of the counterexample the feedback shows."""
    shown = " ".join(t.render("en") for t in result.outcome.feedback)
    assert "Counterexample" in shown, shown
    return float(re.search(r"ρ\(W\) = ([0-9.e+-]+)", shown).group(1))


@pytest.mark.parametrize(
    "condition", ["rho(W) <= 0.9", "rho(W) < 0.95", "rho(W) < 0.99", "rho(W) < 0.9999999"]
)
def test_a_stricter_threshold_only_suffices_for_vanishing(rubrics, condition: str) -> None:
    result = judged(rubrics, "vanishes_if", condition)
    assert result.outcome.details["class"] == "sufficient"
    assert result.outcome.score < result.points
    assert refuting_rho(result) < 1  # it vanishes, yet the condition excludes it


@pytest.mark.parametrize("condition", ["rho(W) > 1.01", "rho(W) >= 1.2", "rho(W) > 1.0000001"])
def test_a_larger_threshold_only_suffices_for_exploding(rubrics, condition: str) -> None:
    result = judged(rubrics, "explodes_if", condition)
    assert result.outcome.details["class"] == "sufficient"
    assert refuting_rho(result) > 1


@pytest.mark.parametrize(
    ("field", "condition"),
    [
        ("vanishes_if", "rho(W) < 1"),
        ("vanishes_if", "1 > rho(W)"),
        ("vanishes_if", "0 <= rho(W) < 1"),
        ("vanishes_if", "rho(W)^2 < 1"),
        ("vanishes_if", "2 rho(W) < 2"),
        ("explodes_if", "rho(W) > 1"),
        ("explodes_if", "1 < rho(W)"),
    ],
)
def test_the_exact_condition_in_any_form_stays_exact(rubrics, field: str, condition: str) -> None:
    assert judged(rubrics, field, condition).outcome.details["class"] == "exact"


@pytest.mark.parametrize(
    ("field", "condition", "verdict"),
    [
        ("vanishes_if", "rho(W) < 1.05", "necessary"),  # rho = 1.02 explodes
        ("vanishes_if", "||W||_2 < 0.99", "sufficient"),
        ("explodes_if", "rho(W) > 0.97", "necessary"),
        ("explodes_if", "||W||_2 > 3", "wrong"),  # non-normal: large norm, rho < 1
    ],
)
def test_other_thresholds_are_judged_on_both_sides(rubrics, field, condition, verdict) -> None:
    assert judged(rubrics, field, condition).outcome.details["class"] == verdict


@settings(max_examples=12, deadline=None)
@given(st.floats(0.5, 0.999999))
def test_no_threshold_below_one_is_exact(rubrics, threshold: float) -> None:
    result = judged(rubrics, "vanishes_if", f"rho(W) < {threshold:.7f}")
    assert result.outcome.details["class"] == "sufficient"
    assert threshold <= refuting_rho(result) + 1e-6 and refuting_rho(result) < 1
