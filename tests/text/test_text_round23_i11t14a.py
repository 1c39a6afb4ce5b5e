"""Issue 11, round 23 (i11t14a): over-credited reversals on q2.c to q5.b.

Each test names the class of student writing it guards; the wordings are written for
these tests, in no labelled set.
"""

from __future__ import annotations

import pytest

from examgrade.text.match import negated_positions
from examgrade.text.normalize import parse


def _denied(text: str) -> list[str]:
    sentence = parse(text).sentences[0]
    return [t for t, d in zip(sentence.tokens, negated_positions(sentence), strict=True) if d]


# 1. French puts an adverb inside its negation ("ce n'est donc pas", "il n'y a ainsi plus
#    de"): "donc" and "ainsi" were read as the connector that cuts a clause, which parted
#    "ne" from its "pas" and left the claim said ("pas une", "pas de" alone deny nothing).


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("Ce n'est donc pas une pénalité uniforme.", "uniforme"),
        ("la pénalité ne dépend donc plus des poids inactifs", "inactifs"),
        ("il n'y a ainsi plus de bruit dans le masque", "bruit"),
        ("ce n est donc pas une methode du second ordre", "ordre"),
    ],
)
def test_an_adverb_inside_a_french_negation_keeps_it(text, denied) -> None:
    assert denied in _denied(text)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Adagrad accumule tout, donc le pas diminue", "diminue"),
        ("le taux baisse, ainsi l'apprentissage ralentit", "ralentit"),
    ],
)
def test_donc_and_ainsi_still_join_two_claims(text, said) -> None:
    assert said not in _denied(text)
