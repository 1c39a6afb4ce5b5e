"""Issue 11, round 13 (q3.a, q4.a, q4.b.i, q4.b.ii, q5.b): ideas said in other words, as classes
(tuned on the even answers of tuning7 and the other sets' even halves; sentences written
for the test, EN and FR).

1. A capital sigma is the sum sign, not the sigmoid: "Σ g²" is Adagrad's sum (lower case
   folded it to "σ", read "sigma").
2. An average qualified as exponential, whatever the words between ("une moyenne qui
   décroît exponentiellement", "an average that decays exponentially"), is RMSprop's EMA;
   its "décroît" is then no longer Adagrad's decaying step given to RMSprop.
3. A step or rate "per weight", "paramètre par paramètre" is the per-parameter adaptive rate.
4. Weights that "become large", "deviennent grands" grow (the shared class of getting larger).
5. A Bernoulli draw said as a coin flip, "pile ou face", "all or nothing" is discrete.
6. The training loss set against a denied validation one ("training loss, not the
   validation one") says where the dropout rate belongs: the validation idea.
7. A history kept whole is Adagrad's sum ("it keeps the entire history", "garde tout
   l'historique"), a history forgotten RMSprop's average ("un facteur d'oubli sur
   l'historique"), and a step that "no longer moves", "n'avance plus" has stalled.
8. q5.b: weight decay named with a restriction ("a weight decay restricted to the active
   units", "un weight decay pondéré", the CAE penalty's own names) hints that plain weight
   decay has none: half of its uniform idea, whoever the clause is about.
9. The key's q4.a mistake "capacity grows because the learning rate decays" is said again:
   "because", "parce que" cut the clause and are not kept, so its pattern never matched.
10. q4.b.i: a verdict "yes, it works", "oui, ça marche" is the "effective regulariser"
   claim, as "yes, a good regulariser" was.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.text.normalize import tokens
from tests.text.conftest import idea_states


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


def test_capital_sigma_is_a_sum() -> None:
    assert "sum" in tokens("r = Σ_t g_t^2")
    assert "sigma" in tokens("h = σ(Wx)")


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad: Σ g_t² only grows, so its lr dies. RMSprop keeps an EMA instead.",
        "Adagrad : r = Σ g², le pas décroît. RMSprop : moyenne mobile.",
    ],
)
def test_a_sigma_sum_is_adagrads_sum(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-sum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop prend une moyenne des g² qui décroît exponentiellement, donc son pas "
        "ne s'annule pas.",
        "RMSprop keeps an average of squared gradients that decays exponentially, so its "
        "step does not shrink to zero.",
    ],
)
def test_an_exponentially_decaying_average_is_rmsprops(grade, text: str) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["rmsprop-ema"] == "found"
    assert not said(result)


def test_a_decaying_average_said_of_adagrad_is_not_rmsprops(grade) -> None:
    result = grade("q3.a", "Adagrad prend une moyenne qui décroît exponentiellement.")
    assert idea_states(result)["rmsprop-ema"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Both have a learning rate per weight.",
        "Les deux ont un taux d'apprentissage poids par poids.",
    ],
)
def test_a_step_per_weight_is_adaptive(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adaptive"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Au fil des itérations les poids deviennent grands.",
        "Over training the weights become big.",
    ],
)
def test_weights_becoming_large_grow(grade, text: str) -> None:
    assert idea_states(grade("q4.a", text))["bounded-steps"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The mask is a coin flip per unit, and the loss has no gradient with respect to p.",
        "Chaque masque est tiré à pile ou face : aucun gradient par rapport à p.",
    ],
)
def test_a_coin_flip_is_discrete(grade, text: str) -> None:
    assert idea_states(grade("q4.b.ii", text))["discrete"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No: gradient descent lowers the training error, not the validation error.",
        "Non, on optimise l'erreur d'entraînement et pas celle de validation.",
    ],
)
def test_training_against_denied_validation_is_the_validation_idea(grade, text: str) -> None:
    assert idea_states(grade("q4.b.i", text))["validation"] == "found"


def test_validation_alone_denied_stays_denied(grade) -> None:
    result = grade("q4.b.i", "No, there is no validation at all here.")
    assert idea_states(result)["validation"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad keeps the entire history of its gradients, so at some point it stops moving.",
        "Adagrad conserve tout l'historique, si bien qu'au bout d'un moment on n'avance plus.",
    ],
)
def test_a_whole_history_is_adagrads_sum_and_it_stalls(grade, text: str) -> None:
    states = idea_states(grade("q3.a", text))
    assert states["adagrad-sum"] == "found"
    assert states["adagrad-decay"] == "found"


def test_a_forgotten_history_is_rmsprops_average(grade) -> None:
    text = "RMSprop applique un facteur d'oubli à cet historique."
    assert idea_states(grade("q3.a", text))["rmsprop-ema"] == "found"


def test_a_whole_history_said_of_rmsprop_is_not_adagrads(grade) -> None:
    result = grade("q3.a", "RMSprop keeps the entire history of the gradients.")
    assert idea_states(result)["adagrad-sum"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "With ReLUs the CAE term is a weight decay restricted to the units that fire.",
        "Avec ReLU, la pénalité CAE est un weight decay pondéré par l'activation des unités.",
    ],
)
def test_a_restricted_weight_decay_hints_the_plain_one_is_uniform(grade, text: str) -> None:
    assert idea_states(grade("q5.b:explanation", text))["weight-decay-uniform"] == "weak"


def test_weight_decay_said_restricted_of_itself_is_still_a_swap(grade) -> None:
    result = grade(
        "q5.b:explanation",
        "Weight decay only penalises the active units, the CAE penalty penalises all weights.",
    )
    assert idea_states(result)["weight-decay-uniform"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "The capacity increases simply because the lr keeps decreasing during training.",
        "La capacité croît parce que le taux d'apprentissage décroît pendant l'entraînement.",
    ],
)
def test_capacity_growing_from_a_decaying_rate_is_the_keys_mistake(grade, text: str) -> None:
    assert "lr-decay" in said(grade("q4.a", text))


def test_a_decaying_rate_beside_the_right_mechanism_is_no_mistake(grade) -> None:
    text = "The weights start near zero and each step moves them a bounded distance."
    assert "lr-decay" not in said(grade("q4.a", text))


@pytest.mark.parametrize("text", ["Yes, that works well.", "Oui, ça fonctionne très bien."])
def test_yes_it_works_is_the_effective_regulariser_claim(grade, text: str) -> None:
    assert "effective-regulariser" in said(grade("q4.b.i", text))


def test_no_it_does_not_work_is_no_such_claim(grade) -> None:
    result = grade("q4.b.i", "No, it does not work: every p_i goes to 0.")
    assert "effective-regulariser" not in said(result)
