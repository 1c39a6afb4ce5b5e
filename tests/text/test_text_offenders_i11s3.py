"""Issue 11, round 19 (i11s3): engine classes the earlier rounds left, read on the tuning
pool's even offenders (sentences written for the test, EN and FR).

1. An idea given to the wrong entity and denied of its own ("RMSprop corrects the bias, not
   Adam") is two wrong claims: it costs the idea's points beside withholding them, down to
   the fifth an answer with something right keeps, never below it.

The tests that pass on the code before guard the other side of each class.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


def _contradictions(result) -> set[str]:
    return {c.id for c in result.contradictions}


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
    assert "swapped-bias-correction" in _contradictions(result)
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
