"""Scores a person sets by hand: read from a CSV or YAML file, applied on every grade.

One override sets the points of one part of one student's sheet (`q1.b`, `q4.b.i`),
with a comment and the grader's name. It replaces the automatic score of that part,
whatever it was, including a part not graded yet (a person graded it: it counts).
Overrides are applied to the report after grading, never stored inside it, so a
regrade recomputes everything else and applies them again: they are never lost.

CSV: a header row with `student`, `part`, `points` and optionally `comment`, `grader`
(comma, semicolon or tab separated; `1,5` is read as 1.5). YAML: a list of mappings
with the same keys, or a mapping `overrides:` holding that list.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from examgrade.errors import Location, SheetError, UsageError
from examgrade.files import MAX_INSTRUCTOR_BYTES, read_regular
from examgrade.nodes import Mapping, Node, Scalar
from examgrade.nodes import Sequence as SeqNode
from examgrade.report import PartOverride, PartReport, QuestionReport, Report, number
from examgrade.rubric import RubricSet

_COLUMNS = ("student", "part", "points", "comment", "grader")
_ALIASES = {"id": "student", "student_id": "student", "score": "points"}


@dataclass(frozen=True)
class Override:
    """A person's score for one part of one student's sheet."""

    student: str
    part: str
    points: float
    comment: str = ""
    grader: str = ""
    file: str = ""
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_overrides(path: Path, rubrics: RubricSet) -> list[Override]:
    """Read and check an overrides file; `UsageError` names the file, line and fault."""
    name = str(path)
    data = read_regular(path, MAX_INSTRUCTOR_BYTES, name, codes="files", error=UsageError)
    if not data.strip():
        return []  # an empty file drops the overrides remembered from the last run
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(data, name)
    else:
        rows = _csv_rows(data, name)
    return check_overrides([_override(row, line, name) for line, row in rows], rubrics)


def overrides_from_json(text: str) -> list[Override]:
    return [Override(**row) for row in json.loads(text)]


def overrides_to_json(overrides: Sequence[Override]) -> str:
    return json.dumps([o.as_dict() for o in overrides], ensure_ascii=False)


def _csv_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    from examgrade.classroom.roster import decode_csv

    text = decode_csv(data)  # as Excel saves it: UTF-16, UTF-8 with a BOM, or Windows-1252
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in reader.fieldnames or []]
    missing = [c for c in _COLUMNS[:3] if c not in header]
    if missing:
        raise UsageError(
            "batch.overrides_header",
            {"missing": ", ".join(missing), "expected": ", ".join(_COLUMNS)},
            Location(name, 1),
        )
    reader.fieldnames = header
    rows = []
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        extra = [cell for cell in row.get(None) or () if cell.strip()]  # type: ignore[call-overload]
        if extra:  # `7,q1.b,1,5` in a comma file: 1 point, and the 5 would be lost
            where = Location(name, reader.line_num)
            raise UsageError("batch.override_extra_cells", {"extra": ", ".join(extra)}, where)
        rows.append((reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


def _yaml_rows(data: bytes, name: str) -> list[tuple[int, dict[str, str]]]:
    from examgrade.yamlsafe import compose, decode

    try:
        root = compose(decode(data, name), name)
    except SheetError as error:
        raise UsageError(error.code, error.params, error.location) from None
    if isinstance(root, Mapping) and isinstance(root.get("overrides"), SeqNode):
        root = root.get("overrides")
    if not isinstance(root, SeqNode):
        raise UsageError("batch.overrides_yaml_shape", {}, Location(name, 1))
    rows = []
    for node in root.items:
        if not isinstance(node, Mapping):
            raise UsageError("batch.overrides_yaml_shape", {}, node.location)
        rows.append((node.location.line or 0, {k: _text(v) for k, v in node.entries.items()}))
    return rows


def _text(node: Node) -> str:
    return node.text.strip() if isinstance(node, Scalar) else ""


def _override(row: dict[str, str], line: int, name: str) -> Override:
    row = {_ALIASES.get(k.lower(), k.lower()): v for k, v in row.items()}
    where = Location(name, line)
    for column in _COLUMNS[:3]:
        if not row.get(column):
            raise UsageError("batch.override_missing", {"column": column}, where)
    try:
        points = float(row["points"].replace(",", "."))
    except ValueError:
        points = math.nan
    if not math.isfinite(points) or "_" in row["points"]:  # float() reads nan, inf, 1_0
        raise UsageError("batch.override_points", {"value": row["points"]}, where)
    return Override(
        row["student"],
        row["part"].strip().lower(),
        points,
        row.get("comment", ""),
        row.get("grader", ""),
        name,
        line,
    )


def check_overrides(overrides: list[Override], rubrics: RubricSet) -> list[Override]:
    """Every part exists and the points fit it; one override per student and part."""
    seen: dict[tuple[str, str], Override] = {}
    for override in overrides:
        where = Location(override.file, override.line)
        question_key, _, part_key = override.part.partition(".")
        question = rubrics.questions.get(question_key)
        part = question.part(part_key) if question else None
        if question_key not in rubrics.keys or part is None:
            params = {"part": override.part, "examples": rubrics.part_examples()}
            raise UsageError("batch.override_part", params, where)
        if not 0 <= override.points <= part.points:
            raise UsageError(
                "batch.override_range",
                {"part": override.part, "points": number(override.points), "max": part.points},
                where,
            )
        first = seen.get((override.student, override.part))
        if first is not None:
            raise UsageError(
                "batch.override_twice",
                {"student": override.student, "part": override.part, "first": first.line or "?"},
                where,
            )
        seen[(override.student, override.part)] = override
    return overrides


def by_student(overrides: Iterable[Override]) -> dict[str, list[Override]]:
    grouped: dict[str, list[Override]] = {}
    for override in overrides:
        grouped.setdefault(override.student, []).append(override)
    return grouped


def _status(score: float, maximum: float) -> str:
    if maximum and score >= maximum - 1e-9:
        return "correct"
    return "partial" if score > 1e-9 else "incorrect"


def apply_overrides(report: Report, overrides: Sequence[Override], rubrics: RubricSet) -> Report:
    """The report with each override's part set to its points and every total
    recomputed; the part keeps its automatic score and status under `override`."""
    if not overrides:
        return report
    questions = {key: dict(q.parts) for key, q in report.questions.items()}
    not_graded = list(report.not_graded)
    review = list(report.review)  # a part scored by hand awaits no one's review
    for override in overrides:
        question_key, _, part_key = override.part.partition(".")
        part = rubrics.questions[question_key].part(part_key)
        assert part is not None  # check_overrides made sure
        parts = questions.setdefault(question_key, {})
        data = parts.get(part_key)
        parts[part_key] = PartReport(
            score=number(override.points),
            max=number(part.points),
            status=_status(override.points, part.points),
            review=False,
            feedback=data.feedback if data else {"en": "", "fr": ""},
            confidence=data.confidence if data else None,
            fields=data.fields if data else None,
            mistake=data.mistake if data else None,
            override=PartOverride(
                number(override.points),
                data.score if data else None,
                data.status if data else "not_graded",
                override.comment,
                override.grader,
            ),
        )
        prefix = f"{question_key}.{part_key}"
        not_graded = [k for k in not_graded if not _within(k, prefix)]
        review = [k for k in review if not _within(k, prefix)]
    final: dict[str, QuestionReport] = {}
    for key in sorted(questions, key=lambda k: _rank(rubrics.keys, k)):
        order = [p.key for p in rubrics.questions[key].parts] if key in rubrics.questions else []
        parts = dict(sorted(questions[key].items(), key=lambda kv: _rank(order, kv[0])))
        final[key] = QuestionReport(
            number(sum(p.score for p in parts.values())),
            number(sum(p.max for p in parts.values())),
            parts,
        )
    return replace(
        report,
        questions=final,
        score=number(sum(q.score for q in final.values())),
        max=number(sum(q.max for q in final.values())),
        not_graded=tuple(not_graded),
        review=tuple(review),
    )


def _within(label: str, part: str) -> bool:
    """`q1.b` and its fields (`q1.b:explanation`) belong to part `q1.b`."""
    return label == part or label.startswith(part + ":")


def _rank(order: Sequence[str], key: str) -> int:
    return order.index(key) if key in order else len(order)
