"""Issue 12, sixth round: classes of untold notation nobody had written yet, invented from
the exam and the key (`tests/data/forms_tuning6.yaml`): a product of t copies written out
(`W·W·…·W (t times)`, `Π_{k=1}^t W`), words of the notation in capitals (`LAMBDA`, `SUM`,
`W TRANSPOSE W`), a mean over the batch, plus forms that already read (derivative names,
sigmoid through exp, LaTeX delimiters, units after a size, the largest eigenvalue modulus,
colloquial verdicts), held here so they stay read. Every right form full marks, every
wrong one refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading import verdict
from examgrade.reading.conditions import condition_text
from examgrade.reading.untold import untold
from examgrade.reading.values import read_value

ROOT = Path(__file__).resolve().parents[2]
FORMS = yaml.safe_load((ROOT / "tests" / "data" / "forms_tuning6.yaml").read_text("utf-8"))
Q2 = frozenset({"b", "h", "h_0", "k", "t", "U", "W", "x"})


@pytest.mark.parametrize("form", FORMS, ids=[f"{f['field']}:{f['answer'][:50]}" for f in FORMS])
def test_tuning6_forms(grade_form, form) -> None:
    result = grade_form(form)
    assert result["full"] == form["correct"], result["feedback"]


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("W·W·…·W (t times)", "W^{t}"),
        ("W W ... W (t fois)", "W^{t}"),
        ("W \\cdot W \\cdots W (t-1 times)", "W^{t-1}"),
        ("Π_{k=1}^t W", "prod_{k=1}^t W"),
        ("LAMBDA * SUM_{i,j} W_{ij}^2", "lambda * sum_{i,j} W_{ij}^2"),
        ("lambda * trace(W TRANSPOSE W)", "lambda * trace(W^T W)"),
        ("mean over the batch of x", "E[x]"),
        ("W×W×…×W (t times)", "W^{t}"),
        ("W*W*...*W, t times", "W^{t}"),
        ("W ⋯ W (t factors)", "W^{t}"),
        ("lambda ∥W∥_F^2", "lambda ‖W‖_F^2"),
        ("lambda |W|_F^2", "lambda ‖W‖_F^2"),
        ("avg(x) - avg(y)", "mean(x) - mean(y)"),
        ("W to the t", "W^{t}"),
        ("W to the t-th power", "W^{t}"),
    ],
)
def test_copies_capitals_and_batch_means(text: str, read: str) -> None:
    assert untold(text, Q2 | {"lambda"}) == read


def test_copies_of_two_names_are_no_power() -> None:
    """`W·…·U (t times)`: the copies must be of one name; the text stays as typed."""
    assert "^" not in untold("W·W·…·U (t times)", Q2)


def test_a_question_name_in_capitals_is_kept() -> None:
    assert untold("SUM x", Q2 | {"SUM"}) == "SUM x"


@pytest.mark.parametrize(
    "text",
    ["W·" * 1000, "W " * 700 + "… W (t", "Π" * 2000, "ABC " * 500, "W transpose " * 160],
)
def test_hostile_text_is_bounded(text: str) -> None:
    """Adversarial runs of the new patterns' pieces: each pass is linear, none raises."""
    assert isinstance(untold(text[:2000], Q2), str)


@pytest.mark.parametrize(
    "text",
    [
        "certainement pas",
        "absolument pas",
        "évidemment pas",
        "sûrement pas",
        "definitely not",
        "surely not",
        "not really",
        "pas vraiment",
        "by no means",
        "que nenni",
        "Nan, pas comme la RBM",
    ],
)
def test_an_intensifier_then_a_negation_is_a_no(text: str) -> None:
    """`certainement pas` was read as its `certainement`: a yes."""
    assert verdict(text).value is False


def test_an_intensifier_alone_or_set_off_stays_yes() -> None:
    assert verdict("certainement").value is True
    assert verdict("absolument, pas de doute").value is True


@pytest.mark.parametrize(
    ("text", "value"),
    [("256 \\times 256", "256 × 256"), ("25\\times25", "25×25"), ("25 pixels sur 25", "25x25")],
)
def test_latex_cross_and_sur_between_sides(text: str, value: str) -> None:
    assert read_value(text).values == (value,)


@pytest.mark.parametrize(
    ("text", "value"),
    [("(256, 256, C)", "256x256"), ("[C, 256, 256]", "256x256"), ("(25, 25)", "25x25")],
)
def test_a_shape_as_a_tuple(text: str, value: str) -> None:
    assert read_value(text).values == (value,)


def test_square_brackets_without_channels_stay_a_list_of_layers() -> None:
    assert read_value("[256, 256]").values == ("[256, 256]",)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("the spectral radius is less than one", "rho(W) < 1"),
        ("le rayon spectral est inférieur à un", "rho(W) < 1"),
        ("spectral radius < union", "rho(W) < union"),
    ],
)
def test_the_bound_one_in_words(text: str, read: str) -> None:
    assert " ".join(condition_text(text).split()) == read
