"""A rerun where nothing changed: the class outputs of the last run, not made again.

When every sheet is a cache hit and the rubrics, examgrade, the options, the overrides
and the review's group rules are those of the last run, every report is the last run's,
and so are the class statistics, the review index, the answer groups and every file
made from them. Rebuilding them read every report back from the cache (a class of 2,000:
about 2 s of CPU for files that come out byte for byte the same). So a complete run keeps
what its result holds besides the reports (`save_state`), under a key of its inputs
(`run_key`), with the size and time of every file it left; a run whose key is the same
and whose files are all still as they were left (`replay`) writes only what says when it
ran (`summary.md`, `changes.csv`). Anything else, including a file edited or removed by
hand, takes the full run, which puts everything back.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

import orjson

from examgrade.classroom.overrides import Override, overrides_from_json, overrides_to_json
from examgrade.classroom.results import BatchOptions, BatchResult, Duplicate, SheetFailure
from examgrade.i18n import Message
from examgrade.report import Report, ReportError, read_report

STATE_META = "class_run"
STATE_VERSION = 1
# rewritten by every run (how long it took, what changed): never compared
_ALWAYS_WRITTEN = frozenset({"summary.md", "changes.csv"})


def run_key(
    sheets: Sequence[tuple[str, str | None]],
    options: BatchOptions,
    overrides: Sequence[Override],
    source: str | None,
    rules: bytes,
) -> str:
    """What a run's outputs are made from: each sheet's cache key (its bytes and path,
    the rubrics, the feedback level and examgrade), the options that change a file,
    the overrides applied and the review's group rules."""
    digest = hashlib.sha256()
    settings = [
        STATE_VERSION,
        str(options.folder),
        options.time_limit,
        options.rubrics_dir,
        options.export,
        options.lang,
        options.assignment,
        options.plots,
        options.hold_review,
        options.excel,
        options.out_of,
        options.moodle_key,
        options.feedback,
        source,
        overrides_to_json(overrides),
        hashlib.sha256(rules).hexdigest(),
    ]
    for piece in (repr(settings), *(f"{display}\0{key}" for display, key in sheets)):
        data = piece.encode("utf-8", "surrogateescape")
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()


class StoredReports(Sequence[Report]):
    """The final reports of a replayed run, read from the folder's `<id>.json` files
    (the last run's, unchanged) only when someone asks for them."""

    def __init__(self, out: Path, students: list[str]) -> None:
        self._out, self._students = out, students
        self._read: list[Report] | None = None

    def __len__(self) -> int:
        return len(self._students)

    def _all(self) -> list[Report]:
        if self._read is None:
            found = []
            for student in self._students:
                try:
                    found.append(read_report((self._out / f"{student}.json").read_bytes()))
                except (OSError, ReportError):  # checked unchanged a moment ago
                    continue
            self._read = found
        return self._read

    @overload
    def __getitem__(self, index: int) -> Report: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Report]: ...
    def __getitem__(self, index: int | slice) -> Report | Sequence[Report]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Report]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


def _stat(path: Path) -> list[int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


def _written(out: Path, result: BatchResult, students: list[str]) -> list[str]:
    """Every file the run left in `out`, relative to it."""
    names = [f"{s}.json" for s in students] + [f"feedback/{s}.md" for s in students]
    names += [d.saved_as for d in result.duplicates]
    names += ["errors.csv", "class/stats.json", "report.html", "grades.csv"]
    if result.gradebook:
        names.append(result.gradebook)
    for plot in result.plots or ():
        path = Path(plot)
        if path.parent == out:
            names.append(path.name)
    return names


def save_state(out: Path, key: str, result: BatchResult, students: list[str]) -> str | None:
    """What `replay` needs of a complete run, as the store keeps it; None when the run
    cannot be replayed (a roster, or a failure that is not a catalog message)."""
    if result.roster is not None or not all(
        isinstance(f.message, Message) for f in result.failures
    ):
        return None
    files = {name: _stat(out / name) for name in _written(out, result, students)}
    state = {
        "version": STATE_VERSION,
        "key": key,
        "students": students,
        "failures": [
            [f.file, f.line, f.message.code, dict(f.message.params)]  # type: ignore[union-attr]
            for f in result.failures
        ],
        "duplicates": [[d.student, d.kept, d.other, d.saved_as] for d in result.duplicates],
        "stats": result.stats,
        "overrides": overrides_to_json(result.overrides),
        "overrides_source": result.overrides_source,
        "unknown": result.unknown_students,
        "plots": None if result.plots is None else [str(p) for p in result.plots],
        "gradebook": result.gradebook,
        "held": result.held,
        "provisional": result.provisional,
        "feedback_level": result.feedback_level,
        "group_decisions": overrides_to_json(result.group_decisions),
        "files": files,
    }
    try:
        return orjson.dumps(state).decode()
    except TypeError:  # a parameter orjson cannot write: the next run is a full one
        return None


def replay(
    saved: str | None, key: str, options: BatchOptions, cached: int, seconds: float
) -> tuple[BatchResult, dict[str, Any]] | None:
    """The last run's result when `saved` was made under `key` and every file it left
    is as it was; None otherwise (the run then does everything)."""
    if not saved or options.roster is not None:
        return None
    try:
        state = orjson.loads(saved)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    if state.get("key") != key:
        return None
    out = options.out
    for name, found in state["files"].items():
        if name in _ALWAYS_WRITTEN or found is None or _stat(out / name) != found:
            return None
    students = state["students"]
    result = BatchResult(
        reports=StoredReports(out, students),  # type: ignore[arg-type]
        failures=[
            SheetFailure(file, line, Message(code, params))
            for file, line, code, params in state["failures"]
        ],
        duplicates=[Duplicate(*row) for row in state["duplicates"]],
        stats=state["stats"],
        changes=[],  # every report is the last run's
        first_run=not students,
        graded=0,
        cached=cached,
        seconds=seconds,
        overrides=overrides_from_json(state["overrides"]),
        overrides_source=state["overrides_source"],
        unknown_students=state["unknown"],
        plots=None if state["plots"] is None else [Path(p) for p in state["plots"]],
        gradebook=state["gradebook"],
        held=state["held"],
        provisional=state["provisional"],
        feedback_level=state["feedback_level"],
        group_decisions=overrides_from_json(state["group_decisions"]),
    )
    return result, state


__all__ = ["STATE_META", "StoredReports", "replay", "run_key", "save_state"]
