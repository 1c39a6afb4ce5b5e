"""The `concepts` option `claim_floor` (Mohler 2011 pack, round 3): an answer that names
the question's notions in a wrong claim the rubric knows keeps that share of the points,
as those graders give an on-topic confusion about 1 of 5; an answer naming none of them,
a rubric without the option, and an answer already above the floor are left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examgrade.engine import grade_sheet
from examgrade.errors import RubricError
from examgrade.rubric import load_pack, load_rubric
from examgrade.sheet import parse_sheet
from tests.conftest import ROOT

PACK = ROOT / "benchmarks" / "mohler2011"


@pytest.fixture(scope="module")
def rubrics():
    return load_pack(PACK)


def score(rubrics, key: str, answer: str) -> float:
    sheet = parse_sheet(f"student: {{id: x}}\n{key}: '{answer}'\n", keys=rubrics.keys)
    report = grade_sheet(sheet, rubrics)
    return report.questions[[q.key for q in report.questions].index(key)].score


@pytest.mark.parametrize(
    "key,answer",
    [
        ("q5_3", "in its best case insertion sort takes a quadratic number of operations"),
        ("q9_1", "a queue works last in, first out"),
        ("q6_2", "the ampersand gives the value stored in the variable"),
    ],
)
def test_an_on_topic_wrong_claim_keeps_a_fifth(rubrics, key: str, answer: str) -> None:
    assert score(rubrics, key, answer) == pytest.approx(1.0)


def test_the_floor_is_a_floor_not_a_raise(rubrics) -> None:
    """An answer with a right idea beside the wrong claim keeps what it earned."""
    got = score(rubrics, "q5_3", "quadratic, when the array is already sorted")
    assert got >= 1.0


def test_without_the_option_a_wrong_claim_still_costs_everything(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack, ignore=shutil.ignore_patterns("*tuning*", "probes.yaml"))
    path = pack / "rubrics" / "q5_3.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "claim_floor" in x)
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    answer = "in its best case insertion sort takes a quadratic number of operations"
    assert score(load_pack(pack), "q5_3", answer) == 0.0


@pytest.mark.parametrize("value", ["2", "-0.1", "'many'"])
def test_a_claim_floor_outside_zero_to_one_is_refused(tmp_path: Path, value: str) -> None:
    text = (PACK / "rubrics" / "q5_3.yaml").read_text(encoding="utf-8")
    option, name = "claim_floor: 0.2", "claim_floor"
    assert option in text
    path = tmp_path / "q5_3.yaml"
    path.write_text(text.replace(option, f"{name}: {value}", 1), encoding="utf-8")
    from examgrade.exam import load_exam

    with pytest.raises(RubricError) as caught:
        load_rubric(path, load_exam(PACK))
    assert f"'{name}'" in caught.value.message.render("en")
    assert name in caught.value.message.render("fr")


@pytest.mark.parametrize(
    "key,answer",
    [
        ("q2_5", "only one constructor per class"),
        ("q10_7", "n squared comparisons"),
        ("q12_10", "n squared steps"),
    ],
)
def test_the_misconception_a_question_invites_is_a_wrong_claim(
    rubrics, key: str, answer: str
) -> None:
    assert score(rubrics, key, answer) == pytest.approx(1.0)
