"""q8.a reference: conditionals by enumeration equal sigma(-sum W y z) for every free
index and configuration, and differ from the positive sigmoid (`sign: -1` computes that)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from examgrade.solvers import get_solver


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def machine(seed: int, n: int = 3, m: int = 2, k: int = 4) -> np.ndarray:
    return np.random.default_rng(seed).normal(0, 1.5, (n, m, k))


CLOSED = {
    "x": lambda w, x, y, z: sigmoid(-np.einsum("ijk,j,k->i", w, y, z)),
    "y": lambda w, x, y, z: sigmoid(-np.einsum("ijk,i,k->j", w, x, z)),
    "z": lambda w, x, y, z: sigmoid(-np.einsum("ijk,i,j->k", w, x, y)),
}


def configurations(w: np.ndarray):
    n, m, k = w.shape
    for bits in itertools.product((0.0, 1.0), repeat=n + m + k):
        v = np.array(bits)
        yield v[:n], v[n : n + m], v[n + m :]


@pytest.mark.parametrize("unit", ["x", "y", "z"])
def test_conditionals_are_the_negative_sigmoid_everywhere(unit):
    w = machine(0)
    exact = get_solver("boltzmann.conditional")({"unit": unit}).value
    flipped = get_solver("boltzmann.conditional")({"unit": unit, "sign": -1}).value
    worst, apart = 0.0, 0.0
    for x, y, z in configurations(w):
        inst = {"W": w, "x": x, "y": y, "z": z}
        closed = CLOSED[unit](w, x, y, z)
        worst = max(worst, np.abs(exact(inst) - closed).max())
        apart = max(apart, np.abs(exact(inst) - (1 - closed)).max())  # sigma(+a)
        np.testing.assert_allclose(flipped(inst), 1 - closed, atol=1e-12)
    assert worst < 1e-12
    assert apart > 0.1  # sigma(+a) differs from sigma(-a)


def test_brute_force_against_the_full_joint():
    """Conditioning the full joint table P(x, y, z) gives the same P(x_i = 1 | y, z)."""
    w = machine(1, 2, 3, 2)
    n = w.shape[0]
    rows = list(configurations(w))
    energies = np.array([np.einsum("ijk,i,j,k->", w, x, y, z) for x, y, z in rows])
    joint = np.exp(-energies)
    y, z = np.array([1.0, 0.0, 1.0]), np.array([1.0, 1.0])
    mask = np.array([np.array_equal(r[1], y) and np.array_equal(r[2], z) for r in rows])
    xs = np.array([r[0] for r in rows])[mask]
    expected = joint[mask] @ xs / joint[mask].sum()
    value = get_solver("boltzmann.conditional")({"unit": "x"}).value(
        {"W": w, "x": np.zeros(n), "y": y, "z": z}
    )
    np.testing.assert_allclose(value, expected, atol=1e-12)
