"""Answer groups: the distinct answers of a class to one part, grouped by equivalence.

A grader reviews each distinct answer once instead of each sheet: `256x256`, `256 x 256`
and `[256, 256]` are one group because the check kind reads them as the same value.
Equivalence comes from the kind's optional `fingerprint(answer, ctx)` (see
`examgrade.checks.base.CheckKind`); for a kind without one (expressions, conditions),
from the grading itself: every right answer equals the reference, every answer that
matches a known mistake equals that mistake; anything else, and free text, falls back
to the text with case and whitespace normalised. Each group carries its
count, its verdict (how the rubric grades it) and a representative (its most common
spelling).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from examgrade.answer_keys import arrange
from examgrade.checks import Outcome, get_check
from examgrade.engine import (
    PENDING,
    TEXT_KINDS,
    PartResult,
    answer_for,
    grade_sheet,
    item_context,
    part_answer,
)
from examgrade.errors import ExamgradeError, UsageError
from examgrade.memo import OutcomeMemo
from examgrade.nodes import Broken, Mapping, Node, Scalar, Sequence
from examgrade.rubric import RubricSet
from examgrade.rubric_model import Item, Part, Question
from examgrade.sheet import Sheet, load_sheet


@dataclass(frozen=True)
class Target:
    """What `groups` looks at: a part (`q1.b`), or one field of it (`q2.c:vanishes_if`)."""

    question: Question
    part: Part
    field: str | None = None

    @property
    def label(self) -> str:
        return f"{self.question.key}.{self.part.key}" + (f":{self.field}" if self.field else "")


@dataclass
class AnswerGroup:
    """Equivalent answers: how many, how they are graded, how they were written."""

    key: Hashable
    spellings: Counter[str] = field(default_factory=Counter)
    students: list[str] = field(default_factory=list)
    verdicts: Counter[tuple[str, float, float, str | None]] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        return len(self.students)

    @property
    def representative(self) -> str:
        return self.spellings.most_common(1)[0][0]

    @property
    def verdict(self) -> tuple[str, float, float, str | None]:
        """(status, score, max, mistake) of most members."""
        return self.verdicts.most_common(1)[0][0]

    @property
    def mixed(self) -> bool:
        """Members graded differently: the equivalence is coarser than the grading."""
        return len(self.verdicts) > 1


@dataclass(frozen=True)
class Groups:
    target: Target
    groups: list[AnswerGroup]
    sheets: int
    unreadable: list[tuple[str, ExamgradeError]]


def parse_target(spec: str, rubrics: RubricSet) -> Target:
    """`q1.b`, `q4.b.i`, `q2.c:vanishes_if` → the rubric's question, part and field."""
    path, _, field_name = spec.strip().lower().partition(":")
    question_key, _, part_key = path.partition(".")
    question = rubrics.questions.get(question_key)
    if question is not None and not part_key and len(question.parts) == 1:
        part_key = question.parts[0].key  # a question of one part is named by its key alone
    part = question.part(part_key) if question else None
    if question is None or part is None:
        examples = rubrics.part_examples()
        raise UsageError("batch.groups_unknown_part", {"part": spec, "examples": examples})
    if field_name and field_name not in {i.field for i in part.items}:
        fields = ", ".join(i.field for i in part.items if i.field) or "—"
        raise UsageError(
            "batch.groups_unknown_field", {"part": path, "field": field_name, "fields": fields}
        )
    return Target(question, part, field_name or None)


def normalized(node: Node | None) -> Hashable:
    """The fallback equivalence: the text, case-folded, whitespace collapsed."""
    if node is None or (isinstance(node, Scalar) and not node.text.strip()):
        return ("missing",)
    if isinstance(node, Scalar):
        return ("text", " ".join(node.text.casefold().split()))
    if isinstance(node, Sequence):
        return ("list", tuple(normalized(n) for n in node.items))
    if isinstance(node, Mapping):
        return ("map", tuple(sorted((k, normalized(v)) for k, v in node.entries.items())))
    assert isinstance(node, Broken)
    return ("invalid", node.error.code)


def shown(node: Node | None) -> str:
    """An answer as a grader reads it, on one line."""
    if node is None:
        return "—"
    if isinstance(node, Scalar):
        return " ".join(node.text.split()) or "—"
    if isinstance(node, Sequence):
        return "[" + ", ".join(shown(n) for n in node.items) + "]"
    if isinstance(node, Mapping):
        return "; ".join(f"{k}: {shown(v)}" for k, v in node.entries.items())
    return f"<{node.error.code}>"


def fingerprint(
    item: Item, node: Node | None, target: Target, outcome: Outcome | None = None
) -> Hashable:
    """What makes two answers equivalent: the kind's fingerprint when it has one; else,
    for a kind that is not free text, the reference when the answer is right (every
    right answer equals the reference, hence each other) or the known mistake it matches
    (it equals that mistake's answer); else the text, case and spaces aside."""
    kind = get_check(item.check)
    method = getattr(kind, "fingerprint", None)
    if method is not None and node is not None:
        question = target.question
        ctx = item_context(question, target.part, item)
        try:
            found = method(node, ctx)
        except ExamgradeError:
            found = None
        if found is not None:
            return ("value", found)
    elif outcome is not None and item.check not in TEXT_KINDS:
        if outcome.status == "correct":
            return ("reference",)
        if outcome.mistake:
            return ("mistake", outcome.mistake)
    return normalized(node)


def read_as_text(item: Item) -> bool:
    """True when `fingerprint` of this item's answers is `normalized(answer)` whatever
    the answer and outcome (free text without a kind's own fingerprint): nothing worth
    remembering per answer, which is nearly always new (issue 17, memory)."""
    return item.check in TEXT_KINDS and getattr(get_check(item.check), "fingerprint", None) is None


def target_items(target: Target) -> list[Item]:
    items = [i for i in target.part.items if target.field is None or i.field == target.field]
    graded = [i for i in items if i.check != PENDING]
    return graded or items


def _graded_part(
    sheet: Sheet, target: Target, rubrics: RubricSet, memo: OutcomeMemo | None = None
) -> PartResult | None:
    """How the rubric grades this sheet's answer to the target's part alone."""
    question = replace(target.question, parts=(target.part,))
    only = RubricSet({question.key: question}, rubrics.directory, exam=rubrics.exam)
    report = grade_sheet(sheet, only, memo=memo)
    return report.questions[0].parts[0] if report.questions else None


def _verdict(part: PartResult | None, target: Target) -> tuple:
    """(status, score, max, mistake) of the target: the whole part, or one field."""
    if part is None:
        return ("pending", 0.0, sum(i.points for i in target_items(target)), None)
    if target.field is None:
        mistakes = {i.outcome.mistake for i in part.items if i.outcome.mistake}
        return (part.status, part.score, part.max, ", ".join(sorted(mistakes)) or None)
    for result in part.items:
        if result.field == target.field:
            outcome = result.outcome
            return (
                outcome.status,
                min(outcome.score, result.points),
                result.points,
                outcome.mistake,
            )
    return ("pending", 0.0, 0.0, None)


def answer_groups(paths: Iterable[Path], target: Target, rubrics: RubricSet) -> Groups:
    """Group every readable sheet's answer to `target`, largest group first."""
    return _answer_groups(paths, target, rubrics)


def _answer_groups(paths: Iterable[Path], target: Target, rubrics: RubricSet) -> Groups:
    groups: dict[Hashable, AnswerGroup] = {}
    unreadable: list[tuple[str, ExamgradeError]] = []
    sheets = 0
    items = target_items(target)
    memo = OutcomeMemo()  # a class repeats itself: each distinct answer is checked once
    for path in paths:
        try:
            sheet = load_sheet(path, str(path), rubrics.keys)
        except ExamgradeError as error:
            unreadable.append((str(path), error))
            continue
        sheets += 1
        sheet = arrange(sheet, rubrics)
        graded = _graded_part(sheet, target, rubrics, memo)
        outcomes = {r.field: r.outcome for r in graded.items} if graded else {}
        spec = rubrics.exam.question(target.question.key) if rubrics.exam else None
        count = len(spec.parts) if spec else len(target.question.parts)
        part_node = part_answer(sheet.answers.get(target.question.key), target.part, count)
        nodes = [(i, answer_for(i, target.part, part_node)) for i in items]
        key = tuple((i.field, fingerprint(i, n, target, outcomes.get(i.field))) for i, n in nodes)
        if len(nodes) == 1:
            text = shown(nodes[0][1])
        else:
            text = "; ".join(f"{i.field}: {shown(n)}" for i, n in nodes)
        group = groups.setdefault(key, AnswerGroup(key))
        group.spellings[text] += 1
        group.students.append(sheet.student.id)
        group.verdicts[_verdict(graded, target)] += 1
    ordered = sorted(groups.values(), key=lambda g: (-g.count, g.representative))
    return Groups(target, ordered, sheets, unreadable)


def groups_json(result: Groups) -> dict:
    """For scripts: the same groups as plain data."""
    return {
        "part": result.target.label,
        "sheets": result.sheets,
        "unreadable": [{"file": f, "error": e.message.both()} for f, e in result.unreadable],
        "groups": [
            {
                "count": g.count,
                "representative": g.representative,
                "status": g.verdict[0],
                "score": g.verdict[1],
                "max": g.verdict[2],
                "mistake": g.verdict[3],
                "mixed": g.mixed,
                "spellings": dict(g.spellings.most_common()),
                "students": g.students,
            }
            for g in result.groups
        ],
    }


__all__ = ["AnswerGroup", "Groups", "Target", "answer_groups", "parse_target"]
