"""Issue 11, round 21 (i11s5): misconceptions the grader missed, as classes (read on the
even answers of the tuning pool; sentences written for the test, EN and FR).

1. A contradiction's match spread over two clauses was dropped as "denied across" when any
   of its patterns' words, matched or not, came before a negation in its clause, and a
   phrase's own flip counted as that negation: "λ = −2 < 1, so it vanishes" (the
   `minus+2+lt+1` phrase holds the minus that flips "2") was never the key's
   negative-eigenvalue mistake. Now only the patterns that match, and only a negation after
   the matched phrase, deny across clauses.
2. q2.c: a negative eigenvalue named and said to vanish ("so λ = −2 vanishes too") is the
   key's mistake without the comparison.
3. q3.a: Adagrad's rate said to increase with the English noun and a French verb ("le
   learning rate augmente", "le lr qui augmente", "lr grows") is the key's "Adagrad's
   learning rate increases".

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Gradients shrink when every eigenvalue is < 1 and blow up when one is > 1; "
        "for instance λ = −3 is < 1, so it shrinks to zero, i.e. it vanishes.",
        "Explosion si une valeur propre dépasse 1 ; disparition sinon, par exemple "
        "λ = −2 < 1 donc le gradient disparaît.",
        "lambda = -5 < 1 so the gradient vanishes",
    ],
)
def test_q2c_negative_eigenvalue_then_its_fate_in_the_next_clause(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "negative-eigenvalue-below-one" in contradiction_ids(result)
    assert idea_states(result)["vanishing"] != "found"
    assert result.score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "Vanishing below one, exploding above one; take λ = -2: it vanishes as well "
        "because it is negative.",
        "Sous 1 ça disparaît, au-dessus ça explose, et lambda = -3 disparaît aussi.",
    ],
)
def test_q2c_negative_eigenvalue_said_to_vanish(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "negative-eigenvalue-below-one" in contradiction_ids(result)
    assert result.score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "If |λ| < 1 everything vanishes (λ = −0.5 vanishes too), if |λ| > 1 it explodes.",
        "Below 1 it vanishes; λ = −2 does not vanish, it explodes since |−2| > 1.",
        "Si ρ(W) < 1 le gradient s'annule, si ρ(W) > 1 il explose.",
    ],
)
def test_q2c_right_answers_with_a_minus_sign_are_not_the_mistake(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "negative-eigenvalue-below-one" not in contradiction_ids(result)
    assert result.score >= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad : le learning rate qui augmente avec le temps car on cumule les carrés ; "
        "RMSprop met un oubli.",
        "Pour Adagrad le lr augmente vu qu'on additionne les gradients au carré, RMSprop "
        "prend une moyenne mobile.",
        "Adagrad: the lr grows over time since it sums squared gradients; RMSprop uses a "
        "moving average.",
    ],
)
def test_q3a_adagrad_rate_increasing_in_franglais(grade, text) -> None:
    result = grade("q3.a", text)
    assert "adagrad-increases" in contradiction_ids(result)
    assert idea_states(result)["adagrad-decay"] != "found"
    assert result.score <= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad : le learning rate diminue car on cumule les carrés ; RMSprop utilise une "
        "moyenne mobile, donc le lr ne s'écroule pas.",
        "Adagrad sums squared gradients so its lr shrinks; RMSprop's lr does not keep "
        "shrinking thanks to its moving average.",
    ],
)
def test_q3a_adagrad_rate_decreasing_in_franglais_is_right(grade, text) -> None:
    result = grade("q3.a", text)
    assert "adagrad-increases" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "C'est pour une RBM que la marginale est exponentielle ; ici les deux couches se "
        "somment et on reste linéaire.",
        "It is for an RBM that the sum is exponential; with two hidden layers it stays linear.",
    ],
)
def test_q8b_cleft_puts_the_exponential_on_the_rbm(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert "rbm-exponential" in contradiction_ids(result)
    assert idea_states(result)["exponential"] != "found"
    assert result.score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "No, it is exponential in min(M, K): it is for the RBM that the cost is linear.",
        "Non, c'est exponentiel en min(M,K) ; c'est pour la RBM que le coût est linéaire.",
    ],
)
def test_q8b_cleft_putting_the_linear_cost_on_the_rbm_is_right(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert "rbm-exponential" not in contradiction_ids(result)
    assert idea_states(result)["exponential"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Weights start small and every step is bounded, so the effective capacity grows with "
        "the iterations; the high-curvature directions are fitted first, the flat noisy ones "
        "later.",
        "Les poids partent petits et chaque pas est borné : la capacité effective croît avec "
        "les itérations ; les directions de forte courbure sont apprises d'abord, les "
        "directions plates ensuite.",
    ],
)
def test_q4a_curvature_order_is_the_early_stopping_idea(grade, text) -> None:
    result = grade("q4.a", text)
    assert idea_states(result)["early-stopping"] == "found"
    assert result.score == 4


def test_q4a_curvature_without_its_order_is_not_early_stopping(grade) -> None:
    result = grade("q4.a", "Capacity grows with iterations because curvature increases.")
    assert idea_states(result)["early-stopping"] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "|λ_i| < 1 pour tout i => tout s'écrase à 0 ; un |λ_i| > 1 => explosion.",
        "|lambda_i| < 1 for all i => everything collapses to zero; one |lambda_i| > 1 => "
        "explosion.",
    ],
)
def test_q2c_vanishing_said_as_crushed_to_zero(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert idea_states(result)["vanishing"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Adagrad cumule tous les g² donc son pas effectif suit 1/racine(t) ; RMSprop prend "
        "une moyenne mobile exponentielle.",
        "Adagrad adds up every squared gradient, so its step behaves like 1/sqrt(t); RMSprop "
        "keeps an exponential moving average instead.",
    ],
)
def test_q3a_the_decay_law_is_the_decay(grade, text) -> None:
    result = grade("q3.a", text)
    assert idea_states(result)["adagrad-decay"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "En dessous de 1 les gradients disparaissent, au-dessus de 1 ils explosent.",
        "Spectral radius below 1: the gradient vanishes; beyond 1 it explodes.",
    ],
)
def test_q2c_cases_said_above_or_below_in_french_words(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert idea_states(result)["vanishing"] == "found"
    assert idea_states(result)["exploding"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Au-dessus de 1 les gradients disparaissent, en dessous de 1 ils explosent.",
        "Avec un rayon spectral au-delà de 1 le gradient tend vers zéro ; c'est l'inverse "
        "en dessous de 1, où il explose.",
    ],
)
def test_q2c_cases_swapped_in_french_words(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "swapped-vanishing" in contradiction_ids(result)
    assert result.score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "Adam = RMSprop + momentum; its beta2 average makes the step decrease like in Adagrad.",
        "Adam c'est RMSprop plus du momentum, et son second moment fait baisser le pas comme "
        "Adagrad.",
    ],
)
def test_q3b_adam_said_to_decay_like_adagrad(grade, text) -> None:
    result = grade("q3.b", text)
    assert "adam-sums" in contradiction_ids(result)
    assert result.score <= 2.0


def test_q3b_adam_said_not_to_decay_like_adagrad_is_right(grade) -> None:
    text = "Adam = RMSprop + momentum + bias correction; its step does not decay like Adagrad's."
    result = grade("q3.b", text)
    assert "adam-sums" not in contradiction_ids(result)
    assert result.score == 5
