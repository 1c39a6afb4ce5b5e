"""A verdict graded while its explanation's grading has not landed: the explanation's
points are reported as awaiting review (JSON `awaiting_review`, review flag, feedback in
both languages), never as zero, and stay out of the score and the maximum."""

from __future__ import annotations

from pathlib import Path

import pytest

from examgrade.engine import grade_sheet
from examgrade.report import build_report, report_data
from examgrade.rubric import load_rubrics
from examgrade.sheet import parse_sheet
from tests.conftest import sheet_text

RUBRIC = """\
question: q6
points: 15
title: {en: 'VAE', fr: 'VAE'}
text: {en: 'IAF?', fr: 'IAF ?'}
parts:
  a:
    title: {en: 'a', fr: 'a'}
    points: 9
    check: pending
  b:
    title: {en: 'IAF', fr: 'IAF'}
    points: 6
    items:
      - field: verdict
        check: verdict
        solver: vae.iaf_vs_mean_field
        points: 2
      - field: explanation
        check: pending
        points: 4
"""


@pytest.fixture(scope="module")
def rubrics(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("rubrics")
    (folder / "q6.yaml").write_text(RUBRIC, encoding="utf-8")
    return load_rubrics(str(folder))


def part_b(rubrics, body: str) -> dict:
    report = grade_sheet(parse_sheet(sheet_text(body), "s.yaml"), rubrics)
    return report_data(build_report(report))["questions"]["q6"]["parts"]["b"]


def test_a_written_explanation_is_awaiting_review_not_zero(rubrics) -> None:
    part = part_b(rubrics, "q6:\n  b:\n    verdict: yes\n    explanation: a flow is richer\n")
    assert (part["score"], part["max"]) == (2, 2)  # held back: not in the maximum either
    assert part["awaiting_review"] == 4
    assert part["review"] is True
    assert part["fields"]["explanation"]["status"] == "awaiting_review"
    assert part["fields"]["explanation"]["awaiting_review"] == 4
    assert "4 points awaiting review" in part["feedback"]["en"]
    assert "4 points en attente de relecture" in part["feedback"]["fr"]


def test_a_bare_string_is_the_explanation(rubrics) -> None:
    part = part_b(rubrics, "q6:\n  b: the flow family is richer\n")
    assert part["awaiting_review"] == 4
    assert part["fields"]["verdict"]["status"] == "missing"


def test_no_explanation_written_holds_nothing(rubrics) -> None:
    part = part_b(rubrics, "q6:\n  b:\n    verdict: non\n")
    assert "awaiting_review" not in part
    assert "explanation" not in part["fields"]
    assert part["status"] == "incorrect"
