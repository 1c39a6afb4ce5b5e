"""The rubric's known conditions (q2.c mistakes) are judged once per process on the bank:
every student whose condition holds on the same matrices still gets that mistake's
feedback, in whatever order the class is graded."""

from __future__ import annotations

import pytest

from tests.checks.test_condition_check import condition_fields


@pytest.mark.parametrize("order", [1, -1])
def test_each_student_gets_the_known_mistake_their_condition_matches(rubrics, order) -> None:
    answers = [
        ("||W||_2 < 1", "spectral-norm"),
        ("rho(W) <= 1", "closed-unit-disc"),
        ("rho(W) < 1", None),
        ("\\|W\\|_2 < 1 + 0*3", "spectral-norm"),
        ("1 >= rho(W)", "closed-unit-disc"),
        ("||W||_F < 0.1", "sufficient"),
    ]
    for text, mistake in answers[::order]:
        assert condition_fields(rubrics, text)["vanishes_if"].mistake == mistake, text


def test_grading_leaves_the_bank_as_it_was(rubrics) -> None:
    from examgrade.solvers.rnn_limits import behaviour_bank

    before = [m.matrix.copy() for m in behaviour_bank()]
    condition_fields(rubrics, "max(abs(eig(W))) < 1", "||W||_2 > 1")
    assert all((m.matrix == b).all() for m, b in zip(behaviour_bank(), before, strict=True))
    assert all(m.matrix.flags.writeable for m in behaviour_bank())
