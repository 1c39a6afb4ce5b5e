"""The shipped expression items (q2.a/b, q5.a/b, q7.b, q8.a) on answers a class writes:
equivalent rewritings get full marks, each known mistake is found by equivalence however
it is spelled, and every mistake a rubric lists is recognised and differs from the
reference (a mistake equal to the reference would never be reached)."""

from __future__ import annotations

import pytest

from examgrade.checks import get_check
from examgrade.checks.base import CheckContext
from examgrade.engine import Solver
from examgrade.errors import Location
from examgrade.nodes import Scalar

KIND = get_check("expression")


def grade(rubrics, key: str, text: str):
    question, rest = key.split(".", 1)
    part_key, _, field = rest.partition(":")
    q = rubrics.questions[question]
    part = q.part(part_key)
    item = next(i for i in part.items if i.field == (field or None))
    ctx = CheckContext(q, part, item, q.parameters, Solver(q.parameters))
    return KIND.grade(Scalar(text, Location("s.yaml", 3, 6), "'"), ctx)


CORRECT = [
    ("q2.a", "W^t h_0 + sum_{k=0}^{t-1} W^k (U x_{t-k} + b)"),
    ("q2.a", "W^t h_0 + sum_{k=1}^{t} W^{t-k} U x_k + (I - W)^{-1} (I - W^t) b"),
    ("q2.a", r"W^{t} h_{0} + \sum_{\tau=1}^{t} W^{t-\tau}\left(U x_{\tau} + b\right)"),
    ("q2.b", "prod_{s=1}^{t} W"),
    ("q2.b", "W^{t-1} W"),
    ("q5.a:jacobian", "W"),
    ("q5.a:penalty", r"\lambda \sum_{i,j} W_{ij}^2"),
    ("q5.a:penalty", "lambda trace(W W^T)"),
    ("q5.b:jacobian", "diag(heaviside(W x + b)) W"),
    ("q7.b", "mean(x_tilde) - mean(x) + 2 lambda (1 - 1/||w||) w"),
    ("q7.b", "E[x_tilde - x] + 2 lambda (||w|| - 1) w/||w||"),
    ("q8.a:x_given_yz", "1 - sigmoid(sum_{j,k} W_{ijk} y_j z_k)"),
    ("q8.a:x_given_yz", "exp(-sum_{j,k} W_{ijk} y_j z_k) / (1 + exp(-sum_{j,k} W_{ijk} y_j z_k))"),
    ("q8.a:z_given_xy", r"\sigma(-\sum_{i}\sum_{j} W_{ijk} x_i y_j)"),
]


@pytest.mark.parametrize(("key", "text"), CORRECT)
def test_equivalent_rewritings_get_full_marks(rubrics, key, text):
    outcome = grade(rubrics, key, text)
    assert outcome.status == "correct", [f.render("en") for f in outcome.feedback]


MISTAKES = [
    ("q2.a", "W^t h_0 + sum_{k=0}^{t-1} W^{k+1} (U x_{t-k} + b)", "power-off-by-one-up", 3),
    ("q2.a", r"W^t h_0 + \sum_{\tau=1}^{t} W^{t-\tau} U x_\tau", "bias-missing", 3),
    ("q2.a", "W^t h_0 + sum_{k=1}^{t} W^{t-k} (U x_k) + b t", "bias-times-t", 3),
    ("q2.b", "(W^t)^T", "transposed-layout", 2),
    ("q2.b", "t W^{t-1}", "scalar-power-rule", 0),
    ("q5.a:jacobian", r"W^\top", "transposed-layout", 2.5),  # the key accepts Wᵀ (13.4)
    ("q5.a:penalty", "lambda sqrt(trace(W^T W))", "frobenius-unsquared", 1),
    ("q5.a:penalty", "lambda sigma_max(W)^2", "spectral-for-frobenius", 1),
    ("q5.a:penalty", "lambda ||W||^2", "spectral-for-frobenius", 1),
    ("q7.b", "-(E[x] - E[x_tilde]) + lambda (1 - 1/||w||) w", "factor-two-lost", 3),
    ("q7.b", "E[x] - E[x_tilde] + 2 lambda (1 - 1/||w||) w", "means-swapped", 3),
    ("q7.b", "mean(x_tilde - x) + 2 lambda (||w||_2 - 1)", "penalty-gradient-scalar", 2),
    ("q2.a", "Wh_{t-1}+Ux_t+b", "recursion-only", 0),
    ("q2.a", "h_0 W^t + sum_{k=0}^{t-1} W^k (U x_{t-k} + b)", "product-order", 2),
    ("q2.a", "W^t h_0 + sum_{k=1}^{t} W^{t-k} (x_k U + b)", "product-order", 2),
    ("q5.b:jacobian", "W diag(heaviside(W x + b))", "mask-wrong-side", 0),
    ("q8.a:x_given_yz", "sigmoid(sum_{j,k} W_{ijk} y_j z_k)", "positive-sigmoid", 1),
    ("q8.a:y_given_xz", r"\sigma(\sum_{i}\sum_{k} W_{ijk} x_i z_k)", "positive-sigmoid", 1),
    ("q8.a:z_given_xy", "1/(1 + exp(-sum_{i,j} W_{ijk} x_i y_j))", "positive-sigmoid", 1),
]


@pytest.mark.parametrize(("key", "text", "mistake", "points"), MISTAKES)
def test_known_mistakes_however_spelled(rubrics, key, text, mistake, points):
    outcome = grade(rubrics, key, text)
    assert (outcome.mistake, outcome.score) == (mistake, points)
    assert outcome.feedback[0].render("fr") != outcome.feedback[0].render("en")


def listed_mistakes(rubrics):
    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                if item.check != "expression":
                    continue
                key = f"{question.key}.{part.key}" + (f":{item.field}" if item.field else "")
                for mistake in item.mistakes:
                    text = mistake.options.get("expression", mistake.answer)
                    if text is not None:
                        yield key, str(text), mistake.id


def test_every_listed_mistake_is_recognised_as_itself(rubrics):
    found = {
        (key, mid): grade(rubrics, key, text).mistake for key, text, mid in listed_mistakes(rubrics)
    }
    assert len(found) >= 25
    assert {k: v for k, v in found.items() if v != k[1]} == {}


def test_a_shape_error_says_what_to_write(rubrics):
    """U b fits neither way round: no known mistake, the evaluator's message is shown."""
    outcome = grade(rubrics, "q2.a", "W^t h_0 + U b")
    assert outcome.status == "incorrect"
    assert "s.yaml, line 3, column" in outcome.feedback[0].render("en")
