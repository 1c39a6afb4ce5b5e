"""Equivalence: student expressions against computed references on random instances, and
scalar identities in free mode; numpy, mpmath and sympy evaluations agree on random ASTs."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from examgrade.errors import MathError
from examgrade.mathlang import ast
from examgrade.mathlang.context import Context, free_context
from examgrade.mathlang.equivalence import equivalent
from examgrade.mathlang.evaluate import evaluate
from examgrade.solvers import cae, rnn
from tests.conftest import RNN_CONTEXT

parser = pytest.importorskip("examgrade.mathlang.parser")

RNN = Context.from_plain(RNN_CONTEXT)
CAE = Context.from_plain(
    {
        "dims": {"H": [3, 4], "D": [2, 5]},
        "symbols": {
            "W": {"shape": ["H", "D"]},
            "x": {"shape": ["D"]},
            "lambda": {"domain": "positive"},
        },
    }
)
WGAN = Context.from_plain(
    {
        "dims": {"N": [3, 4], "S": [4, 6]},
        "symbols": {
            "w": {"shape": ["N"]},
            "b": {},
            "lambda": {"domain": "positive"},
            "x": {"shape": ["N"], "family": "sample"},
            "x_tilde": {"shape": ["N"], "family": "sample", "aliases": ["x_g"]},
            "x_hat": {"shape": ["N"], "family": "sample"},
        },
    }
)
MACHINE = Context.from_plain(
    {
        "dims": {"N": [2, 3], "M": [3, 4], "K": [2, 4]},
        "symbols": {
            "W": {"shape": ["N", "M", "K"]},
            "x": {"shape": ["N"], "domain": "binary"},
            "y": {"shape": ["M"], "domain": "binary"},
            "z": {"shape": ["K"], "domain": "binary"},
        },
        "indices": {"i": "N", "j": "M", "k": "K"},
        "free_index": "i",
    }
)


def judge(text: str, reference, ctx: Context, seed: int = 0):
    return equivalent(parser.parse(text, ctx.names()), reference, ctx, seed=seed)


class TestAgainstSolvers:
    """The verdicts of q2 and q5 against references measured by the solvers."""

    @pytest.mark.parametrize(
        ("text", "verdict"),
        [
            ("W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", "equal"),
            ("W^t h0 + \\sum_{k=1}^{t} W^{t-k} (U x_{k} + b)", "equal"),
            ("W^t h_0 + sum_k W^{t-k} U x_k + sum_k W^{t-k} b", "equal"),
            ("W^t h_0 + sum_{k=1}^{t} W^{t-k+1}(U x_k + b)", "different"),
            ("W^t h_0 + sum_{k=1}^{t} W^{t-k} U x_k", "different"),  # the missing b
            ("W^t h_0 + sum_{k=1}^{t} (W^T)^{t-k}(U x_k + b)", "different"),
        ],
    )
    def test_q2a_state(self, text: str, verdict: str) -> None:
        assert judge(text, rnn.unroll, RNN).verdict == verdict

    @pytest.mark.parametrize(
        ("text", "verdict"),
        [("W^t", "equal"), ("(W^T)^t", "different"), ("t W^{t-1}", "different")],
    )
    def test_q2b_jacobian(self, text: str, verdict: str) -> None:
        assert judge(text, rnn.unrolled_jacobian, RNN).verdict == verdict

    def test_h0_on_the_left_is_a_shape_error_not_a_verdict(self) -> None:
        with pytest.raises(MathError) as caught:
            judge("h_0 W^t + sum_{k=1}^{t} W^{t-k}(U x_k + b)", rnn.unroll, RNN)
        assert "did you mean W^t h_0" in caught.value.message.render("en")

    def test_a_transpose_cannot_pass_by_luck(self) -> None:
        result = judge("W^T", cae.linear_jacobian, CAE)
        assert result.verdict == "different"
        assert result.shapes is not None
        assert "D×H" in result.message().render("en")

    @pytest.mark.parametrize(
        ("text", "verdict"),
        [
            ("lambda ||W||_F^2", "equal"),
            ("lambda trace(W^T W)", "equal"),
            ("lambda ||W||_F", "different"),
            ("lambda ||W||_2^2", "different"),
        ],
    )
    def test_q5a_penalty(self, text: str, verdict: str) -> None:
        assert judge(text, cae.linear_penalty, CAE).verdict == verdict

    @pytest.mark.parametrize(
        ("text", "verdict"),
        [
            ("E[x_tilde] - E[x] + 2 lambda (||w|| - 1) w/||w||", "equal"),
            ("E[x_tilde - x + 2 lambda (||w||_2 - 1) w / ||w||_2]", "equal"),
            ("E[x] - E[x_tilde] + 2 lambda (||w|| - 1) w/||w||", "different"),  # swapped means
            ("E[x_tilde] - E[x] + lambda (||w|| - 1) w/||w||", "different"),  # lost factor 2
        ],
    )
    def test_q7b_gradient_averages_over_the_batches(self, text: str, verdict: str) -> None:
        from examgrade.solvers.wgan import grad_w

        assert judge(text, grad_w, WGAN).verdict == verdict

    @pytest.mark.parametrize(
        ("text", "verdict"),
        [
            ("sigmoid(-sum_{j,k} W_{ijk} y_j z_k)", "equal"),
            ("1/(1 + exp(sum_{j=1}^{M} sum_{k=1}^{K} W_{ijk} y_j z_k))", "equal"),
            ("sigmoid(sum_{j,k} W_{ijk} y_j z_k)", "different"),  # the positive sigmoid
        ],
    )
    def test_q8a_conditional_for_every_unit(self, text: str, verdict: str) -> None:
        from examgrade.solvers.boltzmann import conditional

        assert judge(text, lambda i: conditional(i, "x"), MACHINE).verdict == verdict

    def test_a_grade_never_changes_between_runs(self) -> None:
        first = judge("W^t h_0", rnn.unroll, RNN, seed=5)
        second = judge("W^t h_0", rnn.unroll, RNN, seed=5)
        assert first.verdict == second.verdict == "different"
        assert np.array_equal(first.left, second.left)


class TestTolerance:
    """Relative to the magnitudes; near misses re-checked on more instances."""

    def exact(self, noise: float):
        def reference(instance):
            return rnn.unroll(instance) * (1 + noise)

        return reference

    def test_rounding_of_a_measured_reference_is_equal(self) -> None:
        assert judge("W^t h_0 + sum_k W^{t-k}(U x_k + b)", self.exact(1e-7), RNN).verdict == (
            "equal"
        )

    def test_a_near_miss_that_persists_is_different(self) -> None:
        result = judge("W^t h_0 + sum_k W^{t-k}(U x_k + b)", self.exact(1e-4), RNN)
        assert result.verdict == "different"

    def test_against_a_reference_expression(self) -> None:
        reference = parser.parse("(W + W^T)^2", RNN.names())
        assert judge("W^2 + W W^T + W^T W + (W^T)^2", reference, RNN).verdict == "equal"
        assert judge("W^2 + 2 W W^T + (W^T)^2", reference, RNN).verdict == "different"


FREE = free_context()


class TestScalarIdentities:
    """Free mode: real functions compared where both are defined."""

    @pytest.mark.parametrize(
        ("a", "b", "verdict", "sure"),
        [
            ("(x-1)^2", "x^2-2*x+1", "equal", "proved"),
            ("sqrt(x^2)", "abs(x)", "equal", "exact"),
            ("log(a^2*b)", "2*log(a)+log(b)", "equal", "samples"),
            ("0.333333333333333", "1/3", "different", "counterexample"),
            ("(a-x)^6000", "(x-a)^6000", "equal", "exact"),
            ("(x-a)^6000", "(x-a)^5999", "different", "counterexample"),
            ("abs(x+100)-100", "abs(x+101)-101", "different", "counterexample"),
            ("sin(500*pi)", "0", "equal", "samples"),
            ("10^(-30)", "2*10^(-30)", "different", "counterexample"),
            ("a1", "a_1", "different", "counterexample"),
            ("X", "x", "different", "counterexample"),
            ("(-1)^n*cos(x)^n", "(-cos(x))^n", "equal", "samples"),
            # below the first precision, above the second: rounding is not a licence
            ("x^(1/10^40)", "1", "different", "counterexample"),
            ("1+10^(-50)*x", "1", "different", "counterexample"),
            ("2^(10^400)", "1", "undecided", "none"),
            ("x^x^x^x^x", "1", "different", "counterexample"),
        ],
    )
    def test_verdict(self, a: str, b: str, verdict: str, sure: str) -> None:
        result = equivalent(parser.parse(a, None), parser.parse(b, None), FREE)
        assert (result.verdict, result.sure) == (verdict, sure)

    def test_no_common_domain_is_undecided(self) -> None:
        result = equivalent(parser.parse("sqrt(-x^2-1)", None), parser.parse("0", None), FREE)
        assert result.verdict == "undecided"

    def test_integer_symbols_are_sampled_as_integers(self) -> None:
        a, b = parser.parse("sin(pi*n)", None), parser.parse("0", None)
        assert equivalent(a, b, free_context("n:int")).verdict == "equal"
        assert equivalent(a, b, FREE).verdict == "different"

    def test_the_counterexample_is_reported_in_both_languages(self) -> None:
        result = equivalent(parser.parse("x+1", None), parser.parse("x", None), FREE)
        assert result.counterexample is not None and "x" in result.counterexample
        assert result.message().render("en").startswith("different: at x = ")
        assert result.message().render("fr").startswith("différentes : en x = ")


# -- numpy, mpmath and sympy agree on random scalar ASTs -------------------------------

_LEAVES = st.one_of(
    st.sampled_from([ast.Name("x"), ast.Name("y"), ast.Name("pi")]),
    st.fractions(min_value=-5, max_value=5, max_denominator=7).map(ast.Num),
)
_UNARY = ["exp", "log", "sqrt", "abs", "sin", "cos", "tan", "tanh", "sigmoid"]


def _extend(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(
        st.builds(ast.BinOp, st.sampled_from(["+", "-", "*", "/"]), children, children),
        st.builds(
            ast.BinOp,
            st.just("^"),
            children,
            st.integers(-3, 3).map(lambda k: ast.Num(Fraction(k))),
        ),
        st.builds(ast.Neg, children),
        st.builds(lambda f, a: ast.Call(f, (a,)), st.sampled_from(_UNARY), children),
    )


EXPRESSIONS = st.recursive(_LEAVES, _extend, max_leaves=8)
POINTS = st.fractions(min_value=-3, max_value=3, max_denominator=5)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expr=EXPRESSIONS, x=POINTS, y=POINTS)
def test_numpy_mpmath_and_sympy_agree(expr: ast.Expr, x: Fraction, y: Fraction) -> None:
    import sympy

    from examgrade.mathlang.exact import Evaluator, TooLarge, Undefined
    from examgrade.mathlang.to_sympy import to_sympy

    point = {"x": x, "y": y}
    try:
        numeric = complex(evaluate(expr, FREE, {"x": float(x), "y": float(y)}))
    except MathError:
        assume(False)
    assume(np.isfinite(numeric) and numeric.imag == 0 and abs(numeric) < 1e12)
    symbolic_expr = to_sympy(expr)
    # sympy simplifies exactly (`sin(pi)` is 0, so `1/sin(pi)` is complex infinity) where
    # floating point sees 1.2e-16: such expressions have no value to compare
    assume(not symbolic_expr.has(sympy.zoo, sympy.nan, sympy.oo))
    function = sympy.lambdify(
        [sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)], symbolic_expr, "mpmath"
    )
    import mpmath

    with mpmath.workdps(30):
        try:
            symbolic = complex(function(mpmath.mpf(x.numerator) / x.denominator,
                                        mpmath.mpf(y.numerator) / y.denominator))  # fmt: skip
        except (ZeroDivisionError, ValueError):
            assume(False)
    assume(symbolic.imag == 0)
    assert symbolic.real == pytest.approx(numeric.real, rel=1e-6, abs=1e-6)
    try:
        exact = Evaluator(30).run(expr, point)
    except (Undefined, TooLarge):
        return  # outside the real domain by the exact reading (e.g. x^(1/3) of a negative)
    assert float(exact) == pytest.approx(numeric.real, rel=1e-6, abs=1e-6)
