"""Issue 11, round 24 (i11t15a): reversed claims and misconceptions that kept points on
q2.c to q5.b, classes read on the even half of tuning15 (two blind graders); sentences
written for the test, EN and FR, none from a set.

1. q4.b.ii, the trick's domain reversed: the reparametrisation said to work for discrete
   variables and not for continuous ones ("it only applies to discrete variables, so p_i
   must be discretised") earned the whole `discrete` idea from the word "discrete". It is
   the reversal of the key's reason now; the trick denied for discrete variables stays
   right.
2. q2.c, the inputs said to keep the gradient alive ("the inputs x_t keep the gradient
   alive", "les entrées gardent le gradient en vie"): the key's linear-RNN Jacobian is
   W^t whatever the inputs; said beside right conditions it costs as the other wordings of
   `inputs-prevent-vanishing` do, denied it costs nothing. And "keep" is that claim only
   as "keep ... from (vanishing)": "orthogonal W keeps the norm" beside the inputs and a
   vanishing elsewhere in one long sentence cost a complete answer its fifth.
3. q4.a, the mechanism reversed (the weights said to start large and shrink) kept a fifth
   for restating the question ("so the capacity increases"): the reversal denies the
   effective capacity's growth it claims to explain, and scores nothing; and "large" is
   bound to the weights at the start, so weights initialised small that grow large ("les
   poids sont initialisés petits et deviennent grands") are the key's account, not it.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states

Q2C = "q2.c:explanation"
Q4A = "q4.a"
Q4BII = "q4.b.ii"


@pytest.mark.parametrize(
    "text",
    [
        "The reparametrization trick works for discrete variables but not for continuous "
        "ones, so we have to discretize p_i first.",
        "The problem is that the reparameterization trick only applies to discrete "
        "variables, and p_i is continuous.",
        "L'astuce de reparametrisation ne marche que pour les variables discretes, pas pour "
        "les continues, donc il faut discretiser p.",
        "Le reparametrization trick fonctionne pour les variables discrètes mais pas pour "
        "les continues.",
    ],
)
def test_q4bii_reparam_said_to_work_for_discrete_is_the_reversal(grade, text) -> None:
    result = grade(Q4BII, text)
    assert "reparam-discrete" in contradiction_ids(result)
    assert idea_states(result)["discrete"] != "found"
    assert result.score <= 0.75


@pytest.mark.parametrize(
    "text",
    [
        "The reparametrization trick doesn't apply to discrete variables like a Bernoulli "
        "mask, so backprop gives no gradient for p_i.",
        "L'astuce de reparametrisation ne fonctionne pas pour les variables discretes : le "
        "masque de Bernoulli n'est pas derivable.",
        "The mask is discrete, so sampling is not differentiable; the reparameterization "
        "trick works for continuous variables, not discrete ones.",
    ],
)
def test_q4bii_reparam_denied_for_discrete_stays_right(grade, text) -> None:
    result = grade(Q4BII, text)
    assert "reparam-discrete" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "|lambda| < 1 vanishes, > 1 explodes. The inputs keep the gradient alive though, "
        "since x_t is added at each step.",
        "Le gradient s'evanouit si rho < 1 et explose si rho > 1, mais les entrees x_t "
        "gardent le gradient en vie.",
    ],
)
def test_q2c_inputs_keeping_the_gradient_alive_costs(grade, text) -> None:
    result = grade(Q2C, text)
    assert "inputs-prevent-vanishing" in contradiction_ids(result)
    assert result.score <= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "If rho(W) < 1 the gradient vanishes and h_t forgets h_0; the inputs do not keep the "
        "gradient alive, they only drive h_t. If rho > 1 it explodes.",
        "Si rho(W) < 1 le gradient s'evanouit : les entrees ne le gardent pas en vie. Si "
        "rho > 1 il explose et h_t diverge.",
    ],
)
def test_q2c_inputs_denied_to_keep_it_alive_stay_right(grade, text) -> None:
    result = grade(Q2C, text)
    assert "inputs-prevent-vanishing" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "The weights start large and SGD shrinks them over the iterations, which is why "
        "the capacity increases.",
        "At the beginning the weights are large; training pulls them toward zero and this "
        "increases the capacity.",
        "Au debut les poids sont grands, puis SGD les reduit vers zero, c'est ce qui "
        "augmente la capacite.",
        "Les poids partent grands et diminuent avec l'entrainement, donc la capacite augmente.",
    ],
)
def test_q4a_weights_said_to_start_large_and_shrink_score_nothing(grade, text) -> None:
    result = grade(Q4A, text)
    assert "weights-start-large" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Les poids sont initialises petits et deviennent de plus en plus grands avec les "
        "iterations, donc le reseau peut representer des fonctions plus complexes.",
        "The weights are initialized small and get larger with every iteration, so more "
        "complex functions become reachable.",
    ],
)
def test_q4a_weights_started_small_that_grow_large_are_right(grade, text) -> None:
    result = grade(Q4A, text)
    assert "weights-start-large" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "rho < 1 => W^t -> 0, vanishing grads, h_t forgets h_0 and becomes a sum of recent "
        "inputs - rho > 1 => exploding - rho = 1 => orthogonal W keeps the norm.",
        "Si rho < 1, W^t -> 0 : gradient evanescent, h_t oublie h_0 et garde seulement les "
        "entrees recentes - si rho > 1 il explose.",
    ],
)
def test_q2c_keep_said_of_something_else_is_no_inputs_claim(grade, text) -> None:
    result = grade(Q2C, text)
    assert "inputs-prevent-vanishing" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "The inputs x_t keep the gradient from vanishing because they are added at every step.",
        "Les entrees x_t empechent le gradient de disparaitre.",
    ],
)
def test_q2c_inputs_keeping_it_from_vanishing_still_costs(grade, text) -> None:
    result = grade(Q2C, text)
    assert "inputs-prevent-vanishing" in contradiction_ids(result)
    assert result.score <= 0.6
