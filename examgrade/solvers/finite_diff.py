"""Numerical derivatives for the reference solvers: the reference is measured on the map
itself, never taken from the closed form a student is asked to find.

Five-point central differences (error O(h^4)) with a step relative to each coordinate's
magnitude, so the measured Jacobian agrees with the exact one to about 1e-9 relative on
smooth maps; an affine map is differentiated exactly up to rounding.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Map = Callable[[np.ndarray], np.ndarray]

_STENCIL = ((-2.0, 1.0), (-1.0, -8.0), (1.0, 8.0), (2.0, -1.0))  # (offset, weight), / 12h


def jacobian(fn: Map, at: np.ndarray, step: float = 1e-3) -> np.ndarray:
    """J[i, j] = d fn(x)_i / d x_j at `at` (numerator layout, as in the exam).

    The output may be a scalar (J is then a vector, the gradient) or any array (J gets
    the output's shape followed by the input's)."""
    at = np.asarray(at, dtype=float)
    flat = at.reshape(-1)
    columns = []
    for j in range(flat.size):
        h = step * max(1.0, abs(flat[j]))
        total: np.ndarray | float = 0.0
        for offset, weight in _STENCIL:
            moved = flat.copy()
            moved[j] += offset * h
            total = total + weight * np.asarray(fn(moved.reshape(at.shape)), dtype=float)
        columns.append(np.asarray(total) / (12.0 * h))
    stacked = np.stack(columns, axis=-1)
    return stacked.reshape(stacked.shape[:-1] + at.shape)


def gradient(fn: Callable[[np.ndarray], float], at: np.ndarray, step: float = 1e-3) -> np.ndarray:
    """The gradient of a scalar function, shaped like its input."""
    return jacobian(lambda v: np.asarray(fn(v), dtype=float), at, step)
