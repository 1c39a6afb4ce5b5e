"""Q5: the Jacobian of the encoder measured by finite differences, and the CAE penalty
built from that measured Jacobian (lambda times its squared Frobenius norm).

(a) the linear encoder h(x) = W x; (b) the ReLU encoder h(x) = relu(W x + b), measured
away from its kinks (the step stays below every pre-activation's distance to 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.i18n import Figures, Message
from examgrade.solvers import register_solver, register_worked
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
    """The Jacobian of the linear encoder on an instance."""
    return Solution(linear_jacobian)


@register_solver("cae.linear_penalty")
def linear_penalty_solver(params: Mapping[str, Any]) -> Solution:
    """The CAE penalty of the linear encoder on an instance."""
    return Solution(linear_penalty)


@register_solver("cae.relu_jacobian")
def relu_jacobian_solver(params: Mapping[str, Any]) -> Solution:
    """The Jacobian of the ReLU encoder on an instance."""
    return Solution(relu_jacobian)


# -- worked examples (`examgrade explain`) ------------------------------------------------


def small_instance() -> dict[str, Any]:
    """An encoder with H = 2, D = 3, small enough to follow by hand."""
    return {
        "W": np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.0]]),
        "x": np.array([0.5, -0.4, 1.0]),
        "b": np.array([-0.3, 0.2]),
        "lambda": 0.1,
        "H": 2,
        "D": 3,
    }


@register_worked("cae.linear")
def worked_linear(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """The linear encoder's measured Jacobian is W; its penalty is weight decay."""
    from examgrade.solvers.worked import gap, reference, show

    instance = small_instance()
    measured = reference("cae.linear_jacobian")(instance)
    penalty = reference("cae.linear_penalty")(instance)
    weight_decay = instance["lambda"] * float(np.sum(instance["W"] ** 2))
    return (
        Message(
            "explain_worked.cae_instance", {"W": show(instance["W"]), "x": show(instance["x"])}
        ),
        Message(
            "explain_worked.cae_linear",
            {"fd": show(measured), "gap": gap(measured, instance["W"])},
        ),
        Message(
            "explain_worked.cae_penalty",
            {
                "penalty": Figures(f"{penalty:.6g}"),
                "decay": Figures(f"{weight_decay:.6g}"),
                "lambda": 0.1,
            },
        ),
    )


@register_worked("cae.relu")
def worked_relu(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """The ReLU encoder's measured Jacobian is the active rows of W."""
    from examgrade.solvers.worked import gap, reference, show

    instance = small_instance()
    measured = reference("cae.relu_jacobian")(instance)
    pre = instance["W"] @ instance["x"] + instance["b"]
    masked = np.diag((pre > 0).astype(float)) @ instance["W"]
    return (
        Message(
            "explain_worked.cae_relu",
            {
                "pre": show(pre),
                "fd": show(measured),
                "masked": show(masked),
                "gap": gap(measured, masked),
                "penalty": Figures(f"{float(np.sum(masked**2)):.4g}"),
                "decay": Figures(f"{float(np.sum(instance['W'] ** 2)):.4g}"),
            },
        ),
    )
