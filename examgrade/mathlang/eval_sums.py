"""The terms of a sum of numbers, computed for every index value at once.

`sum_{j,k} W_{ijk} y_j z_k` has one term per (j, k): evaluating its body node by node
for each term is most of the time an answer to q8 takes. When the body is built only
of numbers, scalar symbols, entries of symbols (`W_{ijk}`, `y_j`), negation, `+`, `-`
and `*`, this module computes every term with numpy at once, element by element the
same operations in the same order as the evaluator, hence the very same floating-point
values; the caller adds them up one by one, as before. Anything else (a vector, a
function, an index out of range, a value past the evaluator's bounds) returns None and
the evaluator takes its usual path, which also raises its usual errors.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from examgrade.mathlang import ast


class _NotHere(Exception):
    """The body is not one this module computes: the evaluator's loop does."""


def vector_terms(
    body: ast.Expr,
    env: Any,
    grid: Mapping[str, np.ndarray],
    composite: Callable[[ast.Sub, Any], str | None],
    max_magnitude: float,
) -> tuple[np.ndarray, int] | None:
    """Every term of the body, one per point of `grid` (index -> integer values, all of
    one length, in the loop's order: each index runs over a whole non-empty ascending
    range, so its first value is its lowest and its last the highest), and the number
    of nodes the loop would visit per term; or None."""
    try:
        nodes = [0]
        values = _vec(body, env, grid, composite, max_magnitude, nodes)
    except (_NotHere, OverflowError):
        return None
    size = len(next(iter(grid.values())))
    return np.broadcast_to(np.asarray(values, dtype=float), (size,)), nodes[0]


def _vec(
    node: ast.Expr,
    env: Any,
    grid: Mapping[str, np.ndarray],
    composite: Callable[[ast.Sub, Any], str | None],
    limit: float,
    nodes: list[int],
) -> Any:
    nodes[0] += 1
    if isinstance(node, ast.Num):
        value: Any = np.array(float(node.value))
    elif isinstance(node, ast.Name):
        value = _name(node, env, grid)
    elif isinstance(node, ast.Sub):
        value = _entry(node, env, grid, composite, nodes)
    elif isinstance(node, ast.Neg):
        value = -_vec(node.operand, env, grid, composite, limit, nodes)
    elif isinstance(node, ast.BinOp) and node.op in ("+", "-", "*"):
        left = _vec(node.left, env, grid, composite, limit, nodes)
        right = _vec(node.right, env, grid, composite, limit, nodes)
        sign = 1.0 if node.op == "+" else -1.0  # the evaluator's `_add`: left + sign * right
        value = left * right if node.op == "*" else left + sign * right
    else:
        raise _NotHere
    if (np.abs(value) > limit).any():  # array methods: np.any's wrapper costs more
        raise _NotHere  # the evaluator says which node is too large
    return value


def _name(node: ast.Name, env: Any, grid: Mapping[str, np.ndarray]) -> Any:
    if node.id in grid:
        return grid[node.id].astype(float)
    if node.id in env.bound:
        return np.array(float(env.bound[node.id]))
    sym = env.ctx.symbol(node.id)
    if sym is None or sym.shape or sym.family or sym.domain == "identity" or env.ctx.free:
        raise _NotHere
    value = np.asarray(env.instance[sym.name], dtype=float)
    if value.ndim != 0:
        raise _NotHere
    return value


def _entry(
    node: ast.Sub,
    env: Any,
    grid: Mapping[str, np.ndarray],
    composite: Callable[[ast.Sub, Any], str | None],
    nodes: list[int],
) -> Any:
    if not isinstance(node.base, ast.Name) or env.ctx.free:
        raise _NotHere
    if composite(node, env.with_bound(**dict.fromkeys(grid, 1))) is not None:
        raise _NotHere
    sym = env.ctx.symbol(node.base.id)
    if sym is None or sym.family:
        raise _NotHere
    raw = np.asarray(env.instance[sym.name], dtype=float)
    if len(node.index) != raw.ndim:
        raise _NotHere
    picks = []
    for axis, index in enumerate(node.index):
        nodes[0] += 1
        if isinstance(index, ast.Name) and index.id in grid:
            values: Any = grid[index.id]
            # a grid runs over whole ranges: its first value is each index's lowest, its
            # last the highest (the same test as below, without two arrays)
            if values[0] < 1 or values[-1] > raw.shape[axis]:
                raise _NotHere
            picks.append(values - 1)
            continue
        if isinstance(index, ast.Name) and isinstance(env.bound.get(index.id), int):
            values = env.bound[index.id]
        elif isinstance(index, ast.Num) and index.value.denominator == 1:
            values = int(index.value)
        else:
            raise _NotHere
        if np.asarray(values < 1).any() or np.asarray(values > raw.shape[axis]).any():
            raise _NotHere
        picks.append(np.asarray(values) - 1)
    return raw[tuple(picks)]
