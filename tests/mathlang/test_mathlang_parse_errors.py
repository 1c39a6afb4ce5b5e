"""What a student sees when an expression cannot be read: a table of known bad inputs and
the message each must give (code, column), in both languages; and the bounds that make
hostile input fail fast with a message instead of a hang or a crash."""

from __future__ import annotations

import pytest

from examgrade.errors import MathError
from examgrade.mathlang.parser import parse

Q2 = ("W", "U", "b", "h_0", "h0", "h", "x", "t", "I")

# (typed, mode, code, 1-based column of the caret)
BAD = [
    ("", "expr", "empty", None),
    ("W^t h_0 + foo", "expr", "unknown_name", 11),
    ("W^t + Wz", "expr", "unknown_name", 7),
    ("__import__('os')", "expr", "unknown_name", 1),
    ("W^t (h_0 + b", "expr", "unclosed", 5),
    ("sigmoid(W x", "expr", "unclosed", 8),
    ("W x)", "expr", "unmatched_close", 4),
    ("(W x]", "expr", "mismatched", 5),
    (r"\sum_{k=1}^{t}", "expr", "sum_without_body", 1),
    ("W^t + sum_{k=1}^{t}", "expr", "sum_without_body", 7),
    ("x^", "expr", "power_without_exponent", 2),
    ("sum W x", "expr", "sum_without_index", 1),
    ("diag(1[W x + b]) W", "expr", "indicator_without_comparison", 15),
    ("W ** * x", "expr", "double_star", 3),
    ("W***x", "expr", "double_star", 2),
    ("**2", "expr", "double_star", 1),
    ("W x +", "expr", "missing_operand", 5),
    ("W × x", "expr", "cross", 3),
    (r"W \times x", "expr", "cross", 3),
    ("W' x", "expr", "prime", 2),
    ("W x @", "expr", "unexpected_char", 5),
    (r"\foo{W}", "expr", "unknown_command", 1),
    ("rho(W) < 1", "expr", "comparison_not_allowed", 8),
    (r"\max_i |\lambda_i| < 1", "condition", "max_subscript", 5),
    (r"\log_2 x", "expr", "function_subscript", 5),
    ("h_t = W h_0", "expr", "equation_not_allowed", 5),
    ("W h_0 = W", "expr", "equation_not_allowed", 7),
    ("W = W = W", "step", "one_equation", 7),
    ("eig W", "expr", "needs_parentheses", 4),
    ("exp(W, x)", "expr", "arity", 1),
    ("||W||_3", "expr", "bad_norm", 7),
    ("sum_{k+1} x_k", "expr", "bad_sum_index", 6),
    ("sum_k x_k + k", "expr", "unbound_index", 13),
    ("W + * x", "expr", "unexpected_token", 5),
    ("W (x + b) (", "expr", "unclosed", 11),
    (r"\top", "expr", "transpose_alone", 1),
    ("1" * 51, "expr", "number_too_long", 1),
    ("1e999", "expr", "number_too_large", 1),
    ("(" * 41 + "x" + ")" * 41, "expr", "too_deep", 41),
]


@pytest.mark.parametrize(("typed", "mode", "code", "column"), BAD)
def test_known_bad_inputs_give_their_message(typed: str, mode, code: str, column) -> None:
    with pytest.raises(MathError) as caught:
        parse(typed, Q2, mode=mode)
    error = caught.value
    assert error.code == f"mathlang.{code}"
    if column is not None:
        assert error.location.column == column
        assert error.params["caret"] == " " * (column - 1) + "^"
    template_names = {"text", "caret", "file", "line", "column", *error.params}
    for lang in ("en", "fr"):  # renders in both languages, every placeholder filled
        shown = error.message.render(lang)
        assert not any("{" + name + "}" in shown for name in template_names), shown


def test_an_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(MathError) as caught:
        parse("W^t h_0 + foo", Q2)
    shown = caught.value.message.render("en")
    assert "foo" in shown and "h_0" in shown and "W" in shown
    assert "^" in shown.splitlines()[2]


def test_an_unclosed_parenthesis_names_where_it_opened() -> None:
    with pytest.raises(MathError) as caught:
        parse("W^t h_0 + sum_{k=1}^{t} W^(t-k) (U x_k + b", Q2)
    assert caught.value.params["open_column"] == 33
    assert "33" in caught.value.message.render("fr")


def test_a_python_call_is_just_an_unknown_name_in_free_mode_too() -> None:
    with pytest.raises(MathError) as caught:
        parse("__import__('os').system('ls')", None)
    assert caught.value.code == "mathlang.not_a_name"


def test_the_given_bar_belongs_to_the_probability_language() -> None:
    with pytest.raises(MathError):
        parse("p(z|x)", ("x", "z"))
    parse("p(z|x)", ("x", "z"), probability=True)


# ---- bounds: each fails with a MathError (never RecursionError, never a hang) ----------

HOSTILE = [
    ("(" * 5000 + "x" + ")" * 5000, ("too_long", "too_deep")),
    ("x" * 1_000_000, ("too_long",)),
    ("x+" * 900 + "x", ("too_many_tokens", "too_deep_tree", "too_many_nodes")),
    ("-" * 1500 + "x", ("too_many_tokens", "too_deep_tree")),
    ("x^" * 600 + "x", ("too_many_tokens", "too_deep_tree")),
    ("9" * 60, ("number_too_long",)),
]


@pytest.mark.parametrize(("typed", "codes"), HOSTILE, ids=lambda v: str(v)[:20])
def test_hostile_input_fails_with_a_message(typed: str, codes) -> None:
    for symbols in (None, Q2):
        with pytest.raises(MathError) as caught:
            parse(typed, symbols)
        assert caught.value.code.removeprefix("mathlang.") in codes


def test_absurd_but_short_inputs_still_parse_for_the_evaluator_to_bound() -> None:
    parse("9^9^9^9", None)
    parse("sum_{k=1}^{10^12} x_k", None)


@pytest.mark.parametrize(
    ("typed", "close"),
    [
        ("lamda w", "lambda"),
        ("xtilde", "x_tilde"),
        ("sigmoide(w)", "sigmoid"),
        ("E[x_tlide]", "x_tilde"),
    ],
)
def test_a_typo_of_a_name_suggests_the_closest_one(typed: str, close: str) -> None:
    with pytest.raises(MathError) as caught:
        parse(typed, ("w", "b", "lambda", "x", "x_tilde", "x_hat", "x_g"))
    assert caught.value.code == "mathlang.unknown_name_close"
    assert caught.value.params["close"] == close
    assert f"'{close}'" in caught.value.message.render("en")
    assert f"« {close} »" in caught.value.message.render("fr")
