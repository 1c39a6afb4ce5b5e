"""Issue 11, eighth round (tuned on tuning5's even answers; sentences written for the
test, EN and FR).

1. PacGAN's discriminator seeing several samples "at the same time", "en même temps" is
   the packs idea, as "at once", "together" and "simultaneously" already were.
"""

from __future__ import annotations

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import score_text


@pytest.fixture(scope="module")
def grade(rubrics):
    def run(key: str, text: str):
        item = find_item(rubrics, key)
        ideas, contradictions = read_options(item)
        return score_text(text, ideas, contradictions, item.points)

    return run


def _states(result) -> dict[str, str]:
    return {r.idea.id: r.state for r in result.ideas}


@pytest.mark.parametrize(
    "text",
    [
        "The discriminator looks at several samples at the same time.",
        "Le critique regarde plusieurs échantillons en même temps.",
        "D juge plusieurs images en meme temps, pas une seule.",
    ],
)
def test_several_samples_at_the_same_time_is_a_pack(grade, text: str) -> None:
    result = grade("q7.c", text)
    assert _states(result)["packs"] == "found"
    assert result.score > 0
