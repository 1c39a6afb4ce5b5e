"""Issue 11, round 19 (q6.b, q7.a, q8.b, q8.c): half an idea and swapped claims, as classes
(tuned on the even answers of tuning11/12 and the other sets' even halves; sentences
written for the test, EN and FR).

1. q7.a: too little capacity named (the key's cause of the means-only view) earns half of
   the means idea beside the verdict.
2. q8.c: one of the two halves of the answer (the negative phase by the block Gibbs of (a),
   or the positive phase that is not factorial) is half the explanation, as the TAs give.
3. q8.c: the RBM's product of sigmoids taken as exact, or the positive phase said to be
   the easy, factorised one, is the key's mistake even without the word "positive".
4. q6.b: the amortization gap given to mean-field ("has an amortization gap") or taken
   from IAF ("IAF has no amortization gap") is the swap, and earns nothing.
5. q8.b: the partition function said intractable is off the question (the unnormalized
   marginal has no Z): it earns nothing, where "intractable" had read as the exponential cost.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "No: a linear critic has too little capacity for real data.",
        "Not advisable, it lacks capacity and underfits the data.",
        "Non, capacité trop faible pour des images.",
        "Déconseillé : pas assez de capacité, il sous-apprend.",
        "No, it does not have enough capacity.",
        "Non, il n'a pas assez de capacité.",
    ],
)
def test_q7a_too_little_capacity_is_half_the_means_idea(grade, text) -> None:
    result = grade("q7.a", text)
    assert idea_states(result)["means-only"] == "weak"
    assert result.score == pytest.approx(2.0)


@pytest.mark.parametrize(
    "text",
    [
        "No: it only sees the means, so the generator just has to match the mean.",
        "Non, il ne compare que les moyennes ; le générateur n'a qu'à copier la moyenne.",
    ],
)
def test_q7a_the_means_said_are_still_the_whole_idea(grade, text) -> None:
    assert idea_states(grade("q7.a", text))["means-only"] == "found"


@pytest.mark.parametrize(
    "text", ["Yes, it has enough capacity for this data.", "Oui, il a assez de capacité."]
)
def test_q7a_enough_capacity_affirmed_is_not_the_means_idea(grade, text) -> None:
    assert idea_states(grade("q7.a", text))["means-only"] == "missing"


@pytest.mark.parametrize(
    "text",
    [
        "Yes, run CD-k with the three-block Gibbs sampler of part (a).",
        "Oui, on fait du CD avec le Gibbs à trois blocs de la question (a).",
        "No: the positive phase has no closed form, y and z stay coupled given x.",
        "Non, la phase positive n'est pas calculable exactement : y et z couplés sachant x.",
    ],
)
def test_q8c_one_half_of_the_answer_is_half_the_points(grade, text) -> None:
    assert grade("q8.c:explanation", text).score == pytest.approx(1.5)


@pytest.mark.parametrize(
    "text",
    [
        "Yes, like an RBM: E[y_j z_k|x] = sigmoid(.) sigmoid(.) exactly, then CD-1.",
        "Oui, comme la RBM : E[y_j z_k|x] = sigmoide(.) sigmoide(.) exactement, puis CD-1.",
        "Yes: the positive phase is easy here, only the negative phase needs Gibbs.",
        "Oui : la phase positive se factorise, seule la phase négative demande du Gibbs.",
    ],
)
def test_q8c_exact_positive_statistics_are_the_keys_mistake(grade, text) -> None:
    result = grade("q8.c:explanation", text)
    assert "positive-exact" in contradiction_ids(result)
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "Yes, but the positive phase is not easy: y and z are dependent given x, sample it.",
        "Oui, mais la phase positive ne se factorise pas : on l'échantillonne avec x fixé.",
    ],
)
def test_q8c_the_positive_phase_denied_easy_is_right(grade, text) -> None:
    assert "positive-exact" not in contradiction_ids(grade("q8.c:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "Mean-field suffers from an amortization gap, IAF has no amortization gap.",
        "IAF has zero amortization gap, so it beats mean-field.",
        "C'est le mean-field qui a un écart d'amortissement, pas l'IAF.",
        "L'IAF n'a pas d'écart d'amortissement, donc il gagne toujours.",
    ],
)
def test_q6b_the_amortization_gap_swapped_earns_nothing(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert idea_states(result)["amortization-gap"] == "negated"
    assert contradiction_ids(result) & {"mean-field-amortization-gap", "iaf-no-amortization-gap"}


@pytest.mark.parametrize(
    "text",
    [
        "Per-example optimisation has no amortization gap; IAF's shared encoder has one.",
        "Le mean-field n'a pas d'écart d'amortissement, l'IAF en a un (encodeur partagé).",
    ],
)
def test_q6b_the_amortization_gap_said_rightly_is_not_the_swap(grade, text) -> None:
    result = grade("q6.b:explanation", text)
    assert "iaf-no-amortization-gap" not in contradiction_ids(result)


@pytest.mark.parametrize(
    "text",
    [
        "The partition function is intractable, so we estimate log Z with AIS.",
        "Z is intractable, hence contrastive divergence.",
        "La fonction de partition est intraitable, d'où l'échantillonnage préférentiel recuit.",
    ],
)
def test_q8b_the_partition_function_is_not_the_marginals_cost(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert "partition-function" in contradiction_ids(result)
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "No: once z is summed out, the sum over y is intractable, 2^M terms.",
        "Non : la somme sur y reste intraitable, 2^min(M,K) termes.",
    ],
)
def test_q8b_the_remaining_sum_intractable_is_right(grade, text) -> None:
    result = grade("q8.b:explanation", text)
    assert "partition-function" not in contradiction_ids(result)
    assert idea_states(result)["exponential"] == "found"
