"""Issue 11, second round: who does what in q7 (discriminator, generator) and q8 (y and
z given x, the RBM), the answer key's misconceptions for q2.c and q8 as contradictions,
right answers said with a negation; each with the band a careful teaching assistant gives
it from the exam and the answer key (tests/data/free_text_tuning2.yaml has more)."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import score_text

# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q8.a: the two-block scheme, however it is said, is the key's mistake
    ("q8.a:explanation", "On echantillonne x sachant (y,z), puis (y,z) ensemble sachant x.", 0, 0),
    (
        "q8.a:explanation",
        "x and y are sampled together given z, since x and y are independent given z, "
        "then z given x,y.",
        0,
        0,
    ),
    (
        "q8.a:explanation",
        "L'energie est lineaire en chaque groupe sachant les deux autres, donc les unites de "
        "x sont independantes sachant y et z : on echantillonne x|y,z puis y|x,z puis z|x,y.",
        1,
        1,
    ),
    # q8.b: "exponential in M+K" is partly right (one layer sums out: 2^min(M,K))
    ("q8.b:explanation", "No, it is exponential in M+K since we sum over all y and z.", 0.5, 1.5),
    (
        "q8.b:explanation",
        "Non. La somme sur z donne un produit sur k qui depend encore de y ; il faut donc "
        "sommer sur les 2^M configurations de y : le cout est exponentiel en min(M,K), pas "
        "lineaire comme pour une RBM.",
        2.5,
        3,
    ),
    # q2.c: a norm of W above 1 is not the condition for explosion
    # (a TA gives 1, for the vanishing side; the contradiction costs the explosion idea
    # it keeps from being credited, once)
    ("q2.c:explanation", "If ||W|| > 1 it explodes and if ||W|| < 1 it vanishes.", 0, 1),
    ("q2.c:explanation", "If the norm of W is greater than 1 the gradient explodes.", 0, 0.5),
    # q6.b: the key's argument said with a negation ("not always better", "only optimal
    # within the factorized family", "IAF's family is bigger")
    (
        "q6.b:explanation",
        "Mean-field is not always better: it is only optimal within the factorized family. "
        "IAF's family is bigger, so it can win unless the amortization gap of its shared "
        "encoder is larger.",
        3,
        4,
    ),
    (
        "q6.b:explanation",
        "No: mean-field optimises each example exactly, so it is always better than an "
        "amortized encoder.",
        0,
        0,
    ),
    # q7.a: the generator given what the discriminator does
    (
        "q7.a",
        "No: the generator compares the means of the real and fake samples, so it collapses.",
        0,
        2,
    ),
    # q7.a: right answers with a negation
    (
        "q7.a",
        "Non, il n'est pas assez puissant : il ne distingue pas deux distributions de meme "
        "moyenne, donc le generateur n'est pas oblige d'apprendre la variance ou les modes.",
        3.5,
        5,
    ),
    ("q7.a", "Advantage: simple and stable, easy Lipschitz. Drawback: not expressive.", 1.5, 2.5),
    # q7.c: the packs given to the generator; "either all real or all generated"
    (
        "q7.c",
        "The generator receives packs of real samples and learns to produce several "
        "samples at once, which increases diversity.",
        0,
        2,
    ),
    (
        "q7.c",
        "In PacGAN the discriminator takes m samples concatenated together, either all from "
        "the data or all from the generator, and outputs a single decision for the pack.",
        3,
        5,
    ),
    (
        "q7.c",
        "It does not add discriminators or generators: the single D sees m samples at once, "
        "all real or all fake, and a collapsed G cannot produce diverse packs, so D catches it.",
        4,
        5,
    ),
]


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_two_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low - 1e-9 <= score <= high + 1e-9, score


def test_the_generator_given_the_packs_is_quoted(items) -> None:
    item = items("q7.c")
    ideas, contradictions = read_options(item)
    text = "The generator receives packs of real samples. It learns to make them diverse."
    said = score_text(text, ideas, contradictions, item.points).contradictions
    assert [c.id for c in said] == ["generator-packs"]
    assert said[0].quote == "The generator receives packs of real samples."
