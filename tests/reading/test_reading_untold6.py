"""Issue 12, round 8 of untold notation: the classes of the seventh blind set's even half,
written again in other words (`tests/data/forms_tuning8.yaml`). Every right form full
marks, every wrong one refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from examgrade.reading.values import read_value

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


HOSTILE = [
    "0 -> " * 400,
    "4, out " * 280,
    "p = 4 → after layer " * 100,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_bounded(text: str) -> None:
    """Adversarial runs of the new pieces: bounded, none raises."""
    read_value(text[:2000], asks="padding")
