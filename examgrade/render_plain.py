"""`check`'s report as rich prints it, without rich's console (issue 17).

Importing rich's console and tables and laying the tables out cell by cell was ~65 ms of
a ~0.45 s `check`. Where rich would print a report without panels (to a pipe or file, or
to a terminal in bold and the statuses' standard colours, whose codes are the same
whatever colours rich detects), on a UTF-8 stream, with columns that fit, this writes
the same characters itself, wrapping with rich's own `divide_line` and cell widths
(`rich._wrap`, `rich.cells`: ~3 ms to import). Anything else (a dumb terminal, colours
forced or refused, a panel, a narrow width, control characters) is None: `render`
prints it with rich as before. `tests/test_render_plain.py` holds the text to rich's.
"""

from __future__ import annotations

import builtins
import itertools
import os
import re
import sys
from typing import TYPE_CHECKING

from examgrade.i18n import LangChoice, Message, say
from examgrade.numbers import fmt

if TYPE_CHECKING:
    from collections.abc import Callable

    from examgrade.engine import SheetReport

# What rich's Text would strip, expand or break a line at, and what its markup or emoji
# codes would read in a column header: the report is then rich's to print.
_NOT_PLAIN = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_NOT_PLAIN_HEADER = re.compile(r"[\[\]:]")
_TRAILING_SPACE = re.compile(r"\s+$")  # rich's `Text.rstrip_end`
_PADDING = 2  # one space either side of each cell
_EDGES = 5  # SIMPLE_HEAVY: an edge either side and three dividers, each one space
_FLEX_MINIMUM = 1 + _PADDING  # rich's smallest width for the feedback column
_BOLD = "1"  # the titles, the header row, the total (SGR codes: rich's for these styles)
# render._STATUS_STYLE's green, yellow, red, dim and magenta, as rich writes them
_STATUS_CODE = {
    "correct": "32",
    "partial": "33",
    "incorrect": "31",
    "missing": "2",
    "invalid": "35",
}


def plain_report(report: SheetReport, choice: LangChoice) -> str | None:
    """The report as rich would print it on standard output here, or None where it might
    differ (a dumb terminal, colours forced or refused, another encoding, a panel, a
    narrow width)."""
    found = _plain_width()
    if found is None or report.review_parts or report.not_graded or report.warnings:
        return None
    width, color = found
    try:  # rich's own wrapping and cell widths: the same breaks as its tables
        from rich._wrap import divide_line
        from rich.cells import cell_len, set_cell_size
    except ImportError:  # a rich without them: it prints the report itself
        return None

    writer = _Writer(divide_line, cell_len, set_cell_size, color)
    student = report.student
    header = _msg(
        "ui.sheet_header", choice, id=student.id, name=_named(student.name), file=report.file
    )
    texts = [header]
    out: list[str] = []
    for question in report.questions:
        title = (
            f"{question.key.upper()} · {say(question.title, choice)}  "
            f"[{_n(question.score, choice)}/{_n(question.max, choice)}]"
        )
        heads = [_msg(f"ui.col_{c}", choice) for c in ("part", "score", "status", "feedback")]
        if any(_NOT_PLAIN_HEADER.search(h) for h in heads):
            return None
        rows = []
        codes: list[str] = []  # each row's status colour
        for part in question.parts:
            status = _msg(f"ui.status_{part.status}", choice)
            if part.review:
                status += "\n" + _msg("ui.review", choice)
            feedback = "\n".join(say(f, choice) for f in part.feedback)
            rows.append(
                (part.key, f"{_n(part.score, choice)}/{_n(part.max, choice)}", status, feedback)
            )
            codes.append(_STATUS_CODE.get(part.status, ""))
        texts += [title, *heads, *(t for row in rows for t in row)]
        table = writer.table(title, heads, rows, codes, width)
        if table is None:
            return None
        out += table
    total = _msg("ui.total", choice, score=_n(report.score, choice), max=_n(report.max, choice))
    texts.append(total)
    if any(_NOT_PLAIN.search(t) for t in texts):
        return None
    lines = [
        writer.styled(line, _BOLD) for line in writer.wrap(header, width, "default", fold=True)
    ]
    lines += out
    lines += [
        writer.styled(line, _BOLD) for line in writer.wrap(total, width, "default", fold=True)
    ]
    return "".join(line + "\n" for line in lines)


def _plain_width() -> tuple[int, bool] | None:
    """The width rich's Console gives standard output (COLUMNS, else the first of stdin,
    stdout and stderr with a size, else 80) and whether it is a terminal rich colours
    (with the 8 standard colours and bold, the same codes whatever colours it detects);
    None when rich could print other characters (colours forced or refused, a dumb
    terminal, another encoding, a notebook)."""
    stream = sys.stdout
    environ = os.environ
    if sys.platform == "win32" or any(
        name in environ for name in ("TTY_COMPATIBLE", "FORCE_COLOR", "NO_COLOR")
    ):
        return None
    if hasattr(builtins, "get_ipython") or getattr(sys.stdin, "__module__", "").startswith(
        "idlelib"
    ):
        return None
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower()
    isatty = getattr(stream, "isatty", None)
    try:
        terminal = isatty is not None and bool(isatty())
    except ValueError:
        terminal = False
    if not encoding.startswith("utf"):
        return None
    if terminal and environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd)[0]
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        width = int(columns)
    width = width or 80
    return (width, terminal) if width >= 20 else None  # below that, rich's narrow layouts


class _Writer:
    """rich's Text.wrap and Table layout for `check`'s tables (SIMPLE_HEAVY, expand, one
    flexible column), on plain strings."""

    def __init__(
        self,
        divide_line: Callable[..., list[int]],
        cell_len: Callable[[str], int],
        set_cell_size: Callable[[str, int], str],
        color: bool,
    ) -> None:
        self.divide_line = divide_line
        self.cell_len = cell_len
        self.set_cell_size = set_cell_size
        self.color = color

    def styled(self, text: str, code: str) -> str:
        """A segment as rich writes it: its style's codes, the text, a reset (nothing
        around an empty text, a plain style or on a stream that is not a terminal)."""
        return f"\x1b[{code}m{text}\x1b[0m" if self.color and code and text else text

    def wrap(
        self, text: str, width: int, justify: str, *, fold: bool, no_wrap: bool = False
    ) -> list[str]:
        """`Text.wrap` with rich's overflow: `fold` for a line of its own, `ellipsis` in a
        table's cells."""
        cell_len = self.cell_len
        lines: list[str] = []
        for line in text.split("\n"):
            if no_wrap:
                pieces = [line]
            else:
                offsets = self.divide_line(line, width, fold=fold)
                bounds = [0, *offsets, len(line)]
                pieces = [line[a:b] for a, b in itertools.pairwise(bounds)]
                pieces = [self._rstrip_end(p, width) for p in pieces]
            for piece in pieces:
                if justify == "left":
                    piece = self._truncate(piece, width, fold, pad=True)
                elif justify == "right":
                    piece = self._truncate(piece.rstrip(), width, fold)
                    piece = " " * (width - cell_len(piece)) + piece
                lines.append(self._truncate(piece, width, fold))
        return lines

    @staticmethod
    def _rstrip_end(piece: str, width: int) -> str:
        excess = len(piece) - width
        if excess > 0:
            found = _TRAILING_SPACE.search(piece)
            if found is not None:
                piece = piece[: len(piece) - min(len(found.group(0)), excess)]
        return piece

    def _truncate(self, piece: str, width: int, fold: bool, pad: bool = False) -> str:
        length = self.cell_len(piece)
        if length > width:
            if fold:
                piece = self.set_cell_size(piece, width)
            else:
                piece = self.set_cell_size(piece, width - 1) + "…"
        if pad and length < width:
            piece += " " * (width - length)
        return piece

    def _fit(self, line: str, width: int) -> str:
        """A rendered line cropped or padded to exactly `width` cells (`render_lines`)."""
        length = self.cell_len(line)
        if length < width:
            return line + " " * (width - length)
        return self.set_cell_size(line, width) if length > width else line

    def table(
        self,
        title: str,
        heads: list[str],
        rows: list[tuple[str, ...]],
        codes: list[str],
        width: int,
    ) -> list[str] | None:
        """The lines of `render`'s question table, or None where rich would lay it out
        otherwise (the fixed columns leave the feedback column less than its minimum)."""
        cell_len = self.cell_len
        fixed = [
            max(max(cell_len(line) for line in cell.split("\n")) for cell in column) + _PADDING
            for column in zip(heads[:3], *(row[:3] for row in rows), strict=True)
        ]
        flexible = width - _EDGES - sum(fixed)
        if flexible < _FLEX_MINIMUM:
            return None
        widths = [*fixed, flexible]
        justify = ("left", "right", "left", "left")
        styled = self.styled
        lines = [styled(line, _BOLD) for line in self.wrap(title, width, "left", fold=True)]
        lines.append(" " * width)  # the top edge
        for index, cells in enumerate([tuple(heads), *rows]):
            # the header row is bold, padding included; a row's status has its colour
            pad = _BOLD if index == 0 else ""
            text_codes = [pad] * 4 if index == 0 else ["", "", codes[index - 1], ""]
            rendered = [
                [
                    styled(" ", pad)
                    + styled(self._fit(line, w - _PADDING), code)
                    + styled(" ", pad)
                    for line in self.wrap(cell, w - _PADDING, j, fold=False, no_wrap=c < 3)
                ]
                for c, (cell, w, j, code) in enumerate(
                    zip(cells, widths, justify, text_codes, strict=True)
                )
            ]
            height = max(len(cell) for cell in rendered)
            blanks = [styled(" " * w, pad) for w in widths]
            if index == 0:  # rich aligns the header's cells at the bottom, the rows' at the top
                rendered = [
                    [blank] * (height - len(c)) + c
                    for c, blank in zip(rendered, blanks, strict=True)
                ]
            for number in range(height):
                row = [
                    cell[number] if number < len(cell) else blank
                    for cell, blank in zip(rendered, blanks, strict=True)
                ]
                lines.append(" " + " ".join(row) + " ")
            if index == 0:
                lines.append(" " + "━".join("━" * w for w in widths) + " ")
        lines.append(" " * width)  # the bottom edge
        return lines


def _n(value: float, choice: LangChoice) -> str:
    return fmt(value, "fr" if choice == "fr" else "en")


def _msg(code: str, choice: LangChoice, **params: object) -> str:
    return say(Message(code, params), choice)


def _named(name: str | None) -> str:
    """The name after the id, with its space: no name left "Student 7  — f.yaml"."""
    return f" {name}" if name else ""
