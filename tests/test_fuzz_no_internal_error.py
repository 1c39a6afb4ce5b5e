"""No input reaches an internal error: text drawn from the math language's own tokens
(sums, products, powers, indicators, norms, functions, the questions' names, numbers at
the documented bounds) is graded by every expression, condition, steps, size, number
and verdict item of the shipped rubrics, and every outcome is a grade or a located
refusal, never an exception that the engine would report as "examgrade failed on this
part"."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examgrade.checks import get_check
from examgrade.checks.base import CheckContext
from examgrade.engine import Solver
from examgrade.errors import ExamgradeError, Location
from examgrade.mathlang.ast import Name, Num
from examgrade.mathlang.printer import to_text
from examgrade.nodes import Scalar, Sequence
from examgrade.rubric import RubricSet
from tests.mathlang.test_mathlang_parse_print import _trees, numbers

TOKENS = [
    *[
        "W",
        "U",
        "b",
        "t",
        "k",
        "a",
        "h_0",
        "x_k",
        "x",
        "z",
        "w",
        "y",
        "I",
        "e",
        "0",
        "1",
        "2",
        "3",
        "10",
        "0.5",
        "1e300",
        "1e-300",
    ],
    *[
        "+",
        "-",
        "*",
        "/",
        "^",
        "**",
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "_",
        ",",
        "|",
        "||",
        "=",
        "<",
        ">",
        "<=",
        ">=",
        "⊙",
        "ᵀ",
    ],
    *[
        r"^T",
        r"^{-1}",
        r"^{t-k}",
        r"^t",
        r"\top",
        r"\cdot",
        r"\frac{1}{2}",
        r"\sqrt",
        r"\hat{w}",
        r"\tilde{x}",
        r"\lambda",
    ],
    "sum_{k=1}^{t}",
    "prod_{k=1}^{t}",
    "prod_{a=1}^{10}",
    "prod_{a=1}^{10000}",
    r"\sum_{j}",
    "Sum(",
    "(k, 1, t))",
    "1[",
    "W x + b > 0]",
    "diag(",
    "rho(W)",
    "||W||_2",
    "log",
    "exp",
    "sigma(",
    "relu(",
    "E_q[",
    "p(x)",
    "p(x,z)",
    "q(z|x)",
    "p(z|x)",
    "KL(q||p)",
    r"\int",
    "dz",
    "lambda",
    "max(",
    "det",
    "inv",
    "trace",
]

texts = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map(" ".join)
HERE = Location("fuzz.yaml", 1, 1)
FORMS = ("expression", "condition", "steps", "size", "sizes", "number", "verdict")


def _items(rubrics: RubricSet) -> list[tuple[object, object, object]]:
    return [
        (question, part, item)
        for question in rubrics.questions.values()
        for part in question.parts
        for item in part.items
        if item.check in FORMS
    ]


def _grade_all(rubrics: RubricSet, text: str) -> None:
    for question, part, item in _items(rubrics):
        kind = get_check(item.check)
        ctx = CheckContext(question, part, item, question.parameters, Solver(question.parameters))
        answer = Scalar(text, HERE)
        if item.check == "steps":
            answer = Sequence((Scalar("log p(x)", HERE), answer, answer), HERE)
        with contextlib.suppress(ExamgradeError):  # a located refusal is no internal error
            kind.grade(answer, ctx)


@pytest.mark.parametrize(
    "text",
    [
        "prod_{k=1}^{t} W h_0 + sum_{k=1}^{t} W^{t-k} (U x_k + b)",
        "prod_{a=1}^{10} W h_0",
        "prod_{a=1}^{10000} w",
        "prod_{k=1}^{t} h_0",
        "prod_{k=1}^{t} x_k",
    ],
)
def test_products_the_issue_names_are_graded(rubrics: RubricSet, text: str) -> None:
    _grade_all(rubrics, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_no_text_reaches_an_internal_error(rubrics: RubricSet, text: str) -> None:
    _grade_all(rubrics, text)


QUESTION_NAMES = st.sampled_from(["W", "U", "b", "h_0", "x", "t", "w", "y", "z", "lambda"])
TREES = _trees(st.one_of(numbers, QUESTION_NAMES.map(Name), st.just(Num(1))))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES)
def test_no_tree_of_the_grammar_reaches_an_internal_error(rubrics: RubricSet, tree) -> None:
    """Random trees of every construct (sums, products, norms, indicators, expectations,
    functions), printed by the printer and graded as text."""
    _grade_all(rubrics, to_text(tree))
