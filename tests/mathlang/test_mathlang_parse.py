"""How the parser reads each construct of the contract's table (section 2), in ASCII, LaTeX
and Unicode: every row is (what a student types, how `validate` shows it was read)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from examgrade.mathlang.ast import BinOp, Call, Name, Norm, Num, Prob, Reduce, Sub, Transpose
from examgrade.mathlang.parser import parse
from examgrade.mathlang.printer import to_text

Q2 = ("W", "U", "b", "h_0", "h0", "h", "x", "t", "I")
Q5 = ("W", "x", "b", "lambda")
Q7 = ("w", "b", "lambda", "x", "x_tilde", "x_hat", "x_g")
Q8 = ("W", "x", "y", "z")
Q6 = ("x", "z")


def read(text: str, symbols=Q2, **options) -> str:
    return to_text(parse(text, symbols, **options))


# (typed, symbols, read as)
ROWS = [
    # numbers and operators
    ("2", Q2, "2"),
    ("0.5 x", Q2, "0.5 * x"),
    ("1e-3 x", Q2, "1e-3 * x"),
    ("x + b - U x", Q2, "x + b - U * x"),
    ("W ** (t - 1)", Q2, "W^(t - 1)"),
    ("-x", Q2, "-x"),
    ("{W}^{t}", Q2, "W^t"),
    (r"\left( W + I \right) x", Q2, "(W + I) * x"),
    ("[W + I] x", Q2, "(W + I) * x"),
    ("W [h_0 + b]", Q2, "W * (h_0 + b)"),
    (r"\sum_{k=1}^{t}\left[W x_k\right]", Q2, "sum_{k=1}^{t} W * x_k"),
    # products: explicit, LaTeX, Unicode, juxtaposition
    ("W*h_0", Q2, "W * h_0"),
    (r"W \cdot h_0", Q2, "W * h_0"),
    ("W · h_0", Q2, "W * h_0"),
    ("W^t h_0", Q2, "W^t * h_0"),
    ("2 lambda", Q5, "2 * lambda"),
    ("2(x+1)", Q5, "2 * (x + 1)"),
    ("U x_k", Q2, "U * x_k"),
    ("x ⊙ b", Q5, r"x \odot b"),
    (r"x \odot b", Q5, r"x \odot b"),
    # runs of letters split into known one-letter symbols
    ("Wx", Q5, "W * x"),
    ("Ux_k", Q2, "U * x_k"),
    ("Wh_0", Q2, "W * h_0"),
    ("Wh0", Q2, "W * h0"),
    # names with decorations vs subscripts
    ("x_tilde", Q7, "x_tilde"),
    (r"\tilde{x}", Q7, "x_tilde"),
    (r"\hat x", Q7, "x_hat"),
    ("x_g", Q7, "x_g"),
    ("x_k", Q2, "x_k"),
    ("x_{k}", Q2, "x_k"),
    ("x_{t-k}", Q2, "x_{t - k}"),
    ("x[k]", Q2, "x_k"),
    ("h_{0}", Q2, "h_0"),
    ("h[0]", Q2, "h_0"),
    ("W_{ijk}", Q8, "W_{ijk}"),
    ("W_{i,j,k}", Q8, "W_{ijk}"),
    ("W[i,j,k]", Q8, "W_{ijk}"),
    ("W_ijk", Q8, "W_{ijk}"),
    # powers and transposes
    ("W^t", Q2, "W^t"),
    ("W^{t-1}", Q2, "W^(t - 1)"),
    ("W^(t-1)", Q2, "W^(t - 1)"),
    ("W**(t-1)", Q2, "W^(t - 1)"),
    ("W^T", Q2, "W^T"),
    (r"W^\top", Q2, "W^T"),
    (r"W^{\top}", Q2, "W^T"),
    ("Wᵀ", Q2, "W^T"),
    ("W^⊤ x", Q2, "W^T * x"),
    ("transpose(W)", Q2, "W^T"),
    ("W^T W^t", Q2, "W^T * W^t"),
    ("W^{-1}", Q2, "W^-1"),
    ("W⁻¹", Q2, "W^-1"),
    ("Wᵗ h₀", Q2, "W^t * h_0"),
    ("xₜ₋₁ + x₁₀", Q2, "x_{t - 1} + x_10"),
    ("inv(W)", Q2, "inv(W)"),
    # sums and products: the body is the product that follows
    ("sum_{k=1}^{t} W^(t-k) x_k", Q2, "sum_{k=1}^{t} W^(t - k) * x_k"),
    ("sum_{k=1}^t W^{t-k} x_k", Q2, "sum_{k=1}^{t} W^(t - k) * x_k"),
    (r"\sum_{k=1}^{t} x_k", Q2, "sum_{k=1}^{t} x_k"),
    ("Σ_{k=1}^{t} x_k", Q2, "sum_{k=1}^{t} x_k"),
    (r"\sum^{t}_{k=1} x_k", Q2, "sum_{k=1}^{t} x_k"),
    (r"\sum_{\tau=1}^{t} x_\tau", Q2, "sum_{tau=1}^{t} x_{tau}"),
    ("sum_{τ=1}^{t} x_τ", Q2, "sum_{tau=1}^{t} x_{tau}"),
    ("sum_{j,k} W_{ijk} y_j z_k", Q8, "sum_{j,k} W_{ijk} * y_j * z_k"),
    ("sum_j W_{ijk} y_j", Q8, "sum_{j} W_{ijk} * y_j"),
    ("Sum(W^(t-k) x_k, (k, 1, t))", Q2, "sum_{k=1}^{t} W^(t - k) * x_k"),
    ("sum_k x_k + b", Q2, "(sum_{k} x_k) + b"),
    ("b + sum_k x_k", Q2, "b + sum_{k} x_k"),
    ("2 sum_k W x_k", Q2, "2 * sum_{k} W * x_k"),
    ("prod_{k=1}^{t} W", Q2, "prod_{k=1}^{t} W"),
    ("Sum_{k=1}^t x_k", Q2, "sum_{k=1}^{t} x_k"),
    (r"\Sigma_{k=1}^{t} x_k", Q2, "sum_{k=1}^{t} x_k"),
    # math delimiters around LaTeX are ignored
    ("$W^t h_0$", Q2, "W^t * h_0"),
    (r"\(W^t h_0\)", Q2, "W^t * h_0"),
    (r"\[ W^{t} \]", Q2, "W^t"),
    (r"\prod_{k=1}^{t} W", Q2, "prod_{k=1}^{t} W"),
    # fractions and roots
    ("x/b", Q5, "x / b"),
    (r"\frac{x}{b}", Q5, "x / b"),
    ("sqrt(x)", Q5, "sqrt(x)"),
    (r"\sqrt{x}", Q5, "sqrt(x)"),
    ("√x", Q5, "sqrt(x)"),
    # functions
    ("exp(x) + log(x) + ln(x)", Q5, "exp(x) + log(x) + log(x)"),
    (r"\exp(x) + \log x + \ln(x)", Q5, "exp(x) + log(x) + log(x)"),
    ("abs(x) + |x|", Q5, "abs(x) + abs(x)"),
    ("sigmoid(x) + sigma(x) + σ(x)", Q5, "sigmoid(x) + sigmoid(x) + sigmoid(x)"),
    (r"\sigma(x) + \sigma\left(x\right)", Q5, "sigmoid(x) + sigmoid(x)"),
    ("tanh(x) + relu(x)", Q5, "tanh(x) + relu(x)"),
    ("max(x) + min(x, b)", Q5, "max(x) + min(x, b)"),
    (r"\max(x) + \min(x)", Q5, "max(x) + min(x)"),
    ("diag(x) W", Q5, "diag(x) * W"),
    ("trace(W) + tr(W)", Q5, "trace(W) + trace(W)"),
    (r"\operatorname{tr}(W) + \mathrm{tr}(W) + \text{tr}(W)", Q5, "trace(W) + trace(W) + trace(W)"),
    (r"\det(W) + \tanh(x)", Q5, "det(W) + tanh(x)"),
    ("e^{W x}", Q5, "exp(W * x)"),
    # norms
    ("||x||", Q5, "||x||"),
    ("||x||_2", Q5, "||x||_2"),
    (r"\|x\|", Q5, "||x||"),
    (r"\|x\|_2", Q5, "||x||_2"),
    (r"\lVert x \rVert", Q5, "||x||"),
    ("‖x‖", Q5, "||x||"),
    ("norm(x)", Q5, "||x||"),
    ("||W||_F", Q5, "||W||_F"),
    (r"\|W\|_F", Q5, "||W||_F"),
    ("norm(W, F)", Q5, "||W||_F"),
    ("lambda ||W||_F^2", Q5, "lambda * ||W||_F^2"),
    (r"\left\| W \right\|_F", Q5, "||W||_F"),
    # spectral
    ("rho(W)", Q5, "rho(W)"),
    ("spectral_radius(W)", Q5, "rho(W)"),
    ("max(abs(eig(W)))", Q5, "max(abs(eig(W)))"),
    ("|lambda_max(W)|", Q5, "abs(lambda_max(W))"),
    (r"\sigma_{\max}(W) + sigma_max(W)", Q5, "sigma_max(W) + sigma_max(W)"),
    # indicators
    ("1[x > 0]", Q5, "1[x > 0]"),
    (r"\mathbb{1}[x > 0]", Q5, "1[x > 0]"),
    ("heaviside(x) + step(x)", Q5, "heaviside(x) + heaviside(x)"),
    ("diag(1[Wx + b > 0]) W", Q5, "diag(1[W * x + b > 0]) * W"),
    # expectations
    ("E[x]", Q7, "E[x]"),
    ("mean(x)", Q7, "mean(x)"),
    (r"\mathbb{E}[x_tilde]", Q7, "E[x_tilde]"),
    (r"\mathbb{E}\left[x\right]", Q7, "E[x]"),
    # Greek
    ("lambda w", Q7, "lambda * w"),
    (r"\lambda w", Q7, "lambda * w"),
    ("λ w", Q7, "lambda * w"),
]


@pytest.mark.parametrize(("typed", "symbols", "expected"), ROWS)
def test_each_construct_reads_as_the_contract_says(typed: str, symbols, expected: str) -> None:
    assert read(typed, symbols) == expected


CONDITIONS = [
    ("rho(W) < 1", "rho(W) < 1"),
    (r"\rho(W) < 1", "rho(W) < 1"),
    ("1 > rho(W)", "1 > rho(W)"),
    (r"\|W\|_2 > 1", "||W||_2 > 1"),
    (r"\rho(W) \le 1", "rho(W) <= 1"),
    (r"\rho(W) \geq 1", "rho(W) >= 1"),
    ("rho(W) ≤ 1", "rho(W) <= 1"),
    ("0 < rho(W) < 1", "0 < rho(W) < 1"),
    ("max(abs(eig(W))) >= 1", "max(abs(eig(W))) >= 1"),
    ("sigma_max(W) > 1", "sigma_max(W) > 1"),
    (r"\max|\mathrm{eig}(W)| < 1", "max(abs(eig(W))) < 1"),
    ("|λ_max(W)| < 1", "abs(lambda_max(W)) < 1"),
]


@pytest.mark.parametrize(("typed", "expected"), CONDITIONS)
def test_conditions_read_in_condition_mode(typed: str, expected: str) -> None:
    assert read(typed, ("W",), mode="condition") == expected


STEPS = [
    ("log p(x)", "log(p(x))"),
    (r"\log p(x)", "log(p(x))"),
    ("p(x,z) + p(z,x)", "p(x, z) + p(z, x)"),
    ("p(x|z) q(z|x)", "p(x | z) * q(z | x)"),
    (r"p(x \mid z)", "p(x | z)"),
    ("E_q[log p(x)]", "E_q[log(p(x))]"),
    ("E_{q(z|x)}[log p(x)]", "E_{q(z | x)}[log(p(x))]"),
    (
        r"\mathbb{E}_{q(z|x)}\left[\log \frac{p(x,z)}{p(z|x)}\right]",
        "E_{q(z | x)}[log(p(x, z) / p(z | x))]",
    ),
    ("sum_z q(z|x) log p(x)", "sum_{z} q(z | x) * log(p(x))"),
    (r"\int q(z|x) \log p(x,z) dz", r"\int q(z | x) * log(p(x, z)) dz"),
    (r"\int q(z|x) \log p(x,z) \, \mathrm{d}z", r"\int q(z | x) * log(p(x, z)) dz"),
    ("KL(q(z|x) || p(z|x))", "KL(q(z | x) || p(z | x))"),
    ("D_KL(q(z|x) || p(z|x))", "KL(q(z | x) || p(z | x))"),
    (r"D_{KL}(q(z|x) \| p(z|x))", "KL(q(z | x) || p(z | x))"),
    ("KL(q||p)", "KL(q || p)"),
    ("log p(x) = E_q[log p(x)]", "log(p(x)) = E_q[log(p(x))]"),
    ("= E_q[log p(x)]", "E_q[log(p(x))]"),  # a step that continues the chain
    ("log p(x) - KL(q||p) >= 0", None),
]


@pytest.mark.parametrize(("typed", "expected"), STEPS)
def test_the_probability_language_of_q6a(typed: str, expected: str | None) -> None:
    if expected is None:  # a comparison is no step: the step mode allows one '='
        with pytest.raises(Exception, match="comparison"):
            parse(typed, Q6, mode="step", probability=True)
        return
    assert read(typed, Q6, mode="step", probability=True) == expected


def test_p_and_q_are_plain_names_outside_the_probability_language() -> None:
    assert parse("p q", None) == BinOp("*", Name("p"), Name("q"))


def test_implicit_products_keep_their_order_and_are_marked() -> None:
    tree = parse("W h_0", Q2)
    assert tree == BinOp("*", Name("W"), Sub(Name("h"), (Num(Fraction(0)),)))
    assert tree != parse("h_0 W", Q2)
    assert isinstance(tree, BinOp) and tree.implicit
    assert not parse("W*h_0", Q2).implicit  # type: ignore[union-attr]


def test_a_function_alone_is_a_name_only_for_greek_letters() -> None:
    assert parse("sigma(a)", None) == Call("sigmoid", (Name("a"),))
    assert parse("sigma", None) == Name("sigma")
    assert parse("sigma x", None) == BinOp("*", Name("sigma"), Name("x"))


def test_bars_absolute_value_norm_and_given() -> None:
    assert parse("|a| + ||v||", None) == BinOp("+", Call("abs", (Name("a"),)), Norm(Name("v")))
    assert parse("p(z|x)", None, probability=True) == Prob("p", (Name("z"),), (Name("x"),))
    assert parse("| |a| - b |", None) == Call(
        "abs", (BinOp("-", Call("abs", (Name("a"),)), Name("b")),)
    )
    inner = Reduce("sum", ("k",), None, None, Call("abs", (Sub(Name("x"), (Name("k"),)),)))
    assert parse("|sum_k |x_k||", None) == Call("abs", (inner,))  # `||` closes two bars here
    assert parse("||sum_k ||x_k||||", None) == Norm(
        Reduce("sum", ("k",), None, None, Norm(Sub(Name("x"), (Name("k"),))))
    )


def test_the_scope_of_a_sum_is_the_product_that_follows() -> None:
    tree = parse("sum_k a_k b_k + c", None)
    assert isinstance(tree, BinOp) and tree.op == "+"
    assert isinstance(tree.left, Reduce) and tree.right == Name("c")
    nested = parse(r"\sum_j \sum_k W_{ijk} y_j z_k", Q8)
    assert isinstance(nested, Reduce) and isinstance(nested.body, Reduce)


def test_transpose_is_not_a_power_but_a_capital_t_symbol_is() -> None:
    assert parse("W^T", Q2) == Transpose(Name("W"))
    assert parse("W^T", ("W", "T")) == BinOp("^", Name("W"), Name("T"))
    assert parse("W^Tx", None) == BinOp("^", Name("W"), Name("Tx"))


def test_free_mode_never_splits_and_keeps_every_name() -> None:
    assert parse("Wx", None) == Name("Wx")
    assert parse("C1*exp(x) + theta", None) == BinOp(
        "+", BinOp("*", Name("C1"), Call("exp", (Name("x"),))), Name("theta")
    )


def test_spans_point_into_the_original_latex() -> None:
    text = r"\frac{W}{\lambda} + h_{0}"
    tree = parse(text, (*Q2, "lambda"))
    assert isinstance(tree, BinOp)
    start, end = tree.right.span
    assert text[start:end] == "h_{0}"
    lam = tree.left.right  # type: ignore[union-attr]
    assert text[lam.span[0] : lam.span[1]] == r"\lambda"


def test_numbers_are_exact() -> None:
    assert parse("0.333", None) == Num(Fraction(333, 1000))
    assert parse("1e-3", None) == Num(Fraction(1, 1000))


Q2_FULL = (*Q2, "k", "N", "M")
Q8_FULL = (*Q8, "i", "j", "k", "N", "M", "K")

# How students actually write these answers, ASCII and LaTeX (symbols, typed, read as).
VARIANTS = [
    (
        Q2_FULL,
        r"W^{t}h_{0}+\sum_{k=1}^{t}W^{t-k}(Ux_{k}+b)",
        "W^t * h_0 + sum_{k=1}^{t} W^(t - k) * (U * x_k + b)",
    ),
    (
        Q2_FULL,
        r"\mathbf{W}^t \mathbf{h}_0 + \sum\limits_{k=1}^{t} \mathbf{W}^{t-k}\mathbf{b}",
        "W^t * h_0 + sum_{k=1}^{t} W^(t - k) * b",
    ),
    (
        Q2_FULL,
        r"\sum_{\tau=1}^{t} W^{t-\tau} U x_\tau",
        "sum_{tau=1}^{t} W^(t - tau) * U * x_{tau}",
    ),
    (Q2_FULL, "(I - W)^{-1}", "(I - W)^-1"),
    (Q5, r"\lambda\|W\|^2_F", "lambda * ||W||_F^2"),
    (Q5, "λ‖W‖²_F", "lambda * ||W||_F^2"),
    (Q5, r"\lambda \|W\|_{F}^{2}", "lambda * ||W||_F^2"),
    (Q5, r"\lambda \|W\|_\text{F}^2", "lambda * ||W||_F^2"),
    (Q5, r"\lambda \sum_{ij} W_{ij}^2", "lambda * sum_{i,j} W_{ij}^2"),
    (Q5, "diag(relu'(Wx+b)) W", "diag(heaviside(W * x + b)) * W"),
    (Q5, r"\operatorname{diag}(\mathbb{1}_{Wx+b>0})W", "diag(1[W * x + b > 0]) * W"),
    (Q5, r"\text{diag}(\mathbb{1}(Wx+b>0))W", "diag(1[W * x + b > 0]) * W"),
    (Q5, "diag(1_{Wx+b>0}) W", "diag(1[W * x + b > 0]) * W"),
    (
        Q7,
        r"\mathbb{E}_{\tilde{x} \sim P_g}[\tilde{x}] - \mathbb{E}_{x \sim P_r}[x]",
        "E_{P_g}[x_tilde] - E_{P_r}[x]",
    ),
    (Q7, r"2\lambda(\|w\|-1)\frac{w}{\|w\|}", "2 * lambda * (||w|| - 1) * (w / ||w||)"),
    (Q8_FULL, r"1/(1+e^{\sum_{jk} W_{ijk}y_jz_k})", "1 / (1 + exp(sum_{j,k} W_{ijk} * y_j * z_k))"),
    (
        Q8_FULL,
        r"\sigma(-\sum_{j=1}^{M}\sum_{k=1}^{K} W_{ijk}y_jz_k)",
        "sigmoid(-sum_{j=1}^{M} sum_{k=1}^{K} W_{ijk} * y_j * z_k)",
    ),
    (
        Q8_FULL,
        "sigmoid(-sum_j sum_k W_ijk y_j z_k)",
        "sigmoid(-sum_{j} sum_{k} W_{ijk} * y_j * z_k)",
    ),
]


@pytest.mark.parametrize(("symbols", "typed", "expected"), VARIANTS)
def test_how_students_write_it(symbols, typed: str, expected: str) -> None:
    assert read(typed, symbols) == expected


STEP_VARIANTS = [
    (r"\log p(x) = \mathbb{E}_{z \sim q(z|x)}[\log p(x)]", "log(p(x)) = E_{q(z | x)}[log(p(x))]"),
    (
        r"\mathbb{E}_{q_\phi(z|x)}\left[\log \frac{p_\theta(x,z)}{q_\phi(z|x)}\right]"
        r" + D_{\mathrm{KL}}(q_\phi(z|x) \| p_\theta(z|x))",
        "E_{q(z | x)}[log(p(x, z) / q(z | x))] + KL(q(z | x) || p(z | x))",
    ),
    (r"\text{KL}(q \| p)", "KL(q || p)"),
]


@pytest.mark.parametrize(("typed", "expected"), STEP_VARIANTS)
def test_how_students_write_derivation_steps(typed: str, expected: str) -> None:
    assert read(typed, Q6, mode="step", probability=True) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("W^t h_0 + sum_{tau=1}^{t} W^{t-tau}(U x_tau + b)", "x_{tau}"),
        ("sum_{tau=1}^{t} W^{t-tau} U x_tau", "x_{tau}"),
        (r"\sum_{\tau=1}^{t} W^{t-\tau} U x_{\tau}", "x_{tau}"),
    ],
)
def test_a_greek_index_is_one_index_not_three_letters(typed: str, expected: str) -> None:
    assert expected in read(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # The exam's own plain-text spelling: the log of the ratio, as \log \frac{..}{..}.
        ("log p(x,z)/q(z|x)", "log(p(x, z) / q(z | x))"),
        ("E_q[log p(x,z)/q(z|x)]", "E_q[log(p(x, z) / q(z | x))]"),
        ("sum_z q(z|x) log p(x,z)/q(z|x)", "sum_{z} q(z | x) * log(p(x, z) / q(z | x))"),
        # ... and it stops where a sum would: at + and -.
        ("log p(x) - log q(z|x)", "log(p(x)) - log(q(z | x))"),
        # Parentheses right after the name make an ordinary call.
        ("log(p(x,z))/q(z|x)", "log(p(x, z)) / q(z | x)"),
    ],
)
def test_a_function_without_parentheses_takes_the_product_that_follows(
    typed: str, expected: str
) -> None:
    assert read(typed, Q6, probability=True) == expected


def test_e_to_a_power_takes_only_its_exponent() -> None:
    assert read("e^{-x} b", Q5) == "exp(-x) * b"
