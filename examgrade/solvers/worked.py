"""What worked examples share: numbers on one line and the gap between two results.

A worked example (`register_worked`) runs a registered solver on a small, fixed
instance and sets a closed form from the answer key beside it, so the reader sees both
the measured reference and why the formula holds. Its sentences are catalog messages
(`messages/*/explain_worked.yaml`); the numbers are computed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from examgrade.i18n import Figures
from examgrade.solvers import get_solver


def show(value: Any) -> Figures:
    """A number, vector or matrix on one line, 4 significant digits (`1,4` in French)."""
    return Figures(_one_line(value))


def _one_line(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return f"{float(array):.4g}"
    return "[" + ", ".join(_one_line(row) for row in array) + "]"


def gap(a: Any, b: Any) -> Figures:
    """The largest absolute difference of two results, as `1.2e-09` (`1,2e-09`)."""
    largest = np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float)))
    return Figures(f"{float(largest):.1e}")


def reference(solver: str, **params: Any) -> Callable[..., Any]:
    """The registered reference function of a solver (instance -> value): the one the
    grader compares answers with."""
    found = get_solver(solver)
    if found is None:  # pragma: no cover - the solvers are registered with the package
        raise KeyError(solver)
    return found(params).value
