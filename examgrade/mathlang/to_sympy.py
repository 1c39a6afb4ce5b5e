"""AST -> sympy, for display (pretty text, LaTeX) and for proving small scalar identities.

Only our own AST is converted: student text never reaches sympy's parser (no `sympify`,
no `parse_expr`). Names that are matrices or vectors in a question become
non-commutative symbols, so `W h_0` keeps its order when displayed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import sympy

from examgrade.mathlang import ast

#: The functions shown as sympy's own (pretty-printed, LaTeX); the others, in
#: `SHOWN_AS_CALLS`, are shown as an undefined function applied: `diag(v)`, `rho(W)`.
SYMPY_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": sympy.exp,
    "log": sympy.log,
    "sqrt": sympy.sqrt,
    "abs": sympy.Abs,
    "sin": sympy.sin,
    "cos": sympy.cos,
    "tan": sympy.tan,
    "tanh": sympy.tanh,
    "max": sympy.Max,
    "min": sympy.Min,
    "heaviside": lambda x: sympy.Heaviside(x, 0),
    "sigmoid": lambda x: 1 / (1 + sympy.exp(-x)),
}
SHOWN_AS_CALLS: dict[str, str] = {
    "relu": "no sympy function: relu(x) reads better than Max(0, x)",
    "softplus": "no sympy function: softplus(x) reads better than log(1 + exp(x))",
    "mean": "a reduction over a vector: shown as written",
    "diag": "a matrix function: shown as written",
    "trace": "a matrix function: shown as written",
    "det": "a matrix function: shown as written",
    "inv": "a matrix function: shown as written",
    "eig": "a matrix function: shown as written",
    "rho": "a matrix function: shown as written",
    "sigma_max": "a matrix function: shown as written",
    "lambda_max": "a matrix function: shown as written",
}
_COMPARE = {"<": sympy.Lt, ">": sympy.Gt, "<=": sympy.Le, ">=": sympy.Ge}


def to_sympy(node: ast.Expr, matrices: Collection[str] = (), *, real: bool = True) -> sympy.Expr:
    """The sympy expression of an AST; `matrices` names become non-commutative."""
    return _Converter(frozenset(matrices), real).convert(node)


class _NormBase(sympy.Function):
    """||v||, ||W||_2, ||W||_F: printed as norms, not as a function call."""

    nargs = 1
    suffix = ""

    def _sympystr(self, printer: Any) -> str:
        return f"||{printer._print(self.args[0])}||{self.suffix}"

    def _latex(self, printer: Any, exp: Any = None) -> str:
        text = rf"\left\| {printer._print(self.args[0])} \right\|{self.suffix}"
        return text if exp is None else f"{text}^{{{exp}}}"

    def _pretty(self, printer: Any) -> Any:
        from sympy.printing.pretty.stringpict import prettyForm

        return prettyForm(self._sympystr(printer))


_NORMS = {
    kind: type(f"norm{suffix}", (_NormBase,), {"suffix": suffix})
    for kind, suffix in ((None, ""), ("2", "_2"), ("F", "_F"))
}


class _Converter:
    def __init__(self, matrices: frozenset[str], real: bool) -> None:
        self.matrices = matrices
        self.real = real
        self.bound: set[str] = set()

    def symbol(self, name: str) -> sympy.Symbol:
        if name in self.bound:
            return sympy.Symbol(name, integer=True)
        if name in self.matrices:
            return sympy.Symbol(name, commutative=False)
        return sympy.Symbol(name, real=True) if self.real else sympy.Symbol(name)

    def convert(self, node: ast.Expr) -> Any:
        method = getattr(self, "_" + type(node).__name__.lower())
        return method(node)

    def _num(self, node: ast.Num) -> Any:
        return sympy.Rational(node.value.numerator, node.value.denominator)

    def _name(self, node: ast.Name) -> Any:
        return sympy.pi if node.id == "pi" else self.symbol(node.id)

    def _sub(self, node: ast.Sub) -> Any:
        if isinstance(node.base, ast.Name) and all(
            isinstance(i, ast.Num | ast.Name) for i in node.index
        ):
            parts = "".join(_plain(i) for i in node.index)
            return self.symbol(f"{node.base.id}_{parts}")
        base = sympy.IndexedBase(_plain(node.base))
        return base[tuple(self.convert(i) for i in node.index)]

    def _neg(self, node: ast.Neg) -> Any:
        return -self.convert(node.operand)

    def _binop(self, node: ast.BinOp) -> Any:
        a, b = self.convert(node.left), self.convert(node.right)
        if node.op == "+":
            return a + b
        if node.op == "-":
            return a - b
        if node.op == "*":
            return a * b
        if node.op == "/":
            return a / b
        if node.op == "^":
            return a**b
        return sympy.Function("odot")(a, b)

    def _transpose(self, node: ast.Transpose) -> Any:
        return sympy.Function("transpose")(self.convert(node.operand))

    def _call(self, node: ast.Call) -> Any:
        args = [self.convert(a) for a in node.args]
        function = SYMPY_FUNCTIONS.get(node.func)
        if function is not None:
            return function(*args)
        return sympy.Function(node.func)(*args)

    def _norm(self, node: ast.Norm) -> Any:
        return _NORMS[node.kind](self.convert(node.operand))

    def _reduce(self, node: ast.Reduce) -> Any:
        outer = set(self.bound)
        low = None if node.lower is None else self.convert(node.lower)
        high = None if node.upper is None else self.convert(node.upper)
        self.bound |= set(node.indices)
        try:
            body = self.convert(node.body)
        finally:
            self.bound = outer
        indices = [sympy.Symbol(i, integer=True) for i in node.indices]
        if low is None or high is None:
            return sympy.Function(node.op)(body, *indices)
        kind = sympy.Sum if node.op == "sum" else sympy.Product
        with sympy.evaluate(True):  # unevaluated, Sum adds a stray factor 1 to its body
            return kind(body, *((i, low, high) for i in indices))

    def _compare(self, node: ast.Compare) -> Any:
        values = [self.convert(x) for x in node.operands]
        parts = [_COMPARE[op](a, b) for op, a, b in zip(node.ops, values, values[1:], strict=False)]
        return sympy.And(*parts) if len(parts) > 1 else parts[0]

    def _indicator(self, node: ast.Indicator) -> Any:
        return sympy.Piecewise((1, self.convert(node.condition)), (0, True))

    def _expect(self, node: ast.Expect) -> Any:
        return sympy.Function("E")(self.convert(node.body))

    def _prob(self, node: ast.Prob) -> Any:
        args = [self.convert(a) for a in (*node.args, *node.given)]
        return sympy.Function(node.func)(*args)

    def _kl(self, node: ast.KL) -> Any:
        return sympy.Function("KL")(self.convert(node.left), self.convert(node.right))

    def _integral(self, node: ast.Integral) -> Any:
        return sympy.Integral(self.convert(node.body), sympy.Symbol(node.var))

    def _equation(self, node: ast.Equation) -> Any:
        return sympy.Eq(self.convert(node.lhs), self.convert(node.rhs), evaluate=False)


def _plain(node: ast.Expr) -> str:
    if isinstance(node, ast.Num):
        value = node.value
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(node, ast.Name):
        return node.id
    return "?"


def pretty(node: ast.Expr, matrices: Collection[str] = ()) -> str:
    """A two-dimensional text rendering (sympy's pretty printer)."""
    with sympy.evaluate(False):
        expr = to_sympy(node, matrices)
    return sympy.pretty(expr, use_unicode=True, order="none")


def latex(node: ast.Expr, matrices: Collection[str] = ()) -> str:
    """LaTeX for reports."""
    with sympy.evaluate(False):
        expr = to_sympy(node, matrices)
    return sympy.latex(expr, order="none")


def show(node: ast.Expr) -> str:
    """One line of sympy's text for a node the parser's printer cannot print (the fallback
    of `printer.show`, which tries its own printer first), never an exception."""
    try:
        with sympy.evaluate(False):
            return sympy.sstr(to_sympy(node, _all_names(node)), order="none")
    except Exception:
        return "?"


def _all_names(node: ast.Expr) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and len(n.id) <= 3}
