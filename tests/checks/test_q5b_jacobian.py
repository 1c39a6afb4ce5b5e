"""q5.b: the ReLU Jacobian diag(1[Wx+b>0]) W (the key's first line) has its share of
the part's points, so a right one alone earns it with feedback that agrees ("Right",
partial, never "incorrect"), and a wrong one costs it. A part where only fields worth
nothing are answered is missing, not incorrect."""

from __future__ import annotations

import pytest

from examgrade.engine import PartResult, grade_sheet
from examgrade.rubric import RubricSet
from examgrade.sheet import parse_sheet

EXPLANATION = (
    "The Jacobian keeps only the rows of the active units: the penalty depends on the data, "
    "favours sparse codes, while weight decay penalises every weight uniformly."
)


def part_b(rubrics: RubricSet, jacobian: str | None, explanation: str | None) -> PartResult:
    lines = ["student: {id: '1'}", "q5:", "  b:"]
    if jacobian is not None:
        lines.append(f"    jacobian: '{jacobian}'")
    if explanation is not None:
        lines.append(f"    explanation: '{explanation}'")
    report = grade_sheet(parse_sheet("\n".join(lines) + "\n"), rubrics)
    return next(p for q in report.questions if q.key == "q5" for p in q.parts if p.key == "b")


@pytest.mark.parametrize("jacobian", ["diag(1[Wx+b>0]) W", "1[W x + b > 0] ⊙ W"])
def test_a_right_jacobian_alone_earns_its_share(rubrics: RubricSet, jacobian: str) -> None:
    part = part_b(rubrics, jacobian, None)
    assert 0 < part.score < part.max
    assert part.status == "partial"
    assert "Right" in part.feedback[0].render("en")


@pytest.mark.parametrize("wrong", ["W", "W diag(1[W x + b > 0])", "diag(W x + b) W"])
def test_a_wrong_jacobian_costs(rubrics: RubricSet, wrong: str) -> None:
    right = part_b(rubrics, "diag(1[Wx+b>0]) W", EXPLANATION)
    assert part_b(rubrics, wrong, EXPLANATION).score < right.score


def test_only_fields_worth_nothing_answered_is_missing(rubrics: RubricSet) -> None:
    sheet = "student: {id: '1'}\nq5:\n  a:\n    explanation: 'the Jacobian is W: weight decay'\n"
    report = grade_sheet(parse_sheet(sheet), rubrics)
    part = next(p for q in report.questions if q.key == "q5" for p in q.parts if p.key == "a")
    assert part.score == 0 and part.status == "missing"


def test_a_blank_jacobian_costs_nothing(rubrics: RubricSet) -> None:
    """The contract makes q5.b's Jacobian optional, and students often write it inside the
    explanation: left blank (`blank_to: explanation`), its point moves to the explanation,
    graded out of the part's 5 points; only a wrong Jacobian costs it."""
    blank = part_b(rubrics, None, EXPLANATION)
    right = part_b(rubrics, "diag(1[Wx+b>0]) W", EXPLANATION)
    wrong = part_b(rubrics, "W", EXPLANATION)
    assert blank.max == right.max == 5
    assert blank.score == right.score > wrong.score
    explanation = next(i for i in blank.items if i.field == "explanation")
    assert explanation.points == 5


def test_blank_to_must_name_a_field_of_the_part(tmp_path) -> None:
    from examgrade.errors import RubricError
    from examgrade.rubric import load_rubrics

    source = (
        __import__("pathlib").Path(__file__).resolve().parents[2] / "rubrics" / "q5.yaml"
    ).read_text(encoding="utf-8")
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "q5.yaml").write_text(
        source.replace("blank_to: explanation", "blank_to: explantion"), encoding="utf-8"
    )
    with pytest.raises(RubricError, match="blank_to"):
        load_rubrics(str(folder))
