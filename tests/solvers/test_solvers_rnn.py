"""q2.a and q2.b references: the unrolled RNN against the answer key's closed forms, and
the finite-difference Jacobian equal to W^t (not (W^T)^t), whatever the inputs."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.solvers import get_solver


def instance(seed: int, n: int = 3, m: int = 2, t: int = 5, radius: float = 0.9) -> dict:
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n, n))
    w *= radius / max(abs(np.linalg.eigvals(w)))
    return {
        "W": w,
        "U": rng.normal(size=(n, m)),
        "b": rng.normal(size=n),
        "h_0": rng.normal(size=n),
        "x": rng.normal(size=(t, m)),
        "t": t,
        "N": n,
        "M": m,
    }


def closed_form(inst: dict) -> np.ndarray:
    w, t = inst["W"], inst["t"]
    power = np.linalg.matrix_power
    total = power(w, t) @ inst["h_0"]
    for k in range(1, t + 1):
        total = total + power(w, t - k) @ (inst["U"] @ inst["x"][k - 1] + inst["b"])
    return total


CASES = [(0, 3, 2, 1, 0.5), (1, 3, 2, 5, 0.9), (2, 4, 5, 7, 1.3), (3, 2, 3, 12, 1.1)]


@pytest.mark.parametrize(("seed", "n", "m", "t", "radius"), CASES)
def test_state_is_the_closed_form_and_its_index_shift(seed, n, m, t, radius):
    """h_t = W^t h_0 + sum_k W^{t-k}(U x_k + b), also with the shifted index."""
    inst = instance(seed, n, m, t, radius)
    value = get_solver("rnn.state")({}).value(inst)
    np.testing.assert_allclose(value, closed_form(inst), rtol=1e-12, atol=1e-12)
    power = np.linalg.matrix_power
    shifted = power(inst["W"], t) @ inst["h_0"] + sum(
        power(inst["W"], k) @ (inst["U"] @ inst["x"][t - k - 1] + inst["b"]) for k in range(t)
    )
    np.testing.assert_allclose(value, shifted, rtol=1e-12, atol=1e-12)


def test_state_differs_from_the_off_by_one_power():
    """W^{t-k+1} is a known mistake: the solver must tell it apart."""
    inst = instance(1)
    power = np.linalg.matrix_power
    off_by_one = power(inst["W"], inst["t"]) @ inst["h_0"] + sum(
        power(inst["W"], inst["t"] - k + 1) @ (inst["U"] @ inst["x"][k - 1] + inst["b"])
        for k in range(1, inst["t"] + 1)
    )
    assert np.max(np.abs(get_solver("rnn.state")({}).value(inst) - off_by_one)) > 0.1


@pytest.mark.parametrize(("seed", "n", "m", "t", "radius"), CASES)
def test_jacobian_is_w_to_the_t_not_its_transpose(seed, n, m, t, radius):
    """The measured Jacobian is W^t to 1e-6 (relative) and differs from (W^T)^t."""
    inst = instance(seed, n, m, t, radius)
    measured = get_solver("rnn.jacobian")({}).value(inst)
    expected = np.linalg.matrix_power(inst["W"], t)
    scale = max(1.0, np.abs(expected).max())
    assert np.abs(measured - expected).max() / scale < 1e-6
    transposed = np.linalg.matrix_power(inst["W"].T, t)
    assert np.abs(measured - transposed).max() / scale > 1e-3


def test_jacobian_does_not_depend_on_inputs_or_bias():
    inst = instance(4)
    other = {**inst, "x": inst["x"] * 7 + 1, "b": -inst["b"], "U": inst["U"] * 3}
    solve = get_solver("rnn.jacobian")({}).value
    np.testing.assert_allclose(solve(inst), solve(other), atol=1e-8)
