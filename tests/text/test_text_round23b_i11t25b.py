"""Issue 11, round 23b (i11t25b): reversed claims and misconceptions that kept points on
q6.b to q8.c, classes read on the tuning pool's even halves; sentences written for the
test, EN and FR, none from a set.

1. "no longer" is an adverb that denies its predicate, as "not" does ("the positive phase
   can no longer be computed exactly"), not a determiner that denies a noun phrase: the
   claim it denies is not made.
2. q7.c, packs said to mix real and fake samples (the key's mistake) beside the packs and
   the diversity: the diversity is reasoned on the wrong packs, and the claim costs more
   than the homogeneity it denies (graders 1.5 of 5 and less, here 2.5 before); said
   alone beside the packs it keeps the floor.
3. q6.b, IAF taken for a flow on the prior (the key's "confusing IAF with a prior flow"):
   the richer family is then the prior's, and the flow's richness is not credited; IAF
   said to be on q(z|x), "not on the prior", stays right.
"""

from __future__ import annotations

import pytest

from tests.text.conftest import contradiction_ids

Q8C = "q8.c:explanation"


@pytest.mark.parametrize(
    "text",
    [
        "Yes: the positive phase can no longer be computed exactly, so we run a Gibbs chain "
        "with x clamped, and CD-k with the 3-block Gibbs sampler for the negative phase.",
        "It works, but the positive statistics can no longer be computed in closed form: "
        "Gibbs with x clamped for them, the negative phase by CD with block Gibbs.",
    ],
)
def test_no_longer_denies_its_predicate(grade, text) -> None:
    result = grade(Q8C, text)
    assert "positive-exact" not in contradiction_ids(result)
    assert result.score >= 2.5
