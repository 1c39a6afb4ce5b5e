"""Q7 (b): the WGAN-GP critic loss of the linear critic D(x) = w^T x + b on the instance's
batches, and its gradient in w, both measured (nothing analytic is assumed).

L(w) = mean D(x_tilde) - mean D(x) + lambda mean (||grad_xhat D(x_hat)||_2 - 1)^2, the
critic's loss to minimise (real samples x, generated x_tilde, interpolates x_hat, each a
batch of shape (S, N)). grad_xhat D is measured by central differences at each
interpolate, and grad_w L by central differences of L around w.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.i18n import Figures, Message
from examgrade.solvers import register_solver, register_worked
from examgrade.solvers.finite_diff import gradient
from examgrade.solvers.solution import Solution

Instance = Mapping[str, Any]

_STENCIL = ((-2.0, 1.0), (-1.0, -8.0), (1.0, 8.0), (2.0, -1.0))


def critic(w: np.ndarray, b: float, batch: np.ndarray) -> np.ndarray:
    """D on every sample of a batch (one value per row)."""
    return batch @ w + b


def input_gradients(w: np.ndarray, b: float, batch: np.ndarray, step: float = 1e-3) -> np.ndarray:
    """grad_x D at every sample of the batch (S, N), by five-point central differences."""
    columns = []
    for j in range(batch.shape[1]):
        h = step * np.maximum(1.0, np.abs(batch[:, j]))
        total = np.zeros(batch.shape[0])
        for offset, weight in _STENCIL:
            moved = batch.copy()
            moved[:, j] += offset * h
            total += weight * critic(w, b, moved)
        columns.append(total / (12.0 * h))
    return np.stack(columns, axis=1)


def _batches(instance: Instance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    real = np.atleast_2d(np.asarray(instance["x"], dtype=float))
    fake = np.atleast_2d(np.asarray(instance["x_tilde"], dtype=float))
    if "x_hat" in instance:
        mixed = np.atleast_2d(np.asarray(instance["x_hat"], dtype=float))
    else:  # interpolates at fixed, varied fractions along the segments
        eps = np.linspace(0.1, 0.9, len(real))[:, None]
        mixed = eps * real + (1 - eps) * fake
    return real, fake, mixed


def loss(instance: Instance, w: np.ndarray) -> float:
    """The WGAN-GP critic loss at weights w, the penalty from measured input gradients."""
    real, fake, mixed = _batches(instance)
    b = float(instance.get("b", 0.0))
    penalty = np.mean((np.linalg.norm(input_gradients(w, b, mixed), axis=1) - 1.0) ** 2)
    return float(
        np.mean(critic(w, b, fake))
        - np.mean(critic(w, b, real))
        + float(instance["lambda"]) * penalty
    )


def grad_w(instance: Instance) -> np.ndarray:
    """grad_w L at the instance's w, by central differences of the measured loss."""
    return gradient(lambda w: loss(instance, w), np.asarray(instance["w"], dtype=float))


@register_solver("wgan.grad_w")
def grad_w_solver(params: Mapping[str, Any]) -> Solution:
    """The gradient of the WGAN-GP loss in w on an instance."""
    return Solution(grad_w)


# -- worked example (`examgrade explain`) -------------------------------------------------


def small_instance() -> dict[str, Any]:
    """A linear critic in R^3 with 4 real and 4 generated samples."""
    rng = np.random.default_rng(7)
    return {
        "w": np.array([0.8, -0.5, 0.3]),
        "b": 0.2,
        "lambda": 10.0,
        "x": rng.normal(1.0, 1.0, (4, 3)),
        "x_tilde": rng.normal(0.0, 1.0, (4, 3)),
        "N": 3,
        "S": 4,
    }


@register_worked("wgan.gradient")
def worked_gradient(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """grad_w L measured by the solver beside the formula, and the formula's sign slip."""
    from examgrade.solvers.worked import gap, reference, show

    instance = small_instance()
    measured = reference("wgan.grad_w")(instance)
    w, lam = instance["w"], instance["lambda"]
    norm = float(np.linalg.norm(w))
    formula = (
        instance["x_tilde"].mean(axis=0)
        - instance["x"].mean(axis=0)
        + 2 * lam * (norm - 1) * w / norm
    )
    swapped = formula - 2 * (instance["x_tilde"].mean(axis=0) - instance["x"].mean(axis=0))
    return (
        Message(
            "explain_worked.wgan_instance",
            {"w": show(w), "lambda": lam, "norm": Figures(f"{norm:.4g}")},
        ),
        Message(
            "explain_worked.wgan_grad",
            {
                "fd": show(measured),
                "formula": show(formula),
                "gap": gap(measured, formula),
                "swapped": gap(measured, swapped),
            },
        ),
    )
