"""Q8 (b) and (c), computed on a small three-way Boltzmann machine by enumeration.

(b) The unnormalized marginal of an RBM is a product over hidden units, hence linear in
their number. Here, given x, y and z stay coupled: P(y, z | x) is not P(y|x) P(z|x),
so no such product exists; one layer can be summed analytically, the other needs
2^min(M, K) terms.
(c) A CD-like algorithm works: a clamped Gibbs chain for the (non-factorial) positive
phase and a three-block Gibbs sweep for the negative phase raise the exact likelihood.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution


def _states(n: int) -> np.ndarray:
    return np.array(list(itertools.product((0, 1), repeat=n)), dtype=float)


def joint_table(weights: np.ndarray) -> np.ndarray:
    """P(x, y, z) for every configuration, as an array indexed [x, y, z]."""
    n, m, k = weights.shape
    xs, ys, zs = _states(n), _states(m), _states(k)
    energy = np.einsum("ijk,ai,bj,ck->abc", weights, xs, ys, zs)
    unnormalized = np.exp(-energy)
    return unnormalized / unnormalized.sum()


def _sizes(params: Mapping[str, Any]) -> tuple[int, int, int, np.random.Generator]:
    rng = np.random.default_rng(int(params.get("seed", 3)))
    return int(params.get("n", 3)), int(params.get("m", 3)), int(params.get("k", 3)), rng


@register_solver("boltzmann.marginal_is_linear")
def marginal_is_linear(params: Mapping[str, Any]) -> Solution:
    """False when P(y, z | x) does not factorize for some x (then log P~(x) is no sum of
    per-unit terms, unlike the RBM's free energy)."""
    n, m, k, rng = _sizes(params)
    weights = rng.normal(0, float(params.get("scale", 1.5)), (n, m, k))
    joint = joint_table(weights)
    coupling = 0.0
    for a in range(joint.shape[0]):
        given_x = joint[a] / joint[a].sum()
        product = np.outer(given_x.sum(axis=1), given_x.sum(axis=0))
        coupling = max(coupling, float(np.abs(given_x - product).max()))
    linear = coupling < 1e-9
    steps = (
        Message("verdicts.boltzmann_coupling", {"n": n, "m": m, "k": k, "gap": round(coupling, 4)}),
        Message("verdicts.boltzmann_cost", {"terms": 2 ** min(m, k), "m": m, "k": k}),
        Message("verdicts.boltzmann_linear_yes" if linear else "verdicts.boltzmann_linear_no", {}),
    )
    return Solution(linear, steps)


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-a))


def _log_likelihood(weights: np.ndarray, data: np.ndarray) -> float:
    joint = joint_table(weights)
    marginal_x = joint.sum(axis=(1, 2))
    index = (data @ (2 ** np.arange(data.shape[1])[::-1])).astype(int)
    return float(np.log(marginal_x[index]).mean())


@register_solver("boltzmann.cd_training_possible")
def cd_training_possible(params: Mapping[str, Any]) -> Solution:
    """True when CD-like training (clamped Gibbs positive phase, 3-block Gibbs negative
    phase) raises the exact average log-likelihood of the data."""
    n, m, k, rng = _sizes(params)
    target = rng.normal(0, 2.0, (n, m, k))
    probs = joint_table(target).sum(axis=(1, 2))
    data = _states(n)[rng.choice(len(probs), size=64, p=probs)]
    weights = np.zeros((n, m, k))
    before = _log_likelihood(weights, data)
    for _ in range(150):
        weights -= 0.1 * _cd_gradient(weights, data, rng)
    after = _log_likelihood(weights, data)
    steps = (
        Message(
            "verdicts.boltzmann_cd_run", {"before": round(before, 4), "after": round(after, 4)}
        ),
        Message("verdicts.boltzmann_cd_yes" if after > before else "verdicts.boltzmann_cd_no", {}),
    )
    return Solution(after > before, steps)


def _cd_gradient(weights: np.ndarray, data: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """dE-statistics: <x y z>_data (clamped chain) minus <x y z>_model (one 3-block sweep)."""
    m, k = weights.shape[1], weights.shape[2]
    y = (rng.random((len(data), m)) < 0.5).astype(float)
    z = (rng.random((len(data), k)) < 0.5).astype(float)
    for _ in range(5):  # positive phase: y and z are coupled given x, so sample them
        y = (rng.random(y.shape) < _sigmoid(-np.einsum("ijk,ai,ak->aj", weights, data, z))).astype(
            float
        )
        z = (rng.random(z.shape) < _sigmoid(-np.einsum("ijk,ai,aj->ak", weights, data, y))).astype(
            float
        )
    positive = np.einsum("ai,aj,ak->ijk", data, y, z) / len(data)
    x = (rng.random(data.shape) < _sigmoid(-np.einsum("ijk,aj,ak->ai", weights, y, z))).astype(
        float
    )
    y = (rng.random(y.shape) < _sigmoid(-np.einsum("ijk,ai,ak->aj", weights, x, z))).astype(float)
    z = (rng.random(z.shape) < _sigmoid(-np.einsum("ijk,ai,aj->ak", weights, x, y))).astype(float)
    negative = np.einsum("ai,aj,ak->ijk", x, y, z) / len(data)
    # d(-log P)/dW = <xyz>_data - <xyz>_model, since P ∝ exp(-Σ W xyz)
    return positive - negative
