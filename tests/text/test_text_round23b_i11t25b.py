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

from tests.text.conftest import contradiction_ids, idea_states

Q6B = "q6.b:explanation"
Q7C = "q7.c"
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


@pytest.mark.parametrize(
    "text",
    [
        "Yes, because IAF is a flow applied to the prior p(z), so the prior becomes more "
        "flexible and the model is richer than mean-field.",
        "Oui, l'IAF rend le prior p(z) plus flexible grâce à un flux, donc il bat le "
        "mean-field qui garde un prior gaussien.",
        "IAF transforms the prior into a more complex distribution, which is more expressive "
        "than a factorized Gaussian.",
    ],
)
def test_q6b_iaf_taken_for_a_prior_flow_earns_nothing(grade, text) -> None:
    result = grade(Q6B, text)
    assert "iaf-on-prior" in contradiction_ids(result)
    assert idea_states(result)["iaf-richer"] != "found"
    assert result.score == 0.0


@pytest.mark.parametrize(
    "text",
    [
        "IAF is applied to q(z|x), not to the prior, so its family is richer than the "
        "factorized mean-field; yet the shared encoder has an amortization gap, so not always.",
        "Oui, l'IAF est une famille plus riche que la gaussienne diagonale du mean-field (pas "
        "un flux sur le prior), mais l'écart d'amortissement peut la faire perdre.",
        "Yes, the flow makes q richer than the diagonal Gaussian, while the prior p(z) stays "
        "a standard normal; the amortization gap can still make it lose.",
    ],
)
def test_q6b_iaf_on_the_posterior_stays_right(grade, text) -> None:
    result = grade(Q6B, text)
    assert "iaf-on-prior" not in contradiction_ids(result)
    assert idea_states(result)["iaf-richer"] == "found"
    assert result.score >= 3.0


@pytest.mark.parametrize(
    "text",
    [
        "The discriminator receives packs that mix real and generated samples, and it can "
        "see that the fakes lack diversity.",
        "Le discriminateur reçoit des paquets qui mélangent des vrais et des faux échantillons "
        "et voit ainsi que les faux manquent de diversité.",
    ],
)
def test_q7c_mixed_packs_beside_diversity_cost_more(grade, text) -> None:
    result = grade(Q7C, text)
    assert "mixed-packs" in contradiction_ids(result)
    assert 1.0 <= result.score <= 2.0


@pytest.mark.parametrize(
    "text",
    [
        "The discriminator sees packs of m samples, all real or all fake, and a collapsed "
        "generator's packs lack diversity, so collapse is penalised.",
        "Le discriminateur reçoit des paquets de m échantillons, tous réels ou tous générés ; "
        "les paquets d'un générateur effondré manquent de diversité.",
    ],
)
def test_q7c_right_packs_unchanged(grade, text) -> None:
    result = grade(Q7C, text)
    assert not contradiction_ids(result)
    assert result.score >= 4.5


@pytest.mark.parametrize(
    "text",
    [
        "Each pack mixes real and fake images and D compares them.",
        "Les paquets mélangent des images réelles et générées que D compare.",
    ],
)
def test_q7c_mixed_packs_alone_keep_the_floor(grade, text) -> None:
    result = grade(Q7C, text)
    assert "mixed-packs" in contradiction_ids(result)
    assert result.score == 1.0
