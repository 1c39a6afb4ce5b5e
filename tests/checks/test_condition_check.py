"""q2.c conditions graded by what W^t does on the bank: each class gets its points and the
feedback shows the matrix that tells the student's condition from the behaviour."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import load_sheet, parse_sheet
from tests.conftest import ANSWERS, sheet_text


def condition_fields(rubrics, vanishes: str, explodes: str = "rho(W) > 1") -> dict:
    body = f"q2:\n  c:\n    vanishes_if: '{vanishes}'\n    explodes_if: '{explodes}'\n"
    report = grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics)
    part = next(p for q in report.questions if q.key == "q2" for p in q.parts if p.key == "c")
    return {i.field: i.outcome for i in part.items}


def sheet_fields(rubrics, name: str) -> dict:
    report = grade_sheet(load_sheet(ANSWERS / name), rubrics)
    part = next(p for q in report.questions if q.key == "q2" for p in q.parts if p.key == "c")
    return {i.field: i.outcome for i in part.items}


def english(outcome) -> str:
    return " ".join(t.render("en") for t in outcome.feedback)


class TestSampleSheets:
    def test_ada_gets_full_marks_on_both_conditions(self, rubrics) -> None:
        fields = sheet_fields(rubrics, "ada-en.yaml")
        for name in ("vanishes_if", "explodes_if"):
            assert (fields[name].score, fields[name].status) == (2, "correct"), name

    def test_benoit_loses_explodes_if_with_the_non_normal_counterexample(self, rubrics) -> None:
        fields = sheet_fields(rubrics, "benoit-fr.yaml")
        assert fields["vanishes_if"].status == "correct"  # \rho(W) < 1
        explodes = fields["explodes_if"]  # \|W\|_2 > 1: necessary, not sufficient
        assert (explodes.score, explodes.status) == (1, "partial")
        assert explodes.details["class"] == "necessary"
        french = " ".join(t.render("fr") for t in explodes.feedback)
        assert "W = [[0,9\u202f; 5]\u202f; [0\u202f; 0,8]]" in french  # a French reader's numbers
        assert "||W||_2 = 5,14" in french and "Votre condition est vraie pour elle." in french
        english = " ".join(t.render("en") for t in explodes.feedback)
        assert "W = [[0.9, 5], [0, 0.8]]" in english and "||W||_2 = 5.14" in english
        assert "Une grande norme ne fait pas exploser W^t" in french  # the known mistake


@pytest.mark.parametrize(
    "vanishes,points,verdict,counterexample",
    [
        ("rho(W) < 1", 2, "exact", None),
        ("1 > rho(W)", 2, "exact", None),  # reversed
        ("0 <= rho(W) < 1", 2, "exact", None),  # chained
        ("\\rho(W) < 1", 2, "exact", None),
        ("max(abs(eig(W))) < 1", 2, "exact", None),
        ("||W||_2 < 1", 1, "sufficient", "W = [[0.9, 5], [0, 0.8]]"),
        ("rho(W) <= 1", 1, "necessary", "a scaled rotation"),
        ("rho(W) > 1", 0, "swapped", None),
        ("||W||_F < 0.1", 1, "sufficient", None),
    ],
)
def test_each_class_gets_its_points(rubrics, vanishes, points, verdict, counterexample) -> None:
    outcome = condition_fields(rubrics, vanishes)["vanishes_if"]
    assert outcome.score == points, english(outcome)
    assert outcome.details["class"] == verdict
    if counterexample:
        assert counterexample in english(outcome)


def test_the_sufficient_norm_condition_names_a_matrix_that_vanishes_without_it(rubrics) -> None:
    text = english(condition_fields(rubrics, "||W||_2 < 1")["vanishes_if"])
    assert "sufficient only" in text.lower() or "enough" in text
    assert "W^t vanishes. Your condition fails for it." in text


@pytest.mark.parametrize(
    "explodes,verdict",
    [("rho(W) > 1", "exact"), ("rho(W) >= 1", "necessary"), ("||W||_2 > 1", "necessary")],
)
def test_explodes_if(rubrics, explodes: str, verdict: str) -> None:
    outcome = condition_fields(rubrics, "rho(W) < 1", explodes)["explodes_if"]
    assert outcome.details["class"] == verdict


@pytest.mark.parametrize(
    "text,needle",
    [
        ("rho(W)", "comparison"),  # no comparison at all
        ("W < 1", "apply a spectral function"),  # a matrix compared with a number
    ],
)
def test_what_is_no_condition_is_invalid_with_a_reason(rubrics, text: str, needle: str) -> None:
    outcome = condition_fields(rubrics, text)["vanishes_if"]
    assert outcome.status == "invalid"
    assert needle in english(outcome)
    assert "s.yaml, line 6, column 19" in english(outcome)  # where it is in the sheet


def test_the_group_fingerprint_reuses_the_classification_grading_made(rubrics, monkeypatch) -> None:
    """A worker grades an answer, then fingerprints it for its group: the condition is
    classified on the bank once (issue 17), and the fingerprint is the one a fresh
    classification gives."""
    from examgrade.checks import condition, get_check
    from examgrade.classroom.groups import Target
    from examgrade.engine import item_context
    from examgrade.nodes import Scalar

    question = rubrics.questions["q2"]
    part = question.part("c")
    item = next(i for i in part.items if i.field == "vanishes_if")
    kind = get_check("condition")
    answer = Scalar("||W||_F < 0.37", None)  # type: ignore[arg-type]
    calls: list[str] = []
    classify = condition.classify
    monkeypatch.setattr(
        condition, "classify", lambda c, *rest: calls.append(str(c)) or classify(c, *rest)
    )
    ctx = item_context(question, part, item)
    outcome = kind.grade(answer, ctx)
    found = kind.fingerprint(answer, item_context(Target(question, part).question, part, item))
    assert outcome.details["class"] == "sufficient" and len(calls) == 1
    condition._JUDGED.clear()
    assert kind.fingerprint(answer, ctx) == found and len(calls) == 2
