"""The `expression` check kind on its own: a reference written as an expression (no
Python), known mistakes by equivalence with partial points, unreadable text placed at
file/line/column, rubric items validated, answers fingerprinted by equivalence."""

from __future__ import annotations

from typing import Any

import pytest

from examgrade.checks import get_check
from examgrade.checks.base import CheckContext
from examgrade.errors import Location, RubricError
from examgrade.i18n import Bilingual
from examgrade.nodes import Scalar
from examgrade.rubric_model import Item, Mistake

RNN = {
    "dims": {"N": ["2", "3", "4"], "M": ["1", "2", "5"], "t": ["1", "2", "3", "5"]},
    "symbols": {
        "W": {"shape": ["N", "N"]},
        "U": {"shape": ["N", "M"]},
        "b": {"shape": ["N"]},
        "h_0": {"shape": ["N"], "aliases": ["h0"]},
        "x": {"shape": ["M"], "family": "sequence"},
        "t": {"domain": "int"},
    },
    "indices": {"k": "t"},
}

TEXT = Bilingual("en text {given}", "texte fr {given}")


def mistake(mid: str, expression: str, points: float) -> Mistake:
    return Mistake(
        mid, points, Bilingual(f"{mid} en", f"{mid} fr"), options={"expression": expression}
    )


def item(reference: str = "W^t", **extra: Any) -> Item:
    options = {"context": RNN, "reference": reference}
    return Item(
        field=None,
        check="expression",
        points=3,
        options=options,
        feedback={"correct": TEXT, "incorrect": TEXT},
        mistakes=(mistake("transposed", "(W^T)^t", 2), mistake("one-step", "W", 0)),
        location=Location("rubric.yaml", 7, 3),
        **extra,
    )


def context(it: Item) -> CheckContext:
    def solve(name: str, params: Any) -> Any:
        from examgrade.solvers import get_solver

        return get_solver(name)(params)

    return CheckContext(None, None, it, {}, solve)


def answer(text: str) -> Scalar:
    return Scalar(text, Location("sheet.yaml", 12, 6), "'")


KIND = get_check("expression")


@pytest.mark.parametrize(
    "text",
    ["W^t", "W^{t}", "W**t", "prod_{k=1}^{t} W", "W^(t-1) W", "W W^{t-1}"],
)
def test_equivalent_forms_are_correct(text):
    outcome = KIND.grade(answer(text), context(item()))
    assert (outcome.status, outcome.score) == ("correct", 3)


@pytest.mark.parametrize(
    ("text", "mistake", "score", "status"),
    [
        ("(W^T)^t", "transposed", 2, "partial"),
        ("(W^t)^T", "transposed", 2, "partial"),  # found by equivalence, not by spelling
        ("W", "one-step", 0, "incorrect"),
    ],
)
def test_known_mistakes_by_equivalence(text, mistake, score, status):
    outcome = KIND.grade(answer(text), context(item()))
    assert (outcome.mistake, outcome.score, outcome.status) == (mistake, score, status)
    assert outcome.feedback[0].render("fr") == f"{mistake} fr"


def test_other_wrong_answer_gets_the_incorrect_feedback_with_its_reading():
    outcome = KIND.grade(answer("2 W^t"), context(item()))
    assert (outcome.status, outcome.score, outcome.mistake) == ("incorrect", 0, None)
    assert outcome.feedback[0].render("en").startswith("en text")
    assert outcome.reading is not None


def test_solver_reference_matches_the_expression_reference():
    """The same answers grade alike against rnn.jacobian (a solver) and 'W^t'."""
    by_solver = Item(
        field=None, check="expression", points=3, solver="rnn.jacobian",
        options={"context": RNN}, feedback={}, mistakes=(mistake("t", "(W^T)^t", 2),),
    )  # fmt: skip
    for text, status in [("W^t", "correct"), ("(W^T)^t", "partial"), ("t W", "incorrect")]:
        assert KIND.grade(answer(text), context(by_solver)).status == status


def test_unreadable_text_is_invalid_at_file_line_column():
    outcome = KIND.grade(answer("W^t +* h_0"), context(item()))
    assert outcome.status == "invalid"
    message = outcome.feedback[0].render("en")
    assert message.startswith("sheet.yaml, line 12, column ")


def test_missing_and_wrong_shape():
    assert KIND.grade(None, context(item())).status == "missing"
    assert KIND.grade(answer("   "), context(item())).status == "missing"


@pytest.mark.parametrize(
    "broken",
    [
        {"options": {"reference": "W^t"}},  # no context
        {"options": {"context": RNN}},  # no reference at all
        {"options": {"context": RNN, "reference": "W^t"}, "solver": "rnn.jacobian"},  # two
        {"options": {"context": RNN, "reference": "W^^t"}},  # unreadable reference
        {"options": {"context": {"symbols": {"W": {"shape": ["Q"]}}}, "reference": "W"}},
    ],
)
def test_broken_items_are_rubric_errors(broken):
    fields = {"field": None, "check": "expression", "points": 1, **broken}
    with pytest.raises(RubricError) as caught:
        KIND.validate(Item(**fields, location=Location("rubric.yaml", 4, 5)))
    assert caught.value.location.file == "rubric.yaml"


def test_fingerprints_group_equivalent_answers():
    ctx = context(item())
    texts = ["W^t", "W^{t}", "prod_{k=1}^{t} W", "(W^T)^t", "(W^t)^T"]
    texts += ["3 W^t", "W^t + W^t + W^t", "W^t +* h"]
    prints = {text: KIND.fingerprint(answer(text), ctx) for text in texts}
    assert prints["W^t"] == prints["W^{t}"] == prints["prod_{k=1}^{t} W"]
    assert prints["(W^T)^t"] == prints["(W^t)^T"] != prints["W^t"]
    assert prints["3 W^t"] == prints["W^t + W^t + W^t"] != prints["W^t"]
    assert prints["W^t +* h"] is None


def test_explain_lists_reference_and_mistakes():
    explained = KIND.explain(context(item()))
    assert "W^t" in explained.answer.render("en")
    assert [m.answer for m in explained.mistakes] == ["(W^T)^t", "W"]


def test_explain_shows_a_solver_rule_by_its_display_text():
    rule = Mistake(
        "flipped", 1, TEXT, params={"unit": "x", "sign": -1}, options={"display": "sigmoid(+a)"}
    )
    bare = Mistake("bare", 0, TEXT, params={"sign": -1})
    it = Item(
        field=None, check="expression", points=2, solver="boltzmann.conditional",
        options={"context": RNN}, mistakes=(rule, bare),
    )  # fmt: skip
    shown = [m.answer for m in KIND.explain(context(it)).mistakes]
    assert shown == ["sigmoid(+a)", 'boltzmann.conditional {"sign": -1}']


RUBRIC = """\
question: q9
points: 3
title: {en: T, fr: T}
text: {en: T, fr: T}
parameters: {}
contexts:
  rnn:
    dims: {N: [2, 3], t: [1, 2, 4]}
    symbols:
      W: {shape: [N, N]}
      t: {domain: int}
parts:
  a:
    title: {en: J, fr: J}
    points: 3
    check: expression
    options: {context: CONTEXT, reference: 'W^t'}
    feedback:
      correct: {en: 'right', fr: 'juste'}
    mistakes:
      - id: transposed
        points: 2
        options: {expression: '(W^T)^t'}
        feedback: {en: 'layout', fr: 'convention'}
"""


def test_a_rubric_with_named_contexts_and_no_python(tmp_path):
    """The README's example: a named context, a reference expression, a mistake."""
    from examgrade.rubric import load_rubric

    path = tmp_path / "q9.yaml"
    path.write_text(RUBRIC.replace("CONTEXT", "rnn"), encoding="utf-8")
    question = load_rubric(path)
    part = question.part("a")
    it = part.items[0]
    ctx = CheckContext(question, part, it, {}, context(it).solve)
    assert KIND.grade(answer("prod_{k=1}^{t} W"), ctx).status == "correct"
    assert KIND.grade(answer("(W^t)^T"), ctx).mistake == "transposed"


def test_an_unknown_context_name_is_the_instructors_error(tmp_path):
    from examgrade.rubric import load_rubric

    path = tmp_path / "q9.yaml"
    path.write_text(RUBRIC.replace("CONTEXT", "rnm"), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.location.line == 17
    assert "rnn" in caught.value.message.render("en")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("sum_{k=1}^{10^12} W", "invalid"),  # past a work bound: cannot be judged
        ("W^(9^9^9)", "invalid"),
        ("h_0 W", "incorrect"),  # wrong shapes: a wrong answer, with the evaluator's hint
        ("__import__('os')", "invalid"),  # an unknown name, never evaluated
    ],
)
def test_answers_that_cannot_be_evaluated(text, status):
    outcome = KIND.grade(answer(text), context(item()))
    assert (outcome.status, outcome.score) == (status, 0)
    assert outcome.feedback[0].render("en").startswith("sheet.yaml, line 12, column ")


def test_a_list_where_an_expression_is_expected():
    from examgrade.nodes import Sequence

    node = Sequence((answer("W"),), Location("sheet.yaml", 12, 6))
    assert KIND.grade(node, context(item())).status == "invalid"


def test_a_repeated_answer_keeps_its_own_line_and_item():
    """Texts are judged once per item, but each sheet's message points at its own line,
    and the same text under another item is judged against that item."""
    it = item()
    first = KIND.grade(Scalar("W^t +* h_0", Location("a.yaml", 3, 6), "'"), context(it))
    second = KIND.grade(Scalar("W^t +* h_0", Location("b.yaml", 9, 6), "'"), context(it))
    assert first.feedback[0].render("en").startswith("a.yaml, line 3,")
    assert second.feedback[0].render("en").startswith("b.yaml, line 9,")
    assert KIND.grade(answer("W"), context(it)).mistake == "one-step"
    assert KIND.grade(answer("W"), context(item(reference="W"))).status == "correct"


def test_a_product_in_the_wrong_order_is_found_by_swapping_it():
    """`swapped_product`: the answer, whose shapes do not fit, equals the reference once
    one product's factors are swapped, however the rest is written."""
    order = Mistake("order", 1, TEXT, options={"swapped_product": "true", "display": "h_0 W^t"})
    it = item(reference="W^t h_0")
    it = Item(**{**it.__dict__, "mistakes": (order,)})
    KIND.validate(it)
    for text in ["h_0 W^t", "h_0 prod_{k=1}^{t} W", "h_0 (W^{t-1} W)"]:
        assert KIND.grade(answer(text), context(it)).mistake == "order", text
    outcome = KIND.grade(answer("h_0 W"), context(it))  # fixed, it is still not W^t h_0
    assert (outcome.mistake, outcome.status) == (None, "incorrect")


def test_kinds_the_engine_calls_missing_unasked_say_missing(rubrics) -> None:  # type: ignore[no-untyped-def]
    """The engine answers a blank item of these kinds without importing them (numpy,
    issue 17): each must say of no answer exactly what `common.missing()` says."""
    from examgrade.checks import ABSENT_IS_MISSING, get_check
    from examgrade.checks.common import missing
    from examgrade.engine import item_context

    seen = set()
    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                if item.check in ABSENT_IS_MISSING:
                    ctx = item_context(question, part, item)
                    assert get_check(item.check).grade(None, ctx) == missing(), item.check
                    seen.add(item.check)
    assert seen == ABSENT_IS_MISSING
