"""Worked examples for `examgrade explain`: the solvers run on one small, fixed instance,
with the intermediate values a student can redo by hand.

Each worked example is keyed by its part (`q2.a`) and calls the registered solver of
that part (the reference the grader uses), then sets a closed form from the answer key
next to it, so the reader sees both the measured reference and why the formula holds.
Every sentence is a catalog message (`messages/*/explain_worked.yaml`); the numbers are
computed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import get_solver

Worked = Callable[[], tuple[Message, ...]]
WORKED: dict[str, Worked] = {}


def worked(key: str) -> Callable[[Worked], Worked]:
    def register(fn: Worked) -> Worked:
        WORKED[key] = fn
        return fn

    return register


def show(value: Any) -> str:
    """A number, vector or matrix on one line, 4 significant digits."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return f"{float(array):.4g}"
    return "[" + ", ".join(show(row) for row in array) + "]"


def gap(a: Any, b: Any) -> str:
    return f"{float(np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)))):.1e}"


def _reference(solver: str, **params: Any) -> Callable[..., Any]:
    """The registered reference function of a solver (instance -> value)."""
    found = get_solver(solver)
    if found is None:  # pragma: no cover - the solvers are registered with the package
        raise KeyError(solver)
    return found(params).value


def rnn_instance(t: int = 3) -> dict[str, Any]:
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


def _closed_form(instance: dict[str, Any]) -> np.ndarray:
    """W^t h_0 + sum_{k=1}^t W^{t-k} (U x_k + b), the answer key's form."""
    w, t = instance["W"], instance["t"]
    total = np.linalg.matrix_power(w, t) @ instance["h_0"]
    for k in range(1, t + 1):
        drive = instance["U"] @ instance["x"][k - 1] + instance["b"]
        total = total + np.linalg.matrix_power(w, t - k) @ drive
    return total


@worked("q2.a")
def _q2a() -> tuple[Message, ...]:
    state = _reference("rnn.state")
    base = rnn_instance()
    steps = [
        Message(
            "explain_worked.rnn_instance",
            {k: show(base[k]) for k in ("W", "U", "b", "h_0")} | {"x": show(base["x"][:, 0])},
        )
    ]
    previous = base["h_0"]
    for t in (1, 2, 3):
        value = state(rnn_instance(t))
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


@worked("q2.b")
def _q2b() -> tuple[Message, ...]:
    measured = _reference("rnn.jacobian")(rnn_instance())
    w3 = np.linalg.matrix_power(rnn_instance()["W"], 3)
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


@worked("q2.c")
def _q2c() -> tuple[Message, ...]:
    """The edge rho(W) = 1, and h_t itself beside its Jacobian."""
    from examgrade.solvers.rnn_limits import behaviour_bank

    bank = {m.id: m for m in behaviour_bank()}
    state = _reference("rnn.state")
    steps = [
        Message(
            f"explain_worked.edge_{name.replace('-', '_')}",
            {"norms": ", ".join(f"{v:.3g}" for v in bank[name].norms)},
        )
        for name in ("rotation-unit", "unit-negative", "identity", "jordan-unit")
    ]
    contracting = rnn_instance()
    constant = {**contracting, "x": np.ones((100, 1)), "t": 100}
    fixed = np.linalg.solve(np.eye(2) - constant["W"], constant["U"][:, 0] + constant["b"])
    first = state(constant)
    second = state({**constant, "h_0": np.array([-5.0, 8.0])})
    steps.append(
        Message(
            "explain_worked.fixed_point",
            {"first": show(first), "second": show(second), "fixed": show(fixed)},
        )
    )
    return tuple(steps)


def cae_instance() -> dict[str, Any]:
    return {
        "W": np.array([[1.0, -2.0, 0.5], [0.3, 0.8, -1.0]]),
        "x": np.array([0.5, -0.4, 1.0]),
        "b": np.array([-0.3, 0.2]),
        "lambda": 0.1,
        "H": 2,
        "D": 3,
    }


@worked("q5.a")
def _q5a() -> tuple[Message, ...]:
    instance = cae_instance()
    measured = _reference("cae.linear_jacobian")(instance)
    penalty = _reference("cae.linear_penalty")(instance)
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
            {"penalty": f"{penalty:.6g}", "decay": f"{weight_decay:.6g}", "lambda": 0.1},
        ),
    )


@worked("q5.b")
def _q5b() -> tuple[Message, ...]:
    instance = cae_instance()
    measured = _reference("cae.relu_jacobian")(instance)
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
                "penalty": f"{float(np.sum(masked**2)):.4g}",
                "decay": f"{float(np.sum(instance['W'] ** 2)):.4g}",
            },
        ),
    )


def wgan_instance() -> dict[str, Any]:
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


@worked("q7.b")
def _q7b() -> tuple[Message, ...]:
    instance = wgan_instance()
    measured = _reference("wgan.grad_w")(instance)
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
            "explain_worked.wgan_instance", {"w": show(w), "lambda": lam, "norm": f"{norm:.4g}"}
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


def boltzmann_instance() -> dict[str, Any]:
    rng = np.random.default_rng(3)
    return {
        "W": np.round(rng.normal(0.0, 1.0, (2, 2, 2)), 2),
        "x": np.array([1.0, 0.0]),
        "y": np.array([1.0, 1.0]),
        "z": np.array([0.0, 1.0]),
        "N": 2,
        "M": 2,
        "K": 2,
    }


@worked("q8.a")
def _q8a() -> tuple[Message, ...]:
    instance = boltzmann_instance()
    w = instance["W"]
    fields = {
        "x": np.einsum("ijk,j,k->i", w, instance["y"], instance["z"]),
        "y": np.einsum("ijk,i,k->j", w, instance["x"], instance["z"]),
        "z": np.einsum("ijk,i,j->k", w, instance["x"], instance["y"]),
    }
    steps = [
        Message(
            "explain_worked.boltzmann_instance",
            {
                "W": show(w),
                "x": show(instance["x"]),
                "y": show(instance["y"]),
                "z": show(instance["z"]),
            },
        )
    ]
    for unit, field in fields.items():
        enumerated = _reference("boltzmann.conditional", unit=unit)(instance)
        sigmoid = 1 / (1 + np.exp(field))
        steps.append(
            Message(
                f"explain_worked.boltzmann_{unit}",
                {
                    "enumerated": show(enumerated),
                    "sigmoid": show(sigmoid),
                    "wrong": show(1 / (1 + np.exp(-field))),
                    "gap": gap(enumerated, sigmoid),
                },
            )
        )
    return tuple(steps)


def worked_steps(question: str, part: str) -> tuple[Message, ...]:
    """The worked example of a part, or nothing when the part has none."""
    fn = WORKED.get(f"{question}.{part}")
    return fn() if fn else ()
