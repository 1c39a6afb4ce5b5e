"""Issue 11, round 15 (q2.c, q6.b, q7.a, q7.c, q8.a/b/c): classes read on the even answers
of tuning8 (negated, short and long answers), sentences written for the test (EN and FR).

- French "que" compares only after a comparative: "je pense que l'IAF est plus flexible"
  is about the IAF, "plus flexible que l'IAF" is not.
- "unless" opens a condition: "not stable unless every |λ| < 1" names the case ρ < 1.
- q6.b: mean-field's lack said as "not flexible enough" or "only independent Gaussians";
  the encoder named as shared, or the per-example optimisation denied to it; "mean-field
  can still win" is the trade-off.
- q7.c: "a single sample does not reveal collapse" says the pack reveals it.
- q8.a: no interaction inside a block is the conditional independence.
- q8.b: "it doesn't factorize like the RBM" contrasts with the RBM; what the RBM does
  ("for the RBM, given v the hidden units don't interact") is not said of y, z, and "now"
  comes back to this model.
- q8.c: "possible, but less efficient than for an RBM" hints at the positive phase.
- q2.c: h_0's trace lost ("no effect anymore", "h_0 n'a plus aucun effet") is the
  state's fate; a direction that "dies off" vanishes.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Le mean-field est ancien. Je crois que l'IAF est plus flexible.",
        "Le champ moyen date. On voit bien que le flux est plus riche.",
    ],
)
def test_q6b_que_after_a_verb_opens_what_is_said(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["iaf-richer"] == "found"
    assert not result.contradictions


def test_q6b_que_after_a_comparative_still_compares(grade) -> None:
    result = grade("q6.b:explanation", "Le mean-field est plus riche que l'IAF.")
    assert idea_states(result)["iaf-richer"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "It is not stable unless every eigenvalue is below 1 in modulus; "
        "then the Jacobian goes to 0.",
        "Nothing stays bounded unless all |eigenvalues| are under 1, "
        "and then h_0 is forgotten: the gradient vanishes.",
    ],
)
def test_q2c_unless_opens_the_condition(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert idea_states(result)["vanishing"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Mean-field is not flexible enough, the flow is.",
        "Le champ moyen n'est pas assez flexible, le flux oui.",
        "Mean-field only ever uses independent Gaussians, however well it is tuned.",
        "Le mean-field n'utilise que des gaussiennes indépendantes.",
    ],
)
def test_q6b_mean_field_lack_said_in_other_words(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["mean-field-limited"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "The IAF encoder is shared across the dataset, so it may miss.",
        "L'IAF n'optimise pas chaque exemple séparément : un encodeur partagé.",
        "IAF does not optimise every data point individually.",
    ],
)
def test_q6b_shared_encoder_is_the_amortization_gap(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["amortization-gap"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Usually IAF wins, but for a nearly factorized posterior mean-field can still win.",
        "Souvent l'IAF gagne, mais le champ moyen peut l'emporter "
        "si la postérieure est presque factorisée.",
    ],
)
def test_q6b_the_other_side_can_win(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["trade-off"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "One sample alone does not show the collapse; a pack of samples does, so D judges packs.",
        "Un seul échantillon ne révèle pas l'effondrement, un paquet oui : D juge des paquets.",
    ],
)
def test_q7c_a_single_sample_hiding_collapse_says_the_pack_shows_it(grade, text) -> None:
    result = grade("q7.c", text)
    assert idea_states(result)["collapse-penalized"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Three blocks x, y, z; inside one block the units do not interact "
        "once the two others are fixed.",
        "Trois blocs ; dans un bloc aucune unité n'interagit avec une autre "
        "quand les deux autres sont fixés.",
    ],
)
def test_q8a_no_interaction_inside_a_block(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert idea_states(result)["conditional-independence"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "No, the sum does not factorize like for an RBM.",
        "Non, ça ne se factorise pas comme pour la RBM.",
    ],
)
def test_q8b_factorization_denied_by_comparison_with_the_rbm(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert idea_states(result)["rbm-contrast"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "In an RBM each hidden unit interacts only with v, so the sum factorizes. "
        "Here y and z still interact through x.",
        "Dans une RBM chaque unité cachée n'interagit qu'avec v. "
        "Mais maintenant cela dépend encore de y : la somme sur y ne se factorise pas.",
    ],
)
def test_q8b_what_the_rbm_does_is_not_said_of_y_and_z(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert idea_states(result)["coupled"] == "found"
    assert not result.contradictions


@pytest.mark.parametrize(
    "text",
    [
        "Possible, but not as efficient as for an RBM.",
        "Faisable, mais plus coûteux que pour une RBM.",
    ],
)
def test_q8c_dearer_than_for_an_rbm_hints_at_the_positive_phase(grade, text) -> None:
    result = grade("q8.c:explanation", text)
    assert idea_states(result)["positive-not-factorial"] == "weak"


@pytest.mark.parametrize(
    "text",
    [
        "If every |eigenvalue| is below 1, W^t goes to 0: h_0 has no effect anymore on h_t.",
        "Si les valeurs propres sont < 1, W^t tend vers 0 : h_0 n'a plus aucun effet.",
        "Below one the influence of the initial state does not survive and the Jacobian vanishes.",
    ],
)
def test_q2c_the_trace_of_h0_lost_is_what_happens_to_the_state(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert idea_states(result)["state"] == "found"


def test_q2c_a_direction_that_dies_off_vanishes(grade) -> None:
    result = grade(
        "q2.c:explanation", "With |lambda| less than 1 each eigen-direction dies off after a while."
    )
    assert idea_states(result)["vanishing"] == "found"
