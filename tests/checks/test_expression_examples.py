"""The two example sheets on the expression parts (issue 3, "done when"): Ada gets full
marks on every one; Benoît's LaTeX forms pass (shifted index, tr(W^T W), 1/(1+exp(...)))
and he loses exactly q7.b (the factor 2) and q8.a z_given_xy (the positive sigmoid), each
with that mistake's feedback in French."""

from __future__ import annotations

from pathlib import Path

import pytest

from examgrade.engine import ItemResult, grade_sheet
from examgrade.sheet import load_sheet

ANSWERS = Path(__file__).resolve().parents[2] / "answers"

EXPRESSION_ITEMS = [
    ("q2", "a", None),
    ("q2", "b", None),
    ("q5", "a", "jacobian"),
    ("q5", "a", "penalty"),
    ("q5", "b", "jacobian"),
    ("q7", "b", None),
    ("q8", "a", "x_given_yz"),
    ("q8", "a", "y_given_xz"),
    ("q8", "a", "z_given_xy"),
]


def items(rubrics, sheet: str) -> dict[tuple[str, str, str | None], ItemResult]:
    report = grade_sheet(load_sheet(ANSWERS / sheet), rubrics)
    return {(q.key, p.key, i.field): i for q in report.questions for p in q.parts for i in p.items}


@pytest.fixture(scope="module")
def ada(rubrics):
    return items(rubrics, "ada-en.yaml")


@pytest.fixture(scope="module")
def benoit(rubrics):
    return items(rubrics, "benoit-fr.yaml")


@pytest.mark.parametrize("key", EXPRESSION_ITEMS)
def test_ada_gets_full_marks(ada, key):
    result = ada[key]
    assert (result.outcome.status, result.outcome.score) == ("correct", result.points)


@pytest.mark.parametrize(
    "key",
    [k for k in EXPRESSION_ITEMS if k not in {("q7", "b", None), ("q8", "a", "z_given_xy")}],
)
def test_benoit_correct_forms(benoit, key):
    """Index shifted (q2.a), λ tr(W^⊤W) (q5.a), 1/(1+exp(Σ...)) (q8.a y) are all right;
    q5.b is a bare explanation, so its optional jacobian is simply missing."""
    result = benoit[key]
    if key == ("q5", "b", "jacobian"):
        assert result.outcome.status == "missing"
    else:
        assert (result.outcome.status, result.outcome.score) == ("correct", result.points)


@pytest.mark.parametrize(
    ("key", "mistake", "words"),
    [
        (("q7", "b", None), "factor-two-lost", "facteur 2"),
        (("q8", "a", "z_given_xy"), "positive-sigmoid", "signe est faux"),
    ],
)
def test_benoit_loses_exactly_the_marked_parts(benoit, key, mistake, words):
    outcome = benoit[key].outcome
    assert outcome.mistake == mistake
    assert 0 < outcome.score < benoit[key].points
    assert outcome.status == "partial"
    assert words in " ".join(text.render("fr") for text in outcome.feedback)


def test_readings_are_shown(ada):
    """The outcome says how the answer was read (implicit products made visible)."""
    reading = ada[("q2", "b", None)].outcome.reading
    assert reading is not None and "W" in reading.render("en")
