"""The two example sheets get the free-text scores their comments imply: Ada's complete
English answers (near) full marks; Benoît's partial French answers partial credit on the
ideas they lack (q3.b: no bias correction), and q6.b's wrong explanation nothing."""

from __future__ import annotations

import pytest

from examgrade.engine import grade_sheet
from examgrade.sheet import load_sheet
from tests.conftest import ROOT

EXAMPLES = ROOT.parent / "shared" / "spec" / "examples"
TEXT_ITEMS = [
    "q2.c:explanation", "q3.a", "q3.b", "q4.a", "q4.b.i", "q4.b.ii", "q5.b:explanation",
    "q6.b:explanation", "q7.a", "q7.c", "q8.a:explanation", "q8.b:explanation",
    "q8.c:explanation",
]  # fmt: skip


def text_items(rubrics, name: str) -> dict:
    path = EXAMPLES / name
    if not path.exists():
        path = ROOT / "answers" / name
    report = grade_sheet(load_sheet(path), rubrics)
    return {
        f"{q.key}.{p.key}" + (f":{i.field}" if i.field else ""): (i, p)
        for q in report.questions
        for p in q.parts
        for i in p.items
        if "ideas" in i.outcome.details
    }


def test_ada_gets_full_text_marks_without_review(rubrics) -> None:
    items = text_items(rubrics, "ada-en.yaml")
    assert set(TEXT_ITEMS) <= set(items)
    for key in TEXT_ITEMS:
        item, _ = items[key]
        assert item.outcome.score == item.points, key
        assert not item.outcome.review, key


@pytest.mark.parametrize(
    "key,score,found,missing",
    [
        ("q2.c:explanation", 2, {"vanishing", "exploding"}, {"state"}),
        ("q3.a", 5, {"adagrad-sum", "rmsprop-ema"}, set()),
        ("q3.b", 2, {"momentum"}, {"bias-correction"}),
        ("q4.a", 3, {"early-stopping"}, {"small-init"}),
        ("q4.b.i", 2.5, {"p-to-zero", "no-regularisation"}, {"validation"}),
        ("q4.b.ii", 3, {"not-differentiable", "reinforce", "relaxation"}, set()),
        (
            "q5.b:explanation",
            4.5,
            {"active-units", "data-dependent"},
            set(),
        ),  # Jacobian left blank: out of 5
        ("q7.a", 4, {"means-only", "not-advisable"}, {"benefits"}),
        ("q7.c", 4, {"packs", "diversity"}, {"homogeneous"}),
        ("q8.b:explanation", 2.5, {"coupled", "exponential"}, {"rbm-contrast"}),
        ("q8.c:explanation", 2, {"positive-sampling", "negative-phase"}, set()),
    ],
)
def test_benoit_gets_partial_credit_for_what_he_wrote(rubrics, key, score, found, missing) -> None:
    item, _ = text_items(rubrics, "benoit-fr.yaml")[key]
    ideas = item.outcome.details["ideas"]
    assert item.outcome.score == score
    assert all(ideas[i] == "found" for i in found)
    assert all(ideas[i] == "missing" for i in missing)


def test_benoit_q6b_wrong_explanation_gets_nothing(rubrics) -> None:
    item, _ = text_items(rubrics, "benoit-fr.yaml")["q6.b:explanation"]
    assert item.outcome.score == 0
    assert item.outcome.mistake == "mean-field-always-better"
    assert item.outcome.details["confidence"] < 1  # a doubt, listed


def test_benoit_reads_his_checklist_in_french(rubrics) -> None:
    item, _ = text_items(rubrics, "benoit-fr.yaml")["q3.b"]
    lines = [t.render("fr") for t in item.outcome.feedback]
    assert "✓ Adam ajoute un momentum" in lines[1]
    assert lines[2].startswith("✗ Adam corrige le biais des deux estimations de moments")
