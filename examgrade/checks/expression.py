"""The `expression` kind: a formula in the math language, judged by what it computes.

The student's text is parsed with the question context's names, then compared with the
reference on random instances of that context (`mathlang.equivalence`): the reference is
the item's solver (a function of the instance) or, for a rubric author who writes no
Python, `options: {reference: '<expression>'}`. A wrong answer is then compared the same
way with each known mistake (an expression in `options.expression` or `answer`, or a
solver rule), which carries its partial points and bilingual feedback.

Rubric options::

    options:
      context: {...} or a name from the question's `contexts:`   # Context.from_plain
      reference: 'W^t'            # instead of `solver:`
    mistakes:
      - id: transposed
        points: 0.5
        options: {expression: '(W^T)^t'}     # or `answer: ...`, or solver/params
        # a solver rule may carry `options: {display: '...'}`, how `explain` shows it;
        # `options: {swapped_product: true}`: also an answer whose shapes do not fit and
        # that equals the reference once one product's factors are swapped (h_0 W^t)
        feedback: {en: ..., fr: ...}
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any

import numpy as np

from examgrade import kept_values
from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import (
    feedback,
    invalid,
    scalar_answer,
    scale_status,
    unreadable_or_none,
)
from examgrade.errors import MathError, RubricError
from examgrade.i18n import Message, Text
from examgrade.mathlang.ast import BinOp, Expr, walk
from examgrade.mathlang.ast import Node as MathNode
from examgrade.nodes import Node, Scalar
from examgrade.per_object import PerObject

Reference = Expr | Callable[[Mapping[str, Any]], np.ndarray]

#: Evaluation errors that mean "too big to compute" rather than "wrong shapes": the
#: answer cannot be judged at all (invalid), whereas a shape error is a wrong answer.
_LIMIT_MARKERS = ("limit", "too_", "bound", "work", "overflow", "depth", "length")


@lru_cache(maxsize=64)
def _context_from_key(key: str) -> Any:
    from examgrade.mathlang.context import Context

    return Context.from_plain(json.loads(key))


def question_context(options: Mapping[str, Any]) -> Any:
    """The item's context, built once per distinct declaration."""
    return _context_from_key(_context_key(options))


#: JSON texts made from the rubric's own mappings (an item's context, a question's
#: parameters), kept per object: they were written again for every answer, several
#: times (reference, each mistake, the memo's key), a fifth of a fresh formula's
#: bookkeeping (issue 17). Keyed by the objects' ids and held with them, so an id is
#: never reused while its entry lives; rubrics are loaded once and never changed.
_JSON: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = {}
_MAX_JSON = 1024


def _kept_json(kind: str, objects: tuple[Any, ...], make: Callable[[], str]) -> str:
    key = (kind, *map(id, objects))
    found = _JSON.get(key)
    if found is not None and all(map(_is, found[0], objects)):
        return found[1]
    text = make()
    if len(_JSON) >= _MAX_JSON:
        _JSON.clear()
    _JSON[key] = (objects, text)
    return text


def _is(a: object, b: object) -> bool:
    return a is b


def _context_key(options: Mapping[str, Any]) -> str:
    """`options.context` as the JSON text the caches are keyed on."""
    return _CONTEXT_KEYS(options.get("context"))


_CONTEXT_KEYS: PerObject[Any, str] = PerObject(
    lambda declared: json.dumps(declared or {}, sort_keys=True), _MAX_JSON
)


@lru_cache(maxsize=512)
def _parse_cached(text: str, key: str) -> Expr:
    from examgrade.mathlang.parser import parse

    return parse(text, _context_from_key(key).names())


def parse_in(text: str, options: Mapping[str, Any]) -> Expr:
    """A rubric's expression (reference or mistake), parsed with the context's names."""
    return _parse_cached(text, _context_key(options))


def _parse_student(text: str, context: Any) -> Expr:
    from examgrade.mathlang.parser import parse

    return parse(text, context.names())


@dataclass(frozen=True)
class Reading:
    """An answer's text read as an expression: `expr` is graded; `others` are the other
    sides of an equation or chain that could be read, each of which must agree with it;
    `guess` says words or unreadable sides (`h_t =`, `(constant in x)`) were set aside."""

    expr: Expr
    others: tuple[Expr, ...] = ()
    guess: bool = False
    last_error: MathError | None = None  # the last side could not be read (`... = J`)


_ARITY: dict[int, tuple[Any, dict[str, int], frozenset[str]]] = {}


def _arity(context: Any) -> tuple[dict[str, int], frozenset[str]]:
    """How many indices each name takes, and the context's index letters (kept per
    context object: contexts are built once per declaration)."""
    kept = _ARITY.get(id(context))
    if kept is not None and kept[0] is context:
        return kept[1], kept[2]
    arity: dict[str, int] = {}
    for sym in context.symbols:
        for spelling in (sym.name, *sym.aliases):
            arity[spelling] = len(sym.shape)
    letters = set(context.indices)
    if context.free_index:
        letters.add(context.free_index)
    if len(_ARITY) > 256:
        _ARITY.clear()
    _ARITY[id(context)] = (context, arity, frozenset(letters))
    return arity, frozenset(letters)


def _prepare(text: str, context: Any, rules: Mapping[str, Any]) -> str:
    """The rewrites that are the course's own notation (`examgrade.reading.math`)."""
    from examgrade.reading.math import (
        accents,
        brace_indices,
        call_indices,
        define,
        definitions,
        expectation_samples,
        math_words,
        scripts,
    )
    from examgrade.reading.surface import surface
    from examgrade.reading.untold import untold

    arity, letters = _arity(context)
    protected = letters.union(arity)
    text = untold(accents(scripts(surface(text))), protected)
    text = math_words(definitions(text, protected))
    text = brace_indices(call_indices(text, arity, letters), arity, letters)
    if rules:
        if rules.get("define"):
            text = define(text, rules["define"])
        if rules.get("samples"):
            text = expectation_samples(text, rules["samples"])
    return text


def read_answer(text: str, context: Any, options: Mapping[str, Any]) -> Reading:
    """The student's text as an expression. As typed when the grammar reads it; else an
    equation or chain (`h_t = ...`, `J = prod ... = W^t`) graded on its last side, with
    prose in brackets or after a comma set aside (`W (constant, does not depend on x)`).
    The other sides that can be read must agree with the last one (the caller checks);
    a side that cannot (`h_t`, `∂h_t/∂h_0`) is the name of what is asked. What cannot be
    read at all raises the grammar's error on the last side (or the whole text)."""
    from examgrade.reading import split_sides, strip_remarks

    prepared = _prepare(text, context, options.get("read") or {})
    first: MathError | None = None
    if "=" not in prepared or len(split_sides(prepared)) == 1:
        try:
            return Reading(_parse_student(prepared, context))
        except MathError as error:
            first = error
    stripped = strip_remarks(prepared, known=context.names())
    sides = split_sides(stripped.core)
    if first is not None and len(sides) == 1 and not stripped.remarks:
        raise first
    parsed: list[Expr | None] = []
    errors: list[MathError] = []
    for side in sides:
        try:
            parsed.append(_parse_student(side, context))
        except MathError as error:
            parsed.append(None)
            errors.append(error)
    last_error = None
    if parsed[-1] is None:  # placed in the text as typed when it can be
        error = errors[-1]
        offset = prepared.rfind(sides[-1]) if prepared == text and sides[-1] else -1
        if offset >= 0 and error.location.column is not None:
            moved = replace(error.location, column=error.location.column + offset)
            last_error = MathError(error.code, error.params, moved)
        else:
            last_error = first or error
    if not any(expr is not None for expr in parsed):
        assert last_error is not None
        raise last_error from None
    # the answer is the last side that reads (`W^t = J` is W^t); the others that read
    # are checked against it (a name such as `J` or `h_t` reads as nothing)
    at = max(i for i, expr in enumerate(parsed) if expr is not None)
    last = parsed[at]
    assert last is not None
    others = [expr for i, expr in enumerate(parsed) if expr is not None and i != at]
    return Reading(last, tuple(others), guess=True, last_error=last_error)


def _to_text(expr: Expr) -> str:
    from examgrade.mathlang.printer import to_text

    return to_text(expr)


def _same(
    student: Expr,
    reference: Reference,
    context: Any,
    seed: int,
    values: dict[Any, Any] | None = None,
) -> str:
    """equal / different / undecided, as the evaluator's equivalence says. `values`
    keeps the student's values between the comparisons of one judgement."""
    from examgrade.mathlang.equivalence import equivalent

    if not callable(reference) and student == reference:
        return "equal"
    return str(equivalent(student, reference, context, seed=seed, values=values).verdict)


@dataclass(frozen=True)
class _Judgement:
    """How an answer grades: the verdict and, for a known mistake, which one."""

    verdict: str  # equal | mistake | different | undecided | unevaluable | sides
    mistake: Any = None
    error: MathError | None = None
    swap: tuple[str, str] | None = None  # the product written, and the one that fits
    side: Expr | None = None  # for `sides`: the side that differs from the last


_SOLVED: dict[tuple[str, str, bytes], np.ndarray] = {}
_MAX_SOLVED = 4096


def _instance_digest(instance: Mapping[str, Any]) -> bytes:
    known = getattr(instance, "digest", None)  # a drawn instance's, read at once
    if isinstance(known, bytes):
        return known
    from examgrade.mathlang.context import instance_digest

    return instance_digest(instance)


def _solved(ctx: CheckContext, solver: str, *layers: Mapping[str, Any]) -> Reference:
    """The solver's reference, remembered per instance: instances come from fixed seeds,
    so a class of students is checked on the same few, each measured once. `layers`:
    the parameters given to the solver, each over the one before (the item's, a
    mistake's)."""
    params = layers[0] if len(layers) == 1 else {k: v for m in layers for k, v in m.items()}
    fn = ctx.solve(solver, params).value
    parameters = ctx.parameters
    key = _kept_json(
        "solved",
        (parameters, *layers),
        lambda: json.dumps({**parameters, **params}, sort_keys=True, default=str),
    )

    def value(instance: Mapping[str, Any]) -> np.ndarray:
        slot = (solver, key, _instance_digest(instance))
        if slot not in _SOLVED:
            kept_values.need("solved")
        if slot not in _SOLVED:
            if len(_SOLVED) >= _MAX_SOLVED:
                _SOLVED.clear()
            _SOLVED[slot] = np.asarray(fn(instance))
        return _SOLVED[slot]

    return value


def solved_values() -> dict[tuple[str, str, bytes], np.ndarray]:
    """The solvers' values on drawn instances this process computed (`_solved`): pure and
    the same for every sheet, so `engine.solutions_kept` keeps them between runs."""
    return {slot: value for slot, value in _SOLVED.items() if isinstance(slot[0], str)}


def add_solved_values(values: Mapping[tuple[str, str, bytes], np.ndarray]) -> None:
    """Values a previous run kept (`solved_values`), as if computed here."""
    for slot, value in values.items():
        if len(_SOLVED) < _MAX_SOLVED:
            _SOLVED.setdefault(slot, value)


class _Held:
    """A rubric's expression as a key, its hash computed once: a tree's hash walks the
    whole tree, and `_memoized` looked its values up on every instance of every
    comparison with a known mistake (issue 17). Equal to the same expression however
    often it is parsed, as the expression itself is."""

    __slots__ = ("expr", "hash")

    def __init__(self, expr: Expr) -> None:
        self.expr = expr
        self.hash = hash(expr)

    def __hash__(self) -> int:
        return self.hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Held) and (other.expr is self.expr or other.expr == self.expr)


_held: PerObject[Expr, _Held] = PerObject(_Held, 1024)  # each expression's key, made once


def _memoized(expr: Expr, options: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], Any]:
    """A rubric's mistake expression as a function of the instance, each value computed
    once per process (the instances come from fixed seeds)."""
    from examgrade.mathlang.evaluate import evaluate

    key = _context_key(options)
    context = _context_from_key(key)
    held = _held(expr)

    def value(instance: Mapping[str, Any]) -> np.ndarray:
        slot = (held, key, _instance_digest(instance))
        if slot not in _SOLVED:
            if len(_SOLVED) >= _MAX_SOLVED:
                _SOLVED.clear()
            _SOLVED[slot] = np.asarray(evaluate(expr, context, instance))
        return _SOLVED[slot]

    return value


def _reference(ctx: CheckContext) -> Reference:
    item = ctx.item
    if item.solver:
        return _solved(ctx, item.solver, item.params)
    return parse_in(str(item.options["reference"]), item.options)


def _mistake_reference(mistake: Any, ctx: CheckContext) -> Reference:
    options = ctx.item.options
    text = mistake.options.get("expression", mistake.answer)
    if text is not None:
        return parse_in(str(text), options)
    solver = mistake.solver or ctx.item.solver
    return _solved(ctx, solver, ctx.item.params, mistake.params)


def _judge(student: Expr, ctx: CheckContext, context: Any) -> _Judgement:
    values: dict[Any, Any] = {}  # the student's values, evaluated once per instance
    try:
        verdict = _same(student, _reference(ctx), context, ctx.seed, values)
    except MathError as error:
        verdict, failure = "unevaluable", error
    else:
        failure = None
    if verdict == "equal":
        return _Judgement("equal")
    for mistake in ctx.item.mistakes:
        if not _has_rule(mistake):
            continue
        reference = _mistake_reference(mistake, ctx)
        if not callable(reference):
            if student == reference:  # the very spelling (also for a mistake with no value)
                return _Judgement("mistake", mistake)
            if not _evaluable(reference, ctx.item.options):
                continue
            reference = _memoized(reference, ctx.item.options)
        try:
            if _same(student, reference, context, ctx.seed, values) == "equal":
                return _Judgement("mistake", mistake)
        except MathError:
            continue
    if failure is not None and failure.code == "evaluate.product_shapes":
        swapped = _swapped_product(student, ctx, context)
        if swapped is not None:
            return _Judgement("mistake", swapped[0], swap=swapped[1])
    return _Judgement(verdict, error=failure)


def _flag(mistake: Any, name: str) -> bool:
    return str(mistake.options.get(name, "")).strip().lower() in ("true", "yes", "1")


def _has_rule(mistake: Any) -> bool:
    """A mistake found by value: an expression, or a solver rule (not a bare flag)."""
    text = mistake.options.get("expression", mistake.answer)
    return text is not None or bool(mistake.solver) or bool(mistake.params)


_MAX_SWAPS = 16


def _swapped_product(student: Expr, ctx: CheckContext, context: Any) -> Any:
    """The `swapped_product` mistake when the answer, whose shapes do not fit, equals the
    reference once the two factors of one of its products are swapped (`h_0 W^t`)."""
    flagged = [m for m in ctx.item.mistakes if _flag(m, "swapped_product")]
    if not flagged:
        return None
    products = [n for n in walk(student) if isinstance(n, BinOp) and n.op == "*"]
    for node in products[:_MAX_SWAPS]:
        turned = replace(node, left=node.right, right=node.left)
        fixed = _substitute(student, node, turned)
        try:
            if _same(fixed, _reference(ctx), context, ctx.seed) == "equal":
                from examgrade.mathlang.printer import show

                return flagged[0], (show(node), show(turned))
        except MathError:
            continue
    return None


def _substitute(tree: Any, target: Any, new: Any) -> Any:
    """`tree` with the node `target` (by identity) replaced by `new`."""
    if tree is target:
        return new
    changes = {}
    for spec in fields(tree):
        value = getattr(tree, spec.name)
        if isinstance(value, MathNode):
            changed = _substitute(value, target, new)
            if changed is not value:
                changes[spec.name] = changed
        elif isinstance(value, tuple) and any(isinstance(v, MathNode) for v in value):
            items = tuple(
                _substitute(v, target, new) if isinstance(v, MathNode) else v for v in value
            )
            if any(a is not b for a, b in zip(items, value, strict=True)):
                changes[spec.name] = items
    return replace(tree, **changes) if changes else tree


def _first_draw(context: Any, seed: int) -> Any:
    """`context.draw(default_rng(seed))`, drawn once per process (`fixed_draw`)."""
    from examgrade.mathlang.context import fixed_draw

    return fixed_draw(context, seed, (0,))


@lru_cache(maxsize=512)
def _evaluable_key(held: _Held, key: str, seed: int) -> bool:
    from examgrade.mathlang.evaluate import evaluate

    context = _context_from_key(key)
    try:
        evaluate(held.expr, context, _first_draw(context, seed))
    except MathError:
        return False
    return True


def _evaluable(expr: Expr, options: Mapping[str, Any]) -> bool:
    """Whether a rubric's mistake expression has a value at all (`h_0 W^t` has none:
    such a mistake is recognised only when the answer reads the same)."""
    return _evaluable_key(_held(expr), _context_key(options), 0)  # the tree hashed once


@dataclass(frozen=True)
class _Assessment:
    """An answer text read and judged: the same text always grades the same for an item,
    so a class's repeated answers are judged once (the outcome is rebuilt per sheet, for
    the line and column of its own node)."""

    student: Expr | None
    parse_error: MathError | None = None
    judgement: _Judgement | None = None
    guess: bool = False


_ASSESSED: dict[tuple[int, int, str, str], tuple[Any, _Assessment]] = {}
_MAX_ASSESSED = 4096


def _assess(text: str, ctx: CheckContext) -> _Assessment:
    parameters = ctx.parameters
    shown = _kept_json(
        "parameters", (parameters,), lambda: json.dumps(dict(parameters), default=str)
    )
    key = (id(ctx.item), ctx.seed, shown, text)
    cached = _ASSESSED.get(key)
    if cached is not None and cached[0] is ctx.item:
        return cached[1]
    context = question_context(ctx.item.options)
    try:
        reading = read_answer(text, context, ctx.item.options)
    except MathError as error:
        assessment = _Assessment(None, parse_error=error)
    else:
        if reading.others and _is_name(reading.expr, context, ctx.seed):
            reading = _valued_side(reading, context, ctx.seed)
        if reading.last_error is not None and not _evaluable_student(
            reading.expr, context, ctx.seed
        ):  # `h_t = <what cannot be read>`: the name alone is no answer
            assessment = _Assessment(None, parse_error=reading.last_error)
        else:
            student = reading.expr
            judgement = _judge(student, ctx, context)
            if judgement.verdict in ("equal", "mistake"):
                judgement = _sides_agree(reading, judgement, ctx, context)
            assessment = _Assessment(student, judgement=judgement, guess=reading.guess)
    if len(_ASSESSED) >= _MAX_ASSESSED:
        _ASSESSED.clear()
    _ASSESSED[key] = (ctx.item, assessment)
    return assessment


def _sides_agree(reading: Reading, judgement: _Judgement, ctx: CheckContext, context: Any) -> Any:
    """The judgement of the last side, unless another side of the equation differs
    from it: working shown with `=` must be right to be graded on its result."""
    for side in reading.others:
        if _is_name(side, context, ctx.seed):
            continue  # a name (`h_t`): what is asked, not a value to check
        try:
            verdict = _same(side, reading.expr, context, ctx.seed)
        except MathError:
            verdict = "different"
        if verdict != "equal":
            return _Judgement("sides", side=side)
    return judgement


def _valued_side(reading: Reading, context: Any, seed: int) -> Reading:
    """A chain whose last side has no value (`... = h_t`) graded on the last that has."""
    sides = [*reading.others, reading.expr]
    valued = [i for i, side in enumerate(sides) if _evaluable_student(side, context, seed)]
    if not valued:
        return reading
    at = valued[-1]
    others = tuple(side for i, side in enumerate(sides) if i != at)
    return Reading(sides[at], others, guess=True)


def _evaluable_student(expr: Expr, context: Any, seed: int) -> bool:
    """Whether a side of the student's equation has a value on an instance."""
    from examgrade.mathlang.evaluate import evaluate

    try:
        evaluate(expr, context, _first_draw(context, seed))
    except MathError:
        return False
    return True


#: Errors that say a side is math with no value (`tr(W)` of a non-square W, a sum of a
#: vector and a matrix): a wrong side, never the name of what is asked.
_WRONG_MATH = frozenset(
    "evaluate." + code
    for code in [
        *("not_square", "add_shapes", "product_shapes", "divide_shapes", "odot_shapes"),
        *("compare_shapes", "transpose_shape", "power_shape", "exponent_shape"),
        *("exponent_not_integer", "singular", "division_by_zero", "log_zero", "arity"),
        "identity_size",
    ]
)


def _is_name(expr: Expr, context: Any, seed: int) -> bool:
    """Whether a side that reads is a name (`h_t`) rather than a value: it has no value
    on an instance, and not because its math is wrong (`λ tr(W)`, W not square)."""
    from examgrade.mathlang.evaluate import evaluate

    try:
        evaluate(expr, context, _first_draw(context, seed))
    except MathError as error:
        return error.code not in _WRONG_MATH
    return False


def _is_limit(error: MathError) -> bool:
    code = error.code.lower()
    return any(marker in code for marker in _LIMIT_MARKERS)


@register_check
class ExpressionCheck:
    """A formula graded by equivalence on random instances of the question's context."""

    name = "expression"
    form = "expr"  # the template says what to write (template.form_expr)

    def validate(self, item: Any) -> None:
        """A context, exactly one reference (solver or expression), readable mistakes."""
        options = item.options
        if not isinstance(options.get("context"), Mapping):
            raise RubricError("rubric.missing_key", {"key": "options.context"}, item.location)
        if bool(item.solver) == ("reference" in options):
            raise RubricError("expression.rubric_reference", {}, item.location)
        where = item.location  # the mistake being read, when one is
        try:
            question_context(options)
            if "reference" in options:
                parse_in(str(options["reference"]), options)
            for mistake in item.mistakes:
                text = mistake.options.get("expression", mistake.answer)
                where = mistake.location if mistake.location.line else item.location
                if text is not None:
                    parse_in(str(text), options)
                elif not (
                    mistake.solver
                    or (item.solver and mistake.params)
                    or _flag(mistake, "swapped_product")
                ):
                    raise RubricError(
                        "expression.rubric_mistake", {"id": mistake.id}, mistake.location
                    )
        except MathError as error:
            raise RubricError(
                "expression.rubric_unreadable", {"detail": error.message}, where
            ) from None
        except RubricError as error:
            if error.location.line is None:
                raise RubricError(error.code, error.params, item.location) from None
            raise

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        answer = scalar_answer(answer, Message("expression.shape", {}))
        if isinstance(answer, Outcome):
            return answer
        assessment = _assess(answer.text, ctx)
        if assessment.student is None:
            assert assessment.parse_error is not None
            return invalid(assessment.parse_error, answer)
        given = _to_text(assessment.student)
        reading = Message("expression.reading", {"text": given})
        told: tuple[Message, ...] = ()
        if assessment.guess:  # words or sides set aside: say how the answer was read
            shown = " ".join(answer.text.split())
            shown = shown if len(shown) <= 100 else shown[:99] + "…"
            reading = Message("expression.read_as", {"text": shown, "graded": given})
            told = (reading,)
        judgement = assessment.judgement
        assert judgement is not None
        points = ctx.item.points
        if judgement.verdict == "equal":
            correct = feedback(ctx, "correct", given=given) + told
            return Outcome(points, "correct", correct, reading=reading)
        if judgement.verdict == "sides":
            assert judgement.side is not None
            differ = Message(
                "expression.sides_differ", {"side": _to_text(judgement.side), "graded": given}
            )
            return Outcome(0.0, "incorrect", (differ, *told), reading=reading)
        if judgement.verdict == "mistake":
            mistake = judgement.mistake
            score = min(points, mistake.points)
            named: tuple[Text, ...] = ()
            if judgement.swap is not None:  # the product the student wrote, not the rubric's
                written, fix = judgement.swap
                named = (Message("expression.swapped_product", {"written": written, "fix": fix}),)
            return Outcome(
                score,
                scale_status(score, points),  # type: ignore[arg-type]
                (*named, mistake.feedback.with_params(given=given), *told),
                reading=reading,
                mistake=mistake.id,
            )
        if judgement.verdict == "unevaluable" and judgement.error is not None:
            located = invalid(judgement.error, answer)
            if _is_limit(judgement.error):
                return replace(located, reading=reading)
            return replace(located, status="incorrect", reading=reading)
        if judgement.verdict == "undecided":
            return Outcome(
                0.0,
                "incorrect",
                (Message("expression.undecided", {}),),
                review=True,
                awaiting=points,
                reading=reading,
            )
        wrong = feedback(ctx, "incorrect", given=given) + told
        return Outcome(0.0, "incorrect", wrong, reading=reading)

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> Hashable | None:
        """Answers that grade alike by equivalence share a fingerprint: the correct ones
        all together, each known mistake together, other answers by their values on the
        context's fixed instances (rounded)."""
        if not isinstance(answer, Scalar) or unreadable_or_none(answer):
            return None
        try:
            assessment = _assess(answer.text, ctx)
            judgement, student = assessment.judgement, assessment.student
            if judgement is None or student is None:
                return None
            if judgement.verdict == "equal":
                return ("correct",)
            if judgement.verdict == "mistake":
                return ("mistake", judgement.mistake.id)
            if judgement.verdict != "different":
                return None
            return ("values", *_values(student, question_context(ctx.item.options), ctx.seed))
        except Exception:  # a fingerprint never fails a grouping: fall back to the text
            return None

    def explain(self, ctx: CheckContext) -> Any:
        """The reference (expression or solver) and each known mistake with its reason."""
        from examgrade.explanations import ExplainedMistake, ItemExplanation

        item = ctx.item
        if item.solver:
            answer = Message("expression.explain_solver", {"solver": item.solver})
        else:
            answer = Message("expression.explain_reference", {"text": item.options["reference"]})
        mistakes = []
        for mistake in item.mistakes:
            shown = _shown(mistake, item)
            mistakes.append(
                ExplainedMistake(shown, mistake.points, mistake.feedback.with_params(given=shown))
            )
        correct = item.feedback.get("correct")
        return ItemExplanation(
            item.field,
            item.points,
            answer=answer,
            mistakes=tuple(mistakes),
            notes=(correct.with_params(given=""),) if correct else (),
        )


def _shown(mistake: Any, item: Any) -> str:
    """How `explain` writes a mistake: its display text, its expression, or its rule."""
    text = mistake.options.get("display", mistake.options.get("expression", mistake.answer))
    if text is not None:
        return str(text)
    rule = mistake.solver or item.solver or ""
    return f"{rule} {json.dumps(dict(mistake.params), sort_keys=True)}" if mistake.params else rule


def _values(student: Expr, context: Any, seed: int, draws: int = 3) -> tuple[float, ...]:
    """The student's values on fixed instances, to 6 significant digits. Each is the
    next draw from `default_rng(seed)`, its index the count of values so far: the same
    instances for every answer of the same sizes, drawn once (`fixed_draw`)."""
    from examgrade.mathlang.context import fixed_draw
    from examgrade.mathlang.evaluate import evaluate

    values: list[float] = []
    indices: tuple[int, ...] = ()
    for _ in range(draws):
        indices = (*indices, len(values))
        instance = fixed_draw(context, seed, indices)
        result = np.asarray(evaluate(student, context, instance), dtype=float).reshape(-1)
        values.extend(float(f"{v:.6g}") for v in result)
    return tuple(values)
