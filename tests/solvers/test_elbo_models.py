"""The q6.a models: the identity holds on every one, and the loose variant separates the
identity's right-hand side from a bare log p(x)."""

from __future__ import annotations

import numpy as np
import pytest

from examgrade.solvers.elbo import elbo, identity_rhs, random_models


@pytest.mark.parametrize("model", random_models(), ids=lambda m: f"K{len(m.q)}")
def test_identity_holds_on_every_model(model) -> None:
    assert identity_rhs(model) == pytest.approx(np.log(model.p_x), abs=1e-12)
    assert elbo(model) + model.kl_q_posterior() == pytest.approx(np.log(model.p_x), abs=1e-12)
    assert model.kl_q_posterior() > 0  # q is not the posterior, so the ELBO is a strict bound


def test_models_are_proper_distributions() -> None:
    for model in random_models():
        assert model.joint.sum() == pytest.approx(1.0)
        assert model.q.sum() == pytest.approx(1.0)
        assert model.p_z_given_x.sum() == pytest.approx(1.0)
        assert len({len(m.q) for m in random_models()}) == 3  # several latent sizes


def test_loose_q_separates_the_right_hand_side_from_log_px() -> None:
    model = random_models()[1].loose(1.7)
    assert identity_rhs(model) == pytest.approx(1.7 * np.log(model.p_x))
    assert identity_rhs(model) != pytest.approx(np.log(model.p_x))


def test_wrong_kl_direction_is_not_the_gap() -> None:
    model = random_models()[0]
    wrong = float(np.sum(model.p_z_given_x * np.log(model.p_z_given_x / model.q)))
    assert elbo(model) + wrong != pytest.approx(np.log(model.p_x), abs=1e-3)
