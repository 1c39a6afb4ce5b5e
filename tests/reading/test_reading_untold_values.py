"""Issue 12, fourth round: sizes, paddings, conditions and verdicts typed by students never
told the notation (`tests/data/forms_tuning4.yaml`): numbers in words, a label or a list
before the value, working with words about another quantity after it, prose around it,
numpy in a condition, a verdict whose reason holds a negated word. Each right form gets
full marks and each wrong one is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading.conditions import condition_text
from examgrade.reading.values import read_value

FORMS = yaml.safe_load(
    (Path(__file__).parents[1] / "data" / "forms_tuning4.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:40]}" for f in FORMS])
def test_tuning4_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("two", ("2",)),
        ("deux", ("2",)),
        ("Two on each side", ("2",)),
        ("quatre de chaque côté", ("4",)),
        ("un carré de 25 par 25 pixels de l'image d'entrée", ("25x25",)),
        ("a square of 25 by 25 pixels", ("25x25",)),
        ("same as given: 2 on each side", ("2",)),
        ("L1..L6: 256x256", ("256x256",)),
        ("256x256 for L1..L6", ("256x256",)),
        ("twenty-five by twenty-five", ("25x25",)),
        ("vingt-cinq par vingt-cinq", ("25x25",)),
    ],
)
def test_words_and_labels_around_a_value(text: str, values: tuple[str, ...]) -> None:
    reading = read_value(text)
    assert reading.values == values
    assert reading.guess


def test_the_list_before_an_arrow_is_working_that_must_agree() -> None:
    reading = read_value("5, 9, 13, 17, 21, 25 -> the 6th layer sees 25x25")
    assert reading.values == ("25x25",)
    assert tuple(o.strip() for o in reading.others) == ("25",)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(k-1)/2 = 2, so 256 stays 256", "2"),
        ("p = k-1 = 4, donc la sortie fait 260", "4"),
        ("p = 0, so the output is 252", "0"),
        ("no padding at all (p = 0), output 252", "0"),
        ("two, the output stays 256", "2"),
        ("aucun, la sortie fait 252", "0"),
        ("zero: the output shrinks to 252", "0"),
    ],
)
def test_a_clause_on_another_quantity_is_a_remark(text: str, value: str) -> None:
    """A padding field reads the padding, not the output size stated after it."""
    assert read_value(text, "padding").values == (value,)


def test_the_output_is_still_the_value_of_a_field_that_asks_no_padding() -> None:
    assert read_value("p = 4, so the output is 260").values != ("4",)


def test_a_square_written_as_a_product_is_a_size() -> None:
    from examgrade.checks.numeric import read_size

    assert read_size("256*256") == 256
    assert read_size("5 * 5") == 5
    assert read_size("6*4 + 1") == 25  # working: a product


def test_numpy_in_a_condition() -> None:
    assert condition_text("max(abs(np.linalg.eigvals(W))) < 1") == "max(abs(eig(W))) < 1"
    assert condition_text("np.max(np.abs(np.linalg.eigvals(W))) > 1") == "max(abs(eig(W))) > 1"
    # a numpy name the reader does not know is left as typed
    assert condition_text("np.linalg.norm(W) < 1") is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Oui, la famille IAF est plus riche (non factorisée)", True),
        ("Yes (the positive phase is not factorial)", True),
        ("No (mean-field is exact per example)", False),
        ("non, pas forcément", False),  # bare: the no it says
        ("no, not necessarily: amortization gap vs approximation gap", None),  # a hedge
    ],
)
def test_verdicts_with_a_reason(text: str, value: bool | None) -> None:
    from examgrade.checks.verdict import read_verdict

    assert read_verdict(text) is value
