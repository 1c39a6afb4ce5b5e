"""What the free-text engine tests share: a part's text graded by its rubric's ideas."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from benchmarks.text_agreement import find_item
from examgrade.checks.concepts import read_options
from examgrade.text.grade import TextScore, score_text


@pytest.fixture(scope="module")
def grade(rubrics) -> Callable[[str, str], TextScore]:
    """`grade("q3.a", text)`: the text scored as the concepts check scores it."""

    def run(key: str, text: str) -> TextScore:
        item = find_item(rubrics, key)
        ideas, contradictions = read_options(item)
        return score_text(text, ideas, contradictions, item.points)

    return run


def idea_states(result: TextScore) -> dict[str, str]:
    """Each idea's state: found, weak, negated, missing..."""
    return {r.idea.id: r.state for r in result.ideas}


def contradiction_ids(result: TextScore) -> set[str]:
    """The ids of the contradictions (swaps included) the answer was read as saying."""
    return {c.id for c in result.contradictions}
