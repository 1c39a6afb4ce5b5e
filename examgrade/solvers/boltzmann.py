"""The conditionals of the three-way Boltzmann machine E = sum W_ijk x_i y_j z_k,
P ∝ exp(-E), computed by brute-force enumeration of the joint, not from a formula.

For `unit: x` the value is the vector P(x_i = 1 | y, z) for every i (the free index of
the student's answer), given the instance's y and z; likewise for y and z. `sign: -1`
computes the machine P ∝ exp(+E) instead, which is what a student who writes the
sigmoid without its minus sign describes (a known mistake, found by the same solver).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import register_solver, register_worked
from examgrade.solvers.solution import Solution

Instance = Mapping[str, Any]
_UNITS = {"x": 0, "y": 1, "z": 2}
_MAX_UNITS = 16  # 2^16 configurations of the enumerated layer at most


@cache
def _states(n: int) -> np.ndarray:
    """Every binary vector of length n, one per row."""
    return np.array(list(itertools.product((0.0, 1.0), repeat=n))).reshape(-1, n)


def conditional(instance: Instance, unit: str, sign: float = 1.0) -> np.ndarray:
    """P(u_i = 1 | the other two layers) for every unit i of layer `unit`, by enumerating
    all configurations of that layer with the other two clamped to the instance's values."""
    weights = np.asarray(instance["W"], dtype=float)
    layers = [np.asarray(instance[name], dtype=float) for name in ("x", "y", "z")]
    axis = _UNITS[unit]
    size = weights.shape[axis]
    if size > _MAX_UNITS:
        raise ValueError(f"{size} units are too many to enumerate")
    states = _states(size)  # (2^size, size)
    others = [layers[a] for a in range(3) if a != axis]
    moved = np.moveaxis(weights, axis, 0)  # (size, other1, other2)
    field = np.einsum("iab,a,b->i", moved, *others)  # energy = states @ field
    log_weights = -sign * (states @ field)
    probs = np.exp(log_weights - log_weights.max())
    probs /= probs.sum()
    return probs @ states


@register_solver("boltzmann.conditional")
def conditional_solver(params: Mapping[str, Any]) -> Solution:
    """Params {unit: x | y | z, sign: 1 (default) or -1 for exp(+E)}."""
    unit = str(params.get("unit", "x"))
    if unit not in _UNITS:
        raise ValueError(f"unit must be x, y or z, not {unit!r}")
    sign = float(params.get("sign", 1))
    return Solution(lambda instance: conditional(instance, unit, sign))


# -- worked example (`examgrade explain`) -------------------------------------------------


def small_instance() -> dict[str, Any]:
    """A machine with N = M = K = 2, small enough to enumerate by hand."""
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


@register_worked("boltzmann.conditionals")
def worked_conditionals(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """Each layer's conditional enumerated by the solver beside the sigmoid formula."""
    from examgrade.solvers.worked import gap, reference, show

    instance = small_instance()
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
        enumerated = reference("boltzmann.conditional", unit=unit)(instance)
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
