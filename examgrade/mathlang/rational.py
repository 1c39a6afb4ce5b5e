"""Is `a - b` the zero rational function? Exact polynomial arithmetic on our own AST.

`examgrade equiv` proves an identity of rational functions (sums, products, quotients and
small whole powers of names and numbers) before it calls two expressions equal. sympy's
`cancel` decides it too, but importing sympy costs more than the rest of the command
(~0.6 s, issue 17): the same question is answered here with numerators and denominators
as dictionaries of monomials with exact coefficients. `a - b` is zero as a rational
function exactly when the numerator of `a·den(b) - b·den(a)` is the zero polynomial, so
the answer is sympy's. Where this module cannot answer as sympy would (a denominator
that is the zero polynomial, a name sympy would read as an indexed object, a polynomial
past `MAX_TERMS` terms) it says None and the caller asks sympy.
"""

from __future__ import annotations

from fractions import Fraction

from examgrade.mathlang import ast

MAX_TERMS = 4000  # a polynomial larger than this: let sympy decide (the same answer)

Monomial = tuple[tuple[str, int], ...]  # (name, power) pairs, sorted by name
Poly = dict[Monomial, Fraction]
ONE: Monomial = ()


class _CannotTell(Exception):
    """Not answered here: the caller asks sympy."""


def rational_zero(a: ast.Expr, b: ast.Expr) -> bool | None:
    """Whether `a - b` is the zero rational function, or None when not decided here.
    Both must be made of numbers, names, subscripted names, `+ - * /` and whole powers
    (what `equivalence._rational_node` accepts)."""
    try:
        num_a, den_a = _rational(a)
        num_b, den_b = _rational(b)
        return not _sub(_mul(num_a, den_b), _mul(num_b, den_a))
    except _CannotTell:
        return None


def _rational(node: ast.Expr) -> tuple[Poly, Poly]:
    """(numerator, denominator), the denominator never the zero polynomial."""
    if isinstance(node, ast.Num):
        return _constant(node.value), _constant(Fraction(1))
    if isinstance(node, ast.Name | ast.Sub):
        return {((_atom(node), 1),): Fraction(1)}, _constant(Fraction(1))
    if isinstance(node, ast.Neg):
        num, den = _rational(node.operand)
        return {m: -c for m, c in num.items()}, den
    if not isinstance(node, ast.BinOp):
        raise _CannotTell
    if node.op == "^":
        return _power(_rational(node.left), node.right)
    (n1, d1), (n2, d2) = _rational(node.left), _rational(node.right)
    if node.op in ("+", "-"):
        right = n2 if node.op == "+" else {m: -c for m, c in n2.items()}
        if d1 == d2:
            return _add(n1, right), d1
        return _add(_mul(n1, d2), _mul(right, d1)), _mul(d1, d2)
    if node.op == "*":
        return _mul(n1, n2), _mul(d1, d2)
    if node.op == "/":
        if not n2:
            raise _CannotTell  # a division by zero: sympy's zoo or nan
        return _mul(n1, d2), _mul(d1, n2)
    raise _CannotTell


def _atom(node: ast.Name | ast.Sub) -> str:
    """The name sympy's converter gives the symbol (`to_sympy`): `x`, `x_1`, `W_ij`."""
    if isinstance(node, ast.Name):
        if node.id == "pi":
            raise _CannotTell
        return node.id
    if isinstance(node.base, ast.Name) and all(
        isinstance(i, ast.Num | ast.Name) for i in node.index
    ):
        return f"{node.base.id}_{''.join(_plain(i) for i in node.index)}"
    raise _CannotTell  # sympy reads it as an indexed object


def _plain(node: ast.Expr) -> str:
    if isinstance(node, ast.Num):
        value = node.value
        return str(value.numerator) if value.denominator == 1 else str(value)
    assert isinstance(node, ast.Name)
    return node.id


def _power(base: tuple[Poly, Poly], exponent: ast.Expr) -> tuple[Poly, Poly]:
    sign = 1
    if isinstance(exponent, ast.Neg):
        exponent, sign = exponent.operand, -1
    if not isinstance(exponent, ast.Num) or exponent.value.denominator != 1:
        raise _CannotTell
    power = sign * int(exponent.value)
    num, den = base
    if power < 0:
        if not num:
            raise _CannotTell  # 0 to a negative power
        num, den, power = den, num, -power
    return _pow(num, power), _pow(den, power)


def _constant(value: Fraction) -> Poly:
    return {ONE: value} if value else {}


def _add(p: Poly, q: Poly) -> Poly:
    out = dict(p)
    for m, c in q.items():
        total = out.get(m, 0) + c
        if total:
            out[m] = total
        else:
            out.pop(m, None)
    return _bounded(out)


def _sub(p: Poly, q: Poly) -> Poly:
    return _add(p, {m: -c for m, c in q.items()})


def _mul(p: Poly, q: Poly) -> Poly:
    if len(p) * len(q) > MAX_TERMS * 8:
        raise _CannotTell
    out: Poly = {}
    for m1, c1 in p.items():
        for m2, c2 in q.items():
            m = _times(m1, m2)
            total = out.get(m, 0) + c1 * c2
            if total:
                out[m] = total
            else:
                out.pop(m, None)
    return _bounded(out)


def _times(m1: Monomial, m2: Monomial) -> Monomial:
    if not m1:
        return m2
    if not m2:
        return m1
    powers = dict(m1)
    for name, k in m2:
        powers[name] = powers.get(name, 0) + k
    return tuple(sorted(powers.items()))


def _pow(p: Poly, power: int) -> Poly:
    result = _constant(Fraction(1))
    while power:
        if power & 1:
            result = _mul(result, p)
        power >>= 1
        if power:
            p = _mul(p, p)
    return result


def _bounded(p: Poly) -> Poly:
    if len(p) > MAX_TERMS:
        raise _CannotTell
    return p
