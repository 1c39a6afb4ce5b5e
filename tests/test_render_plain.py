"""`check`'s plain report (`render_plain`) is the text rich prints, or nothing (issue 17).

Each report is printed both ways at several widths, into a pipe and into a terminal:
where the plain writer answers, its text must be rich's, character for character (a
terminal's colour codes included); where rich would print differently (a dumb terminal,
colours forced or refused, a panel), it must not answer.
"""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import sys

import pytest

from examgrade import commands
from examgrade.engine import SheetReport, grade_sheet
from examgrade.i18n import Bilingual
from examgrade.render import print_report
from examgrade.render_plain import plain_report
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS

WIDTHS = ("80", "41", "25")


class _Pipe(io.StringIO):
    encoding = "utf-8"

    def isatty(self) -> bool:
        return False


class _Terminal(_Pipe):
    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def reports(rubrics) -> list[SheetReport]:
    graded = [
        grade_sheet(load_sheet(s, keys=rubrics.keys), rubrics)
        for s in sorted(ANSWERS.glob("*.yaml"))
    ]
    return [*graded, _odd(graded[0])]


def _odd(report: SheetReport) -> SheetReport:
    """The classes of text a student or rubric can put in a cell: a word longer than the
    column, every status's colour, wide characters and emoji, empty and blank lines, spaces
    at either end, a title longer than the line (a part to review has its panel: rich's)."""
    texts = [
        "x" * 130,
        "平方根 " * 30 + "🎉 done",
        "",
        "first\n\nthird\n",
        "  spaced   out  words  " * 6,
        "é" * 40 + " " + "b" * 3,
    ]
    question = report.questions[0]
    parts = tuple(
        dataclasses.replace(
            part,
            key=part.key + ("-long-key" if n == 1 else ""),
            status=("correct", "partial", "incorrect", "missing", "invalid")[n % 5],
            feedback=(Bilingual(en=texts[n % len(texts)], fr=texts[(n + 1) % len(texts)]),),
        )
        for n, part in enumerate(question.parts)
    )
    title = Bilingual(en="A title " * 14, fr="Un titre 平方 " * 9)
    odd = dataclasses.replace(question, parts=parts, title=title)
    student = dataclasses.replace(report.student, name="艾达 Lovelace " * 8)
    return dataclasses.replace(report, questions=(odd, *report.questions[1:]), student=student)


def _rich_text(report: SheetReport, choice: str, stream: io.StringIO) -> str:
    old = sys.stdout
    sys.stdout = stream
    try:
        print_report(commands.console(), report, choice)  # type: ignore[arg-type]
    finally:
        sys.stdout = old
    return stream.getvalue()


def _plain_text(report: SheetReport, choice: str, stream: io.StringIO) -> str | None:
    old = sys.stdout
    sys.stdout = stream
    try:
        return plain_report(report, choice)  # type: ignore[arg-type]
    finally:
        sys.stdout = old


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("choice", ["en", "fr", "both"])
@pytest.mark.parametrize(
    ("stream", "term"),
    [(_Pipe, "xterm"), (_Terminal, "xterm-256color")],
)
def test_plain_report_is_riches_text(reports, choice, width, stream, term, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", width)
    monkeypatch.setenv("TERM", term)
    monkeypatch.setenv("COLORTERM", "truecolor" if term.endswith("256color") else "")
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    answered = 0
    for report in reports:
        plain = _plain_text(report, choice, stream())
        if plain is not None:
            answered += 1
            assert plain == _rich_text(report, choice, stream())
    if int(width) >= 60:
        assert answered == len(reports)  # the sample sheets and the odd one, at least


def test_plain_report_leaves_dumb_terminals_colours_and_panels_to_rich(
    reports, monkeypatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for var in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    report = reports[0]
    monkeypatch.setenv("TERM", "xterm")
    assert _plain_text(report, "en", _Pipe()) is not None
    assert "\x1b[" in (_plain_text(report, "en", _Terminal()) or "")  # rich's colours
    monkeypatch.setenv("TERM", "dumb")  # rich: no colour, 80 columns whatever the size
    assert _plain_text(report, "en", _Terminal()) is None
    ascii_pipe = _Pipe()
    ascii_pipe.encoding = "ascii"  # type: ignore[misc]
    assert _plain_text(report, "en", ascii_pipe) is None  # rich draws another box
    warned = dataclasses.replace(report, warnings=(Bilingual(en="w", fr="w"),))
    assert _plain_text(warned, "en", _Pipe()) is None
    control = dataclasses.replace(report, file="a\tb\rc")
    assert _plain_text(control, "en", _Pipe()) is None
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert _plain_text(report, "en", _Pipe()) is None
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("NO_COLOR", "1")
    assert _plain_text(report, "en", _Terminal()) is None


def test_check_prints_without_richs_console(tmp_path) -> None:
    """A plain `check` to a pipe prints its tables without importing rich's console."""
    code = (
        "import sys; sys.argv = ['examgrade', 'check', sys.argv[1]]\n"
        "from examgrade.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('rich.console' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ANSWERS / "ada-en.yaml")],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")},
    )
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
    assert "Q1 ·" in done.stdout
