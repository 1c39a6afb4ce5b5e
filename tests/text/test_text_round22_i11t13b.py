"""Issue 11, round 22 (i11t13b): items q6.b to q8.c of tuning13, a blind set scored by two
graders, read on its even answers; sentences written for the test, EN and FR.

1. A tuple's commas and parentheses cut clauses: in "you can't treat (y, z) | x as
   factorized" the negation stopped at "(", so the warning read as the two-block
   mistake. A tuple of short names ("(y, z)", "(x,y,z|w)", "y,z") is now one clause.
2. q8.a: "(y, z) given x" named is the key's own warning as often as the mistake; the
   mistake is that pair sampled or factorized as one block, and "(y, z) | x is not
   factorized" denies it.
3. A negation right before "avoid", "éviter" denies it back: "you cannot avoid 2^min(M,K)
   terms", "on ne peut pas éviter" say the cost, as "not without" does.
4. q8.b: the RBM's own sum or computation said exponential ("dans une RBM la somme est
   exponentielle", "in an RBM the computation is exponential") is the reversed contrast,
   as its cost and marginal already were.
5. q7.a: a linear critic said to force the generator to reproduce the variance, the
   covariance or the correlations is the moments reversed (it enforces only the mean);
   "it does not force the generator to match the variance" stays the key's point.
6. q7.a: the generator said to compare the means is bound to the generator, but its verb
   `discrimin*` shares the stem of "discriminator", the other side's name: "you need a
   discriminator with enough capacity so the divergence means something" said it.
7. q8.b, q8.c: "factor" the verb, denied ("the sum over (y, z) doesn't factor"), is the
   coupling; the phases named by their side ("the data phase", "la phase du modèle") are
   the positive and the negative phase.
8. q6.b: the factorized family given to IAF ("IAF is restricted to a diagonal Gaussian",
   "l'IAF est factorisé") is the families swapped; it took the mean-field's limit as said.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from examgrade.text.match import negated_positions
from examgrade.text.normalize import sentences
from tests.text.conftest import contradiction_ids, idea_states

Q8A = "q8.a:explanation"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("You cannot draw (y, z) jointly.", "jointly"),
        ("On ne peut pas tirer (y,z) en un coup.", "coup"),
        ("We do not sample x|y,z twice.", "twice"),
    ],
)
def test_a_tuple_does_not_stop_a_negation(text, word) -> None:
    sentence = sentences(text)[0]
    flags = dict(zip(sentence.tokens, negated_positions(sentence), strict=True))
    assert flags[word]


def test_a_labelled_part_still_cuts() -> None:
    sentence = sentences("(a) it is not linear, (b) it is exponential")[0]
    flags = dict(zip(sentence.tokens, negated_positions(sentence), strict=True))
    assert not flags["exponential"]


@pytest.mark.parametrize(
    "text",
    [
        "Each group is conditionally independent given the two others. You can't treat "
        "(y, z) given x as factorized, though.",
        "Given y and z the x are independent, and so on for each layer; but (y,z)|x "
        "is not factorized.",
        "Sachant les deux autres couches, les unités d'une couche sont indépendantes. "
        "En revanche (y, z) sachant x n'est pas factorisé.",
        "Chaque bloc est indépendant sachant les autres ; on ne peut pas traiter (y,z) "
        "sachant x comme un bloc factorisé.",
    ],
)
def test_q8a_the_pair_denied_factorized_is_right(grade, text) -> None:
    result = grade(Q8A, text)
    assert "two-blocks" not in contradiction_ids(result)
    assert result.score >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "Sample x given (y, z), then sample (y, z) given x: two blocks are enough.",
        "P(y,z|x) factorizes, so draw x|y,z and then y,z|x in parallel.",
        "On tire x sachant (y,z) puis on tire (y,z) sachant x en parallèle.",
        "Deux blocs : x sachant (y, z), puis (y, z) sachant x.",
    ],
)
def test_q8a_the_pair_drawn_as_a_block_stays_the_mistake(grade, text) -> None:
    assert "two-blocks" in contradiction_ids(grade(Q8A, text))


Q8B = "q8.b:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Not linear: given x, y and z stay coupled, and you cannot avoid summing 2^min(M,K) terms.",
        "Non : y et z restent couplés sachant x, on ne peut pas éviter les 2^min(M,K) termes.",
    ],
)
def test_q8b_a_cost_that_cannot_be_avoided_is_said(grade, text) -> None:
    result = grade(Q8B, text)
    assert idea_states(result)["exponential"] == "found"


def test_avoid_further_on_is_no_double_negation() -> None:
    sentence = sentences("It cannot overfit and avoids a discriminator too strong.")[0]
    flags = dict(zip(sentence.tokens, negated_positions(sentence), strict=True))
    assert flags["strong"]


@pytest.mark.parametrize(
    "text",
    [
        "Dans une RBM la somme est exponentielle ; ici, avec trois voies, tout devient linéaire.",
        "In an RBM the computation is exponential in the hidden units, here it is linear.",
    ],
)
def test_q8b_the_rbm_said_exponential_is_the_reversal(grade, text) -> None:
    result = grade(Q8B, text)
    assert "rbm-exponential" in contradiction_ids(result)
    assert result.score <= 0.5


Q7A = "q7.a"


@pytest.mark.parametrize(
    "text",
    [
        "A linear discriminator forces the generator to reproduce the covariance of the "
        "data, but it never looks at the mean.",
        "Le discriminateur linéaire oblige le générateur à reproduire les corrélations des "
        "données.",
    ],
)
def test_q7a_second_moments_enforced_is_the_reversal(grade, text) -> None:
    result = grade(Q7A, text)
    assert "variance-only" in contradiction_ids(result)
    assert result.score <= 1.0


@pytest.mark.parametrize(
    "text",
    [
        "No: it only compares the means, and it does not force the generator to match "
        "the variance, so the generator can collapse.",
        "Non : il ne compare que les moyennes, rien n'oblige le générateur à reproduire "
        "la covariance.",
    ],
)
def test_q7a_second_moments_not_enforced_is_right(grade, text) -> None:
    assert "variance-only" not in contradiction_ids(grade(Q7A, text))


def test_q7a_the_discriminator_named_is_not_the_generator_comparing(grade) -> None:
    text = (
        "Not advisable: it only compares the means, so the generator is happy with a "
        "collapsed output. It is cheap and stable. But you need a discriminator with "
        "enough capacity so the divergence it estimates means something."
    )
    assert "generator-compares" not in contradiction_ids(grade(Q7A, text))


@pytest.mark.parametrize(
    "text",
    [
        "No: it is the generator that compares the means, not the discriminator.",
        "Non : c'est le générateur qui compare les moyennes.",
    ],
)
def test_q7a_the_generator_comparing_stays_the_mistake(grade, text) -> None:
    assert "generator-compares" in contradiction_ids(grade(Q7A, text))


Q8C = "q8.c:explanation"


def test_q8b_the_sum_that_does_not_factor_is_the_coupling(grade) -> None:
    text = "Not linear: given x, the sum over y and z does not factor, 2^min(M,K) terms."
    assert idea_states(grade(Q8B, text))["coupled"] == "found"


def test_q8b_a_sum_that_factors_is_not_the_coupling(grade) -> None:
    text = "It is linear: the sum over y and z factors into softplus terms."
    assert idea_states(grade(Q8B, text))["coupled"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Yes: the model phase runs the block Gibbs sampler of (a) from the data; the data "
        "phase needs Gibbs sampling with x clamped, as the posterior over (y,z) doesn't "
        "factor.",
        "Oui : la phase du modèle avec k balayages de Gibbs ; la phase des données par "
        "échantillonnage de Gibbs avec x fixé, car (y,z) sachant x n'est pas factorisé.",
    ],
)
def test_q8c_the_phases_named_by_their_side(grade, text) -> None:
    states = idea_states(grade(Q8C, text))
    assert states["negative-phase"] == "found"
    assert states["positive-sampling"] == "found"


Q6B = "q6.b:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Mean-field wins: it fits separate parameters for every example, whereas IAF is "
        "restricted to a diagonal Gaussian.",
        "Non : le mean-field s'adapte à chaque exemple alors que l'IAF est factorisé.",
    ],
)
def test_q6b_the_factorized_family_given_to_iaf(grade, text) -> None:
    result = grade(Q6B, text)
    assert "iaf-factorized" in contradiction_ids(result)
    assert idea_states(result)["mean-field-limited"] != "found"


@pytest.mark.parametrize(
    "text",
    [
        "Yes: mean-field is restricted to a diagonal Gaussian, while IAF is not: a richer "
        "family, at the price of an amortization gap.",
        "Yes, mean-feild is factorised and misses corelations, IAF is more expresive.",
    ],
)
def test_q6b_the_factorized_mean_field_stays_right(grade, text) -> None:
    assert "iaf-factorized" not in contradiction_ids(grade(Q6B, text))
