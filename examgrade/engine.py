"""Grade a sheet against the rubrics: find each item's answer, run its check, add up.

The engine knows nothing of any question: it walks the rubric, looks each check kind up
by name, and turns whatever goes wrong in one item into an `invalid` outcome for that
item, so one bad part never stops a sheet.

Its public API is `__all__`: what the classroom, `explain`, `validate` and the review use
(no module imports another's underscore names); `CheckContext` and `get_check` are the
check registry, handed on so the layers above need not import `checks` themselves.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from examgrade import kept_values
from examgrade.checks import (
    ABSENT_IS_MISSING,
    GIVES_REASONS,
    CheckContext,
    Outcome,
    get_check,
)
from examgrade.errors import ExamgradeError
from examgrade.i18n import Message, Text
from examgrade.memo import OutcomeMemo
from examgrade.nodes import Broken, Node, Scalar
from examgrade.nodes import Mapping as MapNode
from examgrade.rubric import RubricSet
from examgrade.rubric_model import Item, Part, Question
from examgrade.sheet import Sheet, Student
from examgrade.timebox import TimeLimitExceeded, time_box

if TYPE_CHECKING:
    from examgrade.kept_parts import KeptParts

PENDING = "pending"
DEFAULT_TIME_LIMIT = 30.0


@dataclass(frozen=True)
class ItemResult:
    field: str | None
    points: float
    outcome: Outcome


@dataclass(frozen=True)
class PartResult:
    key: str
    title: Text
    score: float
    max: float
    status: str
    review: bool
    feedback: tuple[Text, ...]
    items: tuple[ItemResult, ...]
    awaiting: float = 0.0


@dataclass(frozen=True)
class QuestionResult:
    key: str
    title: Text
    score: float
    max: float
    parts: tuple[PartResult, ...]


@dataclass(frozen=True)
class SheetReport:
    """Everything `check` prints and `grade` writes for one sheet."""

    file: str
    student: Student
    questions: tuple[QuestionResult, ...]
    warnings: tuple[Text, ...] = ()
    not_graded: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return round(sum(q.score for q in self.questions), 4)

    @property
    def max(self) -> float:
        return round(sum(q.max for q in self.questions), 4)

    @property
    def review_parts(self) -> list[str]:
        return [f"{q.key}.{p.key}" for q in self.questions for p in q.parts if p.review]


_SOLUTIONS: dict[tuple[str, str], Any] = {}
__all__ = [
    "DEFAULT_TIME_LIMIT",
    "PENDING",
    "TEXT_KINDS",
    "CheckContext",
    "ItemResult",
    "Outcome",
    "PartResult",
    "QuestionResult",
    "SheetReport",
    "Solver",
    "answer_for",
    "descend",
    "get_check",
    "grade_sheet",
    "item_context",
    "part_answer",
    "solutions_kept",
    "warm_up",
]

_MAX_SOLUTIONS = 4096


@dataclass
class Solver:
    """Calls solvers with the question's parameters. Solvers are pure, so their solutions
    are cached for the whole process: a class of thousands computes each answer once."""

    parameters: Mapping[str, Any]

    def __call__(self, name: str, overrides: Mapping[str, Any]) -> Any:
        from examgrade.solvers import get_solver

        params = {**self.parameters, **overrides}
        key = (name, repr(sorted(params.items())))
        if key not in _SOLUTIONS:
            kept_values.need(_solver_part(name))
        if key not in _SOLUTIONS:
            solver = get_solver(name)
            if solver is None:
                raise KeyError(name)
            if len(_SOLUTIONS) >= _MAX_SOLUTIONS:
                _SOLUTIONS.clear()
            _SOLUTIONS[key] = solver(params)
        return _SOLUTIONS[key]


@contextlib.contextmanager
def solutions_kept(rubrics: RubricSet) -> Iterator[None]:
    """Solvers are pure and their parameters come from the rubrics, not the sheet: what
    they returned, and their values on the instances the expression check draws from
    fixed seeds, are kept between runs in the user's cache (`examgrade.user_cache`, named
    by examgrade's code and the pack's own solvers.py), so that each `check` does not
    compute q8's contrastive-divergence runs (~0.1 s of its CPU, issue 17) or q7's
    finite differences again; nor read the free-text items' ideas again (their
    patterns, ~40 ms). Values that cannot be kept (a function) are computed each
    time, as before. Each part (a solver prefix's answers, the expression check's
    values, the readings) is its own file, read when first needed (`kept_values`):
    reading them all imported numpy and the formula checks for every sheet."""
    from examgrade import kept_values, user_cache
    from examgrade.exam import SOLVERS_FILE

    exam = rubrics.exam
    own = Path(exam.folder) / SOLVERS_FILE if exam is not None and not exam.bundled else None
    source = own.read_bytes() if own is not None and own.is_file() else b""
    digest = hashlib.sha256(source).hexdigest()
    parts = _KeptParts(lambda part: user_cache.key(part, digest))
    kept_values.offer(parts.load)
    try:
        yield
        asked = kept_values.asked()
    finally:
        kept_values.offer(None)
    parts.save(asked)


def _solver_part(name: str) -> str:
    """The kept part of a solver's answers: its prefix (`cnn.receptive_field`: cnn)."""
    prefix = name.split(".", 1)[0]
    if not prefix.isidentifier():  # a file name: nothing but letters, digits and _
        prefix = "x" + hashlib.sha256(prefix.encode()).hexdigest()[:16]
    return f"solutions.{prefix}"


class _KeptParts:
    """Reads and writes the kept parts of one run (`solutions_kept`)."""

    def __init__(self, name: Callable[[str], str]) -> None:
        self._name = name
        self._known: dict[str, set[Any]] = {}  # each part's keys when it was read

    def _values(self, part: str, keep: bool = False) -> tuple[dict, Callable[[Any], None]]:
        """The part's values now (only those a file can keep: `keep`), and how to add
        kept ones."""
        if part == "solved":
            from examgrade.checks.expression import add_solved_values, solved_values

            return solved_values(), add_solved_values
        if part == "readings":
            from examgrade.checks.concepts import add_readings, readings

            return readings(), add_readings
        mine = {
            k: v
            for k, v in _SOLUTIONS.items()
            if _solver_part(k[0]) == part and (not keep or _picklable(v))
        }
        return mine, _add_solutions

    def load(self, part: str) -> None:
        from examgrade import user_cache

        kept = user_cache.load(self._name(part))
        if isinstance(kept, dict) and len(kept) <= _MAX_SOLUTIONS:
            self._values(part)[1](kept)
        self._known[part] = set(self._values(part)[0])

    def save(self, parts: frozenset[str]) -> None:
        """Write the parts read that grew: what cannot be kept (q8's conditionals are
        functions) is no reason to write a file again (~30 ms, issue 17)."""
        from examgrade import user_cache

        for part in sorted(parts):
            if part not in self._known:
                continue
            values = self._values(part, keep=True)[0]
            if len(values) <= _MAX_SOLUTIONS and set(values) - self._known[part]:
                user_cache.save(self._name(part), values)


def _add_solutions(values: Mapping[Any, Any]) -> None:
    for found, value in values.items():
        _SOLUTIONS.setdefault(found, value)


def _picklable(value: Any) -> bool:
    try:
        pickle.dumps(value)
    except Exception:
        return False
    return True


def item_context(
    question: Question, part: Part, item: Item, part_node: Node | None = None
) -> CheckContext:
    """What a check grades, explains or fingerprints an item with: the question's
    parameters, a solver on them and the whole part as the student wrote it."""
    parameters = question.parameters
    return CheckContext(question, part, item, parameters, Solver(parameters), part_answer=part_node)


def warm_up(rubrics: RubricSet) -> None:
    """Do once what the first sheet of every grading worker would otherwise do: read
    both message catalogs, validate every item as loading does (rubrics kept between
    runs are not, `examgrade.user_cache`: this parses their expressions, with the
    parser it needs), build what a kind's `warm_up(item)` says its first answers build
    (free text's plan, issue 17) and compute what every solver the rubrics name returns,
    items and known mistakes alike. The batch calls it before forking its workers, which
    inherit the results; a solver that fails here fails again, and is reported, on a
    sheet."""
    from examgrade.i18n import LANGS, catalog

    for lang in LANGS:
        catalog(lang)
    for question in rubrics.questions.values():
        solve = Solver(question.parameters)
        for part in question.parts:
            for item in part.items:
                kind = get_check(item.check)
                if kind is not None:  # what loading does: parse the rubric's expressions...
                    with contextlib.suppress(Exception):
                        kind.validate(item)
                    warm = getattr(kind, "warm_up", None)  # ...and what a first answer builds
                    if warm is not None:
                        with contextlib.suppress(Exception):
                            warm(item)
                calls = [(item.solver, item.params)] + [
                    (mistake.solver or item.solver, {**item.params, **mistake.params})
                    for mistake in item.mistakes
                    if mistake.solver or mistake.params
                ]
                for name, params in calls:
                    if name:
                        with contextlib.suppress(Exception):
                            solve(name, params)


def grade_sheet(
    sheet: Sheet,
    rubrics: RubricSet,
    time_limit: float = DEFAULT_TIME_LIMIT,
    clock: Callable[[], float] = time.monotonic,
    memo: OutcomeMemo | None = None,
    kept: KeptParts | None = None,
) -> SheetReport:
    """Grade every question that has a rubric; list the others as not graded yet.

    With a `memo`, an answer already seen (same item, same content) gets the outcome
    it got then instead of being checked again: pass the same memo for every sheet of
    a class (`examgrade.memo`). With `kept` (`check`: `examgrade.kept_parts`), a part
    whose answer was graded in an earlier run gets the result it got then, and the
    parts graded now are offered to it."""
    from examgrade.answer_keys import arrange

    sheet = arrange(sheet, rubrics)  # `b.i`, `(a)`, a list in part order... (answer_keys)
    deadline = clock() + time_limit
    with time_box(time_limit) as guard:
        return _grade_questions(sheet, rubrics, deadline, clock, memo, guard, kept)


def _grade_questions(
    sheet: Sheet,
    rubrics: RubricSet,
    deadline: float,
    clock: Callable[[], float],
    memo: OutcomeMemo | None,
    guard: Callable[[], AbstractContextManager[None]],
    kept: KeptParts | None = None,
) -> SheetReport:
    results = []
    not_graded: list[str] = list(rubrics.missing)
    warnings: list[Text] = list(sheet.warnings)
    for question, plans in _plan(rubrics):
        node = sheet.answers.get(question.key)
        parts = []
        for plan in plans:
            part, graded = plan.part, plan.graded
            if not graded:
                not_graded.append(plan.name)
                continue
            if plan.pending:
                not_graded.extend(plan.pending)
            part_node = _part_node(node, plan)
            if plan.reasons:
                part_node = _with_reason(part, part_node)
            if isinstance(part_node, MapNode):
                warnings.extend(_unknown_fields(plan.known, part_node))
            found = kept.found(question.key, part, part_node) if kept is not None else None
            if found is not None:  # graded by an earlier `check` (examgrade.kept_parts)
                parts.append(found)
                continue
            items = tuple(
                [
                    _grade_item(item, part_node, question, part, deadline, clock, memo, guard)
                    for item in graded
                ]
            )
            if plan.awaiting:
                items += _awaiting(part, part_node)
            if plan.blank_to:
                items = _blank_points(items, graded)
            result = _part_result(part, items, plan.labelled)
            if kept is not None:
                kept.keep(question.key, part, part_node, result)
            parts.append(result)
        if parts:
            results.append(
                QuestionResult(
                    question.key,
                    question.title,
                    round(sum(p.score for p in parts), 4),
                    round(sum(p.max for p in parts), 4),
                    tuple(parts),
                )
            )
    return SheetReport(
        sheet.file, sheet.student, tuple(results), tuple(warnings), tuple(not_graded)
    )


@dataclass(frozen=True)
class _PartPlan:
    """What the engine asks of a part on every sheet, worked out once from the rubric:
    its graded items, the names it adds to `not_graded`, the question's part count, and
    whether `_with_reason`, `_awaiting` and `_blank_points` can act on it at all (each
    returns its input unchanged otherwise). Nothing here depends on a sheet."""

    part: Part
    path: tuple[str, ...]  # `part.path`
    name: str  # `q.p`, not graded when the part has no graded item
    graded: tuple[Item, ...]
    pending: tuple[str, ...]  # `q.p:field` of its pending items worth points
    count: int  # `_part_count`
    reasons: bool  # a field of a kind that gives reasons, and the text field an item
    awaiting: bool  # a pending item worth points
    blank_to: bool  # an item whose points move when it is left blank
    labelled: bool  # `part.takes_mapping`: its feedback says which field
    known: tuple[str, ...]  # the fields a mapping may name (`_unknown_fields`)


_PLANS: dict[int, tuple[RubricSet, tuple[Question, ...], Any, tuple]] = {}


def _plan(rubrics: RubricSet) -> tuple[tuple[Question, tuple[_PartPlan, ...]], ...]:
    """The parts' plans of a rubric set, per question in order: kept per rubric set and
    made again when its questions or exam are not the very objects they were."""
    questions = tuple(rubrics.questions.values())
    kept = _PLANS.get(id(rubrics))
    if (
        kept is not None
        and kept[0] is rubrics
        and kept[2] is rubrics.exam
        and len(kept[1]) == len(questions)
        and all(map(_same, kept[1], questions))
    ):
        return kept[3]
    plans = tuple((question, _question_plans(rubrics, question)) for question in questions)
    if len(_PLANS) >= 64:
        _PLANS.clear()
    _PLANS[id(rubrics)] = (rubrics, questions, rubrics.exam, plans)
    return plans


def _question_plans(rubrics: RubricSet, question: Question) -> tuple[_PartPlan, ...]:
    count = _part_count(rubrics, question)
    plans = []
    for part in question.parts:
        fields = [item.field for item in part.items]
        plans.append(
            _PartPlan(
                part,
                part.path,
                f"{question.key}.{part.key}",
                tuple(i for i in part.items if i.check != PENDING),
                tuple(
                    f"{question.key}.{part.key}:{item.field}"
                    for item in part.items
                    if item.check == PENDING and item.points
                ),
                count,
                part.text_field in fields and any(i.check in GIVES_REASONS for i in part.items),
                any(i.check == PENDING and i.points for i in part.items),
                any(i.blank_to for i in part.items),
                part.takes_mapping,
                _known_fields(part),
            )
        )
    return tuple(plans)


def _part_node(node: Node | None, plan: _PartPlan) -> Node | None:
    """`part_answer(node, plan.part, plan.count)`, with the part's path made once."""
    if (
        plan.count == 1
        and node is not None
        and (not isinstance(node, MapNode) or plan.path[0] not in node.entries)
    ):
        return node
    return descend(node, plan.path)


def _part_count(rubrics: RubricSet, question: Question) -> int:
    spec = rubrics.exam.question(question.key) if rubrics.exam else None
    return len(spec.parts) if spec else len(question.parts)


def part_answer(node: Node | None, part: Part, parts_in_question: int) -> Node | None:
    """The node of a part in a question's answer. A question of a single part also takes
    its answer bare, without the part's key: `q1_1: "text"`, or the part's own fields."""
    bare = not isinstance(node, MapNode) or part.path[0] not in node.entries
    if parts_in_question == 1 and node is not None and bare:
        return node
    return descend(node, part.path)


def descend(node: Node | None, path: tuple[str, ...]) -> Node | None:
    """The node at `path` below `node` (a part's keys), None when the sheet has none there."""
    for key in path:
        if isinstance(node, MapNode):
            node = node.get(key)
        elif isinstance(node, Broken):
            return node
        else:
            return None
    return node


def _with_reason(part: Part, node: Node | None) -> Node | None:
    """A field answered with its reason (`possible: Yes (with sampling)`) hands the
    reason to the part's text field when the student wrote none there: a check kind
    with a `reason(text)` method says what, beyond its own value, a text holds."""
    if not isinstance(node, MapNode) or node.get(part.text_field) is not None:
        return node
    if not any(item.field == part.text_field for item in part.items):
        return node
    for item in part.items:
        if item.check not in GIVES_REASONS:  # not imported to be asked (issue 17)
            continue
        answer = node.get(item.field) if item.field else None
        reason = getattr(get_check(item.check), "reason", None)
        if reason is None or not isinstance(answer, Scalar):
            continue
        text = reason(answer.text)
        if text:
            entries = {**node.entries, part.text_field: Scalar(text, answer.location, None)}
            return MapNode(entries, node.location, node.key_locations)
    return node


def answer_for(item: Item, part: Part, node: Node | None) -> Node | None:
    """The node an item grades. A part that takes a mapping accepts a bare string as its
    text field; a part that takes text accepts a mapping with `explanation` or `text`."""
    if item.field is None:
        if isinstance(node, MapNode) and item.check in TEXT_KINDS:
            return next((node.get(k) for k in _TEXT_FIELDS if node.get(k) is not None), None)
        return node
    if isinstance(node, MapNode):
        return node.get(item.field)
    if isinstance(node, Scalar):
        return node if item.field == part.text_field else None
    return node  # Broken, or a list where a mapping was expected: the check says why


TEXT_KINDS = {"concepts", "text"}  # check kinds that grade prose: a part's text field
_TEXT_FIELDS = ("explanation", "text")


def _known_fields(part: Part) -> tuple[str, ...]:
    known = [i.field for i in part.items if i.field] if part.takes_mapping else []
    return tuple(known or sorted(_TEXT_FIELDS))  # text as a mapping: explanation or text


def _unknown_fields(known: tuple[str, ...], node: Node | None) -> list[Text]:
    if not isinstance(node, MapNode):
        return []
    return [
        Message(
            "sheet.unknown_field",
            {**node.key_locations[key].params(), "key": key, "expected": ", ".join(known)},
        )
        for key in node.entries
        if key not in known
    ]


def _awaiting(part: Part, part_node: Node | None) -> tuple[ItemResult, ...]:
    """Pending items the student answered (an explanation whose grading has not landed):
    their points are held for a person, reported as awaiting review, never as zero. They
    stay out of the score and the maximum (and in `not_graded`)."""
    held = []
    for item in part.items:
        if item.check != PENDING or not item.points:
            continue
        answer = answer_for(item, part, part_node)
        if answer is None or (isinstance(answer, Scalar) and not answer.text.strip()):
            continue
        text = Message("check.awaiting_review", {"points": item.points})
        outcome = Outcome(0.0, "missing", (text,), review=True, awaiting=item.points)
        held.append(ItemResult(item.field, 0.0, outcome))
    return tuple(held)


def _grade_item(
    item: Item,
    part_node: Node | None,
    question: Question,
    part: Part,
    deadline: float,
    clock: Callable[[], float],
    memo: OutcomeMemo | None,
    guard: Callable[[], AbstractContextManager[None]],
) -> ItemResult:
    answer = answer_for(item, part, part_node)
    if clock() > deadline:
        return ItemResult(
            item.field, item.points, Outcome(0.0, "invalid", (Message("engine.time_limit", {}),))
        )
    if answer is None and item.check in ABSENT_IS_MISSING:
        # what the kind says of no answer, without importing it and numpy (issue 17)
        return _missing_result(item)
    kind = get_check(item.check)
    assert kind is not None  # the rubric loader checked it
    key = None
    if memo is not None:  # looked up first: a hit needs no context nor guard (issue 17)
        key = memo.key(kind, answer, item, question.key, part.key, _SEED, part_node)
        found = memo.found(key, item)
        if found is not None:
            return _item_result(item, found)
    ctx = item_context(question, part, item, part_node)
    try:
        with guard():
            outcome = kind.grade(answer, ctx)
        if memo is not None:
            memo.keep(key, item, outcome)
    except TimeLimitExceeded:
        outcome = Outcome(0.0, "invalid", (Message("engine.time_limit", {}),), review=True)
    except ExamgradeError as error:
        outcome = Outcome(0.0, "invalid", (error.message,))
    except Exception as error:
        outcome = Outcome(
            0.0,
            "invalid",
            (Message("engine.internal_error", {"error": type(error).__name__}),),
            review=True,
        )
    return _item_result(item, outcome)


_SEED = CheckContext.seed  # what `item_context` leaves every check with


def _item_result(item: Item, outcome: Outcome) -> ItemResult:
    if item.optional and outcome.status == "missing":
        outcome = Outcome(0.0, "missing", ())
    return ItemResult(item.field, item.points, outcome)


def _missing_result(item: Item) -> ItemResult:
    from examgrade.checks.common import missing

    outcome = Outcome(0.0, "missing", ()) if item.optional else missing()
    return ItemResult(item.field, item.points, outcome)


def _blank_points(items: tuple[ItemResult, ...], graded: Sequence[Item]) -> tuple[ItemResult, ...]:
    """An optional field left blank whose rubric says `blank_to: F` costs nothing: its
    points move to field F, graded on the larger scale (a field that students often write inside
    another, as a Jacobian inside the explanation)."""
    moved: dict[str, float] = {}
    blank: set[str] = set()
    for item, result in zip(graded, items, strict=False):
        if item.blank_to and result.outcome.status == "missing" and item.field:
            moved[item.blank_to] = moved.get(item.blank_to, 0.0) + item.points
            blank.add(item.field)
    if not moved:
        return items
    out = []
    for result in items:
        if result.field in blank:
            result = ItemResult(result.field, 0.0, result.outcome)
        elif result.field in moved and result.points > 0:
            points = result.points + moved[result.field]
            score = round(result.outcome.score * points / result.points, 4)
            result = ItemResult(result.field, points, replace(result.outcome, score=score))
        out.append(result)
    return tuple(out)


_PARTS: dict[tuple, tuple[Part, tuple[Outcome, ...], PartResult]] = {}
_MAX_PARTS = 8192


def _part_result(part: Part, items: tuple[ItemResult, ...], labelled: bool) -> PartResult:
    """The part's result from its items, the same object for the same outcomes: the memo
    hands every student who wrote the same answers the same outcome objects, so a
    class's parts repeat (4 in 5 of a realistic class), and the report and the page
    built from a part are kept per result object (`report.build_report`, `feedback`)."""
    outcomes = tuple([i.outcome for i in items])
    key = (id(part), tuple([(i.field, i.points, type(i.points), id(i.outcome)) for i in items]))
    kept = _PARTS.get(key)
    if kept is not None and kept[0] is part and all(map(_same, kept[1], outcomes)):
        return kept[2]
    if len(_PARTS) >= _MAX_PARTS:
        _PARTS.clear()
    result = _new_part_result(part, items, labelled)
    _PARTS[key] = (part, outcomes, result)
    return result


def _same(a: object, b: object) -> bool:
    return a is b


def _new_part_result(part: Part, items: tuple[ItemResult, ...], labelled: bool) -> PartResult:
    score = round(sum(min(i.outcome.score, i.points) for i in items), 4)
    maximum = round(sum(i.points for i in items), 4)
    required = [i for i in items if i.points > 0 or i.outcome.status not in ("missing",)]
    statuses = {i.outcome.status for i in required} or {"missing"}
    scored = [i.outcome.status for i in items if i.points > 0]
    if statuses == {"missing"} or (
        scored and set(scored) == {"missing"} and "invalid" not in statuses
    ):  # only fields worth nothing answered: "incorrect" would contradict their "Right"
        status = "missing"
    elif "invalid" in statuses and score == 0:
        status = "invalid"
    elif score >= maximum - 1e-9:
        status = "correct"
    elif score > 1e-9 or any(i.outcome.awaiting for i in items):
        status = "partial"
    else:
        status = "incorrect"
    feedback: list[Text] = []
    for item in items:
        for text in item.outcome.feedback:
            feedback.append(_labelled(item.field, text) if labelled and item.field else text)
    return PartResult(
        key=part.key,
        title=part.title,
        score=score,
        max=maximum,
        status=status,
        review=any(i.outcome.review for i in items),
        feedback=tuple(feedback),
        items=items,
        awaiting=round(sum(i.outcome.awaiting for i in items), 4),
    )


_LABELLED: dict[tuple[str, int], tuple[Text, Message]] = {}
_MAX_LABELLED = 20_000


def _labelled(field: str, text: Text) -> Message:
    """`field: text`, the same object each time for the same field and text: outcomes a
    class repeats (`examgrade.memo`) keep their texts, so the label, rendered once, is
    not filled again for every student. The text is kept to tell a reused id."""
    key = (field, id(text))
    found = _LABELLED.get(key)
    if found is not None and found[0] is text:
        return found[1]
    if len(_LABELLED) >= _MAX_LABELLED:
        _LABELLED.clear()
    message = Message("engine.field_feedback", {"field": field, "text": text})
    _LABELLED[key] = (text, message)
    return message
