"""Issue 11, round 22 (i11t13a): classes read on tuning13's even answers (scored by two
blind graders, like the frozen set) on q2.c, q3.a, q3.b, q4.a, q4.b.i, q4.b.ii and q5.b.
Sentences written for the test, EN and FR.

1. q4.b.i: the key's "p_i -> 1 for all units" said in other words (every unit dropped, the
   keep probability to 0, p_i up to 1 for every unit, the noise said to lower the training
   loss) is a mistake; the right verdict beside it keeps a little, as careful graders give.
2. q4.b.i: "it learns which neurons need regularisation", "overfitting is reduced anyway"
   is the key's "yes, it adapts the regularisation per neuron".
3. q3.a: one of the two said to set one global rate for all parameters (a schedule) denies
   the per-parameter adaptation both share: a wrong claim, not the idea.
4. q5.b: "weight decay with a mask" names the CAE penalty (as "masked weight decay" did), and
   the penalty "example-specific", "propre à chaque exemple" is its data dependence.
5. q3.b: the bias correction said by its effect denied ("Adam does not leave its averages
   biased", "ne laisse pas ses moyennes biaisées") is the correction, not its denial; the
   same said of RMSprop is the swap.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Not a regulariser: descending the training loss sends the keep probability to zero, "
        "so in the end every unit is dropped.",
        "Non, pas efficace : la probabilité de garder un neurone tend vers 0, tous les "
        "neurones sont éteints.",
    ],
)
def test_q4bi_keep_probability_to_zero_is_the_reversal(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert "p-to-one" in contradiction_ids(result)
    assert idea_states(result)["p-to-zero"] != "found"
    assert result.score <= 1.0  # the verdict's credit at most; before, 2.5


@pytest.mark.parametrize(
    "text",
    [
        "I doubt it: SGD would push p_i towards 1 for every unit, the network then underfits.",
        "Probably not, since dropout lowers the training loss gradient descent will raise "
        "every p_i.",
        "Non, je pense que le bruit diminue la perte d'entraînement, donc les p_i montent et "
        "tous les neurones sont éteints.",
    ],
)
def test_q4bi_every_unit_dropped_costs_half_a_point(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert "all-dropped" in contradiction_ids(result)
    assert result.score <= 0.75  # graders 0.5 to 1 for the verdict alone; before, 1 or more


@pytest.mark.parametrize(
    "text",
    [
        "Training p is fine: p goes to 0 on the training loss, but the net learns which "
        "neurons need regularisation, so overfitting is reduced anyway.",
        "p_i -> 0 sur la perte d'entraînement, mais le réseau apprend quels neurones ont "
        "besoin de régularisation, donc le surapprentissage est réduit quand même.",
    ],
)
def test_q4bi_regularisation_adapted_per_neuron_is_the_key_mistake(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert "effective-regulariser" in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "No: the dropout noise raises the training loss, so p_i -> 0 for all units and the "
        "network overfits like an unregularised one.",
        "Non : le bruit augmente la perte d'entraînement, donc p_i tend vers 0 et on perd la "
        "régularisation ; seules les unités inutiles vont vers 1.",
        "No. Dropout is meant to reduce overfitting, but here p_i -> 0 and the "
        "regularisation disappears.",
    ],
)
def test_q4bi_the_right_answer_keeps_its_credit(grade, text: str) -> None:
    result = grade("q4.b.i", text)
    assert not contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad sets the learning rate globally for all parameters with a decay schedule, "
        "while RMSprop gives each parameter its own rate.",
        "Adagrad fixe le taux globalement pour tous les poids, RMSprop adapte par paramètre.",
    ],
)
def test_q3a_one_global_rate_is_no_per_parameter_adaptation(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert "adagrad-global" in contradiction_ids(result)
    assert idea_states(result)["adaptive"] != "found"
    assert result.score <= 1.0  # graders 0; before, 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Unlike plain SGD, which keeps the same rate for all parameters, both adapt the rate "
        "per parameter; Adagrad sums the squared gradients, RMSprop averages them.",
        "Adagrad : taux global eta divisé par paramètre par la racine de la somme des carrés.",
    ],
)
def test_q3a_a_global_base_rate_is_not_the_mistake(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert not {"adagrad-global", "rmsprop-global"} & contradiction_ids(result)
    assert idea_states(result)["adaptive"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the CAE term is weight decay with a mask: it only shrinks the rows of the "
        "units that are on, so it is example-specific. Plain weight decay is the same for all.",
        "Avec des ReLU c'est un weight decay avec un masque : seules les lignes des unités "
        "actives sont pénalisées, la pénalité est propre à chaque exemple.",
    ],
)
def test_q5b_a_masked_decay_is_the_cae_penalty_and_data_dependent(grade, text: str) -> None:
    result = grade("q5.b:explanation", text)
    states = idea_states(result)
    assert states["data-dependent"] == "found"
    assert states["active-units"] == "found"
    assert not contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "Adam keeps a running mean of the gradient and does not leave its two averages "
        "biased toward zero in the first steps, unlike RMSprop.",
        "Adam ne laisse pas ses moyennes biaisées vers zéro au début, contrairement à RMSprop.",
    ],
)
def test_q3b_averages_not_left_biased_is_the_correction(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert idea_states(result)["bias-correction"] == "found"
    assert not contradiction_ids(result)


def test_q3b_averages_not_left_biased_said_of_rmsprop_is_the_swap(grade) -> None:
    result = grade("q3.b", "RMSprop's averages do not stay biased, Adam's do.")
    assert idea_states(result)["bias-correction"] != "found"
