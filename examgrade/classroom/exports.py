"""The CSV files a grading folder holds: the contract's, and what gradebooks import.

- `grades.csv` (contract, section 4): `id,name,<the exam's question keys>,total`, one
  row per student that could be graded; a question with no graded part is an empty cell, never 0.
- `errors.csv` (contract): `file,line,error` for each sheet that could not be graded.
- `moodle.csv`: Moodle's "Import grades → CSV file": `ID number` (map it to the user
  field ID number), `Full name` (informative), the exam's column, and a `Feedback`
  column (map it to the grade item's feedback): the total, the question scores and the
  parts that lost points, in the student's language (`feedback_line`), with or without
  a roster.
- `canvas.csv`: Canvas's Gradebook import: `Student, ID, SIS User ID, SIS Login ID,
  Section`, the exam's column, and a `Points Possible` row. Canvas matches a row by ID,
  SIS User ID or SIS Login ID; examgrade fills `SIS User ID` with the sheet's student.id.

Scores are points, not percentages: a question not graded yet is left out of the total,
so the gradebook column's maximum is the exam's total (`exam.yaml`).

With a roster (`examgrade.classroom.roster`) the gradebook files are written in the
roster's own identifiers and only for the students matched (`roster_exports`): for Canvas,
the export itself with the exam's column filled, its header kept as Canvas wrote it (the
assignment id in `Title (12345)` is what makes Canvas update that assignment and create
none); for Moodle, one row per matched student keyed by the identifier chosen, the grade
scaled to the item's maximum. Every text cell a spreadsheet would run as a formula
(`=`, `+`, `-`, `@`, tab, carriage return first) is neutralised by a leading quote, as
OWASP advises; numbers are never touched.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from examgrade.i18n import Lang, Message
from examgrade.numbers import fmt
from examgrade.report import Report, number

ERRORS_HEADER = ("file", "line", "error")
FORMATS = ("csv", "moodle", "canvas")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?")


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs: text starting with = + - @, a tab
    or a carriage return gets a leading `'` (OWASP's CSV injection advice). Numbers,
    and text that is a plain number such as `-3` or `+2.5`, are left as they are."""
    if not isinstance(value, str) or not value.startswith(_FORMULA):
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(h) for h in header])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return buffer.getvalue()


def with_bom(text: str, excel: bool) -> str:
    """UTF-8 with a byte-order mark when the file is for Excel, which otherwise reads it
    as the system's code page ("BenoÃ®t") and saves it back so."""
    return "\ufeff" + text if excel else text


def _score(report: Report, question: str) -> Any:
    found = report.questions.get(question)
    return number(found.score) if found is not None else ""


def grades_csv(reports: Sequence[Report], keys: Sequence[str] | None = None) -> str:
    """`keys`: the exam's question keys, in order (`RubricSet.keys`; default: the bundled
    exam's)."""
    if keys is None:
        from examgrade.exam import default_exam

        keys = default_exam().keys
    return csv_text(
        ("id", "name", *keys, "total"),
        (
            [
                r.student.id,
                r.student.name or "",
                *(_score(r, q) for q in keys),
                number(r.score),
            ]
            for r in reports
        ),
    )


def errors_csv(rows: Iterable[tuple[str, int | None, str]]) -> str:
    return csv_text(ERRORS_HEADER, ([file, line or "", error] for file, line, error in rows))


def provisional(report: Report) -> list[str]:
    """The parts whose score may still change: flagged for review or awaiting one."""
    parts = list(report.review)
    for label, part in report.parts().items():
        if part.awaiting_review and label not in parts:
            parts.append(label)
    return parts


def scaled(score: float, out_of: float, total: float) -> int | float:
    """The exam's points (out of `total`) on the gradebook item's scale, to two decimals."""
    return number(score * out_of / total)


def feedback_line(report: Report, out_of: float, total: float, lang: Lang | None = None) -> str:
    """One line for a gradebook's feedback cell, in the student's language: the score
    per question, the parts that lost points, and what awaits a person."""
    lang = lang or ("fr" if report.student.lang == "fr" else "en")
    scores = "; ".join(
        f"{key.upper()} {fmt(q.score, lang)}/{fmt(q.max, lang)}"
        for key, q in report.questions.items()
    )
    lost = [
        label
        for label, part in report.parts().items()
        if part.score < part.max and part.status not in ("pending",)
    ]
    pieces = [
        Message(
            "roster.fb_line",
            {
                "total": fmt(scaled(report.score, out_of, total), lang),
                "max": fmt(out_of, lang),
                "scores": scores,
            },
        ).render(lang)
    ]
    if lost:
        pieces.append(Message("roster.fb_lost", {"parts": ", ".join(lost)}).render(lang))
    waiting = provisional(report)
    if waiting:
        pieces.append(Message("roster.fb_waiting", {"parts": ", ".join(waiting)}).render(lang))
    return " ".join(pieces)


def _on(score: float, out_of: float | None, total: float) -> int | float:
    """A total on the gradebook item's scale (`--out-of`), the exam's own without one."""
    return number(score * out_of / total) if out_of else number(score)


def moodle_csv(
    reports: Sequence[Report], assignment: str, total: float = 100, out_of: float | None = None
) -> str:
    return csv_text(
        ("ID number", "Full name", assignment, "Feedback"),
        (
            [
                r.student.id,
                r.student.name or "",
                _on(r.score, out_of, total),
                feedback_line(r, out_of or total, total),
            ]
            for r in reports
        ),
    )


def canvas_csv(
    reports: Sequence[Report], assignment: str, total: float, out_of: float | None = None
) -> str:
    """Canvas's gradebook CSV; `total` is the exam's, for its Points Possible row, unless
    `out_of` scales the scores to the gradebook item's maximum."""
    header = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment)
    possible = ["    Points Possible", "", "", "", "", number(out_of or total)]
    rows = [
        [
            r.student.name or r.student.id,
            "",
            r.student.id,
            "",
            "",
            _on(r.score, out_of, total),
        ]
        for r in reports
    ]
    return csv_text(header, [possible, *rows])


def export(
    kind: str,
    reports: Sequence[Report],
    assignment: str,
    total: float,
    out_of: float | None = None,
) -> tuple[str, str] | None:
    """The file name and text of a gradebook export, or None for the contract's CSV;
    `--out-of` scales it as it scales the roster's (it was ignored without a roster)."""
    if kind == "moodle":
        return "moodle.csv", moodle_csv(reports, assignment, total, out_of)
    if kind == "canvas":
        return "canvas.csv", canvas_csv(reports, assignment, total, out_of)
    return None


def changes_csv(changes: Sequence[Any]) -> str:
    """Whose score a regrade changed: old and new totals, and the parts that moved."""
    return csv_text(
        ("id", "name", "old", "new", "delta", "parts", "reasons"),
        (
            [
                c.student,
                c.name or "",
                number(c.old),
                number(c.new),
                number(c.new - c.old),
                "; ".join(p.describe() for p in c.parts),
                ", ".join(c.reasons),
            ]
            for c in changes
        ),
    )
