"""Values the evaluator keeps on a drawn instance (a sum, a function, a norm, a product
shared by many answers of a class) change nothing but the time: every answer reads the
same value to the last bit, and every bound is reached where it was, with the same error
at the same node, whatever was evaluated before it."""

from __future__ import annotations

import numpy as np
import pytest

import examgrade.mathlang.evaluate as evaluator
from examgrade.errors import MathError
from examgrade.mathlang.context import Context, Drawn
from tests.conftest import Q8_CONTEXT, RNN_CONTEXT

parser = pytest.importorskip("examgrade.mathlang.parser")

RNN = Context.from_plain(
    {
        **RNN_CONTEXT,
        "symbols": {
            **RNN_CONTEXT["symbols"],
            "w": {"shape": ["N"]},
            "lambda": {"domain": "positive"},
        },
    }
)
Q8 = Context.from_plain(Q8_CONTEXT)

# each answer shares pieces with those before it, as the answers of a class do
RNN_ANSWERS = [
    "W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b)",
    "W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b) + 0*7",
    "sum_{k=1}^{t} W^(t-k) (U x_k + b) + W^t h_0",
    "W^t h_0",
    "2 W^t h_0 - W^t h_0",
    "h_0 W^t",  # a shape error, after W^t was kept
    "rho(W) + ||W||_2 + ||W||_F^2 + lambda ||w||_2",
    "rho(W) + 0*3",
    "(||w||_2 - 1) w / ||w||_2 + w / ||w||_2",
    "W^T W + W^T W",
    "trace(W^T W) - ||W||_F^2",
]
Q8_ANSWERS = [
    "sigmoid(-sum_{j,k} W_{ijk} y_j z_k)",
    "sigmoid(-sum_{j,k} W_{ijk} y_j z_k) + 0*3",
    "1 - sigmoid(sum_{j,k} W_{ijk} y_j z_k)",
    r"\sigma\left(-\sum_{j}\sum_{k} W_{ijk} y_j z_k\right)",
]


def outcome(text: str, ctx: Context, instance: object) -> tuple[str, object]:
    try:
        value = evaluator.evaluate(parser.parse(text, ctx.names()), ctx, instance)  # type: ignore[arg-type]
    except MathError as error:
        return ("error", (error.code, dict(error.params), error.location.column))
    return ("value", np.asarray(value).tobytes() + str(np.shape(value)).encode())


def outcomes(texts: list[str], ctx: Context, kept: bool) -> list[tuple[str, object]]:
    """Every answer on 4 instances, drawn (values kept) or plain dicts (nothing kept)."""
    rng = np.random.default_rng(5)
    plain = [ctx.draw(rng, index=n) for n in range(4)]
    instances = [Drawn(p) for p in plain] if kept else plain
    return [outcome(text, ctx, instance) for text in texts for instance in instances]


@pytest.mark.parametrize("ctx,texts", [(RNN, RNN_ANSWERS), (Q8, Q8_ANSWERS)])
def test_kept_values_are_the_values_to_the_bit(ctx: Context, texts: list[str]) -> None:
    assert outcomes(texts, ctx, kept=True) == outcomes(texts, ctx, kept=False)


def test_a_second_reading_of_the_same_answer_is_the_same() -> None:
    kept = outcomes(RNN_ANSWERS + RNN_ANSWERS, RNN, kept=True)
    assert kept[: len(kept) // 2] == kept[len(kept) // 2 :]


@pytest.mark.parametrize("visits", [15, 40, 80, 200])
def test_a_bound_is_reached_at_the_same_node_when_a_piece_was_kept(monkeypatch, visits) -> None:
    """A kept sum still counts its work: an answer that passes the bound only because of
    it fails the same way as when nothing was kept."""
    monkeypatch.setattr(evaluator, "MAX_VISITS", visits)
    texts = [
        "sum_{k=1}^{t} W^(t-k) (U x_k + b)",  # kept (when within the bound)
        "W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b) + sum_{k=1}^{t} W^(t-k) (U x_k + b)",
    ]
    found = outcomes(texts, RNN, kept=True)
    assert found == outcomes(texts, RNN, kept=False)
    if visits == 15:
        assert any(kind == "error" for kind, _ in found)


def test_an_answer_cannot_change_a_kept_value() -> None:
    instance = Drawn(RNN.draw(np.random.default_rng(1)))
    first = evaluator.evaluate(parser.parse("W^t", RNN.names()), RNN, instance)
    with pytest.raises(ValueError):
        first[0, 0] = 1.0  # read-only: no caller can change what the next answer reads
