"""Issue 12, round 6 of untold notation: the classes of the seventh blind set's even half,
of the first blind set's last refusals and of forms written from the key, in other words
than any set's (`tests/data/forms_tuning8.yaml`): a padding's clause on the output, a
sentence about the asked quantity, definitions before the answer and working over lines,
an answer entry by entry, powers in words, ranges and comments after the answer, sums'
ranges as inequalities or calls, `there exists`, an index as an argument. Every right
form full marks, every wrong one refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading import strip_remarks
from examgrade.reading.conditions import condition_text
from examgrade.reading.math import call_indices
from examgrade.reading.statements import leading_definitions, lines, statement
from examgrade.reading.untold import untold
from examgrade.reading.values import read_value

Q5 = frozenset({"D", "H", "i", "j", "lambda", "W", "x"})
Q5B = frozenset({"b", "D", "H", "i", "j", "W", "x"})
Q8 = frozenset({"i", "j", "K", "k", "M", "N", "W", "x", "y", "z"})
ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests" / "data" / "forms_tuning8.yaml").read_text("utf-8"))


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:50]}" for f in FORMS])
def test_tuning8_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("p=4, out = 256+8-5+1=260", "4"),  # the output in short
        ("4; H_out = 260", "4"),  # the output as a variable
        ("4, n_out = 260", "4"),
        ("p=4, taille de sortie = 260", "4"),
        ("0 -> 252x252 after layer 1", "0"),  # an arrow to what the padding gives
        ("2 ⇒ 256 en sortie", "2"),
        ("(k-1)/2 = 2 → out 256", "2"),
        ("4 → 260 après la couche 1", "4"),
    ],
)
def test_a_clause_on_the_output_is_set_aside_from_a_padding(text: str, value: str) -> None:
    assert read_value(text, asks="padding").values == (value,)


@pytest.mark.parametrize(
    ("text", "values", "others"),
    [
        ("out = 260", ("260",), ("out",)),  # the output alone: read as typed, and wrong
        ("0 -> 4", ("4",), ("0",)),  # no quantity named: working, whose sides disagree
    ],
)
def test_what_names_no_other_quantity_stays(text: str, values: tuple, others: tuple) -> None:
    reading = read_value(text, asks="padding")
    assert (reading.values, reading.others) == (values, others)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the Jacobian of h(x) = Wx with respect to x is W", "W"),
        ("la jacobienne de h(x)=Wx par rapport à x est W", "W"),
        ("the derivative of Wx w.r.t. x equals W^T", "W^T"),
        ("la dérivée de h = Wx vaut W", "W"),
        ("la jacobienne de h est égale à W", "W"),
        ("the Jacobian of h = Wx is W (constant)", "W (constant)"),  # its remark later
    ],
)
def test_a_sentence_is_read_as_what_its_verb_says(text: str, read: str) -> None:
    assert statement(text, Q5) == read


@pytest.mark.parametrize(
    "text",
    [
        "the Jacobian of h(x) = Wx is not W",  # a negation: no statement of W
        "la jacobienne n'est pas W",
        "the Jacobian is D W where D is diag(x)",  # a clause of its own: definitions'
        "the Jacobian is W, so the penalty is lambda ||W||_F^2",
        "the Jacobian of h is the matrix W",  # words after the verb
        "W is the Jacobian",  # opens with math
        "h_t = W^t h_0 is the state",
        "the Jacobian if x > 0 is W",
    ],
)
def test_what_is_no_plain_statement_stays(text: str) -> None:
    assert statement(text, Q5) == text


def test_an_equals_sign_is_the_verb_only_when_asked() -> None:
    """Before sums in words are read, `k=1..t` is no verb: the `=` waits for the second
    pass."""
    text = "la somme pour k=1..t de W x_k"
    assert statement(text, Q5) == text
    assert statement("la jacobienne de h(x) = Wx par rapport à x = W", Q5, False) == "W"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("let a = W x + b; J = diag(1[a > 0]) W", "J = diag(1[a > 0]) W, where a = W x + b"),
        ("soit s = y + z, alors σ(-s)", "σ(-s), where s = y + z"),
        ("posons s = y + z. On a σ(-s)", "σ(-s), where s = y + z"),
        ("with u = y + z and v = 2: σ(-u v)", "σ(-u v), where u = y + z, v = 2"),
        ("let u = y + z\nσ(-u)", "σ(-u), where u = y + z"),
        ("let u = y + z, P = σ(-u)", "P = σ(-u), where u = y + z"),  # the last part answers
        ("let u = y; P = σ(-u)\nσ(-y)", "P = σ(-u) = σ(-y), where u = y"),
    ],
)
def test_definitions_before_the_answer_go_after_it(text: str, read: str) -> None:
    assert leading_definitions(text, Q8) == read


@pytest.mark.parametrize(
    "text",
    [
        "let W = 0; J = W",  # a name of the question is never defined again
        "let u = y + z",  # no answer
        "let me think: σ(-u)",  # words, not a definition
        "σ(-u), where u = y + z",  # already after: the definitions' own
    ],
)
def test_what_is_no_leading_definition_stays(text: str) -> None:
    assert leading_definitions(text, Q8) == text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("J = D W\nJ = diag(m) W", "J = D W = diag(m) W"),  # the same name again
        ("σ(-a)\n= 1/(1 + exp(a))", "σ(-a) = 1/(1 + exp(a))"),
        ("P = σ(-a)\nσ(-y)", "P = σ(-a) = σ(-y)"),  # a bare expression restates
        ("W^t h_0 +\nU x", "W^t h_0 + U x"),  # an operator: the expression goes on
        ("h_1 = W h_0\nh_2 = W h_1", "h_1 = W h_0\nh_2 = W h_1"),  # other names: steps
        ("h_1 = W h_0\n...\nh_t = W^t h_0", "h_1 = W h_0\n...\nh_t = W^t h_0"),
    ],
)
def test_working_over_several_lines(text: str, read: str) -> None:
    assert lines(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("J_{ij} = W_{ij}", "J = W"),
        ("J[i, j] = W[i, j]", "J = W"),
        ("∂h_i/∂x_j = W_ij", "W"),
        ("dh_i/dx_j = W_{ji}", "W^T"),  # the transpose
        ("\\frac{\\partial h_i}{\\partial x_j} = W_{ij}", "W"),
        ("J_{ij} = 1[w_i^T x + b_i > 0] W_{ij}", "J = diag(1[(W x) + b > 0]) W"),
        ("J_ij = W_ij if w_i·x + b_i > 0 else 0", "J = diag(1[(W x) + b > 0]) W"),
    ],
)
def test_an_answer_given_entry_by_entry(text: str, read: str) -> None:
    assert untold(text, Q5B) == read


@pytest.mark.parametrize(
    "text",
    [
        "J_{ij} = W_{jj}",  # not the same entry
        "J_{ij} = x_j W_{ij}",  # columns scaled: no row scale
        "J_{ij} = 1[w_j^T x + b_j > 0] W_{ij}",
        "J_{ij} = V_{ij}",  # no matrix of the question
        "J_{ij} = W_{ij} donc J = W",  # the entries then the matrix: sides, as typed
    ],
)
def test_what_is_no_entry_by_entry_answer_stays(text: str) -> None:
    read = untold(text, Q5B)
    assert "diag" not in read and not read.startswith(("J = W", "W"))


Q2 = frozenset({"b", "h", "h_0", "k", "t", "U", "W", "x"})


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the t-th power of W", "W^{t}"),
        ("the (t-1)th power of W", "W^{(t-1)}"),
        ("la puissance t-ième de W", "W^{t}"),
        ("la t-ième puissance de W", "W^{t}"),
        ("W élevé à la puissance t", "W^{t}"),
        ("W raised to the power t", "W^{t}"),
        ("W to the power of t", "W^{t}"),  # as before
    ],
)
def test_a_power_said_before_its_base_or_raised_to(text: str, read: str) -> None:
    assert untold(text, Q2) == read


@pytest.mark.parametrize(
    "text",
    [
        "the t-th power of W^T",  # the base is more than a letter: not guessed
        "la puissance de W",  # no exponent
        "J = W^t (t-th power of W)",  # in brackets: a remark, not a factor
    ],
)
def test_what_is_no_power_in_words_stays(text: str) -> None:
    assert "^{" not in untold(text, Q2)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("W^t h_0, t >= 1", "W^t h_0"),
        ("W^t h_0; for all t ≥ 1", "W^t h_0"),
        ("W^t h_0, pour tout t ≥ 1", "W^t h_0"),
        ("W^t h_0, t \\geq 1", "W^t h_0"),
    ],
)
def test_the_range_after_a_comma_is_set_aside(text: str, read: str) -> None:
    assert untold(text, Q2) == read


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("W^t (U x + b) by induction", "W^t (U x + b)"),
        ("W^t (U x + b) en déroulant", "W^t (U x + b)"),
        ("W^t h_0 as claimed", "W^t h_0"),
    ],
)
def test_a_comment_opened_by_a_short_word_is_set_aside(text: str, core: str) -> None:
    assert strip_remarks(text, Q2).core == core


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Σ_{1≤k≤t} W^{t-k} x_k", "Σ_{k=1}^{t} W^{t-k} x_k"),
        ("\\sum_{1 \\le k \\le t} x_k", "\\sum_{k=1}^{t} x_k"),
        ("sum_{0<=k<t} W^k", "sum_{k=0}^{t-1} W^k"),  # a strict bound moves by one
        ("sum(W^(t-k)*x_k, k=1..t)", "sum_{k=1}^{t} (W^(t-k)*x_k)"),  # Maple
        ("sum(W^(t-k) x_k, k, 1, t)", "sum_{k=1}^{t} (W^(t-k) x_k)"),  # Maxima
    ],
)
def test_a_sum_range_as_inequalities_or_as_a_call(text: str, read: str) -> None:
    assert untold(text, Q2) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("∃i: |λ_i| > 1", "max(abs(eig(W))) > 1"),
        ("exists i, |λ_i| > 1", "max(abs(eig(W))) > 1"),
        ("il existe i tel que |λ_i| > 1", "max(abs(eig(W))) > 1"),
        ("∀i: |λ_i| < 1", "max(abs(eig(W))) < 1"),  # as before
        ("∃i: |λ_i| < 1", "min(abs(eig(W))) < 1"),  # some below 1: the smallest
        ("ρ(W) = max_i |λ_i| < 1", "rho(W) < 1"),  # the radius and its definition
        ("max_i |λ_i| = ρ(W) > 1", "rho(W) > 1"),
    ],
)
def test_there_exists_is_about_the_extreme_it_needs(text: str, read: str) -> None:
    assert condition_text(text) == read


ARITY2 = {"I": 2, "U": 2, "W": 2, "b": 1, "h_0": 1, "h0": 1, "t": 0, "x": 1}


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("W^t h(0)", "W^t h_0"),  # a name of the question
        ("Σ_{k=1}^t U x(k)", "Σ_{k=1}^t U x_{k}"),  # an index of the context
        ("U x(t-k)", "U x_{t-k}"),  # t is a scalar of the question
        ("h(t) = W h(t-1)", "h(t) = W h(t-1)"),  # h takes no index: left as typed
        ("W(x)", "W(x)"),  # W takes two
        ("x(b)", "x(b)"),  # b is no index
    ],
)
def test_an_index_written_as_an_argument(text: str, read: str) -> None:
    assert call_indices(text, ARITY2, frozenset({"k"})) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("σ(-y^T W_i z)", "σ(-(sum_{j,k} y_{j} W_{ijk} z_{k}))"),
        ("σ(-x^T W_j z)", "σ(-(sum_{i,k} x_{i} W_{ijk} z_{k}))"),
        ("σ(-x^T W_{:j:} z)", "σ(-(sum_{i,k} x_{i} W_{ijk} z_{k}))"),
    ],
)
def test_the_three_way_tensor_by_one_index(text: str, read: str) -> None:
    assert untold(text, Q8) == read


def test_a_matrix_by_one_index_is_no_slice() -> None:
    """Where no third index letter is the question's, `W_i` is left to the grammar."""
    assert untold("x^T W_i y", frozenset({"W", "x", "y", "i", "j"})) == "x^T W_i y"


HOSTILE = [
    "0 -> " * 400,
    "4, out " * 280,
    "p = 4 → after layer " * 100,
    "the " * 500,
    "the Jacobian is " * 125,
    "la x = " * 285,
    "the w.r.t. " * 180,
    "the (" * 400 + " is W",
    "let a = b, " * 180,
    "let " + "a = b; " * 300,
    "soit x_1 = " * 200,
    "J = W\n" * 400,
    "W +\n" * 500,
    "...\n" * 500,
    "J_{ij} = " * 250,
    "J_{ij} = W_{ij} " + "1[w_i^T x > 0] " * 120,
    "∂h_i/∂x_j = " * 160,
    "the t-th power of " * 110,
    "la puissance " * 150 + "t de W",
    "W, t >= 1" * 220,
    "W by " * 400,
    "Σ_{1≤k≤" * 250,
    "sum(x, k=1.." * 160,
    "sum(x, k, 1, " * 150,
    "x(k) " * 400,
    "x(" * 1000,
    "y^T W_i " * 250,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_bounded(text: str) -> None:
    """Adversarial runs of the new pieces: bounded, none raises."""
    read_value(text[:2000], asks="padding")
    assert isinstance(statement(text[:2000], Q5), str)
    assert isinstance(statement(text[:2000], Q5, False), str)
    assert isinstance(leading_definitions(text[:2000], Q8), str)
    assert isinstance(lines(text[:2000]), str)
    assert isinstance(untold(text[:2000], Q5B), str)
    assert isinstance(untold(text[:2000], Q2), str)
    assert isinstance(untold(text[:2000], Q8), str)
    assert isinstance(strip_remarks(text[:2000], Q2).core, str)
    assert isinstance(call_indices(text[:2000], ARITY2, frozenset({"k"})), str)
