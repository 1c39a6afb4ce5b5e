"""The one report model (examgrade.report): the contract's JSON written from it and read
back into it, byte for byte, for every sheet in answers/ and for a report with overrides."""

from __future__ import annotations

import json

import pytest

from examgrade.engine import grade_sheet
from examgrade.report import (
    PartReport,
    Report,
    ReportError,
    build_report,
    read_report,
    report_data,
    report_json,
)
from examgrade.rubric import load_rubrics
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS

SHEETS = sorted(ANSWERS.glob("*.yaml"))


@pytest.fixture(scope="module")
def reports() -> list[Report]:
    rubrics = load_rubrics()
    return [build_report(grade_sheet(load_sheet(path), rubrics)) for path in SHEETS]


def test_every_sample_report_reads_back_to_the_same_bytes(reports) -> None:
    assert reports
    for report in reports:
        text = report_json(report)
        again = read_report(text)
        assert again == report
        assert report_json(again) == text
        assert read_report(text.encode()) == report


def test_the_json_keeps_the_contract_s_keys_in_order(reports) -> None:
    data = json.loads(report_json(reports[0]))
    assert list(data) == [
        "student", "score", "max", "questions", "warnings", "not_graded", "review"
    ]  # fmt: skip
    assert data == report_data(reports[0])
    for question in data["questions"].values():
        assert list(question) == ["score", "max", "parts"]
        for part in question["parts"].values():
            assert list(part)[:5] == ["score", "max", "status", "review", "feedback"]
            assert set(part) <= {
                *("score", "max", "status", "review", "feedback", "awaiting_review"),
                *("confidence", "fields", "mistake", "override"),
            }


def test_the_model_is_typed_and_frozen(reports) -> None:
    part = next(iter(reports[0].parts().values()))
    assert isinstance(part, PartReport)
    with pytest.raises(AttributeError):
        part.score = 0  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ["", "not json", "[]", '{"student": {}}', '{"student": {"id": "x"}, "score": 1}'],
)
def test_what_is_not_a_report_is_a_report_error(text: str) -> None:
    with pytest.raises(ReportError):
        read_report(text)
