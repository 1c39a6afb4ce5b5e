"""Q6 (b): can amortized IAF inference beat per-example mean-field? Computed, not asserted.

On a linear-Gaussian latent model the true posterior is a correlated Gaussian. The best
mean-field (diagonal) Gaussian, optimized for this very example, still pays a KL gap;
one affine autoregressive (IAF) step z = mu + L eps, with L lower-triangular from an
encoder, represents the posterior exactly. Both gaps are computed with the general
Gaussian KL, so the verdict is what the numbers say.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution


def gaussian_kl(
    mean_q: np.ndarray, cov_q: np.ndarray, mean_p: np.ndarray, cov_p: np.ndarray
) -> float:
    """KL(N(mean_q, cov_q) || N(mean_p, cov_p))."""
    d = len(mean_q)
    precision_p = np.linalg.inv(cov_p)
    diff = mean_p - mean_q
    _, logdet_p = np.linalg.slogdet(cov_p)
    _, logdet_q = np.linalg.slogdet(cov_q)
    return 0.5 * float(
        np.trace(precision_p @ cov_q) + diff @ precision_p @ diff - d + logdet_p - logdet_q
    )


def posterior(loading: np.ndarray, noise: float, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """p(z|x) for z ~ N(0, I), x = A z + N(0, noise² I): a Gaussian with full covariance."""
    d = loading.shape[1]
    precision = np.eye(d) + loading.T @ loading / noise**2
    cov = np.linalg.inv(precision)
    return cov @ loading.T @ x / noise**2, cov


@register_solver("vae.iaf_vs_mean_field")
def iaf_vs_mean_field(params: Mapping[str, Any]) -> Solution:
    """True when the amortized flow's posterior gap is smaller than the per-example
    mean-field optimum's, on a model whose posterior is correlated."""
    rng = np.random.default_rng(int(params.get("seed", 7)))
    noise = float(params.get("noise", 0.5))
    loading = np.array([[1.0, 0.9], [0.9, 1.0]]) + 0.1 * rng.standard_normal((2, 2))
    x = rng.standard_normal(2)
    mean, cov = posterior(loading, noise, x)
    precision = np.linalg.inv(cov)
    correlation = cov[0, 1] / np.sqrt(cov[0, 0] * cov[1, 1])
    mean_field_cov = np.diag(1.0 / np.diag(precision))  # the optimal diagonal q for this x
    mean_field_gap = gaussian_kl(mean, mean_field_cov, mean, cov)
    chol = np.linalg.cholesky(cov)  # one affine autoregressive step: z = mu + L eps
    iaf_gap = gaussian_kl(mean, chol @ chol.T, mean, cov)
    verdict = mean_field_gap > iaf_gap + 1e-9
    steps = (
        Message("verdicts.vae_model", {"correlation": round(float(correlation), 3)}),
        Message("verdicts.vae_mean_field_gap", {"gap": round(mean_field_gap, 4)}),
        Message("verdicts.vae_iaf_gap", {"gap": abs(round(iaf_gap, 10))}),
        Message("verdicts.vae_yes" if verdict else "verdicts.vae_no", {}),
    )
    return Solution(verdict, steps)
