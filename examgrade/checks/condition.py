"""The `condition` kind: a condition on a matrix (`vanishes_if: rho(W) < 1`) judged by
what the matrix actually does on a bank of matrices, never by comparing text.

The student's comparison (`rho(W) < 1`, reversed `1 > rho(W)`, chained `0 <= rho(W) < 1`)
is parsed in the parser's "condition" mode, both sides are evaluated by the evaluator on
every matrix of the solver's bank, and `judge` classifies it: exact,
sufficient only, necessary only, swapped or wrong. Points and feedback per class come
from the rubric (`options.points`, `feedback.<class>`); the feedback shows the matrix
that tells the student's condition from the behaviour. Rubric `mistakes` hold known
conditions (`options: {condition: '||W||_2 < 1'}`): an answer that holds on exactly the
same matrices gets that mistake's feedback too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, Literal, Protocol, TypeVar

import numpy as np

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, invalid, scalar_answer, scale_status
from examgrade.errors import ExamgradeError, Location, MathError, RubricError
from examgrade.i18n import Figures, Joined, Message, Text
from examgrade.mathlang import ast
from examgrade.mathlang.ast import Compare, Expr
from examgrade.nodes import Node, Scalar
from examgrade.solvers.rnn_limits import BankMatrix, powers_of, show_matrix

CLASSES = ("exact", "sufficient", "necessary", "swapped", "wrong")
BEHAVIOURS = ("vanishes", "explodes")
OPPOSITE = {"vanishes": "explodes", "explodes": "vanishes"}

Verdict = Literal["exact", "sufficient", "necessary", "swapped", "wrong"]


class Case(Protocol):
    """One case of a bank: anything with the behaviour computed for it."""

    @property
    def behaviour(self) -> str: ...


C = TypeVar("C", bound=Case)


@dataclass(frozen=True)
class Judgement(Generic[C]):
    verdict: Verdict
    counterexample: C | None = None  # the case that shows what is missing


def judge(
    holds: Sequence[bool],
    behaviour: str,
    bank: Sequence[C],
    opposite: Mapping[str, str] = OPPOSITE,
) -> Judgement[C]:
    """A predicate (its truth on each case of the bank) against the behaviour it claims
    to characterise (computed for each case): exact when it holds on exactly the cases
    that behave so; sufficient when it implies the behaviour but misses some cases (the
    counterexample: one of those); necessary when the behaviour implies it but it holds
    on other cases too; swapped when it characterises the opposite behaviour; else wrong."""
    holds = [bool(h) for h in holds]
    target = [case.behaviour == behaviour for case in bank]
    if holds == target:
        return Judgement("exact")
    if holds == [case.behaviour == opposite.get(behaviour) for case in bank]:
        return Judgement("swapped", _first(bank, holds, target, True, False))
    not_sufficient = _first(bank, holds, target, True, False)  # holds, yet no such behaviour
    not_necessary = _first(bank, holds, target, False, True)  # behaves so, yet it fails
    if not_sufficient is None:
        return Judgement("sufficient", not_necessary)
    if not_necessary is None:
        return Judgement("necessary", not_sufficient)
    return Judgement("wrong", not_sufficient)


def _first(bank: Sequence[C], holds: list[bool], target: list[bool], h: bool, t: bool) -> C | None:
    return next((m for m, a, b in zip(bank, holds, target, strict=True) if a == h and b == t), None)


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
    from examgrade.reading.conditions import cause, condition_text
    from examgrade.reading.surface import surface

    typed = text
    try:
        return read_condition(text, ctx), False
    except MathError as error:
        text = surface(text)  # `$...$`, `=> ...`, Word's italics: what carried it
        core = strip_remarks(text, known=ctx.names()).core
        matrix = _matrix_name(ctx)
        head = cause(text)  # `ρ(W) < 1 ⇒ W^t → 0`: the condition, not what it implies
        implied = (head, condition_text(head, matrix)) if head else ()
        for attempt in (
            text,
            core,
            condition_text(text, matrix),
            condition_text(core, matrix),
            *implied,
        ):
            if attempt and attempt != typed:
                try:
                    return read_condition(attempt, ctx), True
                except MathError:
                    continue
        raise error from None


def _matrix_name(ctx: Any) -> str:
    """The condition's matrix: the context's first symbol with two dimensions."""
    return next((s.name for s in ctx.symbols if len(s.shape) == 2), "W")


def truth(
    condition: Compare,
    ctx: Any,
    matrix: np.ndarray,
    instance: Any = None,
    constants: dict[int, Any] | None = None,
) -> bool:
    """Whether the (possibly chained) comparison holds for W = `matrix` (evaluated on
    `instance` when given: a built matrix's own kept instance, `_scaled`). `constants`:
    see `_side_value`."""
    instance = instance if instance is not None else _instance(matrix)
    values = [
        _scalar(_side_value(side, ctx, instance, constants), side) for side in condition.operands
    ]
    return all(
        _COMPARE[op](a, b, _REL_TOL * max(1.0, abs(a), abs(b)))
        for op, a, b in zip(condition.ops, values, values[1:], strict=False)
    )


#: Nodes whose value never depends on the instance: a side made only of these (`1`,
#: `1/2`, `sqrt(2) - 0.1`) reads no symbol, size or index.
_CONSTANT_NODES = (ast.Num, ast.Neg, ast.BinOp, ast.Call, ast.Norm, ast.Transpose)
#: What `_sides` turns into "cannot be evaluated here": kept and raised again.
_SIDE_ERRORS = (ExamgradeError, ArithmeticError, ValueError)


def _side_value(side: Expr, ctx: Any, instance: Any, constants: dict[int, Any] | None) -> Any:
    """The side's value on the instance. A side that reads no name (the threshold of
    nearly every condition: `1`, `1/2`) has the same value, or raises the same error, at
    every matrix: with `constants` (one dict per classification, keyed by the side's
    identity) it is evaluated once, not once per matrix of the bank and the probes."""
    from examgrade.mathlang.evaluate import evaluate

    if constants is None:
        return evaluate(side, ctx, instance)
    found = constants.get(id(side))
    if found is None:
        if not all(isinstance(node, _CONSTANT_NODES) for node in ast.walk(side)):
            found = constants[id(side)] = (False, None)
        else:
            try:
                found = (True, evaluate(side, ctx, instance))
            except _SIDE_ERRORS as error:
                found = (True, error)
            constants[id(side)] = found
    constant, value = found
    if not constant:
        return evaluate(side, ctx, instance)
    if isinstance(value, BaseException):
        raise value
    return value


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


def classify(
    condition: Compare,
    ctx: Any,
    behaviour: str,
    bank: tuple[BankMatrix, ...],
    constants: dict[int, Any] | None = None,
):
    """The judgement over the bank and the matrices built from the condition itself
    (`probes`), the matrices used, and the truth vector over them (equal vectors, equal
    grades). The bank alone would let a threshold slip between its matrices.
    `constants`: the sides that read no name, evaluated once (`_side_value`)."""
    constants = {} if constants is None else constants
    built = probes(condition, ctx, constants)
    matrices = bank + tuple(m for m, _ in built)
    holds = tuple(truth(condition, ctx, m.matrix, None, constants) for m in bank) + tuple(
        truth(condition, ctx, m.matrix, instance, constants) for m, instance in built
    )
    return judge(holds, behaviour, matrices), holds, matrices


_JUDGED: dict[tuple[Any, ...], tuple[Any, tuple[BankMatrix, ...], Any]] = {}
_MAX_JUDGED = 1024  # a text's entry and its condition's (`_classified`)


def judged_answer(text: str, ctx: Any, behaviour: str, bank: tuple[BankMatrix, ...]) -> Any:
    """The student's condition read (`read_student_condition`) and `classify`-ed, as
    (condition, guessed, (judgement, holds, matrices)); its MathError raised again. Kept
    per text, context, behaviour and bank (by identity) and process: a worker grades an
    answer and then takes its group key (`fingerprint`), and both need the same
    classification, half of the kind's time when every answer is distinct (issue 17)."""
    key = (text, id(ctx), behaviour, tuple(id(m) for m in bank))
    result = _recall(_JUDGED, key, ctx, bank)
    if result is None:
        try:
            condition, guessed = read_student_condition(text, ctx)
            result = (condition, guessed, _classified(condition, ctx, behaviour, bank))
        except MathError as error:
            result = error
        _remember(_JUDGED, _MAX_JUDGED, key, (ctx, bank, result))
    if isinstance(result, MathError):
        raise result
    return result


def _classified(condition: Compare, ctx: Any, behaviour: str, bank: tuple[BankMatrix, ...]):
    """`classify`, kept per condition as well as per text (in `_JUDGED`): texts that
    differ but read the same (`rho(W)<1`, `\\rho(W) < 1`, `ρ(W) < 1`), or whose threshold
    is written otherwise (`1`, `1.0`, `2/2`, `1 + 0*3`), are the same comparison of the
    same values on every matrix, so they get the same judgement, truths and matrices. A
    classification that raised is not kept this way: its error names the text."""
    constants: dict[int, Any] = {}
    shape = _condition_key(condition, ctx, bank, constants)
    if shape is None:
        return classify(condition, ctx, behaviour, bank, constants)
    key = ("condition", shape, id(ctx), behaviour, tuple(id(m) for m in bank))
    result = _recall(_JUDGED, key, ctx, bank)
    if result is None:
        result = classify(condition, ctx, behaviour, bank, constants)
        _remember(_JUDGED, _MAX_JUDGED, key, (ctx, bank, result))
    return result


def _condition_key(
    condition: Compare, ctx: Any, bank: tuple[BankMatrix, ...], constants: dict[int, Any]
) -> tuple[Any, ...] | None:
    """What `classify` reads of a condition: its operators, each side that reads a name
    as a tree (equal trees, equal values: spans are no part of equality), and each side
    that reads none by its value (evaluated once, into `constants`), bit for bit. None
    when a constant side has no single value (its error is the text's own)."""
    if not bank:
        return None
    sides: list[Any] = []
    for side in condition.operands:
        if not all(isinstance(node, _CONSTANT_NODES) for node in ast.walk(side)):
            sides.append(("tree", side))
            continue
        try:
            value = np.asarray(_side_value(side, ctx, _instance(bank[0].matrix), constants))
        except _SIDE_ERRORS:
            return None
        if value.size != 1:
            return None
        sides.append(("value", value.dtype.str, value.shape, value.tobytes()))
    return (condition.ops, tuple(sides))


_SCALES = tuple(float(s) for s in np.geomspace(1e-3, 1e3, 13))
_ITERATIONS = 40
_STEP = 1e-4  # probes sit this far (relative) on each side of a threshold or of ρ = 1
_MAX_PROBES = 60


def probes(
    condition: Compare, ctx: Any, constants: dict[int, Any] | None = None
) -> tuple[tuple[BankMatrix, Any], ...]:
    """Counterexample candidates built from the student's own condition: base shapes
    (`probe_bases`: normal, non-normal, rotations, negative eigenvalues, a Jordan block)
    scaled to just below and just above each point where the condition's sides cross
    (its thresholds, whatever it measures: ρ, a norm, an entry, a trace), half-way from
    there to ρ = 1, then the other shapes just below and above ρ = 1. Sides that cannot be
    evaluated at a scale are skipped there; the bank's own matrices still report such
    errors. Each comes with its kept instance (`_scaled`)."""
    from examgrade.solvers.rnn_limits import probe_bases

    bases = probe_bases()
    scaled: list[tuple[int, float]] = []
    for index, (_, _base, crossing) in enumerate(bases):
        if not crossing:
            continue
        for a, b in zip(condition.operands, condition.operands[1:], strict=False):
            for c in _crossings(a, b, ctx, index, constants):
                scaled += [(index, c * (1 - _STEP)), (index, c * (1 + _STEP))]
                if c != 1:  # between the threshold and ρ = 1, however close the two
                    scaled.append((index, float(np.sqrt(c))))
    for index, (_, _base, crossing) in enumerate(bases):
        if not crossing:  # the others have theirs among the crossings (ρ = 1 is one of them)
            scaled += [(index, 1 - _STEP), (index, 1 + _STEP)]
    found: dict[tuple[int, float], tuple[BankMatrix, Any]] = {}
    for index, scale in scaled:
        key = (index, round(scale, 12))
        if key not in found and len(found) < _MAX_PROBES:
            found[key] = _scaled(index, scale)
    return tuple(found.values())


_SCALED: dict[tuple[int, float], tuple[BankMatrix, Any]] = {}
_MAX_SCALED = 2048


def _scaled(index: int, scale: float) -> tuple[BankMatrix, Any]:
    """Base `index` times `scale`, as a probe and a drawn instance kept per process: the
    scales tried for every answer (the scan, 1, 2, 4, ρ = 1 ± step) and the thresholds a
    class shares are built once, and the evaluator keeps `rho(W)` and the like on them."""
    from examgrade.mathlang.context import Drawn
    from examgrade.solvers.rnn_limits import probe, probe_bases

    key = (index, round(scale, 12))
    found = _SCALED.get(key)
    if found is None:
        name, base, _ = probe_bases()[index]
        made = probe(name, base * key[1])
        if len(_SCALED) >= _MAX_SCALED:
            _SCALED.clear()
        found = _SCALED[key] = (made, Drawn({"W": made.matrix, "N": base.shape[0]}))
    return found


def _gap(
    a: Expr, b: Expr, ctx: Any, index: int, scale: float, constants: dict[int, Any] | None
) -> float | None:
    sides = _sides(a, b, ctx, index, scale, constants)
    return None if sides is None else sides[0] - sides[1]


def _sides(
    a: Expr, b: Expr, ctx: Any, index: int, scale: float, constants: dict[int, Any] | None = None
) -> tuple[float, float] | None:
    """Both sides at W = scale · base, or None where either cannot be evaluated."""
    instance = _scaled(index, scale)[1]
    try:
        left = _scalar(_side_value(a, ctx, instance, constants), a)
        right = _scalar(_side_value(b, ctx, instance, constants), b)
    except _SIDE_ERRORS:
        return None
    return (left, right) if np.isfinite(left) and np.isfinite(right) else None


def _homogeneous(
    a: Expr, b: Expr, ctx: Any, index: int, constants: dict[int, Any] | None = None
) -> list[float] | None:
    """The crossing at once when one side is constant and the other a power of the scale
    (ρ(sW) = s ρ(W), norms, entries, traces; ||W||^2): c · s^k = bound. None when the
    sides are not of that form (then `_crossings` scans)."""
    seen = [_sides(a, b, ctx, index, s, constants) for s in (1.0, 2.0, 4.0)]
    if any(v is None for v in seen):
        return None
    if len(set(seen)) == 1:
        return []  # neither side moves with the scale (ρ of a nilpotent W): no crossing
    for moving, fixed in ((0, 1), (1, 0)):
        f1, f2, f4 = (v[moving] for v in seen)  # type: ignore[index]
        if len({v[fixed] for v in seen}) != 1 or f1 <= 0 or f2 <= 0:  # type: ignore[index]
            continue
        power = np.log2(f2 / f1)
        if power == 0 or not np.isclose(f4, f1 * 4**power, rtol=1e-9, atol=0):
            continue
        bound = seen[0][fixed]  # type: ignore[index]
        return [float((bound / f1) ** (1 / power))] if bound > 0 else []
    return None


def _crossings(
    a: Expr, b: Expr, ctx: Any, index: int, constants: dict[int, Any] | None = None
) -> list[float]:
    """The scales s at which a − b changes sign at W = s·base: at once for a side that
    is a power of s (`_homogeneous`), else a coarse scan, then the Illinois method on
    each bracket, to a relative width well inside `_STEP`."""
    direct = _homogeneous(a, b, ctx, index, constants)
    if direct is not None:
        return direct
    gaps = [_gap(a, b, ctx, index, s, constants) for s in _SCALES]
    found = []
    for low, high, g_low, g_high in zip(_SCALES, _SCALES[1:], gaps, gaps[1:], strict=False):
        if g_low is None or g_high is None or (g_low > 0) == (g_high > 0):
            continue
        side, previous = 0, 0.0
        for _ in range(_ITERATIONS):
            if high - low <= 1e-7 * high or g_low == g_high:
                break
            middle = float((low * g_high - high * g_low) / (g_high - g_low))
            if not low < middle < high:
                middle = (low + high) / 2
            if abs(middle - previous) <= 1e-9 * middle:
                low = high = middle  # the secant has settled (at once for a linear gap)
                break
            previous = middle
            g_mid = _gap(a, b, ctx, index, middle, constants)
            if g_mid is None:
                break
            if g_mid == 0:
                low = high = middle
                break
            if (g_mid > 0) == (g_low > 0):
                low, g_low = middle, g_mid
                g_high = g_high / 2 if side == -1 else g_high
                side = -1
            else:
                high, g_high = middle, g_mid
                g_low = g_low / 2 if side == 1 else g_low
                side = 1
        found.append((low + high) / 2)
    return found[:4]


def _position(matrices: tuple[BankMatrix, ...], found: BankMatrix | None) -> int | None:
    """Where the counterexample is, by identity (matrices do not compare with ==)."""
    return next((i for i, m in enumerate(matrices) if m is found), None)


def _beside_one(value: float) -> str:
    """Enough digits to show on which side of 1 the value lies (1.0000001 is not "1")."""
    for digits in range(3, 13):
        shown = f"{value:.{digits}g}"
        if (float(shown) > 1) == (value > 1) and (float(shown) < 1) == (value < 1):
            return shown
    return f"{value:.12g}"


def counterexample_text(judgement: Judgement[BankMatrix], holds: bool | None) -> tuple[Text, ...]:
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
                "rho": Figures(_beside_one(float(max(abs(np.linalg.eigvals(m.matrix)))))),
                "sigma": Figures(_beside_one(float(np.linalg.norm(m.matrix, 2)))),
                "norms": Figures(", ".join(f"{v:.3g}" for v in powers_of(m))),
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
            condition, guessed, judged = judged_answer(answer.text, context, behaviour, bank)
        except MathError as error:
            return invalid(error, answer)
        judgement, holds, matrices = judged
        verdict = judgement.verdict
        score = float(ctx.item.options["points"][verdict])
        index = _position(matrices, judgement.counterexample)
        texts: list[Text] = [*feedback(ctx, verdict)]
        texts += counterexample_text(judgement, holds[index] if index is not None else None)
        mistake = None if verdict == "exact" else verdict
        for known in ctx.item.mistakes:
            if verdict != "exact" and _known_holds(known, context, bank) == holds[: len(bank)]:
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

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> tuple[Any, ...] | None:
        """The truth on the bank and on the matrices built from the answer (named by
        their entries): equal fingerprints, equal matrices seen, equal grades."""
        if not isinstance(answer, Scalar):
            return None
        try:
            context = context_of(ctx.item)
            bank = tuple(ctx.solve(ctx.item.solver, ctx.item.params).value)
            behaviour = ctx.item.options["behaviour"]
            _, _, (_, holds, matrices) = judged_answer(answer.text, context, behaviour, bank)
        except ExamgradeError:
            return None
        built = tuple(
            (m.id, m.matrix.tobytes(), h)
            for m, h in zip(matrices[len(bank) :], holds[len(bank) :], strict=True)
        )
        return holds[: len(bank)] + built

    def explain(self, ctx: CheckContext) -> Any:
        """The reference condition, what the bank's powers do, and each known condition
        judged on the bank with the matrix that shows what it gets wrong."""
        from examgrade.explanations import ExplainedMistake, ItemExplanation

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
                judgement, holds, matrices = classify(
                    read_condition(text, context), context, behaviour, bank
                )
                index = _position(matrices, judgement.counterexample)
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
    holds = _recall(_KNOWN, key, context, bank)
    if holds is None:
        condition = read_condition(str(text), context)
        holds = tuple(truth(condition, context, m.matrix) for m in bank)
        _remember(_KNOWN, _MAX_KNOWN, key, (context, bank, holds))
    return holds


def _recall(table: dict, key: Any, context: Any, bank: tuple[BankMatrix, ...]) -> Any:
    """What `table` keeps under `key` for this very context and bank (the key holds their
    ids, which a freed object's successor may reuse: the entry keeps them to make sure),
    or None."""
    found = table.get(key)
    if (
        found is not None
        and found[0] is context
        and len(found[1]) == len(bank)
        and all(a is b for a, b in zip(found[1], bank, strict=True))
    ):
        return found[2]
    return None


def _remember(table: dict, cap: int, key: Any, entry: tuple[Any, Any, Any]) -> None:
    """Keep (context, bank, value) under `key`; a full table starts again (bounded)."""
    if len(table) >= cap:
        table.clear()
    table[key] = entry


def _reading(condition: Compare) -> Text | None:
    try:
        from examgrade.mathlang.printer import to_text
    except ImportError:  # the printer lands with the parser
        return None
    return Message("conditions.reading", {"value": to_text(condition)})
