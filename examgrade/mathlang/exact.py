"""Scalar expressions evaluated exactly where possible, else at a chosen precision.

The free mode (`examgrade equiv`, conformance) compares scalar expressions as real
functions. Numbers are exact Fractions and stay exact through `+ - * /` and whole
powers (`0.333333333333333` is not 1/3; `(a-x)^6000` is an exact rational at a rational
point); anything else (roots, `exp`, `pi`) is an mpmath number at the precision asked,
in a private mpmath context (no global state). A point outside an expression's real
domain (`log` of a negative, an even root of a negative, a division by zero) raises
`Undefined`; a value too large to compute raises `TooLarge`: the caller skips that
point rather than hang.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction
from functools import cache
from typing import Any

from examgrade.mathlang import ast

MAX_EXACT_BITS = 200_000  # an exact power larger than this is computed in floating point
MAX_LOG10 = 1_000_000  # |log10 value| beyond this is too large


@cache
def max_trig_argument() -> Any:
    """10^60 as mpmath's default 53-bit float; mpmath is imported on first use only
    (grading never needs it, and `examgrade check` starts faster without it)."""
    import mpmath

    with mpmath.workprec(53):
        return mpmath.mpf(10) ** 60


class Undefined(Exception):
    """The point is outside the expression's real domain."""


class TooLarge(Exception):
    """A value at this point is too large (or too costly) to compute."""


Number = Any  # Fraction | mpf


def variable_name(node: ast.Expr) -> str | None:
    """The free-variable name of `x`, `a_1`, `x_{12}`, or None when the node is none."""
    if isinstance(node, ast.Name):
        return None if node.id == "pi" else node.id
    if isinstance(node, ast.Sub) and isinstance(node.base, ast.Name):
        parts = []
        for index in node.index:
            if isinstance(index, ast.Num) and index.value.denominator == 1:
                parts.append(str(index.value.numerator))
            elif isinstance(index, ast.Name):
                parts.append(index.id)
            else:
                return None
        return f"{node.base.id}_{''.join(parts)}"
    return None


def variables(node: ast.Expr) -> set[str]:
    """Every free variable of a scalar expression."""
    found = set()
    stack = [node]
    while stack:
        current = stack.pop()
        name = variable_name(current)
        if name is not None:
            found.add(name)
            continue
        stack.extend(ast.children(current))
    return found


class Evaluator:
    """Evaluate scalar ASTs at one precision (decimal digits); records the largest
    magnitude met (in bits) so a caller can judge cancellation."""

    def __init__(self, dps: int) -> None:
        self.dps = dps
        self.max_mag = 0
        self._mp: Any = None

    @property
    def mp(self) -> Any:
        """mpmath's context at this precision, made the first time a value is not a
        fraction: exact arithmetic needs no mpmath (~0.1 s to import, issue 17)."""
        if self._mp is None:
            import mpmath

            self._mp = mpmath.MPContext()
            self._mp.dps = self.dps
        return self._mp

    @property
    def bits(self) -> int:
        return self.mp.prec

    def run(self, node: ast.Expr, point: Mapping[str, Fraction]) -> Number:
        self.max_mag = 0
        return self._eval(node, point)

    def to_mpf(self, value: Number) -> Any:
        if isinstance(value, Fraction):
            return self.mp.mpf(value.numerator) / value.denominator
        return value

    def _note(self, value: Number) -> Number:
        if not isinstance(value, Fraction):
            if not self.mp.isfinite(value):
                raise Undefined
            if value:
                magnitude = self.mp.mag(value)
                if abs(magnitude) > MAX_LOG10 * 3.33:
                    raise TooLarge
                self.max_mag = max(self.max_mag, magnitude)
        return value

    def _eval(self, node: ast.Expr, point: Mapping[str, Fraction]) -> Number:
        name = variable_name(node)
        if name is not None:
            return point[name]
        match node:
            case ast.Num(value=value):
                return value
            case ast.Name(id="pi"):
                return self._note(+self.mp.pi)
            case ast.Neg(operand=operand):
                return -self._eval(operand, point)
            case ast.BinOp(op=op, left=left, right=right):
                a, b = self._eval(left, point), self._eval(right, point)
                return self._note(self._binary(op, a, b))
            case ast.Call(func=func, args=args):
                values = [self._eval(a, point) for a in args]
                function = SCALAR_FUNCTIONS.get(func)
                if function is None or len(values) != (2 if func in ("max", "min") else 1):
                    raise Undefined
                return self._note(function(self, *values))
            case ast.Norm(operand=operand):
                return abs(self._eval(operand, point))
        raise Undefined

    def _binary(self, op: str, a: Number, b: Number) -> Number:
        if op == "+":
            return a + b if _same_kind(a, b) else self.to_mpf(a) + self.to_mpf(b)
        if op == "-":
            return a - b if _same_kind(a, b) else self.to_mpf(a) - self.to_mpf(b)
        if op in ("*", "odot"):
            return a * b if _same_kind(a, b) else self.to_mpf(a) * self.to_mpf(b)
        if op == "/":
            if b == 0:
                raise Undefined
            return a / b if _same_kind(a, b) else self.to_mpf(a) / self.to_mpf(b)
        return self.power(a, b)

    def power(self, base: Number, exponent: Number) -> Number:
        """Real powers: exact for rationals, real odd roots of negatives, else undefined."""
        if base == 0:
            if exponent > 0:
                return Fraction(0)
            raise Undefined
        if isinstance(exponent, Fraction):
            if isinstance(base, Fraction):
                exact = _exact_power(base, exponent)
                if exact is not None:
                    return exact
            sign = 1
            if base < 0:
                if exponent.denominator % 2 == 0:
                    raise Undefined
                sign = -1 if exponent.numerator % 2 else 1
                base = -base
            self._check_size(base, exponent)
            return sign * self.mp.power(self.to_mpf(base), self.to_mpf(exponent))
        if base < 0:
            raise Undefined  # a negative base with a non-exact exponent: no real value
        self._check_size(base, exponent)
        return self.mp.power(self.to_mpf(base), exponent)

    def _check_size(self, base: Number, exponent: Number) -> None:
        log10 = abs(self.mp.log10(self.to_mpf(base))) * abs(self.to_mpf(exponent))
        if log10 > MAX_LOG10:
            raise TooLarge


def _same_kind(a: Number, b: Number) -> bool:
    return isinstance(a, Fraction) and isinstance(b, Fraction)


def _exact_power(base: Fraction, exponent: Fraction) -> Fraction | None:
    """base ** exponent as a Fraction when it is one and not too large to compute."""
    p, q = exponent.numerator, exponent.denominator
    if q != 1:
        if base < 0:
            return None
        num, den = _iroot(base.numerator, q), _iroot(base.denominator, q)
        if num is None or den is None:
            return None
        base = Fraction(num, den)
    bits = max(base.numerator.bit_length(), base.denominator.bit_length())
    if bits * abs(p) > MAX_EXACT_BITS:
        return None
    return base**p


def _iroot(n: int, k: int) -> int | None:
    """The exact k-th root of a non-negative integer, or None."""
    if n < 2 or k > 64:
        return n if n < 2 else None
    root = round(n ** (1.0 / k)) if n.bit_length() < 1000 else None
    if root is None:
        return None
    for candidate in (root - 1, root, root + 1):
        if candidate >= 0 and candidate**k == n:
            return candidate
    return None


def _exp(ev: Evaluator, x: Number) -> Number:
    if x == 0:
        return Fraction(1)
    if abs(x) > MAX_LOG10:
        raise TooLarge
    return ev.mp.exp(ev.to_mpf(x))


def _log(ev: Evaluator, x: Number) -> Number:
    if x <= 0:
        raise Undefined
    if x == 1:
        return Fraction(0)
    return ev.mp.log(ev.to_mpf(x))


def _sqrt(ev: Evaluator, x: Number) -> Number:
    if x < 0:
        raise Undefined
    return ev.power(x, Fraction(1, 2))


def _trig(name: str) -> Callable[[Evaluator, Number], Number]:
    def run(ev: Evaluator, x: Number) -> Number:
        if x == 0 and name != "cos":
            return Fraction(0)
        if x == 0:
            return Fraction(1)
        value = ev.to_mpf(x)
        if abs(value) > max_trig_argument():
            raise TooLarge
        if name == "tan" and ev.mp.cos(value) == 0:
            raise Undefined
        return getattr(ev.mp, name)(value)

    return run


def _sigmoid(ev: Evaluator, x: Number) -> Number:
    if abs(x) > MAX_LOG10:
        return Fraction(1) if x > 0 else Fraction(0)
    return 1 / (1 + ev.mp.exp(-ev.to_mpf(x)))


SCALAR_FUNCTIONS: dict[str, Callable[..., Number]] = {
    "exp": _exp,
    "log": _log,
    "sqrt": _sqrt,
    "abs": lambda ev, x: abs(x),
    "sin": _trig("sin"),
    "cos": _trig("cos"),
    "tan": _trig("tan"),
    "tanh": lambda ev, x: (
        ev.mp.tanh(ev.to_mpf(x)) if abs(x) < MAX_LOG10 else Fraction(x > 0) * 2 - 1
    ),
    "sigmoid": _sigmoid,
    "relu": lambda ev, x: x if x > 0 else Fraction(0),
    "heaviside": lambda ev, x: Fraction(1 if x > 0 else 0),
    "max": lambda ev, a, b: a if _order(ev, a, b) >= 0 else b,
    "min": lambda ev, a, b: a if _order(ev, a, b) <= 0 else b,
}


#: Functions the exact evaluator does not know: free mode (`examgrade equiv`) names them
#: as unsupported, never misjudges them; graded answers use the numeric evaluator.
NOT_EXACT: dict[str, str] = {
    "softplus": "not yet: free mode names it as unsupported (log(1 + exp(x)) is exact)",
    "mean": "a reduction over a vector: free mode is scalar",
    **dict.fromkeys(
        ("diag", "trace", "det", "inv", "eig", "rho", "sigma_max", "lambda_max"),
        "a matrix function: free mode is scalar",
    ),
}


def _order(ev: Evaluator, a: Number, b: Number) -> int:
    difference = a - b if _same_kind(a, b) else ev.to_mpf(a) - ev.to_mpf(b)
    return (difference > 0) - (difference < 0)


def as_float(value: Number) -> float:
    """A float for display (inf when too large)."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
