"""Issue 11, point 4 (i11kw): a keyword list told from a terse answer by its structure.

A list is pieces that only name terms, with at most a third of them relating anything: a
list is still one with a "vs" between two names, an arrow or a formula in one piece, a
verdict first ("no;"), semicolons, pieces of four or five words, French pieces held by
"de", "par", "pas". A terse answer is not capped: more than a third of its pieces relate
their terms to each other or to an entity (a verb, "Adagrad: ...", "Adagrad - ...",
"X -> Y", "ρ < 1", "x | y, z", "x sachant (y, z)", "but", a pronoun, a comparative); and an
enumeration closed by "and"/"et", or pieces with articles, are a sentence's parts, whatever
its verbs. Every sentence below was written for this test, in neither the tuning sets nor
the frozen one.
"""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import _outcome, read_options, score_item_text
from examgrade.text.grade import is_keyword_list, list_cap, score_text

LISTS = [
    # "vs" sets two names side by side without saying how they differ
    "per-parameter step, running sum of g^2 vs decaying average, step shrinks to zero?, memory",
    "cumul total vs moyenne glissante, pas adaptatif, oubli du passé, rho",
    "mean field vs flow posterior, gap d'amortissement, corrélations, expressivité",
    # one arrow or formula among names
    "keep prob -> 1, no noise, train loss, overfit, tune on val",
    "p_i -> 0, moins de bruit, pas de régularisation, sur-apprentissage",
    "Gibbs par blocs, sigmoïde, indépendance conditionnelle, P(x_i=1) = σ(-a)",
    "spectral radius, W^t, eigenvalues > 1, long-range memory",
    "packing, m samples per input, P^m vs Q^m, joint decision, diversity check",
    # a verdict first, then a pile
    "no; coupling of y and z; partition fn over (y,z); exponential cost; softplus in RBM only",
    "non ; couplage trilinéaire ; somme sur 2^min(M,K) ; pas de forme fermée",
    "not advisable; linear critic; mean only; collapse onto the average; cheap",
    "déconseillé ; critique linéaire ; premier moment seulement ; effondrement",
    # semicolons and pieces of four or five words
    "bias correction of both moments; first moment momentum term; beta1 and beta2; epsilon",
    "correction du biais des moments; moment d'ordre un; beta1 beta2; epsilon",
    # French pieces held by "de", "par", "pas"
    "taux par paramètre, somme des carrés, pas de fenêtre, décroissance du pas",
    "masque des unités actives, pénalité par exemple, pas de pénalité uniforme, parcimonie",
    "échantillonnage de Bernoulli, pas de dérivée, estimateur de score, relaxation de Gumbel",
    "phase positive intraitable, phase négative par Gibbs, CD-k, PCD, champ moyen",
    # English piles of three words or so
    "Bernoulli mask sampling, zero derivative, score function estimator, concrete relaxation",
    "small initial weights, bounded number of steps, implicit L2, effective capacity",
    "active hidden units, input-dependent penalty, Jacobian mask [h>0], sparse codes",
    "amortization gap, approximation gap, factorized Gaussian, autoregressive flow",
]

TERSE = [
    # an entity, a colon, what it does
    "Adagrad: running sum of g^2, step -> 0; RMSprop: decaying average, forgets old g",
    "Adagrad : somme cumulée de g^2 ; RMSprop : moyenne mobile exponentielle",
    "Adam: RMSprop + momentum + bias correction",
    "CAE: penalty on active units only; weight decay: every weight alike",
    # arrows, formulas and relations in most pieces
    "ρ(W) < 1 -> vanishing, ρ(W) > 1 -> exploding",
    "rayon spectral < 1 : gradient évanescent ; > 1 : explosif",
    "training loss prefers no noise -> p_i -> 0 -> overfitting",
    "noise raises train loss => p_i -> 0, dropout off, overfit",
    "m ~ Bern(p) -> not differentiable wrt p -> use REINFORCE or Gumbel-softmax",
    "masque ~ Bernoulli(p) : pas de gradient -> REINFORCE ou relaxation",
    "x | y,z then y | x,z then z | x,y",
    "x sachant (y,z), y sachant (x,z), z sachant (x,y)",
    "sample x given y and z, then y given x and z, then z given x and y",
    "Z = sum over y of prod_k (1 + e^a_k) -> 2^M terms",
    "E[x_real] = E[x_fake] is all a linear critic checks, so G collapses to the mean",
    # a verdict and a claim
    "no: a linear D only compares means, G can match them and collapse",
    "non : le critique linéaire ne voit que la moyenne",
    "yes, but it can't model correlations, and the amortized IAF has its own gap",
    "oui, IAF plus riche mais amortie, donc un écart d'amortissement",
    # pronouns and verbs the relations list knows
    "it only penalizes active units, so it depends on the input",
    "they both rescale each parameter's step; Adagrad never forgets, RMSprop does",
    "ΔW = <xyz>_data - <xyz>_model, the positive phase needs clamped Gibbs",
    # an enumeration closed by its conjunction, phrases with articles: a sentence's parts,
    # its verbs unknown to the grader ("involves", "blocks", "stop")
    "by the step size, the decay rate, and the window length",
    "par la taille du pas, le taux de décroissance et la fenêtre",
    "involves a Bernoulli mask, blocks the gradient, calls for a score estimator",
    "both loop on a condition, repeat a body, stop on a test",
    # comparatives relate two terms, their copula elided
    "rayon spectral inférieur à 1, gradient évanescent, supérieur à 1, explosif",
    "left subtree smaller, right subtree larger, both ordered",
    # a spaced dash after a head, beside commas, defines it
    "Adagrad - sum of every g^2, RMSprop - decaying average, Adam - plus momentum",
    "phase positive - Gibbs avec x fixé, phase négative - CD-k, mise à jour - ΔW",
]


@pytest.mark.parametrize("text", LISTS)
def test_a_pile_of_names_is_a_list(text: str) -> None:
    assert is_keyword_list(text)


@pytest.mark.parametrize("text", TERSE)
def test_a_terse_answer_that_relates_its_terms_is_not_a_list(text: str) -> None:
    assert not is_keyword_list(text)


def test_a_list_with_an_arrow_is_capped_and_marked(grade) -> None:
    """Its ideas found, a list with one arrow still earns 1.5 of 3 at most."""
    result = grade("q4.b.i", "p_i -> 0, less noise, no regularization left, overfitting, val set")
    assert result.keyword_list and result.score <= 1.5 and result.confidence.value < 0.6


def test_a_terse_answer_with_entity_colons_is_graded_in_full(grade) -> None:
    result = grade(
        "q3.a",
        "both adaptive per parameter; Adagrad: sum of all past g^2, step -> 0; "
        "RMSprop: exponential moving average, forgets the old gradients",
    )
    assert not result.keyword_list and result.score >= 3


def test_a_list_earns_a_point_and_a_half_of_five_at_most(rubrics) -> None:
    """A list of the right terms earns what graders give one: the IFT6135 rubrics'
    `list_share: 0.3`, up to the next half point, 1.5 of 5 where half (2.5, the default a
    rubric without the option keeps) was more than they give; the feedback says so."""
    item = find_item(rubrics, "q3.a")
    text = (
        "per-parameter step, running sum of g^2 vs decaying average, step shrinks to zero, "
        "forgets old gradients"
    )
    result = score_item_text(text, item)
    assert result.keyword_list and 1 <= result.score <= 1.5
    ideas, contradictions = read_options(item)
    assert score_text(text, ideas, contradictions, item.points).score == 2.5  # the default
    lines = [f.render("en") for f in _outcome(result, item.points).feedback]
    assert any("earns at most 1.5 points" in line for line in lines)


def test_a_list_cap_is_a_half_point() -> None:
    assert [list_cap(p, 0.4) for p in (1, 3, 4, 5)] == [0.5, 1.5, 2.0, 2.0]
    assert [list_cap(p, 0.3) for p in (1, 3, 4, 5)] == [0.5, 1.0, 1.5, 1.5]
    assert [list_cap(p) for p in (1, 3, 4, 5)] == [0.5, 1.5, 2.0, 2.5]
