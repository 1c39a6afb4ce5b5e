"""Issue 11, point 4, round two (i11kw2): the lists the detector missed.

Lists now seen: two terms named side by side (one of them may be an arrow, "p -> 0,
overfitting"), a "vs" counted as the two terms it names ("per-parameter rate; sum vs
average"), a head whose colon opens an enumeration ("Adam: m, v, beta1, beta2"), a formula
among names whose symbols are not words ("lr -> 0" beside three names is one word of a
list, not three), an absolute value "|λ|" that is no conditional's bar. Terse answers not
capped: a pair with a verdict, a verb, an article, a head's colon or a quantity spelled out
("exponential, 2^min(M,K)"), two single words, an idiom's two halves, a head's colon
followed by a piece that relates. Every sentence below was written for this test, in no
tuning set nor the frozen one.
"""

from __future__ import annotations

import pytest

from examgrade.text.grade import is_keyword_list

LISTS = [
    # two terms side by side, one of them may be an arrow
    "dropout prob -> 0, overfitting",
    "taux de rétention -> 0, sur-ajustement",
    "overfitting, dropout rate -> 1",
    "vanishing gradient, spectral radius",
    "rayon spectral, gradient explosif",
    "Gumbel-softmax, score estimator",
    "non dérivable, échantillonnage discret",
    "mode collapse, mean matching",
    "partition function, three-way coupling",
    "unités actives ; parcimonie",
    "bias correction; momentum",
    # "X vs Y" names two terms
    "per-parameter rate; running sum vs moving average",
    "pas adaptatif ; cumul vs moyenne glissante",
    "mean field vs flow, amortization gap",
    # a head whose colon opens an enumeration
    "Adagrad: G, eta, epsilon, sqrt. RMSprop: rho.",
    "RMSprop: v_t, rho, eps, eta",
    "Adam : m_t, v_t, beta1, beta2, epsilon",
    "CD-k: k steps, negative phase, Gibbs chain, PCD",
    # a formula among names is one word of the list
    "lr -> 0, somme des carrés, pas d'oubli",
    "step -> 0, squared sum, no forgetting",
    "rho(W) > 1, exploding gradient, eigenvalues, long memory",
    "m ~ Bernoulli, zero derivative, REINFORCE, Gumbel",
    # an absolute value or a norm is a name, not a conditional's bar
    "- spectral radius - |λ_max| vs 1 - vanishing grad - exploding grad",
    "rayon spectral, ||W^t||, valeurs propres, gradient explosif",
]

TERSE = [
    # two single words: the answer's two key terms (round i11s3)
    "Gumbel, REINFORCE",
    # two halves of an idiom, a term and its gloss: one term
    "last in, first out",
    "MME, moyenne mobile exponentielle",
    # a pair with a verdict first
    "non ; p_i -> 0",
    "yes: amortized flow",
    # a pair with a verb, an article or a head's colon
    "p -> 0, so it overfits",
    "dropout vanishes, the net overfits",
    "Adagrad: sum of squares, RMSprop: moving average",
    "Adam: +momentum, +bias correction",
    "the penalty follows the active units, weight decay does not",
    "it forgets old gradients, Adagrad never does",
    # a pair that spells out a quantity answers
    "exponential, 2^min(M,K) terms",
    "exponentiel, somme sur 2^M configurations",
    "ρ(W) < 1, vanishing",
    # a head's colon then a piece that relates
    "Adagrad: cumulative sum, the step goes to 0; RMSprop: moving average",
    "Adam: momentum, it also corrects the bias; RMSprop: none of that",
    # pieces too long for a term, or relating
    "stochastic mask not differentiable wrt p, use REINFORCE or a relaxation",
    "the noise only raises the training loss, p_i -> 0 and dropout is lost",
    "x | y,z; y | x,z; z | x,y",
    "x|yz,y|xz,z|xy, Gibbs",
    "|λ| < 1 -> vanishing, |λ| > 1 -> exploding",
    "rho < 1 -> vanishing; rho > 1 -> exploding",
    "Adagrad = somme, RMSprop = moyenne",
    "p -> 0 donc surapprentissage, plus de bruit du tout",
    "the mask is sampled, no gradient flows through it",
]


@pytest.mark.parametrize("text", LISTS)
def test_a_pile_of_names_is_a_list(text: str) -> None:
    assert is_keyword_list(text)


@pytest.mark.parametrize("text", TERSE)
def test_a_terse_answer_is_not_a_list(text: str) -> None:
    assert not is_keyword_list(text)
