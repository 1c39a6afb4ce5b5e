"""Issue 11, round 18 (q3.b, q4.b.ii): reversed and misconception answers above 40% of
their points, as classes (read on the tuning pool's even offenders; sentences written for
the test, EN and FR).

1. q3.b: Adam said to step along the raw gradient is Adam without momentum ("the
   difference is momentum: RMSprop has it, Adam uses the raw gradient" was 5 of 5).
2. q4.b.ii: the two sides swapped in other words ("the mask it produces is continuous",
   "p_i itself is a discrete parameter") is the reversal; the mask said discrete and a
   continuous relaxation proposed as the remedy stand.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Both keep an EMA of g^2. Adam uses the raw gradient but corrects the bias.",
        "Les deux gardent une moyenne des g^2 ; Adam utilise le gradient brut et corrige le biais.",
    ],
)
def test_adam_on_the_raw_gradient_has_no_momentum(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "adam-no-momentum" in contradiction_ids(result)
    assert idea_states(result)["momentum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop uses the raw gradient, Adam an average of the raw gradient (momentum).",
        "Adam n'utilise pas le gradient brut mais sa moyenne mobile (momentum).",
    ],
)
def test_the_raw_gradient_given_to_rmsprop_or_denied_to_adam_stands(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "adam-no-momentum" not in contradiction_ids(result)
    assert idea_states(result)["momentum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "p_i itself is a discrete parameter, whereas the mask it produces is continuous.",
        "p_i est un paramètre discret, on ne peut pas le dériver ; le masque obtenu est continu.",
        "Le masque qu'on tire est continu, alors on ne peut pas dériver par rapport à p.",
        "The mask we sample is continuous, so the problem is elsewhere.",
    ],
)
def test_the_sides_swapped_in_other_words_are_the_reversal(grade, text: str) -> None:
    result = grade("q4.b.ii", text)
    assert "mask-continuous" in contradiction_ids(result)
    assert idea_states(result)["discrete"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "The mask is discrete so not differentiable; use a continuous relaxation of the mask.",
        "p_i est un paramètre continu mais le masque tiré est discret : relaxation continue.",
    ],
)
def test_a_discrete_mask_and_a_continuous_relaxation_stand(grade, text: str) -> None:
    result = grade("q4.b.ii", text)
    assert "mask-continuous" not in contradiction_ids(result)
    assert idea_states(result)["discrete"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Probably not. Fitting p_i on the training error will just pick the least noise.",
        "Probablement pas : sur la perte d'entraînement on garde le moins de bruit possible.",
    ],
)
def test_the_bare_verdict_no_is_half_the_lost_regularisation(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert idea_states(result)["no-regularisation"] == "weak"
    assert result.score >= 0.6 * 3


@pytest.mark.parametrize(
    "text",
    [
        "Yes, it works as a regulariser: p_i will settle where it helps.",
        "Nonetheless p_i ends up at 0 on the training loss.",
        "Notons que p_i tend vers 0 sur la perte d'entraînement.",
    ],
)
def test_no_verdict_no_half_credit(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["no-regularisation"] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "The Jacobian is W diag(1[Wx+b>0]): the penalty changes with x, unlike weight decay.",
        "J vaut W diag(1[Wx+b>0]), la pénalité dépend donc de x, contrairement au weight decay.",
    ],
)
def test_the_mask_on_the_input_side_is_not_the_active_units(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    assert "mask-wrong-side" in contradiction_ids(result)
    assert idea_states(result)["active-units"] != "found"


def test_the_mask_on_the_rows_is_the_active_units(grade) -> None:
    result = grade("q5.b:explanation", "J = diag(1[Wx+b>0]) W: only the active units' rows count.")
    assert "mask-wrong-side" not in contradiction_ids(result)
    assert idea_states(result)["active-units"] == "found"
