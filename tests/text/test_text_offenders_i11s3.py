"""Issue 11, round 19 (i11s3): engine classes the earlier rounds left, read on the tuning
pool's even offenders (sentences written for the test, EN and FR).

1. An idea given to the wrong entity and denied of its own ("RMSprop corrects the bias, not
   Adam") is two wrong claims: it costs the idea's points beside withholding them, down to
   the fifth an answer with something right keeps, never below it.
2. Three one-word terms cut by commas ("packs, concatenation, diversity") are a keyword
   list however few their words: capped at half, as four words were already.
3. A manner said impossible ("intractable to compute exactly") denies the manner, not the
   computation: the claim of exact positive statistics is not made.

4. A wrong claim beside right ideas costs at least a fifth of what the answer earns with
   it: "..., and its gradient vanishes" took 0.25 off q7.a's 4 of 5 (TAs 2.5).

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids, idea_states


@pytest.mark.parametrize(
    "text",
    [
        "Both divide by an EMA of squared gradients. It is RMSprop that corrects the bias, "
        "Adam does not; Adam also adds momentum.",
        "Les deux divisent par une moyenne mobile des g^2. C'est RMSprop qui corrige le "
        "biais et pas Adam, qui ajoute en plus un momentum.",
    ],
)
def test_a_swapped_and_denied_idea_costs_it_twice(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert "swapped-bias-correction" in contradiction_ids(result)
    assert idea_states(result)["momentum"] == "found"
    assert result.score <= 1.5  # a TA: 1 to 1.5 of 5; before, 3 (momentum + shared)


@pytest.mark.parametrize(
    "text",
    [
        "RMSprop has momentum and bias correction, Adam has neither; both keep an average "
        "of the squared gradients.",
        "C'est RMSprop qui a le momentum et la correction du biais, pas Adam ; les deux "
        "gardent une moyenne des carrés des gradients.",
    ],
)
def test_a_full_swap_keeps_what_it_said_rightly(grade, text: str) -> None:
    result = grade("q3.b", text)
    assert result.score >= 1.0  # the shared second moment, as the TAs give it


@pytest.mark.parametrize(
    ("key", "text", "half"),
    [
        ("q7.c", "packs, concatenation, diversity", 2.5),
        ("q7.c", "paquets, concaténation, diversité", 2.5),
        ("q4.b.ii", "discret, REINFORCE, variance", 1.5),
    ],
)
def test_three_bare_terms_are_a_keyword_list(grade, key: str, text: str, half: float) -> None:
    result = grade(key, text)
    assert result.keyword_list
    assert result.score <= half


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("q4.b.ii", "Non differentiable."),
        ("q7.c", "D sees packs."),
        ("q7.c", "packs, diversity"),
    ],
)
def test_a_terse_claim_or_two_terms_is_no_list(grade, key: str, text: str) -> None:
    assert not grade(key, text).keyword_list


@pytest.mark.parametrize(
    "text",
    [
        "Yes: the positive phase is intractable to compute exactly because y and z are "
        "coupled given x, so we sample them by Gibbs, and the negative phase by CD-k.",
        "Oui : la phase positive est impossible à calculer exactement, y et z étant couplés "
        "sachant x ; on l'estime par Gibbs, la phase négative par CD.",
    ],
)
def test_intractable_exactly_is_no_claim_of_exact_statistics(grade, text: str) -> None:
    result = grade("q8.c:explanation", text)
    assert "positive-exact" not in contradiction_ids(result)
    assert result.score >= 2.5


@pytest.mark.parametrize(
    "text",
    [
        "Like the RBM, the positive statistics are computed exactly in closed form.",
        "The positive statistics are not hard to compute exactly, as in an RBM.",
        "Comme la RBM, les statistiques positives se calculent exactement.",
    ],
)
def test_exact_statistics_stay_the_misconception(grade, text: str) -> None:
    assert "positive-exact" in contradiction_ids(grade("q8.c:explanation", text))


@pytest.mark.parametrize(
    "text",
    [
        "Not advisable: a linear D only compares the means of real and generated samples, "
        "so G can just match the mean. Besides, its gradient vanishes since it saturates.",
        "Déconseillé : un D linéaire ne compare que les moyennes des vrais et des faux, donc "
        "G peut se contenter de reproduire la moyenne. En plus ses gradients s'annulent.",
    ],
)
def test_a_wrong_claim_beside_right_ideas_costs_a_fifth(grade, text: str) -> None:
    result = grade("q7.a", text)
    assert "vanishing-gradients" in contradiction_ids(result)
    assert result.score <= 0.8 * 4.0 + 1e-9  # the right ideas earn 4 of 5


def test_the_right_ideas_alone_keep_their_points(grade) -> None:
    text = (
        "Not advisable: a linear D only compares the means of real and generated samples, "
        "so G can just match the mean."
    )
    assert grade("q7.a", text).score == pytest.approx(4.0)
