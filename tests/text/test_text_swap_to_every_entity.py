"""A claim of one entity given to all of them ("both sum all past squared gradients") is named
in words in the feedback, never by the engine's `*` for "every entity"."""

from __future__ import annotations

import pytest

from examgrade.checks import concepts
from examgrade.text.grade import score_text


@pytest.mark.parametrize(
    "text",
    [
        "Both Adagrad and RMSprop sum all past squared gradients, so the rate decays.",
        "Les deux font la somme de tous les gradients au carré passés.",
    ],
)
def test_a_claim_given_to_every_entity_is_said_in_words(rubrics, text: str) -> None:
    item = rubrics.questions["q3"].part("a").items[0]
    ideas, contradictions = concepts._read_once(item)
    result = score_text(text, ideas, contradictions, item.points)
    swaps = [c for c in result.contradictions if c.said_of]
    assert swaps
    points = {i.id: i.points for i in ideas}
    for swap in swaps:
        en = concepts._said(swap, points).render("en")
        fr = concepts._said(swap, points).render("fr")
        assert "*" not in en and "*" not in fr
        assert "every one of them what only Adagrad does" in en
        assert "à tous ce qui ne vaut que pour Adagrad" in fr
