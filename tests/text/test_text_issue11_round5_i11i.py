"""Issue 11, fifth round (q2.c-q4.b.ii): complete answers in unusual words, each class
in the band a careful teaching assistant gives it (tests/data/free_text_tuning4.yaml
has more; these sentences are written for the test, not copied from it)."""

from __future__ import annotations

import pytest

# (part, answer, lowest score, highest score): scores out of the item's points
EXAMPLES = [
    # q3.a: "per coordinate" / "each weight gets its own learning rate" is the adaptive idea
    (
        "q3.a",
        "Each weight gets its own learning rate in both. Adagrad adds up every squared gradient "
        "seen so far, so its steps shrink to nothing; RMSprop keeps an exponential moving "
        "average instead and keeps learning.",
        4.5,
        5,
    ),
    # q3.a: Adagrad's learning rate "decays to 0" is its monotone decay
    (
        "q3.a",
        "Adagrad: total of g^2 since the start, its learning rate decays toward 0 over time. "
        "RMSprop: leaky average of g^2.",
        3.5,
        4.5,
    ),
    # q3.b: the bias correction abbreviated ("bias corr.") or written "de-biased"
    (
        "q3.b",
        "Adam = RMSprop (EMA of g^2) + momentum + bias corr. of both moments.",
        4.5,
        5,
    ),
    (
        "q3.b",
        "Adam keeps the same EMA of squared gradients as RMSprop but also an EMA of the gradient "
        "(momentum), and its two estimates are de-biased in the first iterations.",
        4.5,
        5,
    ),
    # q3.b: momentum said in the passive ("the gradient is averaged / smoothed") or as
    # "two averages" against RMSprop's one
    (
        "q3.b",
        "In Adam the gradient is averaged over time before being divided by sqrt(v), whereas "
        "RMSprop divides the raw gradient by sqrt(v).",
        2,
        3,
    ),
    (
        "q3.b",
        "Adam garde deux moyennes mobiles, m pour le gradient et v pour son carre, et corrige "
        "leur biais car elles partent de 0.",
        3.5,
        5,
    ),
    # q4.a: the right ideas said through a negation: the weights "cannot go far" from the
    # start in few steps (bounded steps), "early on it cannot fit complicated functions"
    # and "the longer we train, the more complex" (the effective capacity grows)
    (
        "q4.a",
        "It is not the parameter count. In a few steps the weights can not go far from where "
        "they started, so early on the model does not fit complicated functions.",
        2,
        2.5,
    ),
    (
        "q4.a",
        "L'architecture ne change pas, mais les poids ne peuvent pas s'eloigner vite de leur "
        "point de depart; plus on entraine, plus les fonctions representables sont complexes.",
        2,
        2.5,
    ),
    # q4.b.i: "the regularisation effect is lost" is not the misconception "an effective
    # regulariser" ("effect" and "effective" share a stem)
    (
        "q4.b.i",
        "No. Training pushes every p_i to 0 because less noise fits the data better, so the "
        "regularization effect disappears.",
        2.5,
        3,
    ),
    # q3.a: the two accumulators written as recursions, the sum (no coefficient) and the
    # moving average (a decay and its complement), and the update dividing by the root
    (
        "q3.a",
        "Adagrad: s_t = s_{t-1} + g_t^2. RMSprop: s_t = 0.99 s_{t-1} + 0.01 g_t^2. "
        "Update for both: w -= lr * g_t / sqrt(s_t + eps).",
        3.5,
        4.5,
    ),
    # q3.a: Adagrad's accumulator that "only grows / keeps growing" is its sum
    (
        "q3.a",
        "Adagrad's denominator keeps growing, so its steps shrink towards zero; RMSprop's "
        "is an exponential moving average of g^2 and the step stays usable.",
        3.5,
        4,
    ),
    # q3.b: the comparison "Adam is to RMSprop what SGD+momentum is to SGD" says the
    # second moment is shared
    (
        "q3.b",
        "Adam is to RMSprop what heavy-ball momentum is to plain SGD: it also averages the "
        "gradient (first moment), and it corrects the bias of its zero-initialised estimates.",
        4.5,
        5,
    ),
    # q4.a: the reachable region / space that grows with the steps is the effective capacity
    (
        "q4.a",
        "Weights start close to 0 and each update moves them a bounded distance, so the "
        "reachable set of weights expands with the number of iterations.",
        3,
        3.5,
    ),
    # q3.a: Adagrad "stops learning" is its stalled step; q3.b: Adam "keeps the same v"
    # as RMSprop is the shared second moment
    (
        "q3.a",
        "Adagrad sums all past g^2 per parameter and divides the gradient by the root of that "
        "sum: eventually you stop learning. RMSprop uses a leaky average.",
        5,
        5,
    ),
    (
        "q3.b",
        "Adam keeps the same v as RMSprop, adds m for momentum, and m and v are bias-corrected.",
        5,
        5,
    ),
]


@pytest.mark.parametrize("key,text,low,high", EXAMPLES, ids=[e[1][:40] for e in EXAMPLES])
def test_round_five_answers_get_the_band_a_person_gives(grade, key, text, low, high) -> None:
    score = grade(key, text).score
    assert low - 1e-9 <= score <= high + 1e-9, score
