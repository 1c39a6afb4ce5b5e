"""The probability interpreter of q6.a derivations, on hand-built ASTs: every form of the
identity's pieces takes the value it has on paper, on every random discrete model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examgrade.errors import MathError
from examgrade.mathlang.ast import (
    KL,
    BinOp,
    Call,
    Expect,
    Integral,
    Name,
    Neg,
    Num,
    Prob,
    Reduce,
)
from examgrade.mathlang.prob_eval import evaluate_prob
from examgrade.solvers.elbo import DiscreteModel, elbo, identity_rhs, random_models

X, Z = Name("x"), Name("z")
P_X = Prob("p", (X,))
P_Z = Prob("p", (Z,))
P_XZ = Prob("p", (X, Z))
P_ZX = Prob("p", (Z, X))
P_X_GIVEN_Z = Prob("p", (X,), (Z,))
POSTERIOR = Prob("p", (Z,), (X,))
Q = Prob("q", (Z,), (X,))


def log(a):
    return Call("log", (a,))


def div(a, b):
    return BinOp("/", a, b)


def sub(a, b):
    return BinOp("-", a, b)


def e_q(body, dist=Q):
    return Expect(dist, body)


ELBO = e_q(log(div(P_XZ, Q)))
RHS = sub(ELBO, e_q(log(div(POSTERIOR, Q))))
MODELS = random_models()


def value(expr, model) -> float:
    return float(evaluate_prob(expr, model))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: f"K{len(m.q)}")
class TestValuesOnEveryModel:
    def test_probabilities_are_the_model_tables(self, model) -> None:
        assert value(P_X, model) == pytest.approx(model.p_x)
        assert np.allclose(evaluate_prob(P_XZ, model), evaluate_prob(P_ZX, model))
        assert np.allclose(evaluate_prob(P_X_GIVEN_Z, model) * model.p_z, model.p_xz)

    def test_the_right_hand_side_equals_the_solver_and_log_px(self, model) -> None:
        assert value(RHS, model) == pytest.approx(identity_rhs(model))
        assert value(RHS, model) == pytest.approx(np.log(model.p_x))

    @pytest.mark.parametrize(
        "form",
        [
            Expect(Name("q"), log(div(P_XZ, Q))),  # E_q[...]
            Expect(None, log(div(P_XZ, Q))),  # E[...] is under q
            Reduce("sum", ("z",), None, None, BinOp("*", Q, log(div(P_XZ, Q)))),  # sum_z
            Integral(BinOp("*", Q, log(div(P_XZ, Q))), "z"),  # \int ... dz
            sub(e_q(log(P_XZ)), e_q(log(Q))),  # two expectations
        ],
        ids=["E_q", "E", "sum_z", "integral", "split"],
    )
    def test_every_form_of_the_elbo(self, model, form) -> None:
        assert value(form, model) == pytest.approx(elbo(model))

    @pytest.mark.parametrize(
        "kl",
        [KL(Q, POSTERIOR), KL(Name("q"), Name("p")), Neg(e_q(log(div(POSTERIOR, Q))))],
        ids=["KL(q(z|x)||p(z|x))", "KL(q||p)", "-E_q[log p/q]"],
    )
    def test_kl_forms_close_the_gap(self, model, kl) -> None:
        assert value(BinOp("+", ELBO, kl), model) == pytest.approx(np.log(model.p_x))

    def test_a_step_constant_in_z_is_a_vector_of_equal_values(self, model) -> None:
        bayes = sub(log(P_XZ), log(POSTERIOR))  # log p(x,z) - log p(z|x), before any E_q
        assert np.allclose(evaluate_prob(bayes, model), np.log(model.p_x))


def test_the_loose_model_tells_the_right_hand_side_from_log_px() -> None:
    model = MODELS[0].loose(1.7)
    assert value(RHS, model) == pytest.approx(1.7 * np.log(model.p_x))
    assert value(log(P_X), model) == pytest.approx(np.log(model.p_x))


def test_the_wrong_kl_direction_is_not_the_gap() -> None:
    model = MODELS[0]
    wrong = BinOp("+", ELBO, KL(POSTERIOR, Q))
    assert value(wrong, model) != pytest.approx(np.log(model.p_x), abs=1e-3)


@pytest.mark.parametrize(
    "expr,code",
    [
        (Name("q"), "derivation.bare_name"),  # q alone outside E_q / KL
        (Prob("q", (X,)), "derivation.unknown_probability"),  # q(x) is not in the model
        (Prob("p", (Name("y"),)), "derivation.variable"),
        (Call("tanh", (P_X,)), "derivation.function"),
        (Integral(P_X, "x"), "derivation.integral_var"),
        (Reduce("sum", ("k",), Num(1), Num(3), P_X), "derivation.sum_index"),
    ],
)
def test_what_has_no_meaning_is_a_located_error(expr, code) -> None:
    with pytest.raises(MathError) as caught:
        evaluate_prob(expr, MODELS[0])
    assert caught.value.code == code
    assert caught.value.location.column == 1


class TestIdentitiesOnAnyModel:
    """Properties over random discrete models (hypothesis draws the tables): the rewriting
    rules a derivation uses hold for the interpreter, so a correct chain can never fail."""

    @staticmethod
    def model(seed: int, states: int):
        rng = np.random.default_rng(seed)
        joint = rng.dirichlet(np.ones(3 * states)).reshape(3, states)
        return DiscreteModel(joint, rng.dirichlet(np.ones(states)), int(rng.integers(3)))

    @given(seed=st.integers(0, 10_000), states=st.integers(1, 6))
    @settings(max_examples=40, deadline=None)
    def test_rewriting_rules(self, seed: int, states: int) -> None:
        model = self.model(seed, states)
        log_px = float(np.log(model.p_x))
        assert value(e_q(log(P_X)), model) == pytest.approx(log_px)  # q sums to 1
        assert value(e_q(sub(log(P_XZ), log(POSTERIOR))), model) == pytest.approx(log_px)
        assert value(RHS, model) == pytest.approx(log_px)
        assert value(BinOp("+", ELBO, KL(Q, POSTERIOR)), model) == pytest.approx(log_px)
        split = sub(e_q(log(P_XZ)), e_q(log(Q)))
        assert value(split, model) == pytest.approx(value(ELBO, model))
        assert value(KL(Q, POSTERIOR), model) >= -1e-12  # Gibbs' inequality
