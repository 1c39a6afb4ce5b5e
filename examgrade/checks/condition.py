"""The `condition` kind: a condition on W (q2.c `vanishes_if`, `explodes_if`) judged by
what W^t actually does on a bank of matrices, never by comparing text.

The student's comparison (`rho(W) < 1`, reversed `1 > rho(W)`, chained `0 <= rho(W) < 1`)
is parsed in the parser's "condition" mode, both sides are evaluated by the evaluator on
every matrix of the solver's bank, and `examgrade.conditions.judge` classifies it: exact,
sufficient only, necessary only, swapped or wrong. Points and feedback per class come
from the rubric (`options.points`, `feedback.<class>`); the feedback shows the matrix
that tells the student's condition from the behaviour. Rubric `mistakes` hold known
conditions (`options: {condition: '||W||_2 < 1'}`): an answer that holds on exactly the
same matrices gets that mistake's feedback too.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, invalid, scalar_answer, scale_status
from examgrade.conditions import ConditionJudgement, judge
from examgrade.errors import ExamgradeError, Location, MathError, RubricError
from examgrade.i18n import Joined, Message, Text
from examgrade.mathlang.ast import Compare, Expr
from examgrade.nodes import Node, Scalar
from examgrade.solvers.rnn_limits import BankMatrix, show_matrix

CLASSES = ("exact", "sufficient", "necessary", "swapped", "wrong")
BEHAVIOURS = ("vanishes", "explodes")
_REL_TOL = 1e-9  # rho(rotation) = 1 + 2e-16 is on the edge, not beyond it

_COMPARE = {
    "<": lambda a, b, tol: a < b - tol,
    "<=": lambda a, b, tol: a <= b + tol,
    ">": lambda a, b, tol: a > b + tol,
    ">=": lambda a, b, tol: a >= b - tol,
}


@lru_cache(maxsize=8)
def _context(plain: str) -> Any:
    import json

    from examgrade.mathlang.context import Context

    return Context.from_plain(json.loads(plain), "options.context")


def context_of(item: Any) -> Any:
    """The question context of the item (rubric `options.context`), parsed once."""
    import json

    return _context(json.dumps(item.options["context"], sort_keys=True))


def read_condition(text: str, ctx: Any) -> Compare:
    """The student's comparison, or MathError (also when it is no comparison at all)."""
    from examgrade.mathlang.parser import parse

    expr = parse(text, ctx.names(), mode="condition")
    if not isinstance(expr, Compare):
        raise MathError("conditions.not_a_condition", {"text": text}, Location(column=1))
    return expr


def read_student_condition(text: str, ctx: Any) -> tuple[Compare, bool]:
    """The student's condition as typed, or else rewritten from words and the course's
    notation (`examgrade.reading.conditions`); True when it was rewritten (a guess the
    feedback states). The error is the one on the text as typed."""
    from examgrade.reading import strip_remarks
    from examgrade.reading.conditions import condition_text

    try:
        return read_condition(text, ctx), False
    except MathError as error:
        core = strip_remarks(text, known=ctx.names()).core
        matrix = _matrix_name(ctx)
        for attempt in (core, condition_text(text, matrix), condition_text(core, matrix)):
            if attempt and attempt != text:
                try:
                    return read_condition(attempt, ctx), True
                except MathError:
                    continue
        raise error from None


def _matrix_name(ctx: Any) -> str:
    """The condition's matrix: the context's first symbol with two dimensions."""
    return next((s.name for s in ctx.symbols if len(s.shape) == 2), "W")


def truth(condition: Compare, ctx: Any, matrix: np.ndarray) -> bool:
    """Whether the (possibly chained) comparison holds for W = `matrix`."""
    from examgrade.mathlang.evaluate import evaluate

    instance = _instance(matrix)
    values = [_scalar(evaluate(side, ctx, instance), side) for side in condition.operands]
    return all(
        _COMPARE[op](a, b, _REL_TOL * max(1.0, abs(a), abs(b)))
        for op, a, b in zip(condition.ops, values, values[1:], strict=False)
    )


_INSTANCES: dict[int, tuple[np.ndarray, Any]] = {}
_MAX_INSTANCES = 256


def _instance(matrix: np.ndarray) -> Any:
    """W = `matrix` as a drawn instance, one per bank matrix and process: the evaluator
    keeps on it what does not depend on the student (`rho(W)` of every answer that
    writes it is computed once per matrix). A read-only copy: the bank stays as it is."""
    from examgrade.mathlang.context import Drawn

    found = _INSTANCES.get(id(matrix))
    if found is None or found[0] is not matrix:
        if len(_INSTANCES) >= _MAX_INSTANCES:
            _INSTANCES.clear()
        found = _INSTANCES[id(matrix)] = (
            matrix,
            Drawn({"W": np.array(matrix), "N": matrix.shape[0]}),
        )
    return found[1]


def _scalar(value: Any, side: Expr) -> float:
    array = np.asarray(value, dtype=float)
    if array.size != 1:
        raise MathError(
            "conditions.not_scalar",
            {"shape": "×".join(str(d) for d in array.shape)},
            Location(column=side.span[0] + 1),
        )
    return float(array.reshape(()))


def classify(condition: Compare, ctx: Any, behaviour: str, bank: tuple[BankMatrix, ...]):
    """The judgement and the truth vector over the bank (equal vectors, equal grades)."""
    holds = tuple(truth(condition, ctx, m.matrix) for m in bank)
    table = {id(m.matrix): h for m, h in zip(bank, holds, strict=True)}
    return judge(lambda w: table[id(w)], behaviour, bank), holds


def counterexample_text(judgement: ConditionJudgement, holds: bool | None) -> tuple[Text, ...]:
    """The matrix that shows what the condition gets wrong, with its measured powers."""
    m = judgement.counterexample
    if m is None:
        return ()
    texts: list[Text] = [
        Message(
            "conditions.counterexample",
            {
                "matrix": m.description,
                "values": show_matrix(m.matrix),
                "rho": f"{max(abs(np.linalg.eigvals(m.matrix))):.3g}",
                "sigma": f"{np.linalg.norm(m.matrix, 2):.3g}",
                "norms": ", ".join(f"{v:.3g}" for v in m.norms),
                "behaviour": Message(f"conditions.behaviour_{m.behaviour}", {}),
            },
        )
    ]
    if holds is not None:
        texts.append(Message(f"conditions.condition_{'holds' if holds else 'fails'}", {}))
    return (Joined(tuple(texts)),)


@register_check
class ConditionCheck:
    name = "condition"
    form = "condition"  # the blank sheet says what to write (template.form_condition)

    def validate(self, item: Any) -> None:
        options = item.options
        if not item.solver:
            raise RubricError("rubric.missing_key", {"key": "solver"}, item.location)
        for key in ("behaviour", "points", "context"):
            if key not in options:
                raise RubricError("rubric.missing_key", {"key": f"options.{key}"}, item.location)
        if options["behaviour"] not in BEHAVIOURS:
            raise RubricError(
                "rubric.missing_key", {"key": "options.behaviour (vanishes|explodes)"},
                item.location,
            )  # fmt: skip
        points = options["points"]
        if not isinstance(points, Mapping) or set(points) != set(CLASSES):
            raise RubricError(
                "rubric.missing_key", {"key": "options.points: " + ", ".join(CLASSES)},
                item.location,
            )  # fmt: skip
        if abs(float(points["exact"]) - item.points) > 1e-9:
            raise RubricError(
                "rubric.points_sum",
                {"what": "options.points.exact", "total": points["exact"], "owner": "condition",
                 "expected": item.points},
                item.location,
            )  # fmt: skip
        try:
            context_of(item)
        except ExamgradeError as error:
            raise RubricError(error.code, error.params, item.location) from None

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        answer = scalar_answer(answer, Message("conditions.shape", {}))
        if isinstance(answer, Outcome):
            return answer
        context = context_of(ctx.item)
        bank = tuple(ctx.solve(ctx.item.solver, ctx.item.params).value)
        behaviour = ctx.item.options["behaviour"]
        try:
            condition, guessed = read_student_condition(answer.text, context)
            judgement, holds = classify(condition, context, behaviour, bank)
        except MathError as error:
            return invalid(error, answer)
        verdict = judgement.verdict
        score = float(ctx.item.options["points"][verdict])
        index = bank.index(judgement.counterexample) if judgement.counterexample else None
        texts: list[Text] = [*feedback(ctx, verdict)]
        texts += counterexample_text(judgement, holds[index] if index is not None else None)
        mistake = None if verdict == "exact" else verdict
        for known in ctx.item.mistakes:
            if _known_holds(known, context, bank) == holds:
                texts.append(known.feedback)
                mistake = known.id
                break
        reading = _reading(condition)
        if guessed:  # read from words: say how
            from examgrade.mathlang.printer import to_text

            shown = " ".join(answer.text.split())[:100]
            reading = Message("conditions.read_as", {"text": shown, "value": to_text(condition)})
            texts.append(reading)
        return Outcome(
            score,
            scale_status(score, ctx.item.points),  # type: ignore[arg-type]
            tuple(texts),
            reading=reading,
            mistake=mistake,
            details={"class": verdict},
        )

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> tuple[bool, ...] | None:
        if not isinstance(answer, Scalar):
            return None
        try:
            context = context_of(ctx.item)
            bank = tuple(ctx.solve(ctx.item.solver, ctx.item.params).value)
            condition, _ = read_student_condition(answer.text, context)
            return tuple(truth(condition, context, m.matrix) for m in bank)
        except ExamgradeError:
            return None

    def explain(self, ctx: CheckContext) -> Any:
        """The reference condition, what the bank's powers do, and each known condition
        judged on the bank with the matrix that shows what it gets wrong."""
        from examgrade.explain import ExplainedMistake, ItemExplanation

        item = ctx.item
        solution = ctx.solve(item.solver, item.params)
        bank = tuple(solution.value)
        behaviour = item.options["behaviour"]
        mistakes = []
        for known in item.mistakes:
            text = str(known.options.get("condition", known.id))
            why: list[Text] = [known.feedback]
            try:
                context = context_of(item)
                judgement, holds = classify(read_condition(text, context), context, behaviour, bank)
                index = bank.index(judgement.counterexample) if judgement.counterexample else None
                why.insert(0, Message(f"conditions.class_{judgement.verdict}", {}))
                why += counterexample_text(judgement, holds[index] if index is not None else None)
            except (ExamgradeError, ImportError):  # the parser is not there: the rubric's word
                pass
            mistakes.append(ExplainedMistake(text, known.points, Joined(tuple(why))))
        return ItemExplanation(
            item.field,
            item.points,
            answer=Message("ui.explain_answer", {"value": item.options.get("reference", "-")}),
            steps=(Message(f"conditions.explain_{behaviour}", {}), *solution.steps),
            mistakes=tuple(mistakes),
            notes=tuple(t for t in (item.feedback.get("exact"),) if t),
        )


_KNOWN: dict[tuple[str, int], tuple[Any, tuple[BankMatrix, ...], tuple[bool, ...]]] = {}
_MAX_KNOWN = 256


def _known_holds(known: Any, context: Any, bank: tuple[BankMatrix, ...]) -> tuple[bool, ...] | None:
    """A rubric's known condition on the bank: the same for every student, so computed
    once per (condition, context, bank) and process (an error is raised every time)."""
    text = known.options.get("condition")
    if not text:
        return None
    key = (str(text), id(context))
    found = _KNOWN.get(key)
    if (
        found is not None
        and found[0] is context
        and len(found[1]) == len(bank)
        and all(a is b for a, b in zip(found[1], bank, strict=True))
    ):
        return found[2]
    condition = read_condition(str(text), context)
    holds = tuple(truth(condition, context, m.matrix) for m in bank)
    if len(_KNOWN) >= _MAX_KNOWN:
        _KNOWN.clear()
    _KNOWN[key] = (context, bank, holds)
    return holds


def _reading(condition: Compare) -> Text | None:
    try:
        from examgrade.mathlang.printer import to_text
    except ImportError:  # the printer lands with the parser
        return None
    return Message("conditions.reading", {"value": to_text(condition)})
