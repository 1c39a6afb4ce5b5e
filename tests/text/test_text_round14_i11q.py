"""Issue 11, round 14 (q4.b.i, q7.c): classes read on the even answers of the tuning sets,
sentences written for the test (EN and FR).

- q4.b.i: p fitted to the training loss / training data (where it can only shed its
  noise) is half of the key's first idea; so is a p_i said to end "extreme" or "too
  small" without saying which way. Neither is the whole idea.
- q7.c: a pack's homogeneity said in the two languages mixed ("tous reals ou tous
  fakes"); packs of a collapsed generator that look "repetitive" lack diversity;
  "like minibatch discrimination" is half of the packs.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Not useful: the rates are just optimised on the training loss, not on validation.",
        "Pas utile : on ajuste les taux sur la perte d'entrainement, pas sur la validation.",
        "Bad idea, the dropout probabilities will become tiny after a while.",
        "Mauvaise idée, les probabilités de dropout risquent de finir trop petites.",
    ],
)
def test_q4bi_p_fitted_to_training_or_too_small_is_half_the_reason(grade, text) -> None:
    result = grade("q4.b.i", text)
    assert idea_states(result)["p-to-zero"] == "weak"


def test_q4bi_the_whole_reason_stays_found(grade) -> None:
    result = grade(
        "q4.b.i",
        "No: minimising the training loss removes the noise, p_i goes to 0 and the "
        "regularisation disappears, so it overfits.",
    )
    assert idea_states(result)["p-to-zero"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "D gets packs of m samples concatenated, tous reals ou tous fakes, and decides once.",
        "D reçoit des paquets de m échantillons concaténés, all reels ou all faux.",
    ],
)
def test_q7c_homogeneous_packs_in_mixed_languages(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["homogeneous"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "A collapsed generator's packs look repetitive, so D spots them jointly.",
        "Les paquets d'un générateur effondré sont répétitifs : D les repère ensemble.",
    ],
)
def test_q7c_repetitive_packs_lack_diversity(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["diversity"] == "found"


@pytest.mark.parametrize(
    "text",
    ["Basically minibatch discrimination.", "C'est de la discrimination par minibatch."],
)
def test_q7c_minibatch_discrimination_named_is_half_the_packs(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] == "weak"
