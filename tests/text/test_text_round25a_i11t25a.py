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


# 3. q4.b.ii: the two estimators' properties swapped (the relaxation said unbiased,
#    REINFORCE biased), each said of the estimator the clause names: the key's
#    "REINFORCE unbiased, high variance; Concrete biased, low variance" reversed.


@pytest.mark.parametrize(
    "text",
    [
        "The issue is that the Gumbel-softmax relaxation gives an unbiased gradient but a noisy"
        " one, while REINFORCE is biased.",
        "Le souci : la relaxation Concrete est sans biais mais très bruitée, alors que la"
        " fonction de score est biaisée.",
    ],
)
def test_q4bii_estimator_properties_swapped_cost_their_ideas(grade, text) -> None:
    result = grade("q4.b.ii", text)
    assert contradiction_ids(result) & {"relaxation-unbiased", "reinforce-biased"}
    assert result.score <= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "Sampling the Bernoulli mask is discrete, so not differentiable; REINFORCE is unbiased"
        " with high variance, the Gumbel relaxation is biased with low variance.",
        "Masque discret, échantillonnage non différentiable ; REINFORCE est sans biais mais très"
        " variable, une relaxation (Concrete) est biaisée.",
        "Discrete sampling, no gradient. Use REINFORCE (unbiased, high variance) or a relaxation"
        " like Concrete (biased, low variance).",
        "The mask is discrete, not differentiable. REINFORCE is not biased.",
    ],
)
def test_q4bii_estimator_properties_said_rightly_keep_their_points(grade, text) -> None:
    result = grade("q4.b.ii", text)
    assert not contradiction_ids(result) & {"relaxation-unbiased", "reinforce-biased"}
    assert result.score >= 2.5


# 4. q4.b.i: the drop rate said to rise to its maximum is the key's "p_i -> 1 for all".


@pytest.mark.parametrize(
    "text",
    [
        "Not effective: gradient descent will push the dropout rate up to its maximum and the"
        " network underfits.",
        "Pas efficace, l'optimiseur va augmenter le taux de dropout au maximum.",
    ],
)
def test_q4bi_drop_rate_raised_to_the_maximum_is_the_all_dropped_mistake(grade, text) -> None:
    result = grade("q4.b.i", text)
    assert "all-dropped" in contradiction_ids(result)
    assert result.score <= 0.6


@pytest.mark.parametrize(
    "text",
    [
        "Non : le dropout augmente la perte d'entraînement, donc la descente de gradient pousse"
        " p_i vers 0 ; plus aucune régularisation, surapprentissage maximal.",
        "No: the dropout rate will not increase to its maximum, it goes to 0, so no"
        " regularisation is left.",
    ],
)
def test_q4bi_dropout_raising_the_loss_is_no_such_mistake(grade, text) -> None:
    result = grade("q4.b.i", text)
    assert "all-dropped" not in contradiction_ids(result)
    assert result.score >= 2.0


# 5. q3.b: Adam said to use second-order (Hessian, curvature) information beside right
#    ideas costs 1.5 of 5, what the graders take for it.


@pytest.mark.parametrize(
    "text",
    [
        "Adam adds momentum to RMSprop, and it uses curvature information (second order)"
        " through its second moment estimate.",
        "Adam = RMSprop + momentum ; son second moment est une approximation de la hessienne,"
        " donc Adam est une méthode du second ordre.",
    ],
)
def test_q3b_adam_as_second_order_costs_a_point_and_a_half(grade, text) -> None:
    result = grade("q3.b", text)
    assert "second-order" in contradiction_ids(result)
    assert result.score == pytest.approx(1.5)


# 6. A concession to what others say ("although X is said to ...", "bien qu'on dise que
#    ...") is a belief reported to be rejected: dropped up to its comma, the name it was
#    about kept for the pronoun that follows; a bare "although X, Y" grants X.


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Although RMSprop is said to sum every past squared gradient, it keeps a moving"
            " average.",
            "RMSprop it keeps a moving average.",
        ),
        (
            "Bien qu'on dise que RMSprop garde la somme, il utilise une moyenne mobile.",
            "RMSprop il utilise une moyenne mobile.",
        ),
        (
            "Even though it is often claimed that IAF always wins, the amortization gap can"
            " dominate.",
            "the amortization gap can dominate.",
        ),
        (
            "Although Adam adds momentum, its main novelty is the bias correction.",
            "Although Adam adds momentum, its main novelty is the bias correction.",
        ),
    ],
)
def test_a_conceded_belief_is_dropped(text, kept) -> None:
    from examgrade.text.retract import rejected

    assert rejected(text) == kept


def test_q3b_momentum_conceded_to_others_is_not_credited(grade) -> None:
    result = grade(
        "q3.b",
        "Bien qu'on dise qu'Adam ajoute du momentum, il n'en a pas : il corrige seulement le"
        " biais.",
    )
    assert idea_states(result)["momentum"] != "found"
    assert result.score <= 2.0


def test_q3b_momentum_granted_by_although_is_credited(grade) -> None:
    result = grade("q3.b", "Although Adam adds momentum, its main novelty is the bias correction.")
    assert idea_states(result)["momentum"] == "found"


# 7. q5.b: the key's "identical to weight decay" said of the units: the CAE penalty said to
#    fall on every unit like weight decay takes the active-units idea its words named.


@pytest.mark.parametrize(
    "text",
    [
        "La pénalité ne touche pas seulement les unités actives, elle touche toutes les unités"
        " comme le weight decay.",
        "The CAE penalty is not restricted to the active units: it hits all the units, just"
        " like weight decay.",
    ],
)
def test_q5b_penalty_on_every_unit_like_weight_decay_earns_nothing(grade, text) -> None:
    result = grade("q5.b:explanation", text)
    assert "all-units-like-wd" in contradiction_ids(result)
    assert result.score == pytest.approx(0.0)


@pytest.mark.parametrize(
    "text",
    [
        "J(x) = diag(1[Wx+b>0]) W: only the active units are penalised, unlike weight decay"
        " which penalises all units.",
        "The CAE penalty acts like weight decay but only on the active units, so it is data"
        " dependent; weight decay penalises all the units the same.",
    ],
)
def test_q5b_weight_decay_on_every_unit_is_no_such_claim(grade, text) -> None:
    result = grade("q5.b:explanation", text)
    assert "all-units-like-wd" not in contradiction_ids(result)
    assert idea_states(result)["active-units"] == "found"
