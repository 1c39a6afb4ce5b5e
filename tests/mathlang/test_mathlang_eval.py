"""Evaluating the math language in a question context: the contract's constructs on a
hand-checked instance, shape errors a student can act on (EN and FR), hostile input
refused fast, and contexts read from rubric YAML."""

from __future__ import annotations

import math

import numpy as np
import pytest

from examgrade.errors import MathError, RubricError
from examgrade.mathlang import ast
from examgrade.mathlang.context import Context
from examgrade.mathlang.evaluate import evaluate
from tests.conftest import Q8_CONTEXT, RNN_CONTEXT

parser = pytest.importorskip("examgrade.mathlang.parser")

RNN = Context.from_plain(RNN_CONTEXT)

#: Small enough to check by hand: N = 2, M = 3, t = 2.
HAND = {
    "N": 2,
    "M": 3,
    "t": 2,
    "W": np.array([[0.0, 1.0], [2.0, 0.0]]),
    "U": np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]),
    "b": np.array([1.0, 1.0]),
    "h_0": np.array([1.0, 2.0]),
    "x": np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]),
}


def value(text: str, ctx: Context = RNN, instance=HAND) -> np.ndarray:
    return evaluate(parser.parse(text, ctx.names()), ctx, instance)


def failure(text: str, ctx: Context = RNN, instance=HAND) -> MathError:
    with pytest.raises(MathError) as caught:
        value(text, ctx, instance)
    return caught.value


class TestContractConstructs:
    """Each construct of the contract's table, on the instance above."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("W h_0", [2, 2]),
            ("W*h0", [2, 2]),
            ("W h_{0}", [2, 2]),
            ("h_0^T W h_0", 6),
            ("W^T", [[0, 2], [1, 0]]),
            ("transpose(W)", [[0, 2], [1, 0]]),
            ("W^2", [[2, 0], [0, 2]]),
            ("W^t h_0", [2, 4]),
            ("W^{-1}", [[0, 0.5], [1, 0]]),
            ("inv(W)", [[0, 0.5], [1, 0]]),
            ("U x_1", [1, 0]),
            ("U x_{t-1} + b", [2, 1]),
            ("sum_{k=1}^{t} x_k", [1, 1, 0]),
            ("sum_k x_k", [1, 1, 0]),
            ("prod_{k=1}^{2} W", [[2, 0], [0, 2]]),
            ("(W + I) h_0", [3, 4]),
            ("2 I h_0", [2, 4]),
            ("h_0 h_0^T", [[1, 2], [2, 4]]),
            ("h_0 ⊙ h_0", [1, 4]),
            ("||h_0||", math.sqrt(5)),
            ("||W||_F", math.sqrt(5)),
            ("||W||_2", 2),
            ("sigma_max(W)", 2),
            ("rho(W)", math.sqrt(2)),
            ("max(abs(eig(W)))", math.sqrt(2)),
            ("trace(W) + det(W)", -2),
            ("diag(h_0)", [[1, 0], [0, 2]]),
            ("relu(h_0 - 1.5)", [0, 0.5]),
            ("heaviside(h_0 - 1.5)", [0, 1]),
            ("1[h_0 > 1.5]", [0, 1]),
            ("sigmoid(0) + tanh(0)", 0.5),
            ("exp(0) + log(1) + sqrt(4) + abs(-3)", 6),
            ("\\frac{1}{2} t", 1),
            # h_1 = W h_0 + U x_1 + b = (4, 3); h_2 = W h_1 + U x_2 + b = (4, 10)
            ("W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", [4, 10]),
        ],
    )
    def test_value(self, text: str, expected) -> None:
        assert np.allclose(value(text), expected)

    def test_the_closed_form_matches_the_recursion_on_random_instances(self) -> None:
        from examgrade.solvers.rnn import unroll

        rng = np.random.default_rng(7)
        closed = parser.parse("W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", RNN.names())
        for index in range(6):
            instance = RNN.draw(rng, index=index)
            assert np.allclose(evaluate(closed, RNN, instance), unroll(instance))

    def test_q8_free_index_is_evaluated_for_every_value(self) -> None:
        ctx = Context.from_plain({**Q8_CONTEXT, "dims": {"N": [2], "M": [2], "K": [2]}})
        weights = np.arange(8.0).reshape(2, 2, 2)
        instance = {"N": 2, "M": 2, "K": 2, "W": weights, "y": [1, 0], "z": [1, 1]}
        # sum_{j,k} W_{ijk} y_j z_k = W_{i11} + W_{i12}: 0 + 1 for i = 1, 4 + 5 for i = 2
        assert np.allclose(value("sum_{j,k} W_{ijk} y_j z_k", ctx, instance), [1, 9])

    def test_expectation_averages_over_the_samples_inside_it(self) -> None:
        ctx = Context.from_plain(
            {
                "dims": {"N": [2]},
                "symbols": {
                    "w": {"shape": ["N"]},
                    "x": {"shape": ["N"], "family": "sample"},
                    "x_tilde": {"shape": ["N"], "family": "sample", "aliases": ["x_g"]},
                },
            }
        )
        instance = {
            "N": 2,
            "S": 2,
            "w": np.array([1.0, 1.0]),
            "x": np.array([[1.0, 0.0], [3.0, 0.0]]),
            "x_tilde": np.array([[0.0, 2.0], [0.0, 4.0]]),
        }
        assert np.allclose(value("E[x]", ctx, instance), [2, 0])
        assert np.allclose(value("E[w^T x_tilde] - E[w^T x]", ctx, instance), 1)
        assert np.allclose(value("mean(x_tilde)", ctx, instance), [0, 3])
        assert failure("w^T x", ctx, instance).code == "evaluate.sample_outside"


class TestShapeErrors:
    """A wrong shape is explained in the student's language, with a fix when one exists."""

    def test_vector_times_matrix_suggests_the_swap(self) -> None:
        error = failure("h_0 W")
        assert error.code == "evaluate.product_shapes"
        english = error.message.render("en")
        assert "multiplies a vector of N by an N×N matrix: did you mean W h_0?" in english
        french = error.message.render("fr")
        assert "un vecteur de taille N par une matrice N×N" in french
        assert "vouliez-vous écrire W h_0" in french
        assert error.location.column == 1

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("W + h_0", "evaluate.add_shapes"),
            ("h_0 / h_0", "evaluate.divide_shapes"),
            ("h_0^2", "evaluate.power_shape"),
            ("U^2", "evaluate.power_shape"),
            ("W^{0.5}", "evaluate.exponent_not_integer"),
            ("x", "evaluate.sequence_whole"),
            ("x_0", "evaluate.index_range"),
            ("x_{t+1}", "evaluate.index_range"),
            ("I", "evaluate.identity_size"),
            ("trace(U)", "evaluate.not_square"),
            ("h_0 ⊙ W", "evaluate.odot_shapes"),
            ("W / (t - t)", "evaluate.division_by_zero"),
        ],
    )
    def test_code(self, text: str, code: str) -> None:
        error = failure(text)
        assert error.code == code
        assert error.message.render("en") and error.message.render("fr")


class TestHostileInput:
    """Every bound is a MathError with a message, quickly; never a hang or a crash."""

    @pytest.mark.parametrize(
        ("text", "code"),
        [
            ("sum_{k=1}^{10^12} k", "evaluate.range_too_large"),
            ("9^9^9^9", "evaluate.too_large"),
            ("10^400", "evaluate.too_large"),
            ("exp(exp(exp(10)))", "evaluate.too_large"),
            ("W^(10^6)", "evaluate.exponent_too_large"),
            ("sum_{k=1}^{1000} sum_{j=1}^{1000} k", "evaluate.too_much_work"),
        ],
    )
    def test_refused(self, text: str, code: str) -> None:
        assert failure(text).code == code

    def test_nodes_other_than_expressions_are_named(self) -> None:
        kl = ast.KL(ast.Name("p"), ast.Name("q"))
        with pytest.raises(MathError) as caught:
            evaluate(kl, RNN, HAND)
        assert caught.value.code == "evaluate.not_here"


class TestContexts:
    def test_instances_have_different_sizes_and_both_sides_of_radius_one(self) -> None:
        rng = np.random.default_rng(0)
        radii = []
        for index in range(8):
            instance = RNN.draw(rng, index=index)
            assert instance["N"] != instance["M"]
            assert instance["x"].shape == (instance["t"], instance["M"])
            radii.append(max(abs(np.linalg.eigvals(instance["W"]))))
        assert min(radii) < 1 < max(radii)

    def test_draws_are_reproducible(self) -> None:
        first = RNN.draw(np.random.default_rng(3))
        second = RNN.draw(np.random.default_rng(3))
        assert all(np.array_equal(first[k], second[k]) for k in first)

    def test_names_for_the_parser(self) -> None:
        assert {"W", "U", "b", "h_0", "h0", "h", "x", "t", "k", "N", "M", "I"} <= RNN.names()

    @pytest.mark.parametrize(
        "data",
        [
            {"symbols": {"W": {"shape": ["N", "N"]}}},  # N undeclared
            {"dims": {"N": [3]}, "symbols": {"W": {"domain": "complex"}}},
            {"dims": {"N": [0]}},
            {"dims": {"N": [3]}, "symbols": {"x": {"family": "bag"}}},
            {"dims": {"N": [3]}, "colour": "red"},
            {"dims": {"N": [3]}, "indices": {"i": "Q"}},
            {"dims": {"N": [3]}, "indices": {"i": "N"}, "free_index": "j"},
        ],
    )
    def test_broken_declarations_are_rubric_errors(self, data) -> None:
        with pytest.raises(RubricError) as caught:
            Context.from_plain(data)
        assert caught.value.code == "mathcontext.invalid"


class TestDisplay:
    """AST -> sympy for display keeps the order of matrix products and reads as math."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)",
                r"W^{t} h_{0} + \sum_{k=1}^{t} W^{t - k} \left(U x_{k} + b\right)",
            ),
            ("h_0 W", r"h_{0} W"),
            ("lambda ||W||_F^2", r"\lambda \left\| W \right\|_F^{2}"),
        ],
    )
    def test_latex(self, text: str, expected: str) -> None:
        from examgrade.mathlang.to_sympy import latex

        assert latex(parser.parse(text, None), {"W", "U", "h_0", "b"}) == expected

    def test_pretty_keeps_the_order_of_products(self) -> None:
        from examgrade.mathlang.to_sympy import pretty

        assert pretty(parser.parse("h_0 W", RNN.names()), {"W", "h_0"}) == "h₀⋅W"
