"""Issue 11, fifth round (q5.b, q6.b, q7.c, q8.a-c): the key's ideas said in unusual words (by
denial, by place, by analogy, by what can and cannot be summed), each with the band a careful
teaching assistant gives it, and the misconception next to it still held low
(tests/data/free_text_tuning4.yaml has more)."""

from __future__ import annotations

import pytest

# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q7.c: homogeneous packs said by denial ("never a mix of real and fake"), and the
    # collapse penalised said as what the generator can no longer hide
    (
        "q7.c",
        "The critic gets m images stacked at once, and a pack is never mixed real with fake. "
        "A generator stuck on one mode cannot conceal its missing diversity any more.",
        4.5,
        5,
    ),
    (
        "q7.c",
        "Le discriminateur voit m echantillons concatenes, jamais de melange vrais/faux : un "
        "generateur effondre ne peut plus cacher son manque de diversite.",
        4.5,
        5,
    ),
    # the misconception beside it: mixed packs, and a generator that can hide
    (
        "q7.c",
        "Packs mix real and fake samples together so the generator can hide among real ones.",
        0,
        1,
    ),
    # q8.b: the coupling said as "only one layer sums out in closed form, the other must
    # be enumerated", in English and French
    (
        "q8.b:explanation",
        "No. Just one of the latent layers can be summed analytically; the other one must be "
        "enumerated, 2^min(M,K) terms.",
        2.5,
        3,
    ),
    (
        "q8.b:explanation",
        "Non : une seule couche latente se marginalise en forme close, l'autre doit etre "
        "enumeree explicitement, ce qui est exponentiel.",
        2.5,
        3,
    ),
    # the misconception beside it: one layer sums out, so it is linear like the RBM
    (
        "q8.b:explanation",
        "Yes, one layer sums out analytically, so it is linear like the RBM (softplus).",
        0,
        0.5,
    ),
    # q8.a: conditional independence and the three blocks said as how each group is drawn
    (
        "q8.a:explanation",
        "Each of x, y and z is drawn in parallel given the two others; every conditional is "
        "a sigmoid of minus the weights contracted with the other two groups.",
        1,
        1,
    ),
    # the misconception beside it: two blocks, y and z drawn together given x
    (
        "q8.a:explanation",
        "Two blocks: x given y,z, then y and z together given x, in parallel.",
        0,
        0.25,
    ),
    # q8.c: CD described rather than named (the model's statistics from Gibbs sweeps
    # started at the data), beside the positive phase sampled with x clamped
    (
        "q8.c:explanation",
        "Yes. The model expectation comes from a few block Gibbs sweeps starting from the data, "
        "and the data term needs y and z sampled with x clamped since they interact.",
        3,
        3,
    ),
    (
        "q8.c:explanation",
        "Oui : l'esperance du modele s'obtient par quelques balayages de Gibbs partant des "
        "donnees ; le terme des donnees demande de tirer y et z avec x fixe, car ils sont couples.",
        3,
        3,
    ),
    # q8.c: what is exact in an RBM said of the RBM, not of this model (a contrast)
    (
        "q8.c:explanation",
        "Yes. In an RBM the positive statistics are computed exactly since P(h|v) is factorial; "
        "here y and z interact given x, so we run Gibbs with x clamped for them. The negative "
        "phase is CD-k with the three-block sampler.",
        3,
        3,
    ),
    (
        "q8.c:explanation",
        "Oui. Dans une RBM la phase positive se calcule exactement ; ici y et z sont couples "
        "sachant x, donc Gibbs avec x fixe. Phase negative : CD-k avec les trois blocs.",
        3,
        3,
    ),
    # the misconception beside it: this model's positive statistics computed exactly
    (
        "q8.c:explanation",
        "Yes, like CD for an RBM: the positive statistics are computed exactly in closed form, "
        "the negative phase by Gibbs.",
        0,
        1,
    ),
    # q6.b: the mean-field family's limit said by analogy ("IAF is to mean-field what full
    # covariance is to diagonal") or as IAF's family being strictly larger
    (
        "q6.b:explanation",
        "L'IAF est au champ moyen ce que la covariance pleine est a la diagonale ; oui, ca peut "
        "gagner.",
        2.5,
        3,
    ),
    (
        "q6.b:explanation",
        "The IAF family is strictly larger, so its bound can be tighter.",
        1.5,
        2,
    ),
    # the analogy turned round (IAF as the diagonal side) earns nothing for the limit
    (
        "q6.b:explanation",
        "IAF is to mean-field what a diagonal Gaussian is to a full covariance one.",
        0,
        1.3,  # i11p2: the richer-family idea it keeps, raised half way to 40% of 4
    ),
    # q5.b: data dependence said by place ("where the data are, not everywhere")
    (
        "q5.b:explanation",
        "The CAE contracts the code only where the data lie, not everywhere, and it makes the "
        "hidden units sparse.",
        1.5,
        2.5,
    ),
]


@pytest.mark.parametrize(("key", "text", "low", "high"), EXAMPLES)
def test_round_five_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low <= score <= high, (key, score)
