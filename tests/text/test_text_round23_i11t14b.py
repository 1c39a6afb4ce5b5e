"""Issue 11, round 23 (i11t14b): over-credited reversals, misconceptions and partial answers
on q6.b to q8.c, classes read on the even halves of tuning14 and tuning13 (two blind
graders each); sentences written for the test, EN and FR, none from a set.

1. Engine: a contrast phrase may end on the first word of the entity it compares with:
   "exactly as in an RBM, the positive statistics are computed in closed form" named the
   RBM ("in+an+rbm") as the clause's subject, since "as in" overlapped the name, so the
   copied RBM rule was read as a claim about the RBM and never cost anything.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids

Q8B = "q8.b:explanation"
Q8C = "q8.c:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, exactly as in an RBM: the positive statistics are the product of sigmoids "
        "computed in closed form, and the negative phase uses one Gibbs step.",
        "Yes, as in the RBM the hidden units are independent given x, so the positive phase "
        "is computed exactly.",
    ],
)
def test_q8c_the_rbm_rule_copied_as_in_an_rbm_costs(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-exact" in contradiction_ids(result)
    assert result.score <= 1.0


def test_q8b_linear_as_in_an_rbm_is_the_reversal(grade) -> None:
    result = grade(Q8B, "Yes, as in an RBM, the marginal is a sum of softplus terms.")
    assert "factorizes" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Yes, but unlike in an RBM the positive phase is not exact: y and z are coupled "
        "given x, so sample it with x clamped; the negative phase is CD-k with 3 blocks.",
        "Oui, mais contrairement a une RBM la phase positive n'est pas exacte : y et z sont "
        "couples sachant x, on l'echantillonne avec x fixe ; phase negative en CD-k.",
    ],
)
def test_q8c_the_rbm_contrasted_stays_right(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-exact" not in contradiction_ids(result)
    assert result.score >= 2.5
