"""Issue 11, third round: a contradiction's arithmetic as a TA does it (the wrong claim's
idea earns nothing and the claim costs its points once), q2.c, q3, q4 and q5.b said in
other words and in French, the key's misconceptions; each example with the band a
careful teaching assistant gives it (tests/data/free_text_tuning3.yaml has more)."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import Contradiction, Idea, is_keyword_list, patterns, score_text

# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q2.c: entries of W instead of eigenvalues costs the explosion idea once, not twice
    # (the vanishing half stays right: a TA gives 1 of 3)
    (
        "q2.c:explanation",
        "If the entries of W are all smaller than 1 the gradient vanishes, if some entries "
        "are > 1 it explodes.",
        0.5,
        1,
    ),
    # q2.c: each fate belongs to its case; the cases swapped earn nothing for them
    (
        "q2.c:explanation",
        "If the eigenvalues of W are less than 1 in absolute value the gradient explodes, "
        "and if they are larger than 1 it vanishes.",
        0,
        1,
    ),
    (
        "q2.c:explanation",
        "rho(W) > 1 : gradient evanescent, h_t oublie h_0. rho(W) < 1 : gradient explosif.",
        0,
        1,
    ),
    (
        "q2.c:explanation",
        "quand t->inf, si les eigenvalues sont > 1 le gradient vanish et si < 1 il explose",
        0,
        1,
    ),
    # ... said rightly, in any order, "with" or "a un module" before the case, a case
    # written with a call ("eig(W)"), and a case that holds in its own sentence only
    (
        "q2.c:explanation",
        "vanish if max|eig(W)|<1, explode if max|eig|>1. =1: bounded if diagonalizable (e.g. "
        "orthogonal W keeps norm), Jordan block -> grows polynomially.",
        2.5,
        3,
    ),
    (
        "q2.c:explanation",
        "Si toutes les valeurs propres sont de module < 1, W^t -> 0 : le gradient disparait. "
        "Si une valeur propre a un module > 1, ça explose.",
        2,
        3,
    ),
    (
        "q2.c:explanation",
        "W^t vanishes if eigenvalues < 1, explodes if > 1. But the inputs x_t keep the "
        "gradient from vanishing since they are added at every step.",
        1,
        2,
    ),
    # q2.c in French and in other words: "s'évanouit", "shrinks geometrically"
    (
        "q2.c:explanation",
        "Valeurs propres de module < 1 : le gradient s'evanouit ; > 1 : il explose.",
        2,
        2.5,
    ),
    # q4.a: the functions one can reach ("atteindre")
    (
        "q4.a",
        "On part de poids proches de 0 et la norme des poids grandit au fil de "
        "l'entrainement ; plus on itere, plus on peut atteindre de fonctions complexes.",
        2.5,
        3.5,
    ),
    # q5.b (the explanation is out of 4): weight decay restricted to the active units names
    # the CAE penalty; a pronoun after weight decay may be either; said with negations
    (
        "q5.b:explanation",
        "With ReLU, J(x) = diag(1[Wx+b>0]) W, so ||J||_F^2 = sum over active units j of "
        "||w_j||^2. It's weight decay only on the rows of units active for that input: data "
        "dependent, varies per example. Dead units are not penalized at all, whereas weight "
        "decay penalizes all weights uniformly. It also favors sparse codes / contraction "
        "around training points.",
        3.5,
        4,
    ),
    (
        "q5.b:explanation",
        "Jacobienne = diag(1[Wx+b>0]) W. So CAE penalty = WD restricted to active units, "
        "depends on x, averaged = WD pondere par la frequence d'activation, dead units pas "
        "penalisees, encourages sparsity.",
        3,
        4,
    ),
    (
        "q5.b:explanation",
        "Ce n'est plus equivalent : la penalite n'est plus independante de x. Les unites qui "
        "ne sont pas actives ne contribuent pas (derivee nulle) ; les unites mortes ne sont "
        "jamais penalisees.",
        2,
        3.2,
    ),
    ("q5.b:explanation", "The CAE penalty depends on the data, weight decay doesn't.", 1.2, 2),
    # q3: "Adam = RMSprop + momentum + bias correction" is the key's own summary; Adam
    # given Adagrad's sum, or only momentum, is a misconception; RMSprop "fixes" the decay
    ("q3.b", "Adam = RMSprop + momentum + correction de biais.", 4.5, 5),
    (
        "q3.b",
        "Adam n'a pas de learning rate adaptatif, il utilise seulement le momentum, alors que "
        "RMSprop adapte le lr.",
        0,
        1,
    ),
    (
        "q3.b",
        "Adam = RMSprop + momentum. Adam's second moment is the sum of all squared gradients "
        "like Adagrad, RMSprop uses a moving average.",
        1.5,
        2.5,
    ),
    (
        "q3.a",
        "RMSprop fixes Adagrad's problem that the learning rate goes to zero too fast.",
        1.5,
        2.5,
    ),
    # q3.a: right said with negations (the step cannot go back up, not one rate for all);
    # Adagrad's rate said to increase costs the decay idea it denies
    (
        "q3.a",
        "Adagrad n'oublie jamais rien : la somme des g^2 ne fait que croitre, donc le pas ne "
        "peut pas remonter. RMSprop ne garde pas tout l'historique (moyenne exponentielle), "
        "son pas ne tend pas vers zero. Les deux n'utilisent pas le meme lr pour tous les "
        "parametres.",
        4,
        5,
    ),
    (
        "q3.a",
        "Both adapt per-parameter lr. Adagrad's learning rate increases over time as gradients "
        "accumulate, RMSprop keeps it constant with a moving average.",
        1,
        2.5,
    ),
    # q4.b.ii: the mask said continuous (p_i discrete) is the key's variable swapped
    (
        "q4.b.ii",
        "Le probleme c'est que p_i est discret alors que le masque est continu, donc on ne "
        "peut pas deriver le masque.",
        0,
        1,
    ),
    # q4.a: the weights said to start large and shrink is the mechanism reversed; "start
    # small" (with a typo) is not "smaller"
    (
        "q4.a",
        "The weights start large and SGD shrinks them at every step, so the model becomes "
        "more linear and the capacity grows as they get smaller.",
        0,
        1.6,
    ),
    (
        "q4.a",
        "Weigths start small and move a bounded distence each step, so the efective capacity "
        "grows with iterations.",
        3,
        3,
    ),
    # q4.b: p_i not kept away from 0, "ce n'est pas efficace", a random mask
    (
        "q4.b.i",
        "No. Nothing in the training loss rewards keeping noise, so gradient descent will not "
        "keep p_i away from 0: the units are no longer dropped and the model is not "
        "regularized anymore (it overfits).",
        2,
        3,
    ),
    (
        "q4.b.i",
        "Ce n'est pas efficace : p_i -> 0 car minimiser l'erreur d'entrainement = enlever "
        "le bruit.",
        2,
        3,
    ),
    ("q4.b.ii", "The dropout mask is random, so it's hard to compute the gradient.", 0.25, 1.5),
    # ... and the key's reversed claim: the inactive units penalised
    (
        "q5.b:explanation",
        "With ReLU the CAE penalty only applies to the inactive units (those with Wx+b<0), "
        "while the active ones are not penalized.",
        0,
        1.6,
    ),
    (
        "q5.b:explanation",
        "Weight decay only penalizes the rows of the active units and depends on the data, "
        "whereas the CAE penalty hits every weight uniformly, whatever the input.",
        0,
        0.8,
    ),
]


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_three_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low - 1e-9 <= score <= high + 1e-9, score


IDEAS = [
    Idea("sum", 2.0, patterns(["adagrad sums"])),
    Idea("adaptive", 1.0, patterns(["adaptive"])),
]
CLAIM = Contradiction("sum-is-average", 2.0, patterns(["sums average*"]), negates=("sum",))


def test_a_denied_idea_is_not_lost_twice() -> None:
    """The idea said wrongly earns nothing, the claim costs its points once: the other
    right idea keeps its point."""
    result = score_text("Adagrad sums an average. It is adaptive.", IDEAS, [CLAIM], 3.0)
    assert {r.idea.id: r.state for r in result.ideas} == {"sum": "negated", "adaptive": "found"}
    assert result.score == 1.0


def test_a_claim_about_a_missing_idea_still_costs_its_points() -> None:
    result = score_text("It sums an average. It is adaptive.", IDEAS, [CLAIM], 3.0)
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "jacobienne, unites actives, depend des donnees, parcimonie",
        "p_i -> 0, overfitting, validation set",
        "effective capacity, small init, bounded steps, early stopping = L2",
    ],
)
def test_a_list_with_one_claim_among_its_terms_is_a_keyword_list(text: str) -> None:
    assert is_keyword_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "adagrad = somme, rmsprop = moyenne expo",
        "Adam: + momentum (1st moment) + bias correction",
        "rayon spectral < 1 : evanescent ; > 1 : explosif.",
        "Adagrad sums the squared gradients, RMSprop averages them, both are adaptive",
    ],
)
def test_terse_formulas_are_claims_not_keyword_lists(text: str) -> None:
    assert not is_keyword_list(text)


def test_a_long_answer_that_earns_little_is_sent_to_a_person(items) -> None:
    """Many words the grader did not credit: the best sign, on the tuning sets, that a TA
    would score it otherwise (ideas in other words, or a long wrong answer)."""
    item = items("q4.b.ii")
    ideas, contradictions = read_options(item)
    text = (
        "Le dropout est stochastique donc la perte est aleatoire. Pour calculer un gradient "
        "il faut une esperance sur tous les masques possibles, ce qui est tres couteux. On "
        "pourrait faire du Monte Carlo mais ca risque d'etre bruite, et il faudrait "
        "beaucoup d'echantillons pour que l'estimation soit bonne."
    )
    result = score_text(text, ideas, contradictions, item.points)
    assert "uncredited" in result.confidence.reasons and result.confidence.review


def test_a_recognised_contradiction_alone_is_not_sent_to_a_person(items) -> None:
    item = items("q3.b")
    ideas, contradictions = read_options(item)
    text = "Both divide by an EMA of squared gradients, Adam adds momentum and uses the Hessian."
    result = score_text(text, ideas, contradictions, item.points)
    assert [c.id for c in result.contradictions] == ["second-order"]
    assert result.confidence.value < 1 and not result.confidence.review
