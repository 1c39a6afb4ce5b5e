"""Issue 12, third round: math typed by students never told the notation (the classes of
the third blind set's even half, `tests/data/forms_tuning3.yaml`): definitions after the
answer, numpy-like code, indicators, words for operators and around the answer. Every
right form full marks, every wrong one refused; the rewrites are bounded and never
evaluate student text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.errors import MathError
from examgrade.mathlang.parser import parse
from examgrade.reading.math import definitions
from examgrade.reading.untold import untold

ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests" / "data" / "forms_tuning3.yaml").read_text("utf-8"))


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:50]}" for f in FORMS])
def test_tuning3_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


#: Forms of the issue's brief, read and graded on their field (all right).
BRIEF = [
    ("q5.b.jacobian", "en", "J = D W where D = diag(1[Wx + b > 0])"),
    ("q5.b.jacobian", "en", "J = M W, M = diag(1_{W x + b > 0})"),
    ("q7.b", "en", "∇_w L = μ_g − μ_r + 2λ(‖w‖ − 1) ŵ  (μ_g = E[x̃], μ_r = E[x], ŵ = w/‖w‖)"),
    ("q7.b", "fr", "∇_w L = E[x̃] − E[x] + 2λ(‖w‖ − 1) w/‖w‖, où x̃ ∼ P_g et x ∼ P_r"),
    ("q5.b.jacobian", "fr", "produit de diag(H(Wx + b)) et de W, avec H la fonction de Heaviside"),
    ("q5.b.jacobian", "en", "diag(relu′(a)) W where a = W x + b, relu′(a) = 1 if a > 0 else 0"),
    ("q2.a", "en", "W**t @ h0 + sum(W**(t-k) @ (U @ x[k] + b) for k in range(1, t+1))"),
    ("q2.b", "en", "np.linalg.matrix_power(W, t)"),
    ("q5.b.jacobian", "en", "(W @ x + b > 0)[:, None] * W"),
    ("q5.b.jacobian", "en", "J = diag(I(Wx+b>0)) · W"),
    ("q2.a", "fr", "h_t = W^t h_0 + somme pour k=1..t de W^{t-k}(U x_k + b)"),
    ("q8.a.x_given_yz", "fr", "la sigmoïde de moins la somme sur j,k de W_ijk y_j z_k"),
    ("q5.a.penalty", "fr", "λ fois la norme de Frobenius de W au carré"),
    ("q2.b", "en", "the product of t copies of W, i.e. W^t"),
    ("q2.b", "fr", "W puissance t"),
    ("q7.b", "en", "the difference of means E[x̃] - E[x] plus 2λ(||w|| - 1) times w/||w||"),
    (
        "q2.a",
        "fr",
        "h_t = W^t h_0 + Σ_{k=0}^{t-1} W^k (U x_{t-k} + b), donc h_t dépend de h_0 seulement "
        "via W^t h_0",
    ),
    ("q7.b", "en", "grad = E_g[x̃] - E_r[x] + λ · 2(‖w‖-1) · w/‖w‖, since ∇_x̂ D = w so the "
     "penalty is λ(‖w‖-1)^2"),
]  # fmt: skip


@pytest.mark.parametrize(("field", "lang", "answer"), BRIEF, ids=[b[2][:50] for b in BRIEF])
def test_brief_forms_get_full_marks(grade_form, field, lang, answer) -> None:
    result = grade_form({"field": field, "lang": lang, "answer": answer})
    assert result["full"], result["feedback"]


def test_definitions_substitute_every_name_once() -> None:
    assert definitions("J = M W, M = diag(a)") == "J = (diag(a)) W"
    assert definitions("m_g - m_r (m_g = E[y], m_r = E[x])") == "(E[y]) - (E[x])"
    # a meaning is never read again: `b` inside a's meaning stays `b`
    assert definitions("a + b, a = b + 1, b = 2") == "(b + 1) + (2)"


@pytest.mark.parametrize(
    "text",
    [
        "J = D W, D = D W",  # defined by itself
        "J = D W, D = diag(a), D = W",  # defined twice
        "a + w, w = 2",  # one of the question's names
        "J = D W, E = diag(a)",  # a name the answer does not use
    ],
)
def test_definitions_refused_are_left_as_typed(text) -> None:
    assert definitions(text, frozenset({"w", "W"})) == text


def test_code_and_words_become_the_notation() -> None:
    names = frozenset({"W", "x", "b", "t", "k", "U", "h_0"})
    assert untold("W.T @ x", names) == "W^T   x"
    assert untold("np.linalg.matrix_power(W, t)", names) == "(W)^{t}"
    assert untold("sum(W**(t-k) for k in range(1, t+1))", names) == "sum_{k=1}^{t+1-1} (W**(t-k))"
    assert untold("x[k]", names) == "x_{k}"
    assert untold("diag(I(W x + b > 0)) W", names) == "diag(1[W x + b > 0]) W"
    assert untold("W puissance t", names) == "W^{t}"
    assert untold("the sum over k from 1 to t of x_k", names) == "sum_{k=1}^{t} x_k"
    # `t-th power of W` is prose, not a power
    assert "^" not in untold("J (t-th power of W)", names)


def test_untold_is_bounded() -> None:
    long = "sum(" * 600 + "x" + ")" * 600
    assert untold(long, frozenset({"x"})) == long  # beyond MAX_TEXT: left to the grammar
    nested = "np.diag(" * 40 + "x" + ")" * 40
    assert "np." not in untold(nested, frozenset({"x"}))


def test_function_letter_without_bracket_is_no_typo() -> None:
    """`sigma` alone was "unknown name 'sigma'; did you mean 'sigma'?": the sigmoid is
    offered as its own closest name. It says the bracket is missing now."""
    with pytest.raises(MathError) as raised:
        parse("sigma -x", frozenset({"x"}))
    text = raised.value.render("en") if hasattr(raised.value, "render") else str(raised.value)
    assert "did you mean 'sigma'" not in text
    assert raised.value.code.endswith("needs_parentheses")


def test_einsum_slices_rows_and_entries() -> None:
    names = frozenset({"W", "x", "y", "z", "b", "i", "j", "k"})
    assert untold('einsum("ijk,i,j->k", W, x, y)', names) == "(sum_{i,j} W_{ijk} x_{i} y_{j})"
    assert untold("x^T W_{:,:,k} y", names) == "(sum_{i,j} x_{i} W_{ijk} y_{j})"
    assert untold("1[w_i^T x + b_i > 0]", names) == "1[(W x) + b > 0]"
    assert untold("J_{ij} = (W^t)_{ij}", names) == "J = (W^t)"
    # a sum binding i: an entry, left as typed; an index on two brackets: left as typed
    assert untold("sum_i w_i^T x", names) == "sum_i w_i^T x"
    assert untold("J_{ij} = (W)(W)_{ij}", names) == "J_{ij} = (W)(W)_{ij}"
