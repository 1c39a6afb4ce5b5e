"""q7.b reference: the gradient of the WGAN-GP loss measured by nested finite differences
equals E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w/||w||, and not the known wrong forms."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.solvers import get_solver
from examgrade.solvers.wgan import input_gradients


def instance(seed: int, n: int = 5, s: int = 6) -> dict:
    rng = np.random.default_rng(seed)
    real = rng.normal(1.0, 1.0, (s, n))
    fake = rng.normal(-0.5, 1.5, (s, n))
    eps = rng.uniform(size=(s, 1))
    return {
        "w": rng.normal(size=n),
        "b": float(rng.normal()),
        "lambda": float(rng.uniform(0.5, 10)),
        "x": real,
        "x_tilde": fake,
        "x_hat": eps * real + (1 - eps) * fake,
    }


def analytic(inst: dict, factor: float = 2.0, swapped: bool = False, unit: bool = True):
    w, lam = inst["w"], inst["lambda"]
    norm = np.linalg.norm(w)
    means = inst["x_tilde"].mean(0) - inst["x"].mean(0)
    direction = w / norm if unit else w
    return (-means if swapped else means) + factor * lam * (norm - 1) * direction


def test_input_gradient_of_a_linear_critic_is_w():
    inst = instance(0)
    grads = input_gradients(inst["w"], inst["b"], inst["x_hat"])
    np.testing.assert_allclose(grads, np.tile(inst["w"], (len(grads), 1)), atol=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_gradient_matches_the_answer_key_and_not_the_mistakes(seed):
    inst = instance(seed)
    measured = get_solver("wgan.grad_w")({}).value(inst)
    scale = np.abs(measured).max()
    np.testing.assert_allclose(measured, analytic(inst), atol=1e-7 * scale)
    for wrong in (
        analytic(inst, factor=1.0),  # the lost factor 2
        analytic(inst, swapped=True),  # E[x] - E[x_tilde]
        analytic(inst, unit=False),  # the missing 1/||w||
    ):
        assert np.abs(measured - wrong).max() > 1e-3 * scale


def test_interpolation_fraction_does_not_matter():
    inst = instance(1)
    other = {**inst, "x_hat": 0.3 * inst["x"] + 0.7 * inst["x_tilde"]}
    solve = get_solver("wgan.grad_w")({}).value
    np.testing.assert_allclose(solve(inst), solve(other), atol=1e-7)
