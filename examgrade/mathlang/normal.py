"""A normal form of an expression up to the rewrites that change nothing: `a + 0`,
`1 * a`, `2a - a`, `a + b - b`, `a b / b`, the order of terms and of factors. Two
steps of a derivation with the same normal form say the same thing, so a move between
them rewrites nothing (`checks.steps`: such a move earns no credit and does not count
towards the moves a derivation must show).

Sums and products of numbers are gathered into a linear combination of monomials; a
monomial is a product of atoms with integer exponents; an atom is any other node with
its children in normal form (`E_q[log p(x) + 0]` is `E_q[log p(x)]`). Factors commute,
which is right for the scalar derivations it serves (values over z, elementwise)."""

from __future__ import annotations

from dataclasses import fields
from fractions import Fraction
from typing import Any

from examgrade.mathlang import ast

Monomial = tuple[tuple[Any, int], ...]  # (atom, exponent), sorted
Linear = dict[Monomial, Fraction]

_MAX_TERMS = 64  # a product of sums expands at most to this many terms, else stays an atom
_MAX_EXPONENT = 8


def normal_form(expr: ast.Expr) -> Any:
    """A hashable key: equal keys, the same expression up to rewrites that change nothing."""
    return _key(_linear(expr))


def terms(expr: ast.Expr) -> Linear:
    """The linear combination of monomials the expression is, in normal form."""
    return _linear(expr)


def only_adds_terms(before: ast.Expr, after: ast.Expr) -> bool:
    """Whether one keeps every term of the other with its coefficient and only adds
    terms (`a` → `a + E_q[log q] - E_q[log q]`, or back): when the two are equal, what
    was added is zero, and nothing of the expression was rewritten."""
    a, b = _linear(before), _linear(after)
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return all(large.get(m) == c for m, c in small.items())


def _key(linear: Linear) -> tuple[Any, ...]:
    return tuple(sorted(((m, c) for m, c in linear.items() if c != 0), key=repr))


def _linear(node: ast.Expr) -> Linear:
    if isinstance(node, ast.Num):
        return {(): node.value}
    if isinstance(node, ast.Neg):
        return {m: -c for m, c in _linear(node.operand).items()}
    if isinstance(node, ast.BinOp) and node.op in ("+", "-"):
        total = dict(_linear(node.left))
        sign = 1 if node.op == "+" else -1
        for m, c in _linear(node.right).items():
            total[m] = total.get(m, Fraction(0)) + sign * c
        return {m: c for m, c in total.items() if c != 0}
    if isinstance(node, ast.BinOp) and node.op == "*":
        product = _times(_linear(node.left), _linear(node.right))
        if product is not None:
            return product
    if isinstance(node, ast.BinOp) and node.op == "/":
        inverse = _inverse(_linear(node.right))
        if inverse is not None:
            product = _times(_linear(node.left), inverse)
            if product is not None:
                return product
    if isinstance(node, ast.BinOp) and node.op == "^" and isinstance(node.right, ast.Num):
        power = _power(_linear(node.left), node.right.value)
        if power is not None:
            return power
    return {((_atom(node), 1),): Fraction(1)}


def _times(a: Linear, b: Linear) -> Linear | None:
    if len(a) * len(b) > _MAX_TERMS:
        return None
    total: Linear = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = _merge(ma, mb, 1)
            total[m] = total.get(m, Fraction(0)) + ca * cb
    return {m: c for m, c in total.items() if c != 0}


def _merge(a: Monomial, b: Monomial, sign: int) -> Monomial:
    powers: dict[Any, int] = dict(a)
    for atom, exponent in b:
        powers[atom] = powers.get(atom, 0) + sign * exponent
    return tuple(sorted(((x, e) for x, e in powers.items() if e != 0), key=repr))


def _inverse(linear: Linear) -> Linear | None:
    """1 / (one monomial with a nonzero coefficient); None for a sum (kept as an atom)."""
    if len(linear) != 1:
        return None
    ((monomial, coefficient),) = linear.items()
    if coefficient == 0:
        return None
    return {tuple((atom, -e) for atom, e in monomial): 1 / coefficient}


def _power(linear: Linear, exponent: Fraction) -> Linear | None:
    if exponent.denominator != 1 or abs(exponent) > _MAX_EXPONENT or len(linear) != 1:
        return None
    ((monomial, coefficient),) = linear.items()
    n = int(exponent)
    if coefficient == 0 and n <= 0:
        return None
    return {tuple((atom, e * n) for atom, e in monomial): coefficient**n}


def _atom(node: ast.Expr) -> Any:
    """Any other node: its type and fields, with every child expression in normal form."""
    parts: list[Any] = [type(node).__name__]
    for f in fields(node):
        if f.name == "span" or not f.compare:
            continue
        parts.append(_value(getattr(node, f.name)))
    return tuple(parts)


def _value(value: Any) -> Any:
    if isinstance(value, ast.Node):
        return normal_form(value)  # type: ignore[arg-type]
    if isinstance(value, tuple):
        return tuple(_value(v) for v in value)
    return value
