"""`examgrade validate SHEET`: how every expression field of a sheet was read, and every
other field `check` would mark invalid (the sheet is graded once to know).

Which fields are expressions, in which mode and with which names comes from the rubrics
(items whose check is `expression`, `condition` or `steps`, with their context), so it is
declared once.
Each filled field is shown printed back from its AST (implicit products as `*`, `Wx` as
`W * x`), or with the error, its caret and the file, line and column of the character.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from examgrade.checks.common import invalid
from examgrade.errors import ExamgradeError, Location
from examgrade.i18n import Text
from examgrade.mathlang.parser import Mode, parse
from examgrade.mathlang.printer import to_text
from examgrade.nodes import Mapping, Node, Scalar, Sequence
from examgrade.rubric import RubricSet
from examgrade.sheet import Sheet

_CHECK_MODES: dict[str, tuple[Mode, bool]] = {
    "expression": ("expr", False),
    "condition": ("condition", False),
    "steps": ("step", True),
}


@dataclass(frozen=True)
class FieldSpec:
    """One expression field: where it is in the sheet and how to read it."""

    question: str
    part: str
    field: str | None
    mode: Mode
    probability: bool
    symbols: frozenset[str]
    options: str = ""  # the rubric item's options (JSON), for reading as the check reads

    @property
    def label(self) -> str:
        return f"{self.question}.{self.part}" + (f":{self.field}" if self.field else "")


@dataclass(frozen=True)
class Reading:
    """One filled field: its text and location, and either how it was read or the error."""

    label: str
    text: str
    location: Location
    reading: str | None = None
    error: Text | None = None
    note: Text | None = None  # how a guessed reading was read ("read as: ...; graded: ...")


def field_specs(rubrics: RubricSet) -> list[FieldSpec]:
    """Every expression field, in exam order, with the names its rubric item declares."""
    specs = []
    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                if item.check not in _CHECK_MODES:
                    continue
                symbols = _rubric_symbols(item.check, item.options)
                if symbols is None:
                    continue
                mode, probability = _CHECK_MODES[item.check]
                options = json.dumps(item.options, sort_keys=True, default=str)
                specs.append(
                    FieldSpec(
                        question.key, part.key, item.field, mode, probability, symbols, options
                    )
                )
    return specs


def _rubric_symbols(check: str, options: Any) -> frozenset[str] | None:
    if check == "steps":
        symbols = options.get("symbols")
        return frozenset(symbols) if symbols else None
    context = options.get("context")
    if not isinstance(context, dict):
        return None
    return _context_names(json.dumps(context, sort_keys=True))


@cache
def _context_names(plain: str) -> frozenset[str] | None:
    from examgrade.mathlang.context import Context

    try:
        return frozenset(Context.from_plain(json.loads(plain)).names())
    except ExamgradeError:
        return None


def validate_sheet(sheet: Sheet, rubrics: RubricSet) -> list[Reading]:
    """How each filled expression field of the sheet reads, in sheet order; then every
    other field `check` would mark invalid (a size it cannot read, a verdict that is
    no yes/no, an expression whose value cannot be computed), with the same message: a
    sheet that validates is a sheet `check` reads whole."""
    from examgrade.answer_keys import arrange

    sheet = arrange(sheet, rubrics)  # the parts as grading finds them
    readings: list[Reading] = []
    for spec in field_specs(rubrics):
        for label, scalar in _scalars(sheet, spec):
            readings.append(_read(label, scalar, spec))
    return _with_invalid_fields(readings, sheet, rubrics)


def _with_invalid_fields(
    readings: list[Reading], sheet: Sheet, rubrics: RubricSet
) -> list[Reading]:
    from examgrade.engine import grade_sheet

    by_label = {r.label: n for n, r in enumerate(readings)}
    report = grade_sheet(sheet, rubrics)
    for question in report.questions:
        parts = {p.key: p for p in rubrics.questions[question.key].parts}
        for result in question.parts:
            for item in result.items:
                if item.outcome.status != "invalid" or item.outcome.review:
                    continue  # review: examgrade's own failure, not the sheet's
                label = f"{question.key}.{result.key}" + (f":{item.field}" if item.field else "")
                found = by_label.get(label)
                if found is not None and readings[found].error is not None:
                    continue  # already shown with its caret
                node = _node(sheet, question.key, parts[result.key].path, item.field)
                text = node.text if isinstance(node, Scalar) else ""
                location = getattr(node, "location", Location())
                error = item.outcome.feedback[0] if item.outcome.feedback else None
                reading = Reading(label, text, location, error=error)
                if found is not None:
                    readings[found] = reading
                else:
                    by_label[label] = len(readings)
                    readings.append(reading)
    return readings


def _node(sheet: Sheet, question: str, path: tuple[str, ...], field: str | None) -> Node | None:
    node: Node | None = sheet.answers.get(question)
    for key in (*path, *([field] if field else [])):
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def _scalars(sheet: Sheet, spec: FieldSpec) -> Iterator[tuple[str, Scalar]]:
    node: Node | None = sheet.answers.get(spec.question)
    for key in (*spec.part.split("."), *([spec.field] if spec.field else [])):
        node = node.get(key) if isinstance(node, Mapping) else None
    if isinstance(node, Scalar) and node.text.strip():
        yield spec.label, node
    elif isinstance(node, Sequence):  # the steps of a derivation
        for number, item in enumerate(node.items, start=1):
            if isinstance(item, Scalar) and item.text.strip():
                yield f"{spec.label}[{number}]", item


def _read(label: str, scalar: Scalar, spec: FieldSpec) -> Reading:
    if spec.mode in ("expr", "condition") and spec.options:
        return _read_as_checked(label, scalar, spec)
    try:
        tree = parse(scalar.text, spec.symbols, mode=spec.mode, probability=spec.probability)
    except ExamgradeError as error:
        outcome = invalid(error, scalar)
        return Reading(label, scalar.text, scalar.location, error=outcome.feedback[0])
    return Reading(label, scalar.text, scalar.location, reading=to_text(tree))


def _read_as_checked(label: str, scalar: Scalar, spec: FieldSpec) -> Reading:
    """An expression or condition read as its check reads it (`examgrade.reading`): an
    equation graded on its last side, words set aside, a condition in words; a guess is
    said with what is graded."""
    from examgrade.i18n import Message

    options = json.loads(spec.options)
    shown = " ".join(scalar.text.split())
    shown = shown if len(shown) <= 100 else shown[:99] + "…"
    try:
        if spec.mode == "expr":
            from examgrade.checks.expression import question_context, read_answer

            read = read_answer(scalar.text, question_context(options), options)
            tree, guess, code = read.expr, read.guess, "expression.read_as"
        else:
            from types import SimpleNamespace

            from examgrade.checks.condition import context_of, read_student_condition

            context = context_of(SimpleNamespace(options=options))
            tree, guess = read_student_condition(scalar.text, context)
            code = "conditions.read_as"
    except ExamgradeError as error:
        outcome = invalid(error, scalar)
        return Reading(label, scalar.text, scalar.location, error=outcome.feedback[0])
    printed = to_text(tree)
    key = "graded" if spec.mode == "expr" else "value"
    note = Message(code, {"text": shown, key: printed}) if guess else None
    return Reading(label, scalar.text, scalar.location, reading=printed, note=note)
