"""Q6 (a): random discrete latent-variable models on which a derivation is checked.

Every step of a student's derivation is evaluated on several models drawn here: a joint
table p(x, z) over a few observed values and K latent states, an approximate posterior
q(z|x), and the observed x. A value is a scalar or a vector over z; `E_q[...]`,
`sum_z` and integrals over z reduce the z axis.

A correct form of the identity's right-hand side and a bare `log p(x)` are equal on every
model (that is the identity), so equality alone cannot tell whether a chain *ends at* the
right-hand side. The `loose` variant of each model lets q sum to c != 1: then
E_q[f] = c f for f constant in z, and the two sides fall apart, while every rewriting that
keeps E_q[...] forms (ELBO + KL(q||p), two expectations...) still agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from examgrade.i18n import Message
from examgrade.solvers import register_solver
from examgrade.solvers.solution import Solution


@dataclass(frozen=True)
class DiscreteModel:
    """p(x, z) as a table [x, z], q(z|x_obs) as a vector over z, and the observed x."""

    joint: np.ndarray
    q: np.ndarray
    observed: int

    @property
    def p_x(self) -> float:
        return float(self.joint[self.observed].sum())

    @property
    def p_xz(self) -> np.ndarray:
        return self.joint[self.observed]

    @property
    def p_z(self) -> np.ndarray:
        return self.joint.sum(axis=0)

    @property
    def p_x_given_z(self) -> np.ndarray:
        return self.p_xz / self.p_z

    @property
    def p_z_given_x(self) -> np.ndarray:
        return self.p_xz / self.p_x

    def expectation(self, values: np.ndarray | float) -> float:
        """E_q[values] = sum_z q(z|x) values(z); a constant is broadcast over z."""
        return float(np.sum(self.q * np.broadcast_to(values, self.q.shape)))

    def kl_q_posterior(self) -> float:
        return self.expectation(np.log(self.q / self.p_z_given_x))

    def loose(self, mass: float) -> DiscreteModel:
        """The same model with q scaled to total `mass` (see the module docstring)."""
        return DiscreteModel(self.joint, self.q * mass, self.observed)


@cache
def random_models(seed: int = 2023, count: int = 6) -> tuple[DiscreteModel, ...]:
    """Models with 2 to 5 latent states and 2 to 4 observed values, all entries > 0."""
    rng = np.random.default_rng(seed)
    models = []
    for index in range(count):
        states = (2, 3, 5)[index % 3]
        values = 2 + index % 3
        joint = rng.dirichlet(np.ones(values * states)).reshape(values, states)
        q = rng.dirichlet(np.ones(states))
        models.append(DiscreteModel(joint, q, int(rng.integers(values))))
    return tuple(models)


def elbo(model: DiscreteModel) -> float:
    return model.expectation(np.log(model.p_xz / model.q))


def identity_rhs(model: DiscreteModel) -> float:
    """E_q[log p(x,z)/q(z|x)] - E_q[log p(z|x)/q(z|x)], the exam's right-hand side."""
    return elbo(model) - model.expectation(np.log(model.p_z_given_x / model.q))


@register_solver("vae.elbo_identity")
def elbo_identity(params: Mapping[str, Any]) -> Solution:
    """The identity checked on a random model: log p(x) = ELBO + KL(q || p(z|x))."""
    model = random_models(int(params.get("seed", 2023)))[0]
    steps = (
        Message("elbo.model", {"states": len(model.q), "observed": model.observed}),
        Message(
            "elbo.values",
            {
                "log_px": round(np.log(model.p_x), 10),
                "elbo": round(elbo(model), 10),
                "kl": round(model.kl_q_posterior(), 10),
                "total": round(elbo(model) + model.kl_q_posterior(), 10),
            },
        ),
        Message("elbo.gap", {}),
    )
    return Solution(random_models(int(params.get("seed", 2023))), steps)
