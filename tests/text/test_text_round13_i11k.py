"""Issue 11, round 13 (q6.b, q7.a, q7.c, q8.b): classes read on tuning7's even answers,
sentences written for the test (EN and FR).

- q7.a: the moments reversed, a linear critic said to see the variance and not the mean,
  is a contradiction (it was credited as the means idea).
- q7.c: packs of noise fed to the generator are the packing given to the wrong network;
  a discriminator that "no longer judges the samples one by one" says the packs (the
  negation is the wrong claim's, `grade._wrong_claim_denied`), and "D receives m
  samples" says them by their size.
- q6.b: per-example mean-field said to have no amortization gap, a shared encoder not
  optimal for each x, a mean-field with "no correlations" say the key's ideas.
- q8.b: one sum done and the other left ("il reste Σ_y") says the coupling; "for an RBM
  it is exponential, here it is linear" is the RBM's linear marginal reversed.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states

Q6B = "q6.b:explanation"
Q8B = "q8.b:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "A linear critic only looks at the variance of the samples, not the mean, so the "
        "generator may get the mean wrong.",
        "Le critique linéaire ne regarde que la variance : la moyenne est ignorée, le "
        "générateur peut avoir une mauvaise moyenne.",
    ],
)
def test_q7a_variance_instead_of_mean_is_a_contradiction(grade, text) -> None:
    result = grade("q7.a", text)
    assert "variance-only" in {c.id for c in result.contradictions}
    assert idea_states(result)["means-only"] != "found"
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "No: the linear critic only compares the means and ignores the variance, so a "
        "generator stuck on the mean fools it. It is cheap and stable though.",
        "Non : le critique linéaire ne compare que les moyennes, il ignore la covariance ; "
        "un générateur collé à la moyenne le trompe. Avantage : stable et peu coûteux.",
    ],
)
def test_q7a_the_right_moments_stay_credited(grade, text) -> None:
    result = grade("q7.a", text)
    assert "variance-only" not in {c.id for c in result.contradictions}
    assert idea_states(result)["means-only"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "PacGAN hands the generator packs of noise so that its outputs get more varied.",
        "Avec PacGAN on envoie des paquets de bruit au générateur pour qu'il varie plus.",
    ],
)
def test_q7c_noise_packs_for_the_generator_are_the_wrong_network(grade, text) -> None:
    result = grade("q7.c", text)
    assert "noise-packs" in {c.id for c in result.contradictions}
    assert idea_states(result)["packs"] != "found"
    assert result.score <= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "The discriminator no longer scores the samples one by one: it receives m samples, "
        "all real or all fake.",
        "Le discriminateur ne classe plus les images une à une : il reçoit m échantillons, "
        "tous vrais ou tous faux.",
    ],
)
def test_q7c_a_denied_one_by_one_says_the_packs(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] == "found"
    assert not result.contradictions
    assert result.score >= 3.0


@pytest.mark.parametrize(
    "text",
    [
        "The discriminator scores the samples one by one.",
        "The generator receives m samples of noise at once.",
    ],
)
def test_q7c_the_wrong_claims_still_cost(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] != "found"
    assert result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "It can: unlike the flow, the per-example mean-field has no amortization gap, but "
        "the flow's encoder is not optimal for each x; a mean-field has no correlations.",
        "C'est possible : le mean-field n'a pas d'écart d'amortissement, mais l'encodeur "
        "de l'IAF n'est pas optimal pour chaque x ; le mean-field n'a pas de corrélations.",
    ],
)
def test_q6b_the_gaps_said_by_negation_are_credited(grade, text) -> None:
    states = idea_states(grade(Q6B, text))
    assert states["amortization-gap"] == "found"
    assert states["mean-field-limited"] == "found"


def test_q6b_no_amortization_gap_at_all_is_not_the_idea(grade) -> None:
    result = grade(Q6B, "IAF is no richer than mean-field and there is no amortization gap.")
    assert idea_states(result)["amortization-gap"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "No. Summing over z gives a product over k, then the sum over y remains: 2^M terms.",
        "Non. La somme sur z donne un produit, puis il reste la somme sur y : 2^M termes.",
    ],
)
def test_q8b_one_sum_left_says_the_coupling(grade, text) -> None:
    states = idea_states(grade(Q8B, text))
    assert states["coupled"] == "found"
    assert states["exponential"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "For an RBM the marginal is exponential in the hidden units, but here it is linear.",
        "Pour une RBM la marginale est exponentielle en les unités cachées ; ici elle est "
        "linéaire.",
    ],
)
def test_q8b_the_rbm_said_exponential_is_reversed(grade, text) -> None:
    result = grade(Q8B, text)
    assert "rbm-exponential" in {c.id for c in result.contradictions}
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "Not a good idea: it can only split what a hyperplane splits.",
        "Mauvaise idée : il ne sépare que des classes linéairement séparables.",
    ],
)
def test_q7a_a_hyperplane_without_the_means_is_half_the_idea(grade, text) -> None:
    assert idea_states(grade("q7.a", text))["means-only"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "No: contrastive divergence only works with a single hidden layer.",
        "Non, la CD ne fonctionne que pour une RBM.",
    ],
)
def test_q8c_cd_as_an_rbm_only_method_is_the_impossible_claim(grade, text) -> None:
    result = grade("q8.c:explanation", text)
    assert "impossible" in {c.id for c in result.contradictions}
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    ["Yes, since the flow is more flexible.", "Oui, parce que l'IAF est plus flexible."],
)
def test_q6b_iaf_more_flexible_half_says_the_mean_field_limit(grade, text) -> None:
    states = idea_states(grade(Q6B, text))
    assert states["iaf-richer"] == "found"
    assert states["mean-field-limited"] == "weak"
