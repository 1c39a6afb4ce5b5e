"""q5.b: a mask written elementwise against W, `1[Wx+b>0] ⊙ W`, scales the rows of W as ML
papers mean it (= diag(1[Wx+b>0]) W); an elementwise product of mismatched shapes is
still refused with its message."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import parse_sheet


def q5b_jacobian(rubrics, answer: str) -> str:
    text = f"student:\n  id: '1'\nq5:\n  b:\n    jacobian: '{answer}'\n"
    report = grade_sheet(parse_sheet(text, "s.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q5" for p in q.parts if p.key == "b")
    return next(i.outcome.status for i in part.items if i.field == "jacobian")


@pytest.mark.parametrize(
    "answer",
    ["1[Wx+b>0] ⊙ W", r"W \odot \mathbb{1}[W x + b > 0]", "heaviside(W x + b) ⊙ W"],
)
def test_a_mask_times_w_elementwise_is_the_masked_jacobian(rubrics, answer: str) -> None:
    assert q5b_jacobian(rubrics, answer) == "correct"


def test_a_mask_of_the_wrong_length_is_still_refused(rubrics) -> None:
    assert q5b_jacobian(rubrics, "1[x > 0] ⊙ W") != "correct"
