"""Tonight's new readers of what students write, attacked (issue 16): what carries typed
math (`reading.surface`), other languages' syntax (`reading.languages`), math said in
words (`reading.spoken`), sizes in words (`reading.values`), and the question reports
kept by content (`report._question`). Bounds are pinned by sizes and counts, never by
time."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from examgrade import kept_check
from examgrade.engine import grade_sheet
from examgrade.reading import MAX_TEXT, values
from examgrade.reading.languages import julia, mathematica
from examgrade.reading.math import accents, scripts
from examgrade.reading.spoken import quotients, spoken
from examgrade.reading.surface import surface
from examgrade.reading.untold import untold
from examgrade.reading.values import read_value
from examgrade.report import build_report
from examgrade.rubric import load_rubrics
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS

NAMES = frozenset({"W", "x", "b", "h", "t", "k", "i", "j"})

#: Hostile answers, each cut to MAX_TEXT characters.
HOSTILE = {
    "400 spaces then a letter": " " * 400 + "a",
    "2,000 spaces then a letter": " " * 1990 + "a",
    "a label then spaces": "ans" + " " * 1990 + "x",
    "spaces then stars": " " * 995 + "*" * 995 + "a",
    "dollars": "$" * 2000,
    "dollars around spaces": "$" + " " * 1990 + "$x",
    "unbalanced backticks": "`" * 1999,
    "escaped brackets": "\\(" * 1000,
    "Ans: repeated": "Ans: " * 400,
    "arrows repeated": "=> " * 666,
    "a thousand bullets": "\n".join(["- a"] * 1000),
    "nested MatrixPower": "MatrixPower[" * 150 + "W, t" + "]" * 150,
    "MatrixPower never closed": "MatrixPower[" * 180,
    "nested Sum": "Sum[" * 100 + "x, {k, 1, t}" + "]" * 100,
    "parts never closed": "W[[" * 600,
    "nested Julia sums": "sum(" * 100 + "W for k in 1:t" + ")" * 100,
    "symsum never closed": "symsum(" * 250,
    "diag of comparisons": "diag(" * 300 + "x>0" + ")" * 300,
    "Matlab squares never closed": "sum(sum(W.^2" * 150,
    "number words": "two hundred fifty-six " * 90,
    "sub sub sub": "sub " * 500,
    "said subscripts": "x sub " * 333,
    "tilde repeated": "x tilde " * 250,
    "E of repeated": "E of " * 400,
    "over repeated": "w over " * 285,
    "Word linear brackets": "〖" * 2000,
    "Word subscripts never closed": "x_(" * 666,
    "Word invisible operators": "W" + "\u2061" * 1990 + "x",
    "combining accents": "x\u0303" * 1000,
    "precomposed accents": "ŵ" * 2000,
    "superscripts": "x²" * 1000,
    "RTL marks": "\u202eW x\u202c" * 333,
    "confusables": "Ԝ х ＋ ｂ " * 200,
    "math italics": "𝑊^𝑡 ℎ " * 300,
    "comments in brackets": "(x # ab " * 250,
    "LaTeX switches never closed": "{\\bf " * 400,
}
CASES = {name: text[:MAX_TEXT] for name, text in HOSTILE.items()}


def _longest_space_run(text: str) -> int:
    return max(map(len, re.findall(r"\s*", text)))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_no_rewrite_grows_a_hostile_answer(text: str) -> None:
    """What carries the math only ever comes off (`surface` never grows an answer), and
    every rewrite of tonight's stays within MAX_TEXT (the parser's limit: past it the
    student would be told of characters they never typed)."""
    assert len(surface(text)) <= len(text)
    assert len(julia(text)) <= 2 * len(text) + 64
    assert len(mathematica(text)) <= 2 * len(text) + 64
    assert len(quotients(spoken(text, NAMES))) <= 2 * len(text) + 64
    prepared = untold(accents(scripts(surface(text))), NAMES)
    assert len(prepared) <= MAX_TEXT


@pytest.mark.parametrize(
    "text",
    [" " * 1990 + "a", "ans" + " " * 1990 + "x", "$" + " " * 1990 + "$x", "W" + "\u2061" * 1990],
    ids=["spaces", "label then spaces", "wrapper around spaces", "invisible operators"],
)
def test_surface_leaves_no_long_run_of_spaces(text: str) -> None:
    """The readers after `surface` search patterns starting with `\\s*`, k² steps on a
    run of k spaces (`_PREFIX`, 0.3 s on one answer; a sheet of them took 3.5 s of CPU):
    a run of four or more is one space before any of them reads it."""
    assert _longest_space_run(surface(text)) < 4


def test_surface_keeps_a_newline_of_a_run_and_the_label() -> None:
    assert surface("**Answer:**      W^t\n\n\n\n  h_0") == "W^t\nh_0"
    assert surface("    Ans:    256x256") == "256x256"


class _Seen:
    """A pattern that records the longest run of spaces in what it was given."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern, self.longest, self.calls = pattern, 0, 0

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        self.calls += 1
        self.longest = max(self.longest, _longest_space_run(text))
        return self.pattern.finditer(text)


@pytest.mark.parametrize(
    "text",
    ["256" + " " * 1990 + "for layers 1-6", "25 x 25" + " " * 1990 + "z", " " * 1990 + "4"],
)
def test_read_value_reads_no_long_run_of_spaces(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`read_value`'s restatement pattern (`, i.e.`, `so`) took 0.8 s on a value then
    2,000 spaces: it is given the value with its runs of spaces as one."""
    seen = _Seen(values._RESTATES)
    monkeypatch.setattr(values, "_RESTATES", seen)
    read_value(text)
    assert seen.longest < 4


def test_a_run_of_spaces_is_no_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spaces set aside by the reader are not a rewrite the feedback states."""
    assert read_value("256x256").guess == read_value("256    x    256").guess
    assert read_value("256    x    256").values == read_value("256 x 256").values


def test_restatements_are_weighed_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """`1 so 1 so 1 ...`: the brackets' depths are counted once a value, not once per
    `so` (400 passes over 2,000 characters)."""
    calls = []
    depths = values.depths

    def counted(text: str) -> list[int]:
        calls.append(len(text))
        return depths(text)

    monkeypatch.setattr(values, "depths", counted)
    read_value(("1 so " * 400)[:MAX_TEXT])
    assert len(calls) <= 10  # was 405


@pytest.mark.parametrize("text", ["ŵ" * 2000, "x\u0303" * 1000, "x²" * 1000, "x₁ " * 666])
def test_accents_and_scripts_never_take_an_answer_past_max_text(text: str) -> None:
    """`ŵ` is `\\hat{w}`, seven characters for one: 2,000 of them were 14,000 and the
    student was told 'the expression has 14000 characters' at column 2006 of an answer
    of 2,000. Past MAX_TEXT the answer is read as typed (the grammar says where)."""
    text = text[:MAX_TEXT]
    assert len(accents(text)) <= MAX_TEXT
    assert len(scripts(text)) <= MAX_TEXT
    assert accents("ŵ") == "\\hat{w}"
    assert scripts("x²") == "x^{2}"


def test_question_reports_kept_by_content_keep_their_parts_keys() -> None:
    """`report._question` keeps one question report per part reports and score: the same
    part reports under other part keys (a rubric edited in the same process, parts
    renamed) are another question, never the first one's keys."""
    rubrics = load_rubrics()
    sheet = load_sheet(ANSWERS / "ada-en.yaml")
    graded = grade_sheet(sheet, rubrics)
    first = build_report(graded)
    question = next(q for q in graded.questions if len(q.parts) >= 2)
    renamed = tuple(replace(p, key=f"{p.key}x") for p in question.parts)
    other = replace(
        graded,
        questions=tuple(
            replace(q, parts=renamed) if q is question else q for q in graded.questions
        ),
    )
    second = build_report(other)
    assert list(second.questions[question.key].parts) == [p.key for p in renamed]
    assert list(first.questions[question.key].parts) == [p.key for p in question.parts]


def test_a_sheet_saved_over_and_back_while_graded_is_not_kept(tmp_path: Path) -> None:
    """`check` keeps its output only for the bytes its key was made of: a sheet saved
    (B) and saved back (A) while it was graded holds A's bytes at the end, but what was
    graded may be B's. Its file's stamps (inode, size, times) tell, not its bytes."""
    sheet = tmp_path / "ada.yaml"
    sheet.write_bytes(b"A: 1\n")
    key = kept_check.check_key(b"base", str(sheet))
    assert key is not None
    assert kept_check.sheet_unchanged(str(sheet), key)  # nothing written: kept
    key = kept_check.check_key(b"base", str(sheet))
    sheet.write_bytes(b"B: 2\n")  # graded as B...
    sheet.write_bytes(b"A: 1\n")  # ...and A again by the end
    later = sheet.stat().st_mtime_ns + 1_000_000_000  # as the clock has it by then
    os.utime(sheet, ns=(later, later))
    assert not kept_check.sheet_unchanged(str(sheet), key)
