"""Gradebook files written in the roster's own terms, that the LMS imports as they are.

Both importers were read to decide what goes in (Canvas `GradebookImporter`, Moodle
`gradeimport_csv_load_data`):

- **Canvas** matches a row by its `ID` (Canvas's user id), then `SIS User ID`, then
  `SIS Login ID`, then the name; an unknown row becomes a "new student" it cannot
  import. It matches a column by the assignment id in `Title (12345)`, else by exact
  title, else creates an assignment. A blank cell where the gradebook is blank changes
  nothing. So `canvas.csv` is the roster's own file, its student columns and the exam's
  column with its exact header (other assignments are left out: re-importing their old
  values could undo grades entered since the export), every roster row kept: matched
  students get their score, the others keep the value the export had.
- **Moodle** aborts the *whole* import on one row whose identifier is no user, on a
  grade above the item's maximum (MDL-50650) or a text that is no number; an empty
  cell clears the grade. So `moodle.csv` has one row per matched student only, keyed by
  the identifier the roster has (ID number, email or username), the grade scaled to
  the item's maximum, and nothing for a student held back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from examgrade.classroom.exports import csv_text, feedback_line, provisional, scaled
from examgrade.classroom.roster import Entry, Reconciliation, Roster, fold
from examgrade.errors import Location, UsageError
from examgrade.report import Report

# the columns Canvas computes and its importer drops (`strip_non_assignment_columns`)
_COMPUTED = re.compile(r"(Unposted )?(Current|Final) (Score|Points|Grade)", re.IGNORECASE)
MOODLE_KEYS = {"idnumber": "ID number", "email": "Email address", "username": "Username"}


@dataclass
class Delivery:
    """What the gradebook file holds: the students sent, those held back for review,
    those sent with provisional parts; and the roster rows left unchanged."""

    sent: list[tuple[Entry, Report]] = field(default_factory=list)
    held: list[tuple[Entry, Report]] = field(default_factory=list)
    provisional: list[tuple[Entry, Report]] = field(default_factory=list)


def deliver(rec: Reconciliation, hold_review: bool) -> Delivery:
    out = Delivery()
    for entry, report in rec.matched:
        if provisional(report):
            if hold_review:
                out.held.append((entry, report))
                continue
            out.provisional.append((entry, report))
        out.sent.append((entry, report))
    return out


def canvas_column(roster: Roster, assignment: str) -> int:
    """The roster column of the exam: `Title (id)` or `Title` equal to `--assignment`
    (case and spaces aside), or the assignment id alone; a `UsageError` listing the
    assignments otherwise, since a new title would create a second assignment."""
    wanted = fold(assignment)
    for index in range(roster.identity_columns, len(roster.header)):
        title = roster.header[index]
        bare = title.rsplit(" (", 1)[0] if title.endswith(")") else title
        ident = title.rsplit("(", 1)[-1].rstrip(")") if title.endswith(")") else ""
        if wanted in (fold(title), fold(bare)) or (ident.isdigit() and wanted == ident):
            return index
    assignments = [h for h in roster.header[roster.identity_columns :] if not _COMPUTED.match(h)]
    raise UsageError(
        "roster.no_assignment",
        {"assignment": assignment, "columns": "; ".join(assignments) or "—"},
        Location(roster.path, 1),
    )


def canvas_roster_csv(
    rec: Reconciliation, delivery: Delivery, column: int, out_of: float | None, total: float
) -> str:
    roster = rec.roster
    identity = list(range(roster.identity_columns))
    possible = _points_possible(roster, column)
    maximum = out_of or possible or total
    scores = {id(entry): scaled(report.score, maximum, total) for entry, report in delivery.sent}
    header = [roster.header[i] for i in identity] + [roster.header[column]]
    rows = []
    for extra in roster.extra_rows:
        kept = _decimal_point(extra[column]) if column < len(extra) else ""
        rows.append([extra[i] for i in identity] + [kept])
    for entry in roster.entries:
        kept = _decimal_point(entry.cells[column]) if column < len(entry.cells) else ""
        rows.append([entry.cells[i] for i in identity] + [scores.get(id(entry), kept)])
    return csv_text(header, rows)


_DECIMAL_COMMA = re.compile(r"\s*-?\d+,\d+\s*")


def _decimal_point(cell: str) -> str:
    """A grade kept from the export as Canvas reads it: `7,5` (an export re-saved by a
    French spreadsheet) is `7.5`, so a student not sent is no change; other text as it was."""
    return cell.strip().replace(",", ".") if _DECIMAL_COMMA.fullmatch(cell) else cell


def _points_possible(roster: Roster, column: int) -> float | None:
    for extra in roster.extra_rows:
        if "points possible" in fold(extra[0]):
            try:
                return float(extra[column].replace(",", "."))
            except (ValueError, IndexError):
                return None
    return None


def moodle_key(roster: Roster, chosen: str | None, matched: Sequence[tuple[Entry, Report]]) -> str:
    """The user field the Moodle import maps: the one asked for, else the first of ID
    number, email and username that every matched student has."""
    if chosen is not None:
        if not all(e.ids.get(chosen) for e, _ in matched) or not roster.has(chosen):
            raise UsageError(
                "roster.moodle_key_missing",
                {"key": MOODLE_KEYS[chosen]},
                Location(roster.path, 1),
            )
        return chosen
    for kind in MOODLE_KEYS:
        if matched and all(e.ids.get(kind) for e, _ in matched):
            return kind
    if not matched:
        return next((k for k in MOODLE_KEYS if roster.has(k)), "idnumber")
    raise UsageError("roster.moodle_no_key", {}, Location(roster.path, 1))


def moodle_roster_csv(
    delivery: Delivery, key: str, assignment: str, out_of: float, total: float
) -> str:
    rows = [
        [
            entry.ids[key],
            entry.name,
            scaled(report.score, out_of, total),
            feedback_line(report, out_of, total),
        ]
        for entry, report in delivery.sent
    ]
    return csv_text((MOODLE_KEYS[key], "Full name", assignment, "Feedback"), rows)
