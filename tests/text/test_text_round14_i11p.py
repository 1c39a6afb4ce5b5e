"""Issue 11, round 14 (q3.a, q3.b): the verdict without its mechanism, as classes (tuned on
the even answers of tuning3-7 and on tuning, tuning2, labelled; sentences written for the
test, EN and FR).

1. q3.b: Adam's practical verdict ("converges faster", "plus robuste", "the default
   optimiser") is half of its momentum idea: the TAs give it a point or two.
2. q3.a: RMSprop improving on Adagrad, suiting deep or non-convex nets ("mieux pour les
   réseaux profonds") is half of its decaying-average idea.
3. q3.a: where Adagrad does well (convex problems, sparse features, "données creuses") is
   half of its decaying step, the other side of the same fact.
4. q3.a: RMSprop's extra hyperparameter named (rho, "un hyperparamètre de plus") is half of
   the average it sets.
5. q3.b: "Adam is basically RMSprop + ...", "Adam c'est en gros RMSprop" with an adverb
   between says the shared second moment, as "Adam is RMSprop + ..." does.
6. q3.b: Adam's numerator averaged or smoothed ("le numérateur est moyenné") is its first
   moment, the momentum.
7. q3.b, reversed: Adam said to keep only the squares ("Adam only keeps the squared
   gradients' average", "Adam ne garde que la moyenne des carrés") denies its momentum.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "In practice Adam usually converges faster than RMSprop.",
        "Adam est plus robuste que RMSprop, on le prend par défaut.",
        "Adam is the default choice, it is more stable.",
    ],
)
def test_adams_practical_verdict_hints_momentum(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["momentum"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Adam adds momentum, a moving average of the gradient, so it converges faster.",
        "Adam ajoute un momentum (premier moment), il est donc plus robuste.",
    ],
)
def test_the_verdict_beside_the_mechanism_stays_full(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["momentum"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop is a better choice than Adagrad for deep networks.",
        "RMSprop marche mieux pour les réseaux profonds.",
        "RMSprop improves on Adagrad for non-convex problems.",
    ],
)
def test_rmsprop_suiting_deep_nets_hints_its_average(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["rmsprop-ema"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad is good on convex problems with sparse features.",
        "Adagrad convient aux données creuses.",
    ],
)
def test_adagrad_on_sparse_or_convex_hints_its_decay(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["adagrad-decay"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop needs one more hyperparameter, rho.",
        "RMSprop a un hyperparamètre de plus, ρ.",
    ],
)
def test_rmsprops_rho_hints_its_average(grade, text: str) -> None:
    assert idea_states(grade("q3.a", text))["rmsprop-ema"] == "weak"


def test_a_vague_verdict_earns_less_than_the_mechanism(grade) -> None:
    vague = grade("q3.a", "RMSprop works better than Adagrad for deep nets.")
    said = grade("q3.a", "RMSprop uses an exponential moving average of squared gradients.")
    assert 0 < vague.score < said.score


@pytest.mark.parametrize(
    "text",
    [
        "Adam is basically RMSprop plus a bias correction.",
        "Adam c'est en gros RMSprop, plus un momentum.",
    ],
)
def test_adam_is_basically_rmsprop_shares_the_second_moment(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["shared-second-moment"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "In Adam the numerator is averaged over recent steps, so noise cancels out.",
        "Chez Adam le numérateur est lissé au fil des pas.",
    ],
)
def test_an_averaged_numerator_is_adams_momentum(grade, text: str) -> None:
    assert idea_states(grade("q3.b", text))["momentum"] == "found"


def said(result) -> set[str]:
    return {c.id for c in result.contradictions}


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop has the momentum, while Adam only keeps the squared gradient average.",
        "RMSprop a du momentum ; Adam garde seulement la moyenne des carrés.",
    ],
)
def test_adam_keeping_only_the_squares_denies_its_momentum(grade, text: str) -> None:
    assert "adam-no-momentum" in said(grade("q3.b", text))


@pytest.mark.parametrize(
    "text",
    [
        "Adam keeps both moments; RMSprop only the squared gradients' average.",
        "Adam garde les deux moments, RMSprop seulement la moyenne des carrés.",
    ],
)
def test_rmsprop_keeping_only_the_squares_is_right(grade, text: str) -> None:
    assert "adam-no-momentum" not in said(grade("q3.b", text))
