"""The values the evaluator works with, and the errors it raises about them.

A value is a numpy array: 0-d for a number, (n, 1) for a vector (a column, so `w^T x`
is a number and `x x^T` a matrix), (1, n) for a transposed vector, 2-D for a matrix,
3-D for a tensor; or `Eye`, the identity whose size comes from what it meets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from examgrade.errors import Location, MathError
from examgrade.i18n import Message
from examgrade.mathlang import ast
from examgrade.mathlang.context import Context, Instance


@dataclass(frozen=True)
class Eye:
    """The identity `I` whose size comes from what it meets (`W + I`, `2 I h`)."""

    scale: float = 1.0


Value = Any  # np.ndarray (0-d scalar, (n, 1) column, (1, n) row, 2-D matrix, 3-D) | Eye


@dataclass
class Env:
    """What a sub-expression is evaluated in: the bound indices, the current sample rows,
    and the work done so far (shared by every copy, so sums of sums are bounded too)."""

    ctx: Context
    instance: Instance
    bound: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # sample symbol -> current row
    work: list[int] = field(default_factory=lambda: [0, 0])  # elements, node visits
    memo: dict[Any, Any] | None = None  # the instance's kept sub-expression values

    def with_bound(self, **values: int) -> Env:
        bound = {**self.bound, **values}
        return Env(self.ctx, self.instance, bound, self.rows, self.work, self.memo)

    def with_rows(self, rows: dict[str, int]) -> Env:
        rows = {**self.rows, **rows}
        return Env(self.ctx, self.instance, self.bound, rows, self.work, self.memo)


def error(code: str, node: ast.Expr, **params: Any) -> MathError:
    """A MathError about `node`, showing it and pointing at its column."""
    from examgrade.mathlang.printer import show

    return MathError(code, {"expr": show(node), **params}, Location(column=node.span[0] + 1))


def describe(value: Value, env: Env | None = None) -> Message:
    """A shape in words: "a number", "a vector of N", "an N×M matrix"."""
    if isinstance(value, Eye):
        return Message("evaluate.shape.identity", {})
    names = dim_names(env) if env else {}
    dims = [names.get(n, str(n)) for n in np.shape(value)]
    if not dims:
        return Message("evaluate.shape.number", {})
    if len(dims) == 2 and dims[1] in ("1", names.get(1)) and np.shape(value)[1] == 1:
        return Message("evaluate.shape.vector", {"n": dims[0]})
    if len(dims) == 2 and np.shape(value)[0] == 1:
        return Message("evaluate.shape.row", {"n": dims[1]})
    if len(dims) == 2:
        return Message("evaluate.shape.matrix", {"dims": "×".join(dims)})
    return Message("evaluate.shape.tensor", {"dims": "×".join(dims)})


def dim_names(env: Env) -> dict[int, str]:
    """Size -> dim name in this instance (sizes differ, so "N" and "M" are told apart)."""
    names: dict[int, str] = {}
    for key, value in env.instance.items():
        if isinstance(key, str) and key[:1].isupper() and isinstance(value, int):
            names.setdefault(value, key)
    return names


def column(raw: Any) -> np.ndarray:
    """An instance value as the evaluator holds it: vectors become columns."""
    value = np.asarray(raw, dtype=float)
    return value.reshape(-1, 1) if value.ndim == 1 else value
