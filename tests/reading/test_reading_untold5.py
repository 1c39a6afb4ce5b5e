"""Issue 12, round 5 of untold notation: the classes of the sixth blind set's even half,
written again in other words (`tests/data/forms_tuning7.yaml`): math pasted from Word,
Markdown and chat wrappers, comments in a programming language's syntax, LaTeX's old bold
switches, Julia, Matlab and Mathematica, math dictated in words, sizes said in full, a
condition by the unit circle or followed by what it implies, `sure` as a yes. Every right
form full marks, every wrong one refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading import verdict
from examgrade.reading.conditions import cause, condition_text
from examgrade.reading.surface import surface
from examgrade.reading.untold import untold
from examgrade.reading.values import read_value

ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests" / "data" / "forms_tuning7.yaml").read_text("utf-8"))
Q2 = frozenset({"b", "h", "h_0", "k", "t", "U", "W", "x"})
Q7 = frozenset({"b", "i", "lambda", "m", "N", "w", "x"})


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:50]}" for f in FORMS])
def test_tuning7_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("𝑊^𝑡", "W^t"),
        ("ℎ_𝑡", "h_t"),
        ("∑_(𝑘=1)^𝑡▒〖𝑊^(𝑡−𝑘)〗", "∑_{k=1}^t (W^(t−k))"),
        ("E_(x ̃∼P_g ) [x ̃ ]", "E_{x\u0303∼P_g } [x\u0303 ]"),
        ("exp\u2061(a)", "exp (a)"),
        ("$25\\times 25$", "25\\times 25"),
        ("`W @ x`", "W @ x"),
        ("\\(W^t\\)", "W^t"),
        ("Ans: W", "W"),
        ("ans = W", "W"),
        ("**Réponse :** 4", "4"),
        ("=> W^t", "W^t"),
        ("W^t  # by induction", "W^t"),
        ("W^t // par récurrence", "W^t"),
        ("W^t % induction", "W^t"),
        ("{\\bf W}^t", "W^t"),
        ("\\bm{h}_0", "h_0"),
        ("- L1: 256\n- L2: 256", "L1: 256, L2: 256"),
    ],
)
def test_what_carried_the_answer_is_set_aside(text: str, read: str) -> None:
    assert surface(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "- W",  # one line starting `- ` is a minus sign
        "(k-1)//2",  # integer division, no comment
        "W_(t",  # an unclosed subscript stays as typed
        "(times # channels)",  # a remark in a bracket is the readers' business
        "answer",  # a label with nothing after it
        "1 + 6*$",  # a lone dollar is a typo the grammar points at
    ],
)
def test_what_is_math_stays(text: str) -> None:
    assert surface(text) == text


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("diagm(W*x .+ b .> 0) * W", "diag(1[W*x + b > 0]) * W"),
        ("Diagonal(W x + b .> 0) W", "diag(1[W x + b > 0]) W"),
        ("W .* W", "W  ⊙  W"),
        ("sum(W^(t-k) for k in 1:t)", "sum_{k=1}^{t} (W^(t-k))"),
        ("MatrixPower[W, t]", "(W)^{t}"),
        ("lambda * sum(sum(W.^2))", "lambda * ||W||_F^2"),
        ("lambda * sum(W.^2, 'all')", "lambda * ||W||_F^2"),
        ("lambda * norm(W, 'fro')^2", "lambda * norm(W, F)^2"),
        ("symsum(W^(t-k), k, 1, t)", "sum_{k=1}^{t} (W^(t-k))"),
        ("Sum[W[[i, j, k]] y[[j]], {j, 1, M}]", "(sum_{j=1}^{M} (W_{ijk} y_{j}))"),
        ("h sub t", "h_t"),
        ("W to the power of t minus k times x", "W^{t  -k}  *  x"),
        ("E of x tilde", "E[\\tilde{x}]"),
        ("w sur norme de w", "w / ‖w‖"),
    ],
)
def test_other_languages_and_words(text: str, read: str) -> None:
    assert untold(text, Q2 | Q7 | {"y", "M", "j", "i"}) == read


def test_an_expectation_named_by_the_question_is_kept() -> None:
    assert "E[" not in untold("E of x plus b", Q2 | {"E"})


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("two hundred fifty-six by two hundred fifty-six", ("256x256",)),
        ("deux cent cinquante-six", ("256",)),
        ("one hundred and five", ("105",)),
    ],
)
def test_numbers_said_in_full(text: str, values: tuple[str, ...]) -> None:
    assert read_value(text).values == values


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("all eigenvalues of W inside the unit circle", "max(abs(eig(W))) < 1"),
        ("au moins une valeur propre de W hors du cercle unité", "max(abs(eig(W))) > 1"),
        ("all eigenvalues of W outside the unit circle", "min(abs(eig(W))) > 1"),
        ("no eigenvalue of W inside the unit circle", None),
        ("aucune valeur propre n'est hors du cercle unité", None),
    ],
)
def test_the_unit_circle(text: str, read: str | None) -> None:
    assert condition_text(text) == read


@pytest.mark.parametrize(
    ("text", "head"),
    [
        ("ρ(W) < 1 ⇒ W^t → 0", "ρ(W) < 1"),
        ("max |eig(W)| < 1  => W^t -> 0 (gradients évanescents)", "max |eig(W)| < 1"),
        ("rho(W) < 1, so W^t -> 0", "rho(W) < 1"),
        ("rho(W) < 1 <=> W^t -> 0", "rho(W) < 1 <=> W^t"),
        ("rho(W) < 1", None),
    ],
)
def test_what_a_condition_implies(text: str, head: str | None) -> None:
    assert cause(text) == head


@pytest.mark.parametrize(
    ("text", "value", "hedge"),
    [
        ("sure, as long as the gap is smaller", True, False),
        ("for sure", True, False),
        ("tout à fait", True, False),
        ("not sure", None, True),
        ("I'm not so sure", None, False),
        ("pas sûr", None, True),
        ("surely not", False, False),
    ],
)
def test_sure_is_a_yes_and_not_sure_is_none(text: str, value: bool | None, hedge: bool) -> None:
    reading = verdict(text)
    assert (reading.value, reading.hedge) == (value, hedge)


HOSTILE = [
    "$" * 2000,
    "`" * 2000,
    " " * 1999 + "#",
    "a " + " " * 1990 + "// x",
    "_(" * 1000,
    "_(" * 500 + ")" * 1000,
    "- a\n" * 500,
    "{\\bf " * 400,
    "Sum[" * 500,
    "W[[i, " * 333,
    "MatrixPower[W, " * 130,
    "diag(" * 400,
    "diag(a > 0) " * 160,
    "sum(" + "(x) " * 400 + " for k in 1:t)",
    "x sub " * 330,
    "not " * 300 + "inside the unit circle",
    "no " * 650 + "=>",
    "𝑊" * 1000,
    "E of " * 400,
    "w sur " * 330,
    "two hundred " * 160,
    "symsum(a, " * 200,
    "symsum(" + "(a) , k, " * 200,
    "sum(sum(W.^" * 160,
    "norm(W, 'fro'" * 150,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_bounded(text: str) -> None:
    """Adversarial runs of the new passes' pieces: each is linear or bounded, none
    raises (speed is `benchmarks/`' business)."""
    text = text[:2000]
    assert isinstance(surface(text), str)
    assert isinstance(untold(text, Q2 | Q7), str)
    condition_text(text)
    cause(text)
    read_value(text)
    verdict(text)
