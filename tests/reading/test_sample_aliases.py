"""q7.b: every spelling of the generated samples is the same batch inside E[...]
(`x_g` is the alias of `x_tilde`, not the real samples `x` indexed by g), and the
minibatch form `1/m sum_i (x_tilde_i - x_i)` is the same average."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import parse_sheet


def q7b(rubrics, answer: str) -> str:
    text = f"student:\n  id: '1'\nq7:\n  b: '{answer}'\n"
    report = grade_sheet(parse_sheet(text, "s.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q7" for p in q.parts if p.key == "b")
    return part.status


@pytest.mark.parametrize(
    "answer",
    [
        "E[x_g] - E[x_r] + 2 lambda (||w||_2 - 1) w / ||w||_2",
        "E[x_g] - E[x] + 2 lambda (1 - 1/||w||) w",
        r"\mathbb{E}[x_g] - \mathbb{E}[x] + 2\lambda (\|w\|_2 - 1) \frac{w}{\|w\|_2}",
        "E[x_tilde - x] + 2 lambda (||w|| - 1) w / ||w||",
        # the minibatch form of the answer key: m samples x_i, x_tilde_i
        "1/m sum_i (x_tilde_i - x_i) + 2 lambda (||w|| - 1) w / ||w||",
        r"\frac{1}{m} \sum_{i=1}^{m} (\tilde{x}_i - x_i) + 2\lambda (1 - 1/\|w\|) w",
    ],
)
def test_generated_sample_aliases_are_one_batch(rubrics, answer: str) -> None:
    assert q7b(rubrics, answer) == "correct"


def test_real_and_generated_swapped_through_aliases_is_still_wrong(rubrics) -> None:
    assert q7b(rubrics, "E[x_r] - E[x_g] + 2 lambda (||w|| - 1) w / ||w||") != "correct"


def test_a_minibatch_sum_with_the_means_swapped_is_still_wrong(rubrics) -> None:
    assert q7b(rubrics, "1/m sum_i (x_i - x_tilde_i) + 2 lambda (||w|| - 1) w / ||w||") != (
        "correct"
    )
