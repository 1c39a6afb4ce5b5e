"""The linear RNN h_k = W h_{k-1} + U x_k + b, computed step by step.

The references are behaviour, not formulas: h_t by running the recursion t times, and
dh_t/dh_0 by finite differences of that unrolled map (never W^t from the closed form),
so a student's closed form is checked against what the network actually does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import register_solver, register_worked
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
    """h_t on an instance of the RNN context."""
    return Solution(unroll)


@register_solver("rnn.jacobian")
def state_jacobian(params: Mapping[str, Any]) -> Solution:
    """dh_t/dh_0 on an instance, measured on the unrolled map."""
    return Solution(unrolled_jacobian)


# -- worked examples (`examgrade explain`) ------------------------------------------------


def small_instance(t: int = 3) -> dict[str, Any]:
    """A 2-state RNN with one input, small enough to unroll by hand."""
    return {
        "W": np.array([[0.5, 0.2], [-0.1, 0.4]]),
        "U": np.array([[1.0], [0.5]]),
        "b": np.array([0.1, -0.2]),
        "h_0": np.array([1.0, -1.0]),
        "x": np.array([[1.0], [2.0], [-1.0], [0.5]])[:t],
        "t": t,
        "N": 2,
        "M": 1,
    }


def _closed_form(instance: Mapping[str, Any]) -> np.ndarray:
    """W^t h_0 + sum_{k=1}^t W^{t-k} (U x_k + b), the answer key's form."""
    w, t = instance["W"], instance["t"]
    total = np.linalg.matrix_power(w, t) @ instance["h_0"]
    for k in range(1, t + 1):
        drive = instance["U"] @ instance["x"][k - 1] + instance["b"]
        total = total + np.linalg.matrix_power(w, t - k) @ drive
    return total


@register_worked("rnn.unroll")
def worked_unroll(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """h_1, h_2, h_3 unrolled by the solver, then the closed form beside h_3."""
    from examgrade.solvers.worked import gap, reference, show

    state = reference("rnn.state")
    base = small_instance()
    steps = [
        Message(
            "explain_worked.rnn_instance",
            {k: show(base[k]) for k in ("W", "U", "b", "h_0")} | {"x": show(base["x"][:, 0])},
        )
    ]
    previous = base["h_0"]
    for t in (1, 2, 3):
        value = state(small_instance(t))
        steps.append(
            Message(
                "explain_worked.rnn_unroll",
                {"t": t, "s": t - 1, "previous": show(previous), "value": show(value)},
            )
        )
        previous = value
    closed = _closed_form(base)
    steps.append(
        Message("explain_worked.rnn_closed", {"value": show(closed), "gap": gap(closed, previous)})
    )
    return tuple(steps)


@register_worked("rnn.jacobian_power")
def worked_jacobian(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """dh_3/dh_0 measured by the solver beside W^3 and its transpose."""
    from examgrade.solvers.worked import gap, reference, show

    measured = reference("rnn.jacobian")(small_instance())
    w3 = np.linalg.matrix_power(small_instance()["W"], 3)
    return (
        Message(
            "explain_worked.rnn_jacobian",
            {
                "fd": show(measured),
                "power": show(w3),
                "gap": gap(measured, w3),
                "transposed": gap(measured, w3.T),
            },
        ),
    )
