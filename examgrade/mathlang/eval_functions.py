"""The functions of the math language (`ast.FUNCTIONS`) on evaluator values.

Elementwise functions apply to every entry; `diag` of a vector is a matrix and of a
square matrix its diagonal; `rho` is the spectral radius, `sigma_max` the largest
singular value, `lambda_max` the eigenvalue of largest modulus; norms of vectors are
Euclidean, of matrices spectral (`||W||`, `||W||_2`) or Frobenius (`||W||_F`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from examgrade.mathlang import ast
from examgrade.mathlang.eval_values import Env, Value, describe, error


def inverse(matrix: np.ndarray, node: ast.Expr) -> np.ndarray:
    if np.linalg.cond(matrix) > 1e12:
        raise error("evaluate.singular", node)
    return np.linalg.inv(matrix)


def _elementwise(ufunc: Callable[[Any], Any]) -> tuple[tuple[int, ...], Callable[..., Value]]:
    return (1,), lambda args, node, env: np.asarray(ufunc(args[0]))


def _sigmoid(x: Any) -> Any:
    return np.where(np.real(x) >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def _square(value: Value, node: ast.Call, env: Env) -> np.ndarray:
    if np.ndim(value) != 2 or value.shape[0] != value.shape[1]:
        raise error("evaluate.not_square", node, func=node.func, value=describe(value, env))
    return value


def _extreme(pick: Callable[..., Any]) -> Callable[..., Value]:
    def run(args: list[Value], node: ast.Call, env: Env) -> Value:
        if len(args) == 1:
            return np.asarray(pick(np.real(args[0])))
        a, b = args
        if not (np.ndim(a) == 0 or np.ndim(b) == 0 or np.shape(a) == np.shape(b)):
            raise error("evaluate.compare_shapes", node, left=describe(a), right=describe(b))
        return np.asarray(np.maximum(a, b) if pick is np.max else np.minimum(a, b))

    return run


def _diag(args: list[Value], node: ast.Call, env: Env) -> Value:
    value = args[0]
    if np.ndim(value) == 2 and 1 in value.shape:
        return np.diag(value.ravel())
    return np.diag(_square(value, node, env)).reshape(-1, 1)


def _mean(args: list[Value], node: ast.Call, env: Env) -> Value:
    return np.asarray(np.mean(args[0]))


def _eig(args: list[Value], node: ast.Call, env: Env) -> Value:
    return np.linalg.eigvals(_square(args[0], node, env)).reshape(-1, 1)


def _lambda_max(args: list[Value], node: ast.Call, env: Env) -> Value:
    values = np.linalg.eigvals(_square(args[0], node, env))
    return np.asarray(values[np.argmax(np.abs(values))])


FUNCS: dict[str, tuple[tuple[int, ...], Callable[..., Value]]] = {
    "exp": _elementwise(np.exp),
    "log": _elementwise(np.log),
    "sqrt": _elementwise(np.sqrt),
    "abs": _elementwise(np.abs),
    "sin": _elementwise(np.sin),
    "cos": _elementwise(np.cos),
    "tan": _elementwise(np.tan),
    "tanh": _elementwise(np.tanh),
    "sigmoid": _elementwise(_sigmoid),
    "relu": _elementwise(lambda x: np.maximum(x, 0.0)),
    "softplus": _elementwise(lambda x: np.logaddexp(0.0, x)),
    "heaviside": _elementwise(lambda x: (np.real(x) > 0).astype(float)),
    "max": ((1, 2), _extreme(np.max)),
    "min": ((1, 2), _extreme(np.min)),
    "mean": ((1,), _mean),
    "diag": ((1,), _diag),
    "trace": ((1,), lambda a, n, e: np.asarray(np.trace(_square(a[0], n, e)))),
    "det": ((1,), lambda a, n, e: np.asarray(np.linalg.det(_square(a[0], n, e)))),
    "inv": ((1,), lambda a, n, e: inverse(_square(a[0], n, e), n)),
    "eig": ((1,), _eig),
    "rho": ((1,), lambda a, n, e: np.asarray(np.max(np.abs(_eig(a, n, e))))),
    "sigma_max": ((1,), lambda a, n, e: np.asarray(norm_of(a[0], "2"))),
    "lambda_max": ((1,), _lambda_max),
}


def norm_of(value: Value, kind: str | None) -> float:
    if np.ndim(value) == 0:
        return float(np.abs(value))
    if np.ndim(value) == 2 and 1 in value.shape:
        return float(np.linalg.norm(value.ravel()))
    if np.ndim(value) == 2:
        return float(np.linalg.norm(value, "fro" if kind == "F" else 2))
    return float(np.linalg.norm(value.ravel()))
