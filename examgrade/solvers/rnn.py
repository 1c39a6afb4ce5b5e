"""Q2 (a) and (b): the linear RNN h_k = W h_{k-1} + U x_k + b, computed step by step.

The references are behaviour, not formulas: h_t by running the recursion t times, and
dh_t/dh_0 by finite differences of that unrolled map (never W^t from the closed form),
so a student's closed form is checked against what the network actually does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.solvers import register_solver
from examgrade.solvers.finite_diff import jacobian
from examgrade.solvers.solution import Solution

Instance = Mapping[str, Any]


def unroll(instance: Instance, h_0: np.ndarray | None = None) -> np.ndarray:
    """h_t for the instance (W, U, b, h_0, inputs x of shape (t, M), t), step by step."""
    weights = np.asarray(instance["W"], dtype=float)
    inputs = np.asarray(instance["U"], dtype=float)
    bias = np.asarray(instance["b"], dtype=float)
    xs = np.asarray(instance["x"], dtype=float)
    state = np.asarray(instance["h_0"] if h_0 is None else h_0, dtype=float)
    for k in range(int(instance["t"])):
        state = weights @ state + inputs @ xs[k] + bias
    return state


def unrolled_jacobian(instance: Instance) -> np.ndarray:
    """dh_t/dh_0 (J[i, j] = dh_t[i]/dh_0[j]) by central differences of `unroll`."""
    return jacobian(lambda h: unroll(instance, h), np.asarray(instance["h_0"], dtype=float))


@register_solver("rnn.state")
def state(params: Mapping[str, Any]) -> Solution:
    """h_t on an instance of the q2 context."""
    return Solution(unroll)


@register_solver("rnn.jacobian")
def state_jacobian(params: Mapping[str, Any]) -> Solution:
    """dh_t/dh_0 on an instance, measured on the unrolled map."""
    return Solution(unrolled_jacobian)
