"""Issue 11, round 23c (i11t15b): reversed claims and misconceptions that kept points on
q6.b to q8.c, classes read on the even half of tuning15 (two blind graders); sentences
written for the test, EN and FR, none from a set.

1. q8.c, the RBM rule copied by saying the positive phase is unchanged ("the positive
   phase is just the data", "la phase positive reste la même"): a difficulty read
   elsewhere in the answer is not credited beside it.
2. q8.b, this model said to factorise by a pronoun ("ça se factorise") or said cheaper
   than the RBM: the contrast reversed; the cost said polynomial, the sum "still
   tractable": the exponential denied in other words.
3. q7.a, the linear critic said to avoid mode collapse (the key's consequence reversed),
   or to overfit (the key's "simpler avoids overfitting", mirrored): graders keep about
   3 of 5 for the right idea beside it.
4. q7.c, the diversity reversed: generated packs said too diverse, D said to penalise
   variety.
5. q6.b, per-example mean-field said unbeatable ("no encoder can beat it", "imbattable").
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states

Q6B = "q6.b:explanation"
Q7A = "q7.a"
Q7C = "q7.c"
Q8B = "q8.b:explanation"
Q8C = "q8.c:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, the positive phase is unchanged, only the negative phase needs more Gibbs "
        "sweeps, which is harder.",
        "CD still works: the positive phase is simply the data, and the chain does the rest.",
        "Oui, la phase positive reste la même que pour la RBM et on fait du Gibbs pour la "
        "phase négative, c'est juste plus difficile.",
        "La phase positive est juste les données, rien de plus ; le reste c'est du CD-1.",
    ],
)
def test_q8c_positive_phase_said_unchanged_costs(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-unchanged" in contradiction_ids(result)
    assert idea_states(result)["positive-not-factorial"] != "found"
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "The negative phase is unchanged, but the positive phase needs a Gibbs chain with x "
        "clamped because y and z are coupled given x.",
        "La phase négative est la même qu'en CD ; la phase positive demande une chaîne de "
        "Gibbs avec x fixé car y et z sont dépendants sachant x.",
    ],
)
def test_q8c_the_negative_phase_unchanged_stays_right(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-unchanged" not in contradiction_ids(result)
    assert result.score >= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "Given x the energy is linear in y and in z, so ça se factorise and the sum is cheap.",
        "Ici l'énergie est linéaire en y et en z séparément, donc tout se factorise.",
        "Summing over y and z is even cheaper than for an RBM: 2^M terms there, a product here.",
        "Le calcul est plus facile que la RBM, qui doit énumérer 2^M configurations.",
    ],
)
def test_q8b_this_model_said_to_factorise_or_cheaper_than_the_rbm(grade, text) -> None:
    result = grade(Q8B, text)
    assert "factorizes" in contradiction_ids(result)
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "It is polynomial in the layer sizes, O(NMK), so the marginal is tractable.",
        "Not linear, but the sum remains tractable: it is just quadratic in the latent sizes.",
        "C'est polynomial en M et K, donc ça reste traitable.",
    ],
)
def test_q8b_the_cost_said_polynomial_denies_the_exponential(grade, text) -> None:
    result = grade(Q8B, text)
    assert "polynomial" in contradiction_ids(result)
    assert idea_states(result)["exponential"] != "found"
    assert result.score <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "No: summing z out leaves a sum over y with 2^M terms, exponential and not "
        "polynomial, unlike the RBM whose free energy is linear.",
        "Non : il reste une somme sur y de 2^min(M,K) termes, ce n'est pas polynomial, "
        "contrairement à la RBM.",
    ],
)
def test_q8b_polynomial_denied_stays_right(grade, text) -> None:
    result = grade(Q8B, text)
    assert "polynomial" not in contradiction_ids(result)
    assert result.score >= 1.5


@pytest.mark.parametrize(
    "text",
    [
        "A linear critic is a good choice: it avoids mode collapse since its gradient is the "
        "same everywhere.",
        "Le critique linéaire empêche le mode collapse, car son gradient est constant.",
    ],
)
def test_q7a_the_critic_said_to_avoid_collapse_is_the_reversal(grade, text) -> None:
    result = grade(Q7A, text)
    assert "avoids-collapse" in contradiction_ids(result)
    assert idea_states(result)["generator-matches-mean"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Not advisable: it only compares the means of the real and generated data, so the "
        "generator can collapse on the mean. Also it would overfit the data very fast.",
        "Déconseillé : il ne compare que les moyennes, le générateur peut s'effondrer sur la "
        "moyenne. En plus il va surapprendre les données rapidement.",
    ],
)
def test_q7a_overfitting_said_beside_the_right_idea_costs_like_the_graders(grade, text) -> None:
    result = grade(Q7A, text)
    assert "overfits" in contradiction_ids(result)
    assert 2.0 <= result.score <= 3.5


def test_q7a_overfitting_denied_is_no_mistake(grade) -> None:
    result = grade(
        Q7A,
        "No: it only compares the means, so the generator can collapse on the mean; being "
        "so simple it does not overfit quickly, but that is not the issue.",
    )
    assert "overfits" not in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "D sees packs of samples and notices that generated packs are too diverse, so it "
        "penalizes diversity in G.",
        "Avec les paquets, D voit que les faux sont trop diversifiés et pénalise la variété.",
    ],
)
def test_q7c_the_diversity_reversed_costs(grade, text) -> None:
    result = grade(Q7C, text)
    assert "too-diverse" in contradiction_ids(result)
    assert idea_states(result)["diversity"] != "found"
    assert result.score <= 2.0


def test_q7c_too_little_diversity_stays_right(grade) -> None:
    result = grade(
        Q7C,
        "D judges packs of m samples jointly, all real or all fake; a collapsed generator "
        "makes packs with too little diversity, easy to spot, so collapse is penalized.",
    )
    assert "too-diverse" not in contradiction_ids(result)
    assert result.score >= 4.0


@pytest.mark.parametrize(
    "text",
    [
        "No. Per-example mean-field is unbeatable since it optimizes each data point, so IAF "
        "cannot win.",
        "Non, le mean-field par exemple est imbattable, il optimise chaque x séparément.",
        "No, nothing can beat optimizing the ELBO separately for every example.",
    ],
)
def test_q6b_mean_field_said_unbeatable_costs(grade, text) -> None:
    result = grade(Q6B, text)
    assert contradiction_ids(result) & {"mean-field-unbeatable", "iaf-never-better"}
    assert result.score <= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Yes, it is the standard choice for WGAN: only a linear critic is 1-Lipschitz.",
        "Oui, seul un critique linéaire est lipschitzien, il le faut pour le WGAN.",
    ],
)
def test_q7a_lipschitz_said_to_need_a_linear_critic_costs(grade, text) -> None:
    result = grade(Q7A, text)
    assert "only-linear-lipschitz" in contradiction_ids(result)
    assert idea_states(result)["benefits"] != "found"
    assert result.score <= 0.5


def test_q7a_lipschitz_as_a_benefit_stays_right(grade) -> None:
    result = grade(
        Q7A,
        "No: it only compares the means, so the generator can collapse on the mean. Its "
        "benefits: cheap, stable and trivially 1-Lipschitz.",
    )
    assert "only-linear-lipschitz" not in contradiction_ids(result)
    assert result.score >= 4.0
