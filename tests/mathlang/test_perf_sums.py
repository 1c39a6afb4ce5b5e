"""Sums of numbers computed at once (`mathlang.eval_sums`) are the loop's sums to the
last bit, and every error the loop raises (bounds, indices, magnitudes) is raised the
same: the fast path may only ever change how long a sum takes."""

from __future__ import annotations

import numpy as np
import pytest

import examgrade.mathlang.evaluate as evaluator
from examgrade.errors import MathError
from examgrade.mathlang.context import Context

parser = pytest.importorskip("examgrade.mathlang.parser")

Q8 = Context.from_plain(
    {
        "dims": {"N": [3, 4], "M": [2, 5], "K": [3, 4]},
        "symbols": {
            "W": {"shape": ["N", "M", "K"]},
            "V": {"shape": ["N", "N"]},
            "x": {"shape": ["N"], "domain": "binary"},
            "y": {"shape": ["M"]},
            "z": {"shape": ["K"]},
            "lambda": {"domain": "positive"},
            "t": {"domain": "int"},
        },
        "indices": {"i": "N", "j": "M", "k": "K"},
        "free_index": "i",
    }
)

SUMS = [
    "sigmoid(-sum_{j,k} W_{ijk} y_j z_k)",
    r"\sigma\left(-\sum_{j}\sum_{k} W_{ijk} y_j z_k\right)",
    "sum_{j,k} (W_{ijk} - 2 y_j) * z_k + lambda",
    "sum_{k=1}^{3} (sum_{j} W_{ijk} * y_j - k * t)",  # sums of sums: the inner ones at once
    "sum_{j=1}^{2} W_{i,j,1} + 0*sum_{k} z_k",
    "prod_{k} z_k + sum_{j=2}^{1} y_j",  # an empty range is 0
    "sum_{j,k} W_{ijk} * W_{ijk} * 1e100 * 1e100",  # past the magnitude bound
    "sum_{j=0}^{2} y_j",  # index 0: out of range
    "sum_{j=1}^{9} y_j",  # past M
    "sum_{j,k} V_{jk}",  # V is N x N: j runs over M
    "sum_{j} y",  # a vector body: the loop's way
    "sum_{j} y_j^2",  # a power: the loop's way
]


def outcome(text: str, seed: int) -> tuple[str, object]:
    ctx = Q8
    instance = ctx.draw(np.random.default_rng(seed), index=seed)
    try:
        value = evaluator.evaluate(parser.parse(text, ctx.names()), ctx, instance)
    except MathError as error:
        return ("error", (error.code, dict(error.params)))
    return ("value", np.asarray(value).tobytes() + str(np.shape(value)).encode())


@pytest.mark.parametrize("text", SUMS)
def test_a_sum_at_once_is_the_loop_sum_to_the_bit(text: str, monkeypatch) -> None:
    fast = [outcome(text, seed) for seed in range(6)]
    monkeypatch.setattr(evaluator, "_all_terms", lambda node, ranges, env: None)
    assert fast == [outcome(text, seed) for seed in range(6)]


def test_the_work_bound_is_reached_where_the_loop_reaches_it(monkeypatch) -> None:
    text = "sum_{j,k} W_{ijk} y_j z_k"
    monkeypatch.setattr(evaluator, "MAX_VISITS", 60)
    fast = [outcome(text, seed) for seed in range(4)]
    assert all(kind == "error" and found[0] == "evaluate.too_much_work" for kind, found in fast)  # type: ignore[index]
    monkeypatch.setattr(evaluator, "_all_terms", lambda node, ranges, env: None)
    assert fast == [outcome(text, seed) for seed in range(4)]
