"""`to_text` shows how an answer was read and must read back the same: random trees,
printed and parsed again (free mode), are equal trees. This is what makes "read as ..."
in feedback and `validate` trustworthy: the text shown is the tree that was graded."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from examgrade.errors import MathError
from examgrade.mathlang.ast import (
    KL,
    BinOp,
    Call,
    Compare,
    Expect,
    Expr,
    Indicator,
    Integral,
    Name,
    Neg,
    Norm,
    Num,
    Prob,
    Reduce,
    Sub,
    Transpose,
)
from examgrade.mathlang.parser import parse
from examgrade.mathlang.printer import to_text

LETTERS = [c for c in "abcfghjkmnrstuvwxyzABCDFGHIJKLMNOPQRSUVWXYZ"]
NAMES = [*LETTERS, "lambda", "tau", "alpha", "theta", "x_tilde", "x_hat", "h0", "C1"]
UNARY_FUNCTIONS = [
    "exp",
    "log",
    "sqrt",
    "abs",
    "sigmoid",
    "tanh",
    "relu",
    "diag",
    "trace",
    "det",
    "inv",
    "rho",
    "sigma_max",
    "lambda_max",
    "heaviside",
    "sin",
    "mean",
]

numbers = st.one_of(
    st.integers(0, 10**6).map(lambda n: Num(Fraction(n))),
    st.integers(1, 999).map(lambda n: Num(Fraction(n, 100))),
)
names = st.sampled_from(NAMES).map(Name)
letters = st.sampled_from(LETTERS)


def _trees(leaves: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    def extend(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        index = st.one_of(letters.map(Name), st.integers(0, 20).map(lambda n: Num(Fraction(n))))
        compare = st.builds(
            lambda a, op, b: Compare((op,), (a, b)),
            inner,
            st.sampled_from(["<", ">", "<=", ">="]),
            inner,
        )
        return st.one_of(
            st.builds(BinOp, st.sampled_from(["+", "-", "*", "/", "^", "odot"]), inner, inner),
            st.builds(Neg, inner),
            st.builds(Transpose, inner),
            st.builds(
                Sub, names, st.lists(st.one_of(index, inner), min_size=1, max_size=3).map(tuple)
            ),
            st.builds(lambda f, a: Call(f, (a,)), st.sampled_from(UNARY_FUNCTIONS), inner),
            st.builds(lambda a, b: Call("max", (a, b)), inner, inner),
            st.builds(Norm, inner, st.sampled_from([None, "2", "F"])),
            st.builds(
                lambda op, k, bounds, body: Reduce(op, (k,), *bounds, body),
                st.sampled_from(["sum", "prod"]),
                letters,
                st.one_of(st.just((None, None)), st.tuples(inner, inner)),
                inner,
            ),
            st.builds(
                lambda op, ks, body: Reduce(op, tuple(ks), None, None, body),
                st.sampled_from(["sum", "prod"]),
                st.lists(letters, min_size=2, max_size=3, unique=True),
                inner,
            ),
            st.builds(Indicator, compare),
            st.builds(Expect, st.one_of(st.none(), letters.map(Name)), inner),
        )

    return st.recursive(leaves, extend, max_leaves=12)


free_trees = _trees(st.one_of(numbers, names))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(free_trees)
def test_random_trees_print_and_parse_back_equal(tree: Expr) -> None:
    text = to_text(tree)
    assert parse(text, None) == tree, text


PROB_LETTERS = [c for c in "abcxyzuvw"]
prob_names = st.sampled_from(PROB_LETTERS).map(Name)
probs = st.builds(
    Prob,
    st.sampled_from(["p", "q"]),
    st.lists(prob_names, min_size=1, max_size=2).map(tuple),
    st.lists(prob_names, max_size=2).map(tuple),
)


def _prob_trees() -> st.SearchStrategy[Expr]:
    def extend(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
        return st.one_of(
            st.builds(BinOp, st.sampled_from(["+", "-", "*", "/"]), inner, inner),
            st.builds(Neg, inner),
            st.builds(lambda a: Call("log", (a,)), inner),
            st.builds(Expect, st.one_of(st.none(), probs, st.just(Name("q"))), inner),
            st.builds(KL, st.one_of(probs, st.sampled_from([Name("q"), Name("p")])), probs),
            st.builds(Integral, inner, st.sampled_from(["z", "x"])),
            st.builds(lambda k, body: Reduce("sum", (k,), None, None, body), st.just("z"), inner),
        )

    return st.recursive(st.one_of(probs, numbers, prob_names), extend, max_leaves=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_prob_trees())
def test_probability_trees_print_and_parse_back_equal(tree: Expr) -> None:
    text = to_text(tree)
    assert parse(text, None, mode="step", probability=True) == tree, text


def test_printing_makes_implicit_products_and_hidden_groupings_visible() -> None:
    assert to_text(parse("Wx + Ux_k", ("W", "U", "x"))) == "W * x + U * x_k"
    assert to_text(parse(r"\frac{a+b}{c}", None)) == "(a + b) / c"
    assert to_text(parse("(sum_k x_k) y", None)) == "(sum_{k} x_k) * y"
    assert to_text(parse("sum_k (x_k y)", None)) == "sum_{k} x_k * y"
    assert to_text(parse("a^(b^c)", None)) == "a^b^c"
    assert to_text(parse("(a^b)^c", None)) == "(a^b)^c"
    assert to_text(parse("-(a b)", None)) == "-(a * b)"
    assert to_text(parse("(-a) b", None)) == "-a * b"


# Pieces students type, glued at random: whatever reads must print back to the same tree,
# and whatever does not read must be a MathError (never another exception).
PIECES = [
    "W", "x", "h_0", "k", "t", "sum", r"\sum", "_", "^", "{", "}", "(", ")", "[", "]", "|",
    "||", r"\|", "+", "-", "*", "**", "/", ",", "=", "<", ">=", "1", "2.5", "1e3", r"\frac",
    r"\left(", r"\right)", "E", r"\mathbb{E}", "1[", "p", "q", "(z|x)", "KL", r"\int", "dz",
    r"\tilde", "{x}", "T", r"\top", "'", "×", "·", "λ", "Σ", "‖", "ᵀ", "²", "₀", r"\lambda",
    "sigma", "exp", "log", "max", "norm", "F", r"\operatorname{tr}", r"\mathbb{1}", "~",
    "relu'", "_{", "^{", "e", "Sum(", ", (k, 1, t))", r"\,", " ", r"\mid", "D_{KL}", "a", "b",
]  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14), st.booleans())
def test_glued_pieces_read_back_or_fail_with_a_math_error(pieces: list[str], prob: bool) -> None:
    text = "".join(pieces)
    options = {"mode": "step", "probability": True} if prob else {}
    try:
        tree = parse(text, None, **options)  # type: ignore[arg-type]
    except MathError as error:
        assert error.message.render("en") and error.message.render("fr")
        return
    assert parse(to_text(tree), None, **options) == tree, (text, to_text(tree))  # type: ignore[arg-type]
