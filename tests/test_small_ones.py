"""Issue 13's small ones: a plain YAML null is no answer; log(0) is not called an
overflow and a literal within the documented ±300 is read; feedback names ranges by
their dimension, never the drawn instance's numbers; a swapped product is blamed on the
product the student wrote."""

from __future__ import annotations

import re

import pytest

from examgrade.engine import PartResult, grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet


def part(rubrics: RubricSet, body: str, key: str) -> PartResult:
    report = grade_sheet(parse_sheet("student: {id: '1'}\n" + body), rubrics)
    question, _, name = key.partition(".")
    return next(p for q in report.questions if q.key == question for p in q.parts if p.key == name)


def said(result: PartResult, lang: str = "en") -> str:
    return " ".join(t.render(lang) for t in result.feedback)


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("q6:\n  b:\n    verdict: ~\n", "q6.b"),
        ("q8:\n  b:\n    linear: null\n", "q8.b"),
        ("q1:\n  b: ~\n", "q1.b"),
        ("q2:\n  a: NULL\n", "q2.a"),
        ("q6:\n  a:\n    steps: ~\n", "q6.a"),
    ],
)
def test_a_plain_null_is_missing_not_invalid(rubrics: RubricSet, body: str, key: str) -> None:
    assert part(rubrics, body, key).status == "missing"


def test_a_quoted_tilde_is_text(rubrics: RubricSet) -> None:
    assert part(rubrics, "q1:\n  b: '~'\n", "q1.b").status == "invalid"


def test_log_of_zero_is_not_an_overflow(rubrics: RubricSet) -> None:
    text = said(part(rubrics, "q7:\n  b: 'log(0) w'\n", "q7.b"))
    assert "overflow" not in text and "log of 0" in text


@pytest.mark.parametrize("literal", ["1e300", "-1e300", "1e-300"])
def test_a_literal_within_the_documented_bound_is_read(rubrics: RubricSet, literal: str) -> None:
    result = part(rubrics, f"q2:\n  b: '{literal}'\n", "q2.b")
    assert result.status == "incorrect" and "too large" not in said(result)


@pytest.mark.parametrize(
    "answer", ["x_0", "W^t h_0 + sum_{k=1}^{t} W^{t-k} (U x_{k+1} + b)", "x_{t+1}"]
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_feedback_names_ranges_not_instance_sizes(rubrics, answer: str, lang: str) -> None:
    text = said(part(rubrics, f"q2:\n  a: '{answer}'\n", "q2.a"), lang)
    assert re.search(r"(to|à) t\b", text), text
    assert not re.search(r"(to|à) \d", text), text


def test_a_swapped_product_is_blamed_on_the_one_written(rubrics: RubricSet) -> None:
    body = "q2:\n  a: 'W^t h_0 + sum_{k=1}^{t} W^{t-k} (x_k U + b)'\n"
    text = said(part(rubrics, body, "q2.a"))
    assert "x_k * U multiplies in the wrong order" in text
    assert "h_0 W^t" not in text


@pytest.mark.parametrize("text", ["x\u0303 + 1", "E[x\u0303] - 1"])
def test_the_caret_sits_under_the_visible_character(text: str) -> None:
    from examgrade.errors import MathError
    from examgrade.mathlang.parser import parse

    with pytest.raises(MathError) as raised:
        parse(text, ["x", "w"])
    params = raised.value.params
    at = len(params["caret"]) - 1
    assert params["text"][at] == "x"  # the letter the tilde sits on, not the tilde
    assert "U+0303" in str(params["char"])
