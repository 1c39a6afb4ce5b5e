"""Issue 11, round 18 (q2.c, q6.b, q7.a, q7.c, q8): misconceptions said in other words, as
classes (tuned on the even answers of the tuning sets; sentences written for the test, EN
and FR).

1. q2.c: a negative eigenvalue counted as below 1 (the key's "eigenvalues < 1" without the
   modulus, said outright) denies the vanishing idea; a negative eigenvalue of modulus
   below 1 that vanishes is right.
2. q8.a: the units of a group said dependent on one another is the conditional
   independence turned around (like the three groups drawn at once).
3. q8.b: the sum left over written with Σ ("il reste Σ_y", which reads "sum y") names the
   layer that stays coupled.
4. q8.a: each unit's conditional written for the three groups, one unit given the two
   other groups, states the conditional independence.
5. q6.b: "IAF is always better" denies the trade-off: never shown as credited beside it.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Below 1 it vanishes, above 1 it explodes; negative eigenvalues are fine too.",
        "Sous 1 ça s'évanouit, au-dessus ça explose ; les valeurs propres négatives sans danger.",
        "The gradient explodes for eigenvalues above 1 and vanishes with λ = −3 < 1.",
        "Explosion si une valeur propre dépasse 1 ; avec la valeur propre -2 < 1, W^t s'annule.",
    ],
)
def test_q2c_negative_eigenvalue_below_one_is_the_keys_mistake(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "negative-eigenvalue-below-one" in contradiction_ids(result)
    assert idea_states(result)["vanishing"] != "found"
    assert result.score <= 1.2


@pytest.mark.parametrize(
    "text",
    [
        "If ρ(W) < 1 it vanishes; a negative λ like -0.5 vanishes too. If |λ| > 1: explodes.",
        "Negative eigenvalues are not safe: λ = -2 has modulus 2 > 1, so W^t explodes.",
        "Si λ_1 < 1 et λ_2 < 1 en module, le gradient s'évanouit ; si |λ| > 1 il explose.",
    ],
)
def test_q2c_negative_eigenvalue_with_its_modulus_is_right(grade, text) -> None:
    result = grade("q2.c:explanation", text)
    assert "negative-eigenvalue-below-one" not in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "The units x_i are dependent on each other, x drawn unit by unit, y and z as a block.",
        "Les unités sont dépendantes entre elles : on tire x_i un par un, puis y et z ensemble.",
    ],
)
def test_q8a_units_of_a_group_dependent_is_the_turn(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert "all-at-once" in contradiction_ids(result)
    assert result.score == 0


@pytest.mark.parametrize(
    "text",
    [
        "Given y and z the units x_i are not dependent on each other: block x in parallel, "
        "then y, then z.",
        "Sachant x, y et z sont couplés ; les unités x_i ne sont pas dépendantes entre elles "
        "sachant y et z, donc trois blocs x, y, z à tour de rôle.",
    ],
)
def test_q8a_units_not_dependent_is_right(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert "all-at-once" not in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "Σ_z gives Π_k (1 + exp(-(A^T y)_k)), there remains Σ_y over 2^M configurations.",
        "On somme z en forme close : Π_k (1 + e^{...}). Il reste Σ_z ou Σ_y : 2^min(M,K) termes.",
    ],
)
def test_q8b_sum_left_over_written_with_sigma_is_the_coupling(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert idea_states(result)["coupled"] == "found"
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "P(x_i = 1 | y, z) = σ(−Σ_jk W_ijk y_j z_k), P(y_j = 1 | x, z) = σ(−Σ_ik W_ijk x_i z_k), "
        "P(z_k = 1 | x, y) = σ(−Σ_ij W_ijk x_i y_j), in turn.",
        "On tire P(x_i=1|y,z)=sigm(-Σ W y z), puis P(y_j=1|x,z)=sigm(-Σ W x z), puis "
        "P(z_k=1|x,y)=sigm(-Σ W x y).",
    ],
)
def test_q8a_each_units_conditional_written_out_is_the_independence(grade, text) -> None:
    result = grade("q8.a:explanation", text)
    assert idea_states(result)["conditional-independence"] == "found"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, IAF is always better since it is more flexible, it can represent any posterior.",
        "Oui, l'IAF est toujours meilleur : il peut représenter des postérieures corrélées.",
    ],
)
def test_q6b_always_better_denies_the_trade_off(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert "iaf-always-better" in contradiction_ids(result)
    assert idea_states(result)["trade-off"] != "found"
