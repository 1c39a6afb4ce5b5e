"""Q5: the Jacobian of the encoder measured by finite differences, and the CAE penalty
built from that measured Jacobian (lambda times its squared Frobenius norm).

(a) the linear encoder h(x) = W x; (b) the ReLU encoder h(x) = relu(W x + b), measured
away from its kinks (the step stays below every pre-activation's distance to 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.solvers import register_solver
from examgrade.solvers.finite_diff import jacobian
from examgrade.solvers.solution import Solution

Instance = Mapping[str, Any]


def linear_jacobian(instance: Instance) -> np.ndarray:
    """dh/dx of h(x) = W x at the instance's x (an H×D matrix, J[i, j] = dh_i/dx_j)."""
    weights = np.asarray(instance["W"], dtype=float)
    return jacobian(lambda x: weights @ x, np.asarray(instance["x"], dtype=float))


def linear_penalty(instance: Instance) -> float:
    """lambda ||dh/dx||_F^2 with the Jacobian measured, not assumed to be W."""
    measured = linear_jacobian(instance)
    return float(instance["lambda"]) * float(np.sum(measured**2))


def relu_jacobian(instance: Instance) -> np.ndarray:
    """dh/dx of h(x) = relu(W x + b), by differences too small to cross a kink."""
    weights = np.asarray(instance["W"], dtype=float)
    bias = np.asarray(instance["b"], dtype=float)
    x = np.asarray(instance["x"], dtype=float)
    margin = float(np.min(np.abs(weights @ x + bias)))
    if margin == 0.0:  # on a kink there is no derivative: equivalence skips the instance
        return np.full((len(bias), len(x)), np.nan)
    reach = float(np.max(np.abs(weights))) * max(1.0, float(np.max(np.abs(x))))
    step = min(1e-3, 0.2 * margin / reach) if reach > 0 else 1e-3
    return jacobian(lambda v: np.maximum(weights @ v + bias, 0.0), x, step)


@register_solver("cae.linear_jacobian")
def linear_jacobian_solver(params: Mapping[str, Any]) -> Solution:
    """q5.a: the Jacobian of the linear encoder on an instance."""
    return Solution(linear_jacobian)


@register_solver("cae.linear_penalty")
def linear_penalty_solver(params: Mapping[str, Any]) -> Solution:
    """q5.a: the CAE penalty of the linear encoder on an instance."""
    return Solution(linear_penalty)


@register_solver("cae.relu_jacobian")
def relu_jacobian_solver(params: Mapping[str, Any]) -> Solution:
    """q5.b: the Jacobian of the ReLU encoder on an instance."""
    return Solution(relu_jacobian)
