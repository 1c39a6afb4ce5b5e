"""`examgrade groups`: a class's answers to one part, grouped by what they mean, not how
they are written, so a grader reviews each distinct answer once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from examgrade.classroom.groups import answer_groups, parse_target
from tests.classroom.test_batch import run

# q1.b (receptive field, 25x25): four spellings of the right answer, a known mistake
# twice, an unreadable answer and a missing one
ANSWERS = ["25x25", "25 × 25", "[25, 25]", "1 + 6*(5-1)", "21", "21 x 21", "purple", None]


def make_sheets(folder: Path) -> Path:
    folder.mkdir()
    for n, answer in enumerate(ANSWERS):
        body = f"q1:\n  b: {answer}\n" if answer is not None else ""
        (folder / f"s{n}.yaml").write_text(f"student:\n  id: s{n}\n{body}", encoding="utf-8")
    (folder / "broken.yaml").write_text("student: [\n")
    return folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_sheets(tmp_path / "class")


def test_equivalent_sizes_are_one_group_largest_first(folder, rubrics) -> None:
    found = answer_groups(sorted(folder.glob("*.yaml")), parse_target("q1.b", rubrics), rubrics)
    summary = [(sorted(g.students), g.verdict[0], g.verdict[3]) for g in found.groups]
    assert summary == [
        (["s0", "s1", "s2", "s3"], "correct", None),
        (["s4", "s5"], "incorrect", "five-layers"),
        (["s6"], "invalid", None),  # ties: in the order of their text
        (["s7"], "missing", None),
    ]
    assert found.groups[0].spellings["25 × 25"] == 1
    assert not any(g.mixed for g in found.groups)
    assert (found.sheets, len(found.unreadable)) == (8, 1)


def test_the_cli_prints_each_group_with_its_verdict(folder) -> None:
    result = run("groups", folder, "q1.b")
    assert result.exit_code == 0, result.output
    assert "Answers to q1.b: 4 distinct in 8 sheets" in result.stdout
    assert "five-layers" in result.stdout
    assert "1 sheet could not be read and is left out" in result.stdout


def test_json_for_scripts(folder) -> None:
    result = run("groups", folder, "q1.b", "--json")
    data = json.loads(result.stdout)
    assert data["part"] == "q1.b"
    assert [g["count"] for g in data["groups"]] == [4, 2, 1, 1]
    assert data["groups"][0]["status"] == "correct"


def test_a_part_not_graded_yet_groups_by_text(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    for n, text in enumerate(["Adam adds momentum.", "adam  ADDS momentum.", "Bias correction."]):
        (folder / f"s{n}.yaml").write_text(f"student:\n  id: s{n}\nq3:\n  b: {text}\n")
    result = run("groups", folder, "q3.b", "--json")
    assert result.exit_code == 0, result.output
    assert [g["count"] for g in json.loads(result.stdout)["groups"]] == [2, 1]


@pytest.mark.parametrize(
    ("part", "message"),
    [("q9.a", "not a part of the exam"), ("q2.c:nope", "has no field 'nope'")],
)
def test_an_unknown_part_is_a_usage_error(folder, part: str, message: str) -> None:
    result = run("groups", folder, part)
    assert result.exit_code == 2
    assert message in result.stderr


def test_without_a_fingerprint_right_answers_and_each_mistake_are_one_group(tmp_path) -> None:
    """q6.b's verdict kind has no fingerprint: `yes`, `Oui` and `true` all equal the
    reference, so they are one group; the wrong verdicts are another."""
    folder = tmp_path / "class"
    folder.mkdir()
    for n, verdict in enumerate(["yes", "Oui", "true", "no", "non", "maybe"]):
        body = f"q6:\n  b:\n    verdict: {verdict}\n"
        (folder / f"s{n}.yaml").write_text(f"student:\n  id: s{n}\n{body}", encoding="utf-8")
    result = run("groups", folder, "q6.b:verdict", "--json")
    assert result.exit_code == 0, result.output
    found = [(g["count"], g["status"]) for g in json.loads(result.stdout)["groups"]]
    assert found[0] == (3, "correct")
    assert sum(count for count, _ in found) == 6


def test_a_worker_plans_each_target_once_for_all_its_sheets(rubrics, monkeypatch) -> None:
    """The group keys of each sheet a worker grades come from one list of targets, and
    what a target needs whatever the sheet (label, path, items) is made once (issue 17);
    the keys are those of targets made afresh."""
    from examgrade.classroom import groups, review
    from examgrade.engine import grade_sheet
    from examgrade.report import build_report
    from examgrade.sheet import parse_sheet

    planned: list[str] = []
    items = groups.target_items
    monkeypatch.setattr(groups, "target_items", lambda t: planned.append(t.label) or items(t))
    found = []
    for n, answer in enumerate(["25x25", "21"]):
        sheet = parse_sheet(f"student:\n  id: s{n}\nq1:\n  b: '{answer}'\n", f"s{n}.yaml")
        stands = review.report_stands(build_report(grade_sheet(sheet, rubrics)))
        fresh = review.sheet_group_keys(sheet, review.group_targets(rubrics), stands, {})
        planned.clear()
        found.append(review.sheet_group_keys(sheet, review.sheet_targets(rubrics), stands, {}))
        assert found[-1] == fresh
    assert found[0]["q1.b"] != found[1]["q1.b"]
    assert planned == []  # the second sheet: every target planned already
