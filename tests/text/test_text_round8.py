"""Issue 11, eighth round (tuned on tuning5's even answers; sentences written for the
test, EN and FR).

1. PacGAN's discriminator seeing several samples "at the same time", "en même temps" is
   the packs idea, as "at once", "together" and "simultaneously" already were.
2. q2.c: a norm or an entry is the misconception only when it is what is compared with 1
   ("||W|| > 1", "the entries of W are larger than 1"); "rho(W) > 1: the norm grows" and
   "max|λ| > 1: explodes, unless h_0 has no component on the unstable directions" put the
   radius in the condition and are right.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import idea_states


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
    assert idea_states(result)["packs"] == "found"
    assert result.score > 0


@pytest.mark.parametrize(
    "text",
    [
        "If rho(W) > 1 the norm grows exponentially: the gradient explodes.",
        "Si rho(W) > 1, la norme croit exponentiellement : gradient explosif.",
        "max|λ| > 1: it explodes, unless h_0 has exactly 0 component on the unstable directions.",
        "Si max|λ| > 1 : ça explose, sauf si les composantes de h_0 sur les directions "
        "instables sont nulles.",
    ],
)
def test_radius_compared_with_one_is_no_norm_misconception(grade, text: str) -> None:
    result = grade("q2.c:explanation", text)
    assert not result.contradictions
    assert idea_states(result)["exploding"] == "found"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("If ||W|| > 1 it explodes and if ||W|| < 1 it vanishes.", "norm-not-radius"),
        ("Si la norme de W est supérieure à 1, le gradient explose.", "norm-not-radius"),
        ("If the entries of W are larger than 1 the gradient explodes.", "entries-not-eigenvalues"),
        (
            "Si les coefficients de W sont plus grands que 1, le gradient explose.",
            "entries-not-eigenvalues",
        ),
    ],
)
def test_norm_or_entries_compared_with_one_stay_misconceptions(grade, text: str, said: str) -> None:
    result = grade("q2.c:explanation", text)
    assert said in {c.id for c in result.contradictions}
