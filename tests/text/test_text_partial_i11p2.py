"""Issue 11, partial answers (i11p2): something right and nothing wrong, though little of
the key, earns what a TA gives it (sentences written for the test, EN and FR).

On the tuning pool, answers with no contradiction that the grader scored 20-40% of the
points got 0.34-0.42 from their TAs (0.22-0.34 here), on the even and the odd halves
alike: one idea of three, an idea said vaguely, a right verdict without its reason. Their
credit now goes half of the way up to 40% of the points (`grade.RAISE_SHARE`,
`grade.RAISE_UPTO`). The raise never passes 40%, never touches an answer with a
contradiction or a keyword list, and never lowers a score: the guards below.
"""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.base import CheckContext
from examgrade.checks.concepts import ConceptsCheck
from examgrade.errors import Location
from examgrade.i18n import Message
from examgrade.nodes import Scalar
from examgrade.text.grade import RAISE_UPTO, Idea, patterns, score_text
from tests.text.conftest import idea_states

# (part, answer, the idea a pattern finds, score before -> after, out of the part's points)
RAISED = [
    (
        "q3.a",
        "Adagrad's step size keeps shrinking during training; RMSprop fixes that.",
        "adagrad-decay",
        1.5,
    ),
    (
        "q3.a",
        "Adagrad : le taux d'apprentissage baisse avec le temps. RMSprop : non.",
        "adagrad-decay",
        1.5,
    ),
    ("q4.a", "Early stopping acts like an L2 penalty on the weights.", "early-stopping", 1.3),
    ("q4.a", "L'arrêt précoce joue le rôle d'une pénalité L2.", "early-stopping", 1.3),
    ("q7.a", "It would be stable, cheap and easy to keep 1-Lipschitz.", "benefits", 1.5),
    ("q7.a", "Ce serait stable, rapide et facile à rendre 1-Lipschitz.", "benefits", 1.5),
    (
        "q6.b:explanation",
        "It depends on the posterior: if it is close to a factorised Gaussian, mean-field "
        "is enough.",
        "trade-off",
        1.3,
    ),
    (
        "q6.b:explanation",
        "Ça dépend du postérieur : s'il est presque gaussien factorisé, le mean-field suffit.",
        "trade-off",
        1.3,
    ),
]


@pytest.mark.parametrize(("key", "text", "idea", "score"), RAISED)
def test_one_right_idea_of_several_earns_what_a_ta_gives(grade, key, text, idea, score) -> None:
    result = grade(key, text)
    assert idea_states(result)[idea] == "found"
    assert not result.contradictions and not result.keyword_list
    assert result.score == pytest.approx(score)  # was the idea's weight alone (1 of 5, 1 of 4)


@pytest.mark.parametrize(
    "text",
    [
        "The dropout mask is random, so the gradient is noisy.",  # a hint, half of 1.25
        "Le masque de dropout est aléatoire, donc le gradient est bruité.",
    ],
)
def test_a_vague_idea_said_alone_is_raised_toward_the_tas_share(grade, text) -> None:
    result = grade("q4.b.ii", text)
    assert set(idea_states(result).values()) <= {"weak", "missing"}
    assert 0.9 <= result.score < 3 * RAISE_UPTO  # was the floor, 0.6 or 0.625 of 3


@pytest.mark.parametrize(
    ("key", "text", "score"),
    [
        # a contradiction beside the right idea: the claim's cost, no raise
        ("q3.b", "Adam does not use squared gradients, it only uses momentum.", 0.0),
        ("q7.c", "PacGAN uses several discriminators, one per sample, so it sees diversity.", 1.0),
        (
            "q3.a",
            "RMSprop accumule la somme des gradients au carré comme Adagrad, mais les "
            "deux adaptent le pas par paramètre.",
            0.0,
        ),
        # a keyword list keeps its half credit per idea, no raise
        ("q7.c", "packs, discriminator, diversity, mode collapse", 1.75),
        # already at 40%: unchanged
        ("q3.b", "Adam adds momentum on top of RMSprop.", 2.0),
        ("q3.b", "Adam rajoute du momentum par rapport à RMSprop.", 2.0),
    ],
)
def test_no_raise_with_a_wrong_claim_a_list_or_at_forty_percent(grade, key, text, score) -> None:
    assert grade(key, text).score == pytest.approx(score)


@pytest.mark.parametrize(
    ("key", "text", "score"),
    [
        ("q7.a", "Not advisable.", 1.0),
        ("q7.a", "Déconseillé.", 1.0),
        ("q7.a", "Nope, a bad idea.", 1.0),
        ("q4.a", "Early stopping, basically.", 0.8),  # the floor, a fifth of 4
        ("q4.a", "C'est l'arrêt précoce.", 0.8),
    ],
)
def test_a_terse_answer_earns_what_it_names(grade, key, text, score) -> None:
    result = grade(key, text)  # under `SHORT_WORDS` words: the TAs give the idea, no more
    assert result.score == pytest.approx(score)


def test_the_raise_never_passes_forty_percent_nor_lowers() -> None:
    small = Idea("sum", 0.5, patterns(["sum*"]))
    large = Idea("ema", 4.5, patterns(["moving+average"]))
    for points, expect in ((5, 1.5), (10, 3.0)):  # 0.5 floored to 1 (2) -> half way to 2 (4)
        result = score_text("It keeps a sum of squared gradients.", [small, large], [], points)
        assert result.score == pytest.approx(expect)
        assert result.score <= points * RAISE_UPTO
    near = Idea("near", 1.9, patterns(["sum*"]))
    result = score_text("It keeps a sum of squared gradients.", [near, large], [], 5)
    assert 1.9 < result.score < 2.0
    nothing = score_text("It keeps the learning rate fixed.", [small, large], [], 5)
    assert nothing.score == 0.0  # nothing right: nothing to raise


def test_the_raised_score_is_what_the_feedback_says(rubrics) -> None:
    item = find_item(rubrics, "q4.a")
    text = "Le modele surapprend de plus en plus au fil des epoques."
    answer = Scalar(text, Location("s.yaml", 1, 1))
    ctx = CheckContext(question=None, part=None, item=item, parameters={}, solve=lambda *a: None)
    outcome = ConceptsCheck().grade(answer, ctx)
    floors = [m for m in outcome.feedback if isinstance(m, Message) and m.code == "text.floor"]
    assert len(floors) == 1
    # the floor 0.8, then a quarter of the way to 1.6 (the IFT6135 rubrics' partial_raise)
    assert outcome.score == pytest.approx(1.0)
    assert "1 " in floors[0].render("en") and "1 " in floors[0].render("fr")
