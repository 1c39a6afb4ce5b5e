"""Responses file + map → one answer sheet per student, and the list of rows that could not
become one, each with its line and why.

A rerun never loses what is already there: a sheet the last import wrote and nobody
edited since is replaced by the new one; a sheet edited by hand is kept and listed; a
sheet whose student is no longer in the file stays. What the import wrote is remembered
in a hidden manifest (`.examgrade-import.json`) in the output folder.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from examgrade.errors import Location
from examgrade.i18n import Message
from examgrade.lms_import.cells import EMPTY_MARKS, clean, cloze_parts, part_of
from examgrade.lms_import.cells import strip_math_delimiters as unmath
from examgrade.lms_import.formats import Attempt, Format, detect
from examgrade.lms_import.mapping import Binding, Map, Source, load_map, targets
from examgrade.lms_import.sheetwrite import Tree, put, sheet_text
from examgrade.lms_import.table import ImportFault, Row, Table, read_table
from examgrade.rubric import RubricSet
from examgrade.sheet import STUDENT_ID

AttemptChoice = Literal["last", "first", "best"]
MANIFEST = ".examgrade-import.json"
_SUMMARY_ROWS = frozenset(("overall average", "moyenne générale", "moyenne generale"))
_VERDICTS = {"vrai": "oui", "faux": "non"}
_MATH = frozenset(("expr", "condition", "steps", "size", "sizes", "shape", "number", "verdict"))


@dataclass(frozen=True)
class Problem:
    """A row that did not become a sheet (or a sheet kept as it was), and why."""

    line: int | None
    message: Message


@dataclass
class ImportResult:
    """What an import did; `problems` are in file order."""

    format_label: str
    rows: int
    written: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class _Candidate:
    row: Row
    id: str
    attempt: Attempt


def import_responses(
    responses: Path,
    map_path: Path,
    out: Path,
    rubrics: RubricSet,
    attempt: AttemptChoice = "last",
    unfinished: bool = False,
) -> ImportResult:
    """Import a responses file into `out` (created); raise `ImportFault` for usage errors."""
    table = read_table(responses)
    fmt = detect(table)
    mapping = load_map(map_path, table, rubrics)
    if attempt == "best" and not fmt.graded:
        raise ImportFault("lms_import.best_needs_grade", {}, Location(str(responses)))
    if out.exists() and not out.is_dir():
        raise ImportFault("lms_import.out_not_folder", {}, Location(str(out)))
    result = ImportResult(fmt.label, len(table.rows), notes=list(table.notes))
    chosen = _choose(table, fmt, mapping, attempt, unfinished, result)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a parent that is a file, a folder not writable: no traceback
        params = {"reason": error.strerror or str(error)}
        raise ImportFault("lms_import.out_unwritable", params, Location(str(out))) from None
    manifest = _read_manifest(out)
    order = {path: n for n, (_, path, _) in enumerate(targets(rubrics))}
    bindings = sorted(mapping.bindings, key=lambda b: order.get(b.path, len(order)))
    names: dict[str, int] = {}  # file names taken this run, without case (macOS, Windows)
    for candidate in chosen:
        taken = names.setdefault(file_name(candidate.id).casefold(), candidate.row.line)
        if taken != candidate.row.line:
            params = {"id": candidate.id, "other": taken}
            result.problems.append(
                Problem(candidate.row.line, Message("lms_import.row_case_twin", params))
            )
            continue
        text = _sheet(candidate, mapping, bindings, table, fmt)
        problem = _unreadable(text, candidate)
        if problem is not None:
            result.problems.append(Problem(candidate.row.line, problem))
            continue
        _write(out, candidate, text, manifest, result)
    _write_manifest(out, manifest)
    result.problems.sort(key=lambda p: p.line or 0)
    return result


def _choose(
    table: Table,
    fmt: Format,
    mapping: Map,
    attempt: AttemptChoice,
    unfinished: bool,
    result: ImportResult,
) -> list[_Candidate]:
    """The attempt kept for each student; every other row becomes a problem that says why."""
    needed = [mapping.id, *mapping.name, *(b.source for b in mapping.bindings)]
    if isinstance(mapping.lang, Source):
        needed.append(mapping.lang)
    by_id: dict[str, list[_Candidate]] = {}
    for row in table.rows:
        state = fmt.attempt(row)
        problem = _row_problem(row, table, state, mapping, needed, unfinished)
        if problem is not None:
            result.problems.append(Problem(row.line, problem))
            continue
        student = clean(row.cells[mapping.id.column])
        # one student whatever the capitals (an email or a user name typed twice), as the
        # roster matches them: their attempts are compared and one is kept
        by_id.setdefault(student.casefold(), []).append(_Candidate(row, student, state))
    chosen = []
    for candidates in by_id.values():
        keep = _pick(candidates, attempt)
        chosen.append(keep)
        for other in candidates:
            if other is not keep:
                params = {"id": keep.id, "kept": keep.row.line, "choice": attempt}
                same = _name(other.row, mapping) == _name(keep.row, mapping)
                code = "lms_import.row_other_attempt" if same else "lms_import.row_same_id"
                result.problems.append(Problem(other.row.line, Message(code, params)))
    return sorted(chosen, key=lambda c: c.row.line)


def _row_problem(
    row: Row, table: Table, state: Attempt, mapping: Map, needed: list[Source], unfinished: bool
) -> Message | None:
    if row.cells and row.cells[0].strip().casefold() in _SUMMARY_ROWS:
        return Message("lms_import.row_summary", {})
    short = [s for s in needed if s.column >= row.width]
    if short:
        return Message(
            "lms_import.row_short",
            {"cells": row.width, "columns": len(table.header), "column": short[0].header},
        )
    student = clean(row.cells[mapping.id.column])
    if not student:
        return Message("lms_import.row_no_id", {"column": mapping.id.header})
    if not STUDENT_ID.match(student):
        return Message(
            "lms_import.row_bad_id", {"column": mapping.id.header, "value": student[:80]}
        )
    if state.finished is False and not unfinished:
        return Message("lms_import.row_unfinished", {"state": state.state or "-"})
    return None


def _pick(candidates: list[_Candidate], attempt: AttemptChoice) -> _Candidate:
    def order(c: _Candidate) -> tuple[int, datetime, int]:
        return (c.attempt.number or 0, c.attempt.when or datetime.min, c.row.line)

    if attempt == "first":
        return min(candidates, key=order)
    if attempt == "best":
        return max(
            candidates,
            key=lambda c: (c.attempt.grade if c.attempt.grade is not None else -1e300, order(c)),
        )
    return max(candidates, key=order)


def _sheet(
    candidate: _Candidate, mapping: Map, bindings: list[Binding], table: Table, fmt: Format
) -> str:
    row = candidate.row
    student: Tree = {"id": candidate.id}
    name = _name(row, mapping)
    if name:
        student["name"] = name
    student["lang"] = _lang(mapping.lang, row)
    tree: Tree = {"student": student}
    for binding in bindings:
        value = field_value(row.cells[binding.source.column], binding)
        if value is not None:
            put(tree, binding.path, value)
    where = _one_line(f"{Path(table.file).name}, line {row.line} ({fmt.label})")
    return sheet_text(tree, [f"Imported by examgrade import from {where}."])


def _name(row: Row, mapping: Map) -> str:
    """The name columns joined by a space, on one line, at most 200 characters."""
    name = " ".join(n for n in (clean(row.cells[s.column]) for s in mapping.name) if n)
    return " ".join(name.split())[:200]


def _lang(lang: str | Source, row: Row) -> str:
    if isinstance(lang, str):
        return lang
    text = clean(row.cells[lang.column]).casefold()
    return "fr" if text.startswith("fr") else "en"


def field_value(cell: str, binding: Binding) -> str | list[str] | None:
    """The value a sheet field gets from a cell; None when the student left it empty."""
    text = clean(cell)
    if binding.source.part is not None:
        text = part_of(text, binding.source.part)
    elif binding.form == "sizes":
        parts = cloze_parts(text)
        if parts:
            return [unmath(parts[n], True) for n in sorted(parts)]
        listed = _listed(unmath(text, True))
        if len(listed) > 1:
            return listed
    if text in EMPTY_MARKS:
        return None
    if binding.form == "steps":
        steps = [unmath(line, True) for line in text.split("\n")]
        return [step for step in steps if step] or None
    if binding.form == "verdict":  # Moodle's true/false question in French
        text = _VERDICTS.get(text.strip().casefold(), text)
    if binding.form in _MATH:
        return unmath(" ".join(text.split("\n")), True) or None
    return unmath(text, False) or None


def _listed(text: str) -> list[str]:
    """A list typed in one answer box (`256, 256, 128` or one per line; Canvas's blanks
    `a,b`): split at commas, semicolons and lines outside brackets, so `[256, 256]` is one."""
    items, depth, current = [], 0, []
    for at, char in enumerate(text):
        if char == "," and at and text[at - 1] == "\\":
            current[-1] = ","  # Canvas escapes a comma inside one blank as `\,`
            continue
        depth += (char in "([{") - (char in ")]}")
        if depth <= 0 and char in ",;\n":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    items.append("".join(current).strip())
    return [item for item in items if item]


def _one_line(text: str) -> str:
    return " ".join(clean(text).split())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest(out: Path) -> dict[str, str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


def _write_manifest(out: Path, manifest: dict[str, str]) -> None:
    from examgrade.classroom.atomic import write_if_changed

    write_if_changed(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def file_name(student: str) -> str:
    """The sheet's file name: the id (letters, digits, `.-@+_`), never hidden."""
    return ("_" + student if student.startswith(".") else student) + ".yaml"


def _write(
    out: Path, candidate: _Candidate, text: str, manifest: dict[str, str], result: ImportResult
) -> None:
    from examgrade.classroom.atomic import write_atomic

    path = out / file_name(candidate.id)
    payload = text.encode("utf-8")
    try:
        existing = path.read_bytes() if path.exists() else None
    except OSError:
        existing = None
    if existing == payload:
        result.unchanged.append(path)
        manifest[path.name] = _digest(payload)
        return
    if existing is not None and manifest.get(path.name) != _digest(existing):
        result.kept.append(path)
        result.problems.append(
            Problem(candidate.row.line, Message("lms_import.row_kept_edited", {"file": str(path)}))
        )
        return
    write_atomic(path, payload)
    (result.updated if existing is not None else result.written).append(path)
    manifest[path.name] = _digest(payload)


def _unreadable(text: str, candidate: _Candidate) -> Message | None:
    """Why the sheet would not read back as this student's (None when it does): a sheet
    `grade` would refuse is listed here, with its row, instead of written."""
    from examgrade.errors import ExamgradeError
    from examgrade.sheet import parse_sheet
    from examgrade.yamlsafe import MAX_BYTES

    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        return Message("lms_import.row_too_large", {"size": size, "limit": MAX_BYTES})
    try:
        sheet = parse_sheet(text, file_name(candidate.id))
    except ExamgradeError as error:
        return Message("lms_import.row_unwritable", {"reason": error.message})
    if sheet.student.id != candidate.id:
        return Message("lms_import.row_unwritable", {"reason": sheet.student.id})
    return None
