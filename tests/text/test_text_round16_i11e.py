"""Issue 11, round 16 (q2.c, q6.b, q7.a, q7.c, q8.a/b): classes read on the even answers
of tuning9 (and tuning8), sentences written for the test (EN and FR).

- "autre chose que", "other things than" after a negation restrict like "rien d'autre
  que": "it cannot see anything other than the means" says the means.
- q7.a: collapse left unpunished ("it does not penalise mode collapse") is the generator's
  freedom to collapse; a hedged verdict ("je pense que non", "I'd say no") is a verdict.
- q7.c: a pack of G's duplicates "easy to classify as fake" is D's judgement, not packs
  fed to the generator; "D no longer looks at a single sample" says the packs.
- q6.b: the flow modelling dependencies is its richer family; a "common" encoder is the
  shared one; "c'est le mean-field qui capture les corrélations" is the families swapped.
- q8.a: the three groups drawn at once is the conditional independence turned around.
- q8.b: "not linear" in the explanation hints at the exponential cost.
- q2.c: the inputs said to keep the gradient from vanishing is the key's misconception.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "It cannot see anything other than the means of the two distributions.",
        "Il ne peut rien repérer d'autre chose qu'un écart entre les moyennes.",
        "Le critique ne voit pas autre chose que la moyenne.",
    ],
)
def test_q7a_other_than_after_a_negation_restricts(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["means-only"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "It compares the means only, so it does not penalise mode collapse at all.",
        "Il compare seulement les moyennes, donc il ne sanctionne pas l'effondrement des modes.",
    ],
)
def test_q7a_collapse_left_unpunished(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["generator-matches-mean"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "I'd say no: only the average is compared.",
        "Je crois que non, seules les moyennes sont comparées.",
    ],
)
def test_q7a_hedged_verdict(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["not-advisable"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "D gets several images jointly. Collapsed G = packs of clones -> easy to classify "
        "as generated.",
        "D voit plusieurs images conjointement. Les paquets d'un G effondré sont faciles à juger.",
    ],
)
def test_q7c_generator_packs_judged_by_d_are_not_fed_to_g(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "The critic no longer looks at a single sample but at several of them.",
        "Le discriminateur ne juge plus un seul échantillon mais plusieurs.",
    ],
)
def test_q7c_single_sample_denied_says_the_packs(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["packs"] == "found"


def test_q7c_generator_fed_packs_still_a_contradiction(grade) -> None:
    result = grade("q7.c", "The generator receives packs of real images as its input.")
    assert [c.id for c in result.contradictions] == ["generator-packs"]


@pytest.mark.parametrize(
    "text",
    [
        "The flow can model the dependencies between latent coordinates.",
        "Le flux IAF modélise les dépendances entre les coordonnées de z.",
    ],
)
def test_q6b_flow_models_dependencies(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["iaf-richer"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Not always: IAF relies on a common encoder for the whole dataset.",
        "Pas toujours : l'IAF passe par un encodeur commun à la place d'une optimisation.",
    ],
)
def test_q6b_common_encoder_is_shared(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["amortization-gap"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No: it is the mean-field that captures the correlations, IAF is factorized.",
        "Non, c'est le champ moyen qui capture les dépendances, et l'IAF est factorisé.",
    ],
)
def test_q6b_families_swapped(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["mean-field-limited"] != "found"
    assert "mean-field-captures" in [c.id for c in result.contradictions]


def test_q6b_mean_field_denied_correlations_is_no_swap(grade) -> None:
    result = grade("q6.b:explanation", "Le champ moyen ne capture pas les corrélations.")
    assert idea_states(result)["mean-field-limited"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "The groups do not depend on each other, so draw x, y and z all at once.",
        "On tire x, y et z tous en même temps puisque les groupes sont indépendants.",
    ],
)
def test_q8a_all_groups_at_once(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert "all-at-once" in [c.id for c in result.contradictions]
    assert result.score == 0


@pytest.mark.parametrize("text", ["No, it is not linear at all.", "Non, elle n'est pas linéaire."])
def test_q8b_not_linear_hints_the_cost(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert idea_states(result)["exponential"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "Below 1 it vanishes, above 1 it explodes; but with inputs the gradient does not vanish.",
        "< 1 : disparaît, > 1 : explose. Mais avec des entrées le gradient ne disparaît pas, "
        "l'entrée le maintient.",
    ],
)
def test_q2c_inputs_keep_the_gradient(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "inputs-prevent-vanishing" in [c.id for c in result.contradictions]


def test_q2c_inputs_that_do_not_prevent_vanishing_are_right(grade) -> None:
    result = grade(
        "q2.c:explanation",
        "The inputs do not prevent the gradient from vanishing when every |λ| < 1.",
    )
    assert not result.contradictions


# Second step: "generated" (the samples) no longer names the generator (the agent).


@pytest.mark.parametrize(
    "text",
    [
        "No, it only compares the means of the real and the generated samples.",
        "Bad idea: the critic compares only the means of real and generated data.",
    ],
)
def test_q7a_generated_samples_are_not_the_generator(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["means-only"] == "found"
    assert idea_states(result)["generator-matches-mean"] != "found"


def test_q7a_g_matching_the_mean_still_found(grade) -> None:
    result = grade("q7.a", "No: it only compares means, so G just matches the mean.")
    assert idea_states(result)["generator-matches-mean"] == "found"
