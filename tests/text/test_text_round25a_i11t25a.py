"""Issue 11, round 25a (q2.c ... q5.b): reversed claims and misconceptions that kept points,
as classes (tuned on the pool's even halves; sentences written for the test, EN and FR).

1. q2.c: h_t's fate given to the other case ("|λ| > 1: W^t → 0 and h_t forgets h_0", "if
   ρ < 1 the hidden state diverges / keeps the memory of h_0") is the key's state point
   reversed: a claim bound to its case, said only in a clause under that case, never where
   the clause names no case ("h_t forgets h_0. If |λ| < 1 ...").
2. A case said "otherwise" ("if ρ > 1 it explodes; otherwise it vanishes and h_t forgets
   h_0", "sinon", "dans le cas contraire") is no longer under the case named before it.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states

Q2C = "q2.c:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "If the spectral radius is above 1 the gradient vanishes and the state forgets h_0;"
        " below 1 it explodes.",
        "When |λ| > 1, W^t goes to 0 and h_t loses the information of h_0; when |λ| < 1 the"
        " Jacobian explodes.",
        "Si |λ| < 1, l'état caché diverge et le gradient explose ; si |λ| > 1, W^t tend vers 0"
        " et on oublie h_0.",
        "Quand les valeurs propres sont < 1, h_t garde la mémoire de h_0 pour toujours et le"
        " gradient explose ; > 1 il s'évanouit.",
    ],
)
def test_q2c_state_given_to_the_wrong_case_earns_nothing(grade, text) -> None:
    result = grade(Q2C, text)
    assert contradiction_ids(result) & {"state-forgets-above-one", "state-diverges-below-one"}
    assert idea_states(result)["state"] != "found"
    assert result.score == pytest.approx(0.0)


@pytest.mark.parametrize(
    "text",
    [
        "If ρ(W) < 1, W^t → 0: the gradient vanishes and h_t forgets h_0, converging to a fixed"
        " point; if ρ(W) > 1 it explodes and h_t diverges.",
        "Si le rayon spectral est < 1, le gradient s'évanouit et h_t oublie h_0 ; s'il est > 1,"
        " il explose et h_t diverge.",
        "h_t forgets h_0. If the eigenvalues are < 1 in modulus the gradient vanishes, > 1 it"
        " explodes.",
        "For ρ > 1 things blow up. For ρ < 1, W^t → 0, so h_t loses the information of h_0.",
    ],
)
def test_q2c_state_under_its_own_case_keeps_its_point(grade, text) -> None:
    result = grade(Q2C, text)
    assert not contradiction_ids(result) & {
        "state-forgets-above-one",
        "state-diverges-below-one",
    }
    assert idea_states(result)["state"] == "found"
    assert result.score >= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "When ρ > 1 gradients explode and h_t blows up; otherwise they vanish and h_t forgets h_0.",
        "Si ρ > 1 le gradient explose, sinon il s'évanouit et h_t oublie h_0.",
    ],
)
def test_q2c_otherwise_leaves_the_case_named_before(grade, text) -> None:
    result = grade(Q2C, text)
    assert "state-forgets-above-one" not in contradiction_ids(result)
    assert idea_states(result)["state"] == "found"
    assert result.score >= 1.5
