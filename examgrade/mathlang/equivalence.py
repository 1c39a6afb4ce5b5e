"""Do two expressions agree? On random instances of a question's context, with fixed seeds.

In a question context (matrices, sequences, samples) the student's expression and the
reference (an AST or a solver: instance -> array) are evaluated on several random
instances (sizes with N != M, several t, spectral radius below and above 1); values are
compared with a tolerance relative to their magnitude; a near miss is re-checked on more
instances before it is called equal. In the free mode (scalar expressions, `examgrade
equiv`, conformance), points are exact rationals: exact arithmetic where the
expressions allow it, else two precisions of mpmath so that rounding is told apart from
a true difference; only points where both expressions are real are compared. The seed
is fixed, so a grade never changes between runs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from examgrade.errors import MathError
from examgrade.i18n import Message
from examgrade.mathlang import ast
from examgrade.mathlang.context import Context, Drawn, Instance, drawn_round
from examgrade.mathlang.evaluate import construct_name, evaluate
from examgrade.mathlang.exact import (
    Evaluator,
    TooLarge,
    Undefined,
    as_float,
    variable_name,
    variables,
)

Verdict = Literal["equal", "different", "undecided"]
Reference = ast.Expr | Callable[[Instance], Any]

INSTANCES = 6  # context mode: instances drawn at first
RECHECK = 12  # more instances when a near miss is seen
TARGET_POINTS = 21  # free mode: points where both sides are defined before "equal"
MIN_POINTS = 4  # fewer agreeing points than this: undecided
MAX_TRIES = 120
LOW_DPS, HIGH_DPS = 30, 60


@dataclass(frozen=True)
class Equivalence:
    """The verdict and how sure it is.

    `sure`: "proved" (identical, or a rational identity), "exact" (exact rational
    arithmetic at random points), "samples" (agreement within rounding at random points
    or instances), "counterexample" (a point or instance where they differ), "none".
    """

    verdict: Verdict
    sure: str
    points: int = 0
    how: str = ""
    counterexample: Mapping[str, Any] | None = None
    left: Any = None
    right: Any = None
    reason: str = ""
    shapes: tuple[Any, Any] | None = field(default=None)

    def message(self) -> Message:
        """The verdict for a person, in EN and FR."""
        if self.verdict == "equal":
            if self.sure == "proved":
                how = Message(f"equiv.how_{self.how}", {})
                return Message("equiv.equal_proved", {"how": how})
            code = "equiv.equal_exact" if self.sure == "exact" else "equiv.equal_samples"
            return Message(code, {"points": self.points})
        if self.verdict == "different":
            if self.shapes is not None:
                left, right = self.shapes
                return Message("equiv.different_shape", {"left": left, "right": right})
            left, right = _show_pair(self.left, self.right)
            point = _show_point(self.counterexample or {})
            if point == "-":
                return Message("equiv.different_constant", {"left": left, "right": right})
            return Message("equiv.different", {"point": point, "left": left, "right": right})
        reason = Message(f"equiv.reason_{self.reason or 'domain'}", {"points": self.points})
        return Message("equiv.undecided", {"reason": reason})

    def to_json(self) -> dict[str, Any]:
        """Plain data for `--json`."""
        point = None
        if self.counterexample is not None:
            point = {k: _plain(v) for k, v in self.counterexample.items()}
        return {
            "verdict": self.verdict,
            "sure": self.sure,
            "how": self.how or None,
            "points": self.points,
            "counterexample": point,
            "left": _plain(self.left),
            "right": _plain(self.right),
            "message": self.message().both(),
        }


def equivalent(
    student: ast.Expr,
    reference: Reference,
    ctx: Context,
    seed: int = 0,
    *,
    instances: int = INSTANCES,
    values: dict[Any, Any] | None = None,
) -> Equivalence:
    """Whether `student` agrees with `reference` in `ctx`. A MathError from evaluating
    the student's expression (a shape error, a bound) propagates to the caller.

    `values`: a dict kept by the caller across calls for the same `student` (its values,
    or the error it raised, per instance), so comparing one answer with several
    references evaluates it once per instance."""
    if ctx.free and not callable(reference):
        return scalar_equivalent(student, reference, ctx, seed)
    return _context_equivalent(student, reference, ctx, seed, instances, values)


# -- question contexts ----------------------------------------------------------------


def _context_equivalent(
    student: ast.Expr,
    reference: Reference,
    ctx: Context,
    seed: int,
    instances: int,
    values: dict[Any, Any] | None = None,
) -> Equivalence:
    if callable(reference) and not isinstance(reference, ast.Node):
        solve, rtol = reference, 1e-5  # solvers measure by finite differences
    else:
        ref_ast = reference

        def solve(instance: Instance) -> Any:
            return _reference_value(ref_ast, ctx, instance)  # type: ignore[arg-type]

        rtol = 1e-9
    agreed, near = 0, False
    for number, round_size in enumerate((instances, RECHECK)):
        if round_size == RECHECK and not near:
            break
        for instance in drawn_round(ctx, seed, (instances, RECHECK), number):
            expected = np.asarray(solve(instance))
            got = _student_value(student, ctx, instance, values)
            outcome = _compare(got, expected, rtol)
            if outcome == "skip":
                continue
            if outcome == "different" or (outcome == "near" and round_size == RECHECK):
                shapes = None
                if got.shape != expected.shape:
                    shapes = (
                        _shape_words(got.shape, instance),
                        _shape_words(expected.shape, instance),
                    )
                return Equivalence(
                    "different", "counterexample", agreed, counterexample=instance,
                    left=got, right=expected, shapes=shapes,
                )  # fmt: skip
            near = near or outcome == "near"
            agreed += 1
    if agreed == 0:
        return Equivalence("undecided", "none", 0, reason="domain")
    return Equivalence("equal", "samples", agreed)


def _student_value(
    student: ast.Expr, ctx: Context, instance: Instance, values: dict[Any, Any] | None
) -> np.ndarray:
    """The student's value on a drawn instance, from `values` when computed already (an
    error it raised is raised again, the same)."""
    if values is None or not isinstance(instance, Drawn):
        return np.asarray(evaluate(student, ctx, instance))
    key = (id(ctx), instance.digest)
    found = values.get(key)
    if found is None:
        try:
            found = np.asarray(evaluate(student, ctx, instance))
        except MathError as error:
            found = error
        values[key] = found
    if isinstance(found, MathError):
        raise found
    return found


def _reference_value(reference: ast.Expr, ctx: Context, instance: Instance) -> Any:
    """A reference expression's value, computed once per drawn instance."""
    if not isinstance(instance, Drawn):
        return evaluate(reference, ctx, instance)
    value = instance.memo.get(reference)
    if value is None:
        value = np.asarray(evaluate(reference, ctx, instance))
        value.setflags(write=False)
        if len(instance.memo) >= _MAX_REFERENCES:
            instance.memo.clear()
        instance.memo[reference] = value
    return value


_MAX_REFERENCES = 256  # reference values kept per drawn instance


def _compare(got: np.ndarray, expected: np.ndarray, rtol: float) -> str:
    if got.shape != expected.shape:
        return "different"
    if got.size <= _SMALL and got.dtype == _FLOAT and expected.dtype == _FLOAT:
        return _compare_floats(got.ravel().tolist(), expected.ravel().tolist(), rtol)
    if not np.isfinite(expected).all():  # array methods: np.all's wrapper costs more
        return "skip"
    if not np.isfinite(got).all():
        return "different"
    error = float(np.abs(got - expected).max()) if got.size else 0.0
    scale = max(float(np.abs(expected).max()) if got.size else 0.0, 1e-12)
    if error <= rtol * scale + 1e-12:
        return "equal"
    return "near" if error <= 1e3 * rtol * scale else "different"


_SMALL = 64  # entries up to which `_compare` reads Python floats
_FLOAT = np.dtype(np.float64)


def _compare_floats(got: list[float], expected: list[float], rtol: float) -> str:
    """`_compare` on a few real entries read as Python floats: the same IEEE doubles
    and operations (a difference of finite numbers is never NaN; `max` of numbers
    without NaN is numpy's), without a dozen numpy calls on arrays of a few entries,
    which were a tenth of judging a correct formula (issue 17)."""
    isfinite = math.isfinite
    if not all(map(isfinite, expected)):
        return "skip"
    if not all(map(isfinite, got)):
        return "different"
    error = max([abs(g - e) for g, e in zip(got, expected, strict=True)], default=0.0)
    scale = max(max(map(abs, expected), default=0.0), 1e-12)
    if error <= rtol * scale + 1e-12:
        return "equal"
    return "near" if error <= 1e3 * rtol * scale else "different"


def _shape_words(shape: tuple[int, ...], instance: Instance) -> Message:
    names = {v: k for k, v in instance.items() if isinstance(v, int) and k[:1].isupper()}
    dims = [names.get(n, str(n)) for n in shape]
    if not dims:
        return Message("evaluate.shape.number", {})
    if len(dims) == 1:
        return Message("evaluate.shape.vector", {"n": dims[0]})
    key = "evaluate.shape.matrix" if len(dims) == 2 else "evaluate.shape.tensor"
    return Message(key, {"dims": "×".join(dims)})


# -- free mode: scalar expressions ------------------------------------------------------


def scalar_equivalent(
    student: ast.Expr, reference: ast.Expr, ctx: Context, seed: int = 0
) -> Equivalence:
    """Two scalar expressions compared as real functions where both are defined."""
    for expr in (student, reference):
        _check_scalar(expr)
    if student == reference:
        return Equivalence("equal", "proved", how="identical")
    names = sorted(variables(student) | variables(reference))
    domains = {s.name: s.domain for s in ctx.symbols}
    low, high = Evaluator(LOW_DPS), Evaluator(HIGH_DPS)
    refuted = _power_counterexample(student, reference, names, domains, low, high)
    if refuted is not None:
        return refuted
    agreed = exact = undefined = too_large = unstable = 0
    for tries, point in enumerate(_points(names, domains, np.random.default_rng(seed))):
        if agreed >= TARGET_POINTS or tries >= MAX_TRIES:
            break
        try:
            outcome = _compare_at(student, reference, point, low, high)
        except Undefined:
            undefined += 1
            continue
        except TooLarge:
            too_large += 1
            continue
        if outcome is None:
            agreed += 1
            continue
        if outcome == "exact":
            agreed, exact = agreed + 1, exact + 1
            continue
        if outcome == "unstable":
            unstable += 1
            continue
        left, right = outcome
        return Equivalence(
            "different", "counterexample", agreed, counterexample=point, left=left, right=right
        )
    if agreed < MIN_POINTS:
        reason = "limits" if too_large > undefined else "unstable" if unstable else "domain"
        return Equivalence("undecided", "none", agreed, reason=reason)
    if _rational_identity(student, reference):
        return Equivalence("equal", "proved", agreed, how="rational")
    return Equivalence("equal", "exact" if exact == agreed else "samples", agreed)


_SCALAR_NODES = (ast.Num, ast.Name, ast.Sub, ast.Neg, ast.BinOp, ast.Call, ast.Norm)


def _check_scalar(expr: ast.Expr) -> None:
    """Free mode knows scalar expressions only: anything else is named, not misjudged."""
    from examgrade.errors import Location, MathError
    from examgrade.mathlang.exact import SCALAR_FUNCTIONS

    for node in ast.walk(expr):
        unsupported = not isinstance(node, _SCALAR_NODES) or (
            isinstance(node, ast.Call) and node.func not in SCALAR_FUNCTIONS
        )
        if isinstance(node, ast.Sub) and variable_name(node) is None:
            unsupported = True
        if unsupported:
            from examgrade.mathlang.printer import show

            if isinstance(node, ast.Reduce):
                raise MathError(
                    "equiv.sum_bounds",
                    {"expr": show(node), "limit": MAX_UNROLLED},
                    Location(column=node.span[0] + 1),
                )
            raise MathError(
                "evaluate.not_here",
                {"expr": show(node), "construct": construct_name(node)},
                Location(column=node.span[0] + 1),
            )


def compare_texts(first: str, second: str, symbols: str = "", seed: int = 0) -> Equivalence:
    """`examgrade equiv`: parse two texts in free mode and compare them as scalars. A sum
    or product with whole-number bounds is written out (`sum_{k=1}^{3} x` is x + x + x),
    and `e` is Euler's number unless `symbols` declares it (`e^x` is exp(x))."""
    from examgrade.mathlang.context import free_context
    from examgrade.mathlang.parser import parse

    ctx = free_context(symbols)
    declared = {symbol.name for symbol in ctx.symbols}
    a, b = (_free_forms(parse(text, None), declared) for text in (first, second))
    return scalar_equivalent(a, b, ctx, seed)


MAX_UNROLLED = 200  # terms of a sum or product written out in free mode


def _free_forms(expr: ast.Expr, declared: set[str]) -> ast.Expr:
    """The forms the free mode compares: sums and products with whole-number bounds
    written out term by term (inner ones first), `e` as Euler's number."""
    import dataclasses

    def rebuild(node: ast.Expr, bound: dict[str, ast.Expr]) -> ast.Expr:
        if isinstance(node, ast.Name):
            if node.id in bound:
                return bound[node.id]
            if node.id == "e" and "e" not in declared:
                return ast.Call("exp", (ast.Num(Fraction(1), "1"),), span=node.span)
            return node
        if (
            isinstance(node, ast.BinOp)
            and node.op == "^"
            and isinstance(node.left, ast.Name)
            and node.left.id == "e"
            and "e" not in declared
            and "e" not in bound
        ):
            return ast.Call("exp", (rebuild(node.right, bound),), span=node.span)
        if isinstance(node, ast.Reduce):
            unrolled = _unroll(node, bound, rebuild)
            if unrolled is not None:
                return unrolled
            inner = {k: v for k, v in bound.items() if k not in node.indices}
            return dataclasses.replace(
                node,
                lower=None if node.lower is None else rebuild(node.lower, bound),
                upper=None if node.upper is None else rebuild(node.upper, bound),
                body=rebuild(node.body, inner),
            )
        changes = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if isinstance(value, ast.Node):
                changes[f.name] = rebuild(value, bound)  # type: ignore[arg-type]
            elif isinstance(value, tuple) and value and isinstance(value[0], ast.Node):
                changes[f.name] = tuple(rebuild(v, bound) for v in value)
        return dataclasses.replace(node, **changes) if changes else node

    return rebuild(expr, {})


def _unroll(node: ast.Reduce, bound: dict[str, ast.Expr], rebuild: Any) -> ast.Expr | None:
    """`sum_{k=1}^{3} body` as body(1) + body(2) + body(3) (a product likewise), when its
    one index has whole-number bounds and at most `MAX_UNROLLED` terms; else None."""
    if len(node.indices) != 1 or node.lower is None or node.upper is None:
        return None
    ends = []
    for end in (rebuild(node.lower, bound), rebuild(node.upper, bound)):
        if variables(end):
            return None
        try:
            value = Evaluator(LOW_DPS).run(end, {})
        except (Undefined, TooLarge, MathError, ValueError, TypeError, KeyError):
            return None
        if not isinstance(value, Fraction) or value.denominator != 1:
            return None
        ends.append(int(value))
    low, high = ends
    if high - low + 1 > MAX_UNROLLED:
        return None
    if high < low:
        return ast.Num(Fraction(0 if node.op == "sum" else 1), span=node.span)
    op = "+" if node.op == "sum" else "*"
    total: ast.Expr | None = None
    (index,) = node.indices
    for k in range(low, high + 1):
        term = rebuild(node.body, {**bound, index: ast.Num(Fraction(k), str(k), span=node.span)})
        total = term if total is None else ast.BinOp(op, total, term, span=node.span)
    return total


def _compare_at(
    a: ast.Expr, b: ast.Expr, point: Mapping[str, Fraction], low: Evaluator, high: Evaluator
) -> Any:
    """None (agree within rounding), "exact" (agree exactly), (left, right) when they
    differ, "unstable" when rounding swamps the values at this point."""
    fa = low.run(a, point)
    mag_a = low.max_mag
    fb = low.run(b, point)
    magnitude = max(mag_a, low.max_mag)
    if isinstance(fa, Fraction) and isinstance(fb, Fraction):
        return "exact" if fa == fb else (fa, fb)
    difference = abs(low.to_mpf(fa) - low.to_mpf(fb))
    noise = low.mp.ldexp(1, magnitude - low.bits + 40)
    if difference > noise:
        return (fa, fb)  # far above any rounding at this magnitude
    ha = high.run(a, point)
    mag_a = high.max_mag
    hb = high.run(b, point)
    magnitude = max(mag_a, high.max_mag)
    mp = high.mp
    drift = abs(high.to_mpf(fa) - high.to_mpf(ha)) + abs(high.to_mpf(fb) - high.to_mpf(hb))
    # rounding shrinks with the precision: the high reading's error is the low one's
    # drift scaled by the extra digits (a margin of 5 kept)
    scaled = drift * mp.mpf(10) ** (LOW_DPS - HIGH_DPS + 5)
    tolerance = scaled + mp.ldexp(1, magnitude - high.bits + 30)
    gap = abs(high.to_mpf(ha) - high.to_mpf(hb))
    if gap > tolerance:
        return (ha, hb)
    if drift > mp.ldexp(1, magnitude - 20) and magnitude > 0:
        return "unstable"
    return None


#: Where power rules break for real numbers: negative bases, even integer exponents and
#: exponents with an even denominator ((x^y)^z vs x^(y z) at x = -2, y = 2, z = 1/2).
_POWER_VALUES = tuple(Fraction(v) for v in ("-2", "2", "-1/2", "1/2", "1/3", "-3", "3/2"))
_MAX_GRID = 400


def _power_counterexample(
    a: ast.Expr,
    b: ast.Expr,
    names: list[str],
    domains: Mapping[str, str],
    low: Evaluator,
    high: Evaluator,
) -> Equivalence | None:
    """When a power has an exponent that is not a constant integer, every combination of
    `_POWER_VALUES` (or a fixed sample of them past `_MAX_GRID`): random points seldom
    give a negative base an even exponent and another an even denominator at once."""
    if not (_has_real_power(a) or _has_real_power(b)) or not names:
        return None
    import itertools

    choices = [
        [v for v in _POWER_VALUES if (domains.get(n) != "positive" or v > 0)
         and (domains.get(n) != "int" or v.denominator == 1)]
        for n in names
    ]  # fmt: skip
    grid = itertools.islice(itertools.product(*choices), _MAX_GRID)
    for values in grid:
        point = dict(zip(names, values, strict=True))
        try:
            outcome = _compare_at(a, b, point, low, high)
        except (Undefined, TooLarge):
            continue
        if outcome is None or outcome in ("exact", "unstable"):
            continue
        left, right = outcome
        return Equivalence(
            "different", "counterexample", 0, counterexample=point, left=left, right=right
        )
    return None


def _has_real_power(expr: ast.Expr) -> bool:
    return any(
        isinstance(n, ast.BinOp)
        and n.op == "^"
        and not (isinstance(n.right, ast.Num) and n.right.value.denominator == 1)
        for n in ast.walk(expr)
    )


def _points(
    names: list[str], domains: Mapping[str, str], rng: np.random.Generator
) -> Iterator[dict[str, Fraction]]:
    """Integer points first (negative bases, integer exponents), then rationals cycling
    through scales (0.1 to 10^4, so a difference only for x < -100 is found) and sign
    patterns (random, all positive for logs and roots, all negative)."""
    scales = (0, 1, -1, 2, 0, 3, 1)
    count = 0
    while True:
        point: dict[str, Fraction] = {}
        pattern = count % 3
        scale = scales[(count // 3) % len(scales)]
        for name in names:
            domain = domains.get(name, "real")
            sign = {0: 1 if rng.random() < 0.5 else -1, 1: 1, 2: -1}[pattern]
            if domain == "positive":
                sign = 1
            if count < 6 or domain == "int":
                top = 6 if count < 6 else 10 ** max(scale, 1)
                value = Fraction(sign * int(rng.integers(1, top + 1)))
            else:
                mantissa = Fraction(int(rng.integers(1001, 9999)), 1000)
                value = sign * mantissa * Fraction(10) ** scale
            point[name] = value
        count += 1
        yield point


def _rational_identity(a: ast.Expr, b: ast.Expr) -> bool:
    """A proof for rational functions with small powers: exact polynomials decide them
    (`examgrade.mathlang.rational`), else sympy's `cancel`, slow to import."""
    for node in (a, b):
        nodes = list(ast.walk(node))
        if len(nodes) > 80 or not all(_rational_node(n) for n in nodes):
            return False
    from examgrade.mathlang.rational import rational_zero

    decided = rational_zero(a, b)
    if decided is not None:
        return decided
    import sympy

    from examgrade.mathlang.to_sympy import to_sympy

    try:
        return bool(sympy.cancel(to_sympy(a) - to_sympy(b)) == 0)
    except Exception:
        return False


def _rational_node(node: ast.Expr) -> bool:
    if isinstance(node, ast.BinOp):
        if node.op == "^":
            exponent = node.right
            return (
                isinstance(exponent, ast.Num)
                and exponent.value.denominator == 1
                and abs(exponent.value) <= 12
            )
        return node.op in ("+", "-", "*", "/")
    if isinstance(node, ast.Name):
        return node.id != "pi"
    return isinstance(node, ast.Num | ast.Neg | ast.Sub)


def _show_point(point: Mapping[str, Any]) -> str:
    parts = []
    for name, value in point.items():
        if isinstance(value, int | float | Fraction):
            parts.append(f"{name} = {_show_value(value)}")
    return ", ".join(parts) or "-"


def _show_pair(left: Any, right: Any) -> tuple[str, str]:
    """Both values with enough digits to see that they differ (0.3333333333 vs 1/3)."""
    if isinstance(left, np.ndarray) or isinstance(right, np.ndarray):
        return _show_value(left), _show_value(right)
    for digits in (10, 20, 40, 70):
        if _digits(left, digits) != _digits(right, digits):
            break
    return _show_value(left, digits), _show_value(right, digits)


def _digits(value: Any, digits: int) -> str:
    import mpmath

    context = mpmath.MPContext()
    context.dps = digits + 10
    if isinstance(value, Fraction):
        return context.nstr(context.mpf(value.numerator) / value.denominator, digits)
    return context.nstr(context.mpf(value), digits)


def _show_value(value: Any, digits: int = 10) -> str:
    if isinstance(value, np.ndarray):
        return np.array2string(value, precision=4, suppress_small=True)
    if isinstance(value, Fraction) and value.denominator == 1 and abs(value) < 10**12:
        return str(value.numerator)
    if digits > 10 or (not isinstance(value, int | float) and abs(value) > 10**300):
        return _digits(value, digits)
    try:
        return f"{as_float(value):.10g}"
    except (TypeError, ValueError):
        return str(value)


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, int | str):
        return value
    try:
        return as_float(value)
    except (TypeError, ValueError):
        return str(value)
