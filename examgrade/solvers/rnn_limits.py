"""What J = dh_t/dh_0 = W^t actually does as t grows, for a bank of matrices.

The reference for a condition such as `rho(W) < 1` is behaviour, computed: for each
matrix of the bank (diagonal, symmetric, rotations, non-normal with ||W||_2 > 1 > rho(W),
Jordan blocks and unit eigenvalues at the edge rho(W) = 1, random ones on both sides of
1), the growth rate of ||W^t|| is measured from its powers. A condition is then judged by
the matrices on which it agrees or disagrees with that behaviour (the `condition` check
kind's `judge`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import numpy as np

from examgrade.i18n import Figures, Message
from examgrade.mathlang import kept_draws
from examgrade.solvers import register_solver, register_worked
from examgrade.solvers.solution import Solution

Behaviour = Literal["vanishes", "explodes", "bounded", "grows_polynomially"]

_T_SHORT, _T_LONG = 100, 400
_RATE = 0.01  # |d log ||W^t|| / dt| above this is exponential


@dataclass(frozen=True)
class BankMatrix:
    """One matrix of the bank, with what its powers do and a name for feedback."""

    id: str
    matrix: np.ndarray
    behaviour: Behaviour
    norms: tuple[float, ...]  # ||W^t||_2 at t = 1, 5, 20, 100, 400

    @property
    def description(self) -> Message:
        return Message(f"conditions.matrix_{self.id.split('-')[0]}", {})


def _rotation(theta: float, scale: float) -> np.ndarray:
    c, s = np.cos(theta), np.sin(theta)
    return scale * np.array([[c, -s], [s, c]])


def _scaled_random(rng: np.random.Generator, n: int, radius: float) -> np.ndarray:
    matrix = rng.standard_normal((n, n))
    return matrix * radius / max(abs(np.linalg.eigvals(matrix)))


def _symmetric(rng: np.random.Generator, n: int, radius: float) -> np.ndarray:
    matrix = rng.standard_normal((n, n))
    matrix = matrix + matrix.T
    return matrix * radius / max(abs(np.linalg.eigvalsh(matrix)))


def _matrices(seed: int) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return [
        ("diagonal-small", np.diag([0.5, 0.3])),
        ("diagonal-large", np.diag([1.5, 0.2])),
        ("diagonal-negative", np.diag([-1.3, 0.5])),
        ("diagonal-negative-small", np.diag([-0.7, 0.2])),
        ("symmetric-contracting", _symmetric(rng, 3, 0.8)),
        ("symmetric-expanding", _symmetric(rng, 3, 1.3)),
        ("rotation-contracting", _rotation(0.7, 0.9)),
        ("rotation-expanding", _rotation(0.7, 1.1)),
        ("rotation-unit", _rotation(0.7, 1.0)),
        ("nonnormal-contracting", np.array([[0.9, 5.0], [0.0, 0.8]])),
        ("nonnormal-large-entries", np.array([[0.5, 3.0], [0.0, 0.5]])),
        ("small-entries-expanding", np.full((4, 4), 0.3)),
        ("jordan-unit", np.array([[1.0, 1.0], [0.0, 1.0]])),
        ("unit-negative", np.diag([-1.0, 0.5])),
        ("identity", np.eye(3)),
        ("random-contracting", _scaled_random(rng, 4, 0.7)),
        ("random-contracting2", _scaled_random(rng, 3, 0.5)),
        ("random-expanding", _scaled_random(rng, 4, 1.2)),
        ("random-expanding2", _scaled_random(rng, 3, 1.6)),
        ("zero-nilpotent", np.array([[0.0, 2.0], [0.0, 0.0]])),
    ]


def classify_powers(matrix: np.ndarray) -> tuple[Behaviour, tuple[float, ...]]:
    """The behaviour of ||W^t||_2 measured from the powers, not from the eigenvalues."""
    norms = tuple(_power_norm(matrix, t) for t in (1, 5, 20, _T_SHORT, _T_LONG))
    short, long = norms[3], norms[4]
    if long < 1e-12:
        return "vanishes", norms
    if short < 1e-300:  # pragma: no cover - nilpotent matrices are exactly zero
        return "vanishes", norms
    rate = (np.log(long) - np.log(short)) / (_T_LONG - _T_SHORT)
    if rate < -_RATE:
        return "vanishes", norms
    if rate > _RATE:
        return "explodes", norms
    return ("grows_polynomially" if long > 10 * max(norms[0], 1.0) else "bounded"), norms


def _power_norm(matrix: np.ndarray, t: int) -> float:
    """||W^t||_2, inf once the power overflows (LAPACK is never handed an inf)."""
    with np.errstate(all="ignore"):
        power = np.linalg.matrix_power(matrix, t)
    return float(np.linalg.norm(power, 2)) if np.all(np.isfinite(power)) else float("inf")


@cache
def behaviour_bank(seed: int = 11) -> tuple[BankMatrix, ...]:
    """The bank with each matrix's measured behaviour (computed once per process)."""
    bank = []
    for name, matrix in _matrices(seed):
        behaviour, norms = classify_powers(matrix)
        bank.append(BankMatrix(name, matrix, behaviour, norms))
    return tuple(bank)


@register_solver("rnn.jacobian_limits")
def jacobian_limits(params: Mapping[str, Any]) -> Solution:
    """The bank itself is the reference; the steps show ||W^t|| for a few telling cases."""
    bank = behaviour_bank(int(params.get("seed", 11)))
    shown = (
        "diagonal-small",
        "nonnormal-contracting",
        "random-expanding",
        "rotation-unit",
        "jordan-unit",
        "unit-negative",
    )
    steps = tuple(
        Message(
            "conditions.powers",
            {
                "matrix": m.description,
                "rho": _rho(m.matrix),
                "sigma": _sigma(m.matrix),
                "norms": Figures(", ".join(f"{v:.3g}" for v in m.norms)),
                "behaviour": Message(f"conditions.behaviour_{m.behaviour}", {}),
            },
        )
        for m in bank
        if m.id in shown
    )
    return Solution(bank, steps)


def _rho(matrix: np.ndarray) -> Figures:
    return Figures(f"{max(abs(np.linalg.eigvals(matrix))):.3g}")


def _sigma(matrix: np.ndarray) -> Figures:
    return Figures(f"{np.linalg.norm(matrix, 2):.3g}")


def show_matrix(matrix: np.ndarray) -> Figures:
    """A matrix on one line for feedback: [[0.9, 5], [0, 0.8]] ([[0,9 ; 5] ; [0 ; 0,8]])."""
    rows = ", ".join("[" + ", ".join(f"{v:.5g}" for v in row) + "]" for row in matrix)
    return Figures(f"[{rows}]")


# -- probes: matrices built from a student's own condition ------------------------------

_EDGE = 1e-9  # |rho - 1| below this is the edge, where only the powers tell


@cache
def probe_bases() -> tuple[tuple[str, np.ndarray, bool], ...]:
    """Shapes to scale into counterexamples, each with spectral radius 1 (or 0 for the
    nilpotent one): normal and non-normal, real and complex eigenvalues, negative ones,
    a Jordan block. A condition's thresholds are met by scaling those marked True (a
    spread of ρ/||W|| ratios, so a threshold on any of them is crossed on both sides);
    every one is also scaled just below and above ρ = 1."""
    drawn = kept_draws.kept_instance(kept_draws.key_text("probe_bases", 5), _probe_draws)
    bases = (
        ("diagonal", np.diag([1.0, 0.3]), True),
        ("diagonal", np.diag([-1.0, 0.5]), False),
        ("rotation", _rotation(0.7, 1.0), True),
        ("nonnormal", np.array([[1.0, 5.0], [0.0, 0.8]]), True),
        ("nonnormal", np.array([[1.0, 1.0], [0.0, 1.0]]), False),
        ("nonnormal", np.array([[0.2, 4.0, 0.0], [0.0, -1.0, 3.0], [0.0, 0.0, 0.5]]), False),
        ("symmetric", drawn["symmetric"], False),
        ("symmetric", np.full((4, 4), 0.25), True),
        ("random", drawn["random"], False),
        ("zero", np.array([[0.0, 1.0], [0.0, 0.0]]), True),
    )
    for _, matrix, _ in bases:
        matrix.setflags(write=False)
    return bases


def _probe_draws() -> dict[str, np.ndarray]:
    """The bases drawn at random, from a fixed seed: kept between runs (`kept_draws`: no
    numpy.random for a `check`, issue 17)."""
    rng = np.random.default_rng(5)
    return {"symmetric": _symmetric(rng, 3, 1.0), "random": _scaled_random(rng, 4, 1.0)}


def probe(name: str, matrix: np.ndarray) -> BankMatrix:
    """A built matrix with its behaviour: off the edge, Gelfand's formula (||W^t||^(1/t)
    → ρ(W)) decides for every t, however slowly the powers move; on it, the powers.
    Its norms are measured when it is shown (`powers_of`): most probes never are."""
    matrix.setflags(write=False)
    rho = float(max(abs(np.linalg.eigvals(matrix))))
    if rho < 1 - _EDGE:
        return BankMatrix(f"{name}-probe", matrix, "vanishes", ())
    if rho > 1 + _EDGE:
        return BankMatrix(f"{name}-probe", matrix, "explodes", ())
    behaviour, norms = classify_powers(matrix)
    return BankMatrix(f"{name}-probe", matrix, behaviour, norms)


def powers_of(m: BankMatrix) -> tuple[float, ...]:
    """||W^t||_2 at t = 1, 5, 20, 100, 400, measured now for a probe that had none."""
    return m.norms or classify_powers(m.matrix)[1]


@register_worked("rnn.edges")
def worked_edges(params: Mapping[str, Any]) -> tuple[Message, ...]:
    """The edge rho(W) = 1 from the bank, and h_t itself beside its Jacobian."""
    from examgrade.solvers.rnn import small_instance
    from examgrade.solvers.worked import reference, show

    bank = {m.id: m for m in behaviour_bank()}
    state = reference("rnn.state")
    steps = [
        Message(
            f"explain_worked.edge_{name.replace('-', '_')}",
            {"norms": Figures(", ".join(f"{v:.3g}" for v in bank[name].norms))},
        )
        for name in ("rotation-unit", "unit-negative", "identity", "jordan-unit")
    ]
    contracting = small_instance()
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
