"""Issue 11, third round: a contradiction's arithmetic as a TA does it (the wrong claim's
idea earns nothing and the claim costs its points once), q2.c, q3, q4 and q5.b said in
other words and in French, the key's misconceptions; each example with the band a
careful teaching assistant gives it (tests/data/free_text_tuning3.yaml has more)."""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import Contradiction, Idea, patterns, score_text

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
]


@pytest.fixture(scope="module")
def items(rubrics):
    return lambda key: find_item(rubrics, key)


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_three_answers_get_the_band_a_person_gives(items, key, text, low, high) -> None:
    item = items(key)
    ideas, contradictions = read_options(item)
    score = score_text(text, ideas, contradictions, item.points).score
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
