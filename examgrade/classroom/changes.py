"""What a regrade changed: whose score moved, by how much, in which parts, and why.

Compares each student's final report of the last run (kept in the grading folder's
SQLite file) with this run's. The reasons are facts, not guesses: the sheet's bytes
changed, the rubric files changed, examgrade itself changed, or an override was added,
changed or removed for that student.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from examgrade.report import PartReport, Report, number


@dataclass(frozen=True)
class PartChange:
    """One part whose score moved; the statuses and the known mistake say why at a glance
    (`q1.b 0→1 (incorrect→partial, five-layers)`: the rubric now gives that mistake 1)."""

    part: str
    old: float | None  # None: the part was not graded
    new: float | None
    old_status: str | None = None
    new_status: str | None = None
    mistake: str | None = None

    def show_old(self) -> str:
        return "—" if self.old is None else str(number(self.old))

    def show_new(self) -> str:
        return "—" if self.new is None else str(number(self.new))

    def describe(self) -> str:
        """The change on one line, the same in every language (ids and numbers only)."""
        details = []
        if self.old_status != self.new_status:
            details.append(f"{self.old_status or '—'}→{self.new_status or '—'}")
        if self.mistake:
            details.append(self.mistake)
        extra = f" ({', '.join(details)})" if details else ""
        return f"{self.part} {self.show_old()}→{self.show_new()}{extra}"


@dataclass(frozen=True)
class Change:
    student: str
    name: str | None
    old: float
    new: float
    parts: tuple[PartChange, ...]
    reasons: tuple[str, ...]  # sheet, rubric, examgrade, override

    @property
    def delta(self) -> float:
        return self.new - self.old


def _mistakes(part: PartReport | None) -> str | None:
    """The known mistakes of a part (its own, or its fields'), as ids."""
    if part is None:
        return None
    return ", ".join(part.mistakes()) or None


def changed_parts(old: Report, new: Report) -> tuple[list[PartChange], bool]:
    """The parts whose score moved, and whether an override differs between the two."""
    before, after = old.parts(), new.parts()
    moved, overrides = [], False
    for key in [*before, *(k for k in after if k not in before)]:
        was, now = before.get(key), after.get(key)
        if (was.override if was else None) != (now.override if now else None):
            overrides = True
        old_score = float(was.score) if was else None
        new_score = float(now.score) if now else None
        if old_score is None or new_score is None:
            if old_score == new_score:
                continue
        elif abs(old_score - new_score) <= 1e-9:
            continue
        moved.append(
            PartChange(
                key,
                old_score,
                new_score,
                was.status if was else None,
                now.status if now else None,
                _mistakes(now) or _mistakes(was),
            )
        )
    return moved, overrides


def score_changes(
    previous: Mapping[str, tuple[Report, str | None]],
    current: Mapping[str, tuple[Report, str | None]],
    rubric_changed: bool,
    code_changed: bool,
) -> list[Change]:
    """Students graded in both runs whose total or any part score changed, the largest
    changes first. Maps go from student id to (report, hash of the sheet's bytes)."""
    changes = []
    for student, (new, new_sheet) in current.items():
        if student not in previous:
            continue
        old, old_sheet = previous[student]
        parts, override_changed = changed_parts(old, new)
        if not parts and abs(float(old.score) - float(new.score)) < 1e-9:
            continue
        reasons = [
            reason
            for reason, happened in (
                ("sheet", old_sheet != new_sheet),
                ("rubric", rubric_changed),
                ("examgrade", code_changed),
                ("override", override_changed),
            )
            if happened
        ]
        changes.append(
            Change(
                student,
                new.student.name,
                float(old.score),
                float(new.score),
                tuple(parts),
                tuple(reasons),
            )
        )
    return sorted(changes, key=lambda c: (-abs(c.delta), c.student))
