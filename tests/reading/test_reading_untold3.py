"""Issue 12, fifth round: math, sizes and verdicts typed by students never told the
notation (the classes of the fifth blind set's even half and what the third and fourth
rounds left, `tests/data/forms_tuning5.yaml`): a row of the Jacobian given alone, a vector
defined by its i-th entry, a name defined with its argument, the activation named after
the answer, functions and powers in words, a restatement in brackets, numpy methods, a
verdict whose reason says what can be done, a value followed by its reason. Every right
form full marks, every wrong one refused; nothing is evaluated but by the language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading import verdict
from examgrade.reading.conditions import condition_text
from examgrade.reading.untold import untold
from examgrade.reading.values import read_value

ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests" / "data" / "forms_tuning5.yaml").read_text("utf-8"))
Q5 = frozenset({"b", "D", "H", "i", "j", "W", "x"})


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:50]}" for f in FORMS])
def test_tuning5_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("J_{i,:} = W_{i,:} if w_i·x + b_i > 0, else 0", "J = diag(1[(W x) + b > 0]) W"),
        ("J[i,:] = I(a_i > 0) W[i,:] where a = Wx + b", "J = diag(1[a > 0]) W where a = Wx + b"),
        ("W multiplied by itself t times", "W^{t}"),
        ("lambda * trace of W^T W", "lambda * tr(W^T W)"),
    ],
)
def test_rows_powers_and_functions_in_words(text: str, read: str) -> None:
    assert untold(text, Q5 | {"t", "lambda"}) == read


def test_a_row_whose_index_is_left_is_no_row() -> None:
    """`W_{i,:} if x_j > 0`: j is no entry of a vector over i; the text stays as typed."""
    text = "J_{i,:} = W_{i,:} if W_{ij} > 0, else 0"
    assert untold(text, Q5) == text


def test_an_entry_used_as_such_is_left_to_the_definitions() -> None:
    """`σ(-b_j) avec b_j = ...`: the answer uses the entry, not the vector."""
    text = "exp(a_i) with a_i = sum_j W_ij"
    assert untold(text, Q5) == text


def test_numpy_methods_in_a_condition() -> None:
    assert condition_text("np.abs(np.linalg.eigvals(W)).max() < 1") == "max(abs(eig(W))) < 1"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no - one layer can be summed out exactly only in the RBM", False),
        ("non : on peut sommer une couche", False),
        ("yes - it can be done", True),
    ],
)
def test_a_leading_verdict_over_its_reasons_modal_words(text: str, value: bool) -> None:
    assert verdict(text).value is value


def test_yes_and_no_both_strong_stay_a_conflict() -> None:
    assert verdict("no, yes it is").conflict


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("0 : pas de padding (sortie 252)", ("0",)),
        ("2, donc c'est déjà une same convolution", ("2",)),
        ("4, so it already is a full convolution", ("4",)),
    ],
)
def test_a_value_then_its_reason_in_words(text: str, values: tuple[str, ...]) -> None:
    reading = read_value(text)
    assert reading.values == values
    assert reading.guess


def test_a_reason_that_states_another_value_is_kept() -> None:
    """`2, so 4 in total` states a value of its own: no mere reason."""
    assert read_value("2 : 4 in total").values != ("2",)
