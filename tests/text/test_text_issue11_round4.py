"""Issue 11, fourth round (engine and q2.c-q5.b): the key's misconceptions said in the
ways students write them, each with the band a careful teaching assistant gives it
(tests/data/free_text_tuning3.yaml has more)."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import score_text

# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q2.c: the key's rho = 1 case said "stable and converges" costs half a point
    (
        "q2.c:explanation",
        "Vanishing if all eigenvalues < 1, explodes if eigenvalues > 1. For eigenvalue = 1 it "
        "is stable and converges.",
        1,
        1.5,
    ),
    (
        "q2.c:explanation",
        "J=W^t. Si rho(W)<1 -> vanishing gradient, h_t forgets h_0 and goes to the fixed point. "
        "rho(W)>1 -> exploding, h_t diverge. rho=1 borderline (orthogonal W preserves the norm).",
        2.5,
        3,
    ),
    # q3.a: the key's "RMSprop accumulates the sum like Adagrad", with "also" or "like
    # Adagrad", costs the decaying average and the contrast it is the point of
    (
        "q3.a",
        "Adagrad divides by the sum of squared gradients; RMSprop also sums them like Adagrad "
        "but multiplies by a decay rate at the end. So RMSprop is just Adagrad with a smaller lr.",
        1,
        2,
    ),
    (
        "q3.a",
        "Les deux adaptent le pas par parametre. RMSprop accumule aussi la somme des gradients "
        "au carre comme Adagrad, avec un facteur de decroissance.",
        0,
        2,
    ),
    # q3.a: "Adagrad's learning rate increases" reverses the whole contrast
    (
        "q3.a",
        "Both adapt per-parameter lr. Adagrad's learning rate increases over time as gradients "
        "accumulate, RMSprop keeps it constant with a moving average.",
        1,
        2,
    ),
    # q3.a: "RMSprop is like Adagrad but with ..." says what they share (adaptive steps)
    (
        "q3.a",
        "RMSprop is like Adagrad but with a decay rate on the running squared gradient.",
        2,
        3,
    ),
    (
        "q3.a",
        "RMSprop c'est comme Adagrad mais avec une moyenne mobile des gradients au carre.",
        2,
        3,
    ),
    # q3.a: the right contrast is not taken for the misconception
    (
        "q3.a",
        "Adagrad sums all past squared gradients so its rate keeps decreasing; RMSprop replaces "
        "the sum with an exponential moving average that forgets the past. Both are adaptive "
        "per parameter.",
        4.5,
        5,
    ),
    # q3.b: bias correction read as a regulariser earns nothing for bias correction
    (
        "q3.b",
        "Adam ajoute du momentum a RMSprop. La correction de biais sert a regulariser les poids "
        "(comme weight decay).",
        1.5,
        2.5,
    ),
    (
        "q3.b",
        "Adam is RMSprop plus momentum, and its bias correction is a regularization that "
        "prevents overfitting.",
        2.5,
        3,
    ),
    # q3.b: "both moments" / "mean and variance" is Adam's first moment, and RMSprop "only
    # the second" is the shared one
    (
        "q3.b",
        "Adam utilise les deux moments (moyenne et variance du gradient), RMSprop seulement "
        "le second.",
        2.5,
        3,
    ),
    (
        "q3.b",
        "Adam uses both moments (mean and variance of the gradient), RMSprop only the second one.",
        2.5,
        3,
    ),
    # q3.b: a French bare "pas" after a closed "ne ... pas" denies again; "corrige les deux
    # moments" is the bias correction; "le 2e moment n'est pas different" is shared
    (
        "q3.b",
        "RMSprop n'a pas de premier moment (pas de momentum) et ne corrige pas le biais du a "
        "l'initialisation a zero. Adam, lui, n'utilise pas le gradient brut mais sa moyenne "
        "mobile, et corrige les deux moments. Le 2e moment n'est pas different entre les deux.",
        4,
        5,
    ),
    # q3.b: what RMSprop "can also" be made to do is not given to it
    (
        "q3.b",
        "Both keep an exponentially weighted average of the squared gradient. Adam adds a moving "
        "average of the gradient itself, like momentum, and a bias correction dividing by "
        "1-beta^t. RMSprop can also be used with momentum but that is not standard.",
        4.5,
        5,
    ),
    (
        "q3.b",
        "RMSprop also uses momentum and bias correction, Adam does not.",
        0,
        1,
    ),
    # q5.b: the penalty said to fall on the inactive units is reversed: no sparsity credit
    (
        "q5.b:explanation",
        "With ReLU the CAE penalty only applies to the inactive units (those with Wx+b<0), while "
        "the active ones are not penalized, so it's data dependent.",
        0.4,
        1.2,
    ),
    # q4.b.i: "reg" is the regularisation students abbreviate
    ("q4.b.i", "no: p->0, no more reg", 2.5, 2.5),
    # q4.a: the weights said to start large and shrink towards zero is the mechanism reversed
    (
        "q4.a",
        "The weights start large and SGD shrinks them at every step, so the model becomes more "
        "linear and the capacity grows as they get smaller.",
        0,
        1,
    ),
    (
        "q4.a",
        "Au debut les poids sont grands (reseau tres non lineaire), et SGD les rapproche de "
        "zero, ce qui augmente la capacite.",
        0,
        1,
    ),
]


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_four_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low - 1e-9 <= score <= high + 1e-9, score


def test_an_idea_denied_by_a_recognised_contradiction_is_not_a_doubt(items) -> None:
    """The reversed q4.a answer is graded as a TA does (0.5 of 4): its small-init idea is
    denied by the contradiction the grader recognised, which is understood, not doubt."""
    item = items("q4.a")
    ideas, contradictions = read_options(item)
    text = (
        "The weights start large and SGD shrinks them at every step, so the model becomes more "
        "linear and the capacity grows as they get smaller."
    )
    result = score_text(text, ideas, contradictions, item.points)
    assert "negated" not in result.confidence.reasons
    assert not result.confidence.review


def test_an_idea_denied_with_no_contradiction_is_still_a_doubt(items) -> None:
    item = items("q4.b.ii")
    ideas, contradictions = read_options(item)
    result = score_text("The mask is not discrete.", ideas, contradictions, item.points)
    assert "negated" in result.confidence.reasons


@pytest.mark.parametrize(
    "key,text",
    [
        ("q2.c:explanation", "|lambda|max<1: vanish; >1: explode"),
        ("q2.c:explanation", "rayon spectral < 1 : evanescent ; > 1 : explosif."),
        ("q3.b", "Adam: + momentum (1st moment) + bias correction"),
    ],
)
def test_a_terse_answer_whose_ideas_were_found_is_read_in_any_language(items, key, text) -> None:
    item = items(key)
    ideas, contradictions = read_options(item)
    result = score_text(text, ideas, contradictions, item.points)
    assert result.language == "unknown"
    assert "language" not in result.confidence.reasons and not result.confidence.review


def test_an_unknown_language_with_nothing_found_plainly_is_still_a_doubt(items) -> None:
    item = items("q2.c:explanation")
    ideas, contradictions = read_options(item)
    text = "vanishing/exploding gradient problem depending on W"
    result = score_text(text, ideas, contradictions, item.points)
    assert "language" in result.confidence.reasons
