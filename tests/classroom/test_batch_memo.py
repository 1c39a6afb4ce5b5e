"""The batch checks each distinct answer once (`examgrade.memo`): the reports must be
exactly those of grading every sheet on its own, line numbers of unreadable answers
included."""

from __future__ import annotations

from pathlib import Path

from examgrade.engine import grade_sheet
from examgrade.memo import OutcomeMemo, reusable
from examgrade.report import build_report, report_data
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS

# the same answers at different lines, an unreadable one, a list, a mapping
SHEETS = [
    "q1:\n  b: 25x25\n  a: 252\n",
    "q1:\n  a: '[256, 256]'\n\n\n  b: 25x25\n",
    "q1:\n  a: 7 +* 2\n  b: 21\n",
    "q1:\n\n  b: 21\n  a: 7 +* 2\n",
    "q1:\n  a: [256, 256, 256, 256, 256, 256]\n  e: (5-1)/2\n",
    "q1:\n  a: [256, 256, 256, 256, 256, 256]\n  e: (5-1)/2\n",
]


def reports(paths: list[Path], rubrics, memo: OutcomeMemo | None = None) -> list[dict]:
    return [
        report_data(build_report(grade_sheet(load_sheet(p), rubrics, memo=memo))) for p in paths
    ]


def test_memoized_grading_is_identical_to_plain_grading(tmp_path, rubrics):
    paths = [ANSWERS / "ada-en.yaml", ANSWERS / "benoit-fr.yaml"]
    for n, body in enumerate(SHEETS):
        paths.append(tmp_path / f"s{n}.yaml")
        paths[-1].write_text(f"student:\n  id: s{n}\n{body}", encoding="utf-8")
    plain = reports(paths, rubrics)
    memo = OutcomeMemo()
    assert reports(paths, rubrics, memo) == plain  # first sight of every answer
    hits = memo.hits
    assert reports(paths, rubrics, memo) == plain  # every reusable outcome from the memo
    assert memo.hits >= hits + len(memo)


def test_an_unreadable_answer_is_never_reused(tmp_path, rubrics) -> None:
    memo = OutcomeMemo()
    lines = []
    for n, body in enumerate(SHEETS[2:4]):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(f"student:\n  id: s{n}\n{body}", encoding="utf-8")
        report = report_data(build_report(grade_sheet(load_sheet(path), rubrics, memo=memo)))
        part = report["questions"]["q1"]["parts"]
        assert part["a"]["status"] == "invalid"
        lines.append(part["a"]["feedback"]["en"])
    assert lines[0] != lines[1]  # each names its own line


def test_outcomes_naming_a_place_are_not_reusable() -> None:
    from examgrade.checks import Outcome
    from examgrade.i18n import Joined, Message

    here = Message("math.unknown_name", {"line": 4, "column": 2, "name": "Q"})
    assert not reusable(Outcome(0.0, "incorrect", (Joined((Message("x"), here)),)))
    assert not reusable(Outcome(0.0, "invalid", (Message("x"),)))
    assert reusable(Outcome(1.0, "correct", (Message("x", {"given": "25x25"}),)))


def test_sheets_answered_alike_share_their_parts_reports(tmp_path, rubrics) -> None:
    """Two students with the same answers get the same part reports (made once: the memo
    hands both the same outcomes) and the same pages; a part answered otherwise is its
    own, and its page reads its own score."""
    from examgrade.classroom.feedback import feedback_markdown

    memo = OutcomeMemo()
    made = []
    for n, body in enumerate([SHEETS[4], SHEETS[5], "q1:\n  a: 252\n  e: (5-1)/2\n"]):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(f"student:\n  id: s{n}\n{body}", encoding="utf-8")
        made.append(build_report(grade_sheet(load_sheet(path), rubrics, memo=memo)))
    first, second, other = (r.questions["q1"].parts for r in made)
    assert all(first[key] is second[key] for key in first)
    assert first["e"] is other["e"] and first["a"] is not other["a"]
    assert first["a"].status == "correct" and other["a"].status != "correct"
    pages = [feedback_markdown(r, rubrics) for r in made]
    assert pages[0].replace("s0", "s1") == pages[1]
    assert pages[0].replace("s0", "s2") != pages[2]


def test_an_outcome_shared_by_many_answers_is_inspected_once() -> None:
    """The free-text check hands students whose texts score alike one outcome: whether it
    may be reused is worked out once for it, not by walking its texts for each."""
    from examgrade.checks import Outcome

    looked = []

    class Counted:
        @property
        def params(self) -> dict:
            looked.append(1)
            return {"given": "W^t"}

        parts = None

        def render(self, lang: str) -> str:
            return "counted"

    shared = Outcome(1.0, "correct", (Counted(),))
    assert reusable(shared) and reusable(shared)
    assert len(looked) == 1
    assert reusable(Outcome(1.0, "correct", (Counted(),)))  # another object: looked at
    assert len(looked) == 2


def test_an_answer_the_memo_holds_is_given_without_a_context(rubrics, monkeypatch) -> None:
    """A hit is looked up from the item and the nodes alone: no check context and no
    time guard are made for it (issue 17: a class is mostly hits)."""
    from examgrade import engine
    from examgrade.sheet import parse_sheet

    sheet = parse_sheet("student:\n  id: s1\nq1:\n  a: 256x256\n  b: 25x25\n", "s.yaml")
    memo = OutcomeMemo()
    first = report_data(build_report(grade_sheet(sheet, rubrics, memo=memo)))
    made: list[str] = []
    context = engine.item_context
    monkeypatch.setattr(
        engine, "item_context", lambda q, p, i, *rest: made.append(p.key) or context(q, p, i, *rest)
    )
    assert report_data(build_report(grade_sheet(sheet, rubrics, memo=memo))) == first
    assert "a" not in made and "b" not in made
