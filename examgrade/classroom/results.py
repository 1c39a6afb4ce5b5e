"""What `examgrade grade` was asked and what a run produced: the data the batch, its
output writer and its renderers share, in a module below all three (no import cycle)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examgrade.classroom.changes import Change
from examgrade.classroom.feedback import DEFAULT_LEVEL
from examgrade.classroom.lms import Delivery
from examgrade.classroom.overrides import Override
from examgrade.classroom.review import Item
from examgrade.classroom.roster import Reconciliation
from examgrade.engine import DEFAULT_TIME_LIMIT
from examgrade.i18n import Lang, Text
from examgrade.report import Report


@dataclass(frozen=True)
class SheetFailure:
    """A sheet that could not be graded: its row in `errors.csv`."""

    file: str
    line: int | None
    message: Text


@dataclass(frozen=True)
class Duplicate:
    student: str
    kept: str
    other: str
    saved_as: str


@dataclass(frozen=True)
class BatchOptions:
    """What `examgrade grade` was asked; `workers` 0 means every core."""

    folder: Path
    out: Path
    workers: int = 0
    time_limit: float = DEFAULT_TIME_LIMIT
    rubrics_dir: str | None = None
    overrides: Path | None = None
    use_cache: bool = True
    export: str = "csv"
    lang: Lang = "en"
    assignment: str = "Final exam"
    plots: bool = True
    roster: Path | None = None  # the LMS's class list (examgrade.classroom.roster)
    match: Path | None = None  # sheet_id,roster_id pins
    hold_review: bool = False  # students with parts awaiting review are not sent
    excel: bool = False  # CSV files with a UTF-8 byte-order mark
    out_of: float | None = None  # the gradebook item's maximum (default: Canvas's, or the total)
    moodle_key: str | None = None  # idnumber | email | username
    feedback: str | None = None  # score | checklist | full; None: the last run's


@dataclass
class BatchResult:
    """What a run produced; every list is in path order."""

    reports: list[Report]
    failures: list[SheetFailure]
    duplicates: list[Duplicate]
    stats: dict[str, Any]
    changes: list[Change]
    first_run: bool
    graded: int
    cached: int
    seconds: float
    overrides: list[Override] = field(default_factory=list)
    overrides_source: str | None = None
    unknown_students: list[str] = field(default_factory=list)
    plots: list[Path] | None = field(default_factory=list)
    roster: Reconciliation | None = None
    delivery: Delivery | None = None
    gradebook: str | None = None  # the gradebook file written, if any
    held: list[str] = field(default_factory=list)  # ids held back from it (--hold-review)
    provisional: list[str] = field(default_factory=list)  # ids sent with parts to review
    feedback_level: str = DEFAULT_LEVEL
    group_decisions: list[Override] = field(default_factory=list)  # from review-groups.json
    groups: list[Item] = field(default_factory=list)  # the largest answer groups per part
    store_damaged: bool = False  # the folder's SQLite store was unreadable: set aside
