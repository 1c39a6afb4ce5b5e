"""q5 references: the measured Jacobian of the linear encoder is W (H×D, not W^T), the
penalty is lambda ||W||_F^2 = lambda tr(W^T W); the ReLU Jacobian is diag(1[Wx+b>0]) W."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.solvers import get_solver


def instance(seed: int, h: int = 4, d: int = 3) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "W": rng.normal(size=(h, d)),
        "x": rng.normal(size=d),
        "b": rng.normal(size=h),
        "lambda": rng.uniform(0.1, 2.0),
    }


@pytest.mark.parametrize(("seed", "h", "d"), [(0, 4, 3), (1, 2, 5), (2, 3, 3)])
def test_linear_jacobian_is_w(seed, h, d):
    inst = instance(seed, h, d)
    measured = get_solver("cae.linear_jacobian")({}).value(inst)
    assert measured.shape == (h, d)
    np.testing.assert_allclose(measured, inst["W"], atol=1e-9)
    if h == d:
        assert np.abs(measured - inst["W"].T).max() > 1e-2


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_penalty_is_lambda_squared_frobenius(seed):
    """Equal to lambda ||W||_F^2 and lambda tr(W^T W); not lambda ||W||_F, not ||W||_2^2."""
    inst = instance(seed)
    value = float(get_solver("cae.linear_penalty")({}).value(inst))
    w, lam = inst["W"], inst["lambda"]
    assert value == pytest.approx(lam * np.sum(w**2), rel=1e-9)
    assert value == pytest.approx(lam * np.trace(w.T @ w), rel=1e-9)
    assert value != pytest.approx(lam * np.linalg.norm(w), rel=1e-3)
    assert value != pytest.approx(lam * np.linalg.norm(w, 2) ** 2, rel=1e-3)


@pytest.mark.parametrize("seed", range(6))
def test_relu_jacobian_masks_rows(seed):
    """diag(1[Wx+b>0]) W, and not W diag(...) (the mask on the wrong side)."""
    inst = instance(seed, 4, 4)
    measured = get_solver("cae.relu_jacobian")({}).value(inst)
    active = (inst["W"] @ inst["x"] + inst["b"] > 0).astype(float)
    np.testing.assert_allclose(measured, np.diag(active) @ inst["W"], atol=1e-8)
    if 0 < active.sum() < len(active):
        assert np.abs(measured - inst["W"] @ np.diag(active)).max() > 1e-3


def test_relu_jacobian_is_undefined_on_a_kink():
    """A pre-activation exactly 0 has no derivative: NaN, which equivalence skips."""
    inst = {"W": np.eye(2), "x": np.array([0.0, 1.0]), "b": np.zeros(2)}
    assert np.isnan(get_solver("cae.relu_jacobian")({}).value(inst)).all()
