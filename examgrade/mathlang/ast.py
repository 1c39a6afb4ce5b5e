"""The abstract syntax of the math language: small frozen nodes that keep their source span.

One AST serves every interpreter (numpy evaluation, sympy display, pretty printing, the
probability interpreter of derivations, condition judging), each dispatching on the node
type through a fixed table. The parser is the only producer. Nodes hold no question
knowledge: whether `h_0` is the symbol `h_0` or `h` indexed by 0 is decided when a
question's context resolves the names, not here.

Conventions shared by every producer and consumer:

* `span` is (start, end), 0-based offsets into the text the student typed (before any
  LaTeX normalisation), so an error can put a caret under the right column. It takes no
  part in equality: two readings of `W h_0` and `W*h_0` are equal nodes.
* Names are canonical: Greek letters spelled out (`λ`, `\\lambda` -> `lambda`),
  decorations as suffixes (`\\tilde{x}` -> `x_tilde`, `\\hat{x}` -> `x_hat`), LaTeX
  wrappers dropped (`\\operatorname{tr}` -> the function `trace`).
* `BinOp("*")` is the product the contract describes: matrix product for matrices and
  vectors, scalar product otherwise; the order of its operands is the order written.
  `implicit` records juxtaposition (`W h_0`, `Wx` split into `W x`) for display only.
* Numbers are exact: `0.333` is Fraction(333, 1000), never a float.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

Span = tuple[int, int]

BinaryOp = Literal["+", "-", "*", "/", "^", "odot"]
CompareOp = Literal["<", ">", "<=", ">="]
ReduceOp = Literal["sum", "prod"]
NormKind = Literal["2", "F"]

#: Canonical function names a `Call` may carry (aliases are mapped by the parser:
#: `ln` -> log, `tr` -> trace, `sigma`/`σ` applied to an argument -> sigmoid,
#: `spectral_radius` -> rho, `step` -> heaviside, `transpose(W)` -> Transpose).
FUNCTIONS: frozenset[str] = frozenset(
    {
        "exp", "log", "sqrt", "abs", "sin", "cos", "tan",
        "sigmoid", "tanh", "relu", "softplus", "heaviside",
        "max", "min", "mean",
        "diag", "trace", "det", "inv", "eig",
        "rho", "sigma_max", "lambda_max",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Node:
    """Base of every node; `span` locates it in the student's text."""

    span: Span = field(default=(0, 0), compare=False, hash=False, kw_only=True)


@dataclass(frozen=True, slots=True)
class Num(Node):
    """A number as typed; `text` keeps the spelling (`1e-3`) for display."""

    value: Fraction
    text: str = field(default="", compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Name(Node):
    """A name: a question symbol, an alias, a bound index or a free variable."""

    id: str


@dataclass(frozen=True, slots=True)
class Sub(Node):
    """A subscript or an index: `x_k`, `x_{t-k}`, `x[k]`, `W_{ijk}` (three indices),
    `W_{i,j,k}`, `h_0`. `brackets` is True for the `x[k]` spelling (display only)."""

    base: Expr
    index: tuple[Expr, ...]
    brackets: bool = field(default=False, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Neg(Node):
    operand: Expr


@dataclass(frozen=True, slots=True)
class BinOp(Node):
    """`left op right`; `^` is a power (matrix power for a square matrix), `odot` the
    elementwise product, `*` the product (see the module docstring)."""

    op: BinaryOp
    left: Expr
    right: Expr
    implicit: bool = field(default=False, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Transpose(Node):
    """`W^T`, `W^\\top`, `W^{\\top}`, `transpose(W)`, `W'` is not accepted."""

    operand: Expr


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function from `FUNCTIONS` applied to its arguments (`max(a, b)` has two)."""

    func: str
    args: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Norm(Node):
    """`||v||` (kind None: the 2-norm of a vector, the spectral norm of a matrix),
    `||W||_2` (kind "2"), `||W||_F` and `norm(W, F)` (kind "F")."""

    operand: Expr
    kind: NormKind | None = None


@dataclass(frozen=True, slots=True)
class Reduce(Node):
    """`sum_{k=1}^{t} body`, `prod_{k=1}^{t} body`, `sum_{j,k} body`, `sum_j body`.

    `indices` are the bound names in order; `lower`/`upper` are None when the range is
    left to the context ("the index runs over its whole range"). With several indices
    the bounds, if any, apply to each. The body is the product that follows the sum."""

    op: ReduceOp
    indices: tuple[str, ...]
    lower: Expr | None
    upper: Expr | None
    body: Expr


@dataclass(frozen=True, slots=True)
class Compare(Node):
    """A comparison, possibly chained (`0 < rho(W) < 1`): len(ops) == len(operands) - 1.
    Used by conditions (q2.c) and inside indicators."""

    ops: tuple[CompareOp, ...]
    operands: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Indicator(Node):
    """`1[cond]`, `\\mathbb{1}[cond]`: 1 where the condition holds, elementwise.
    (`heaviside(a)` and `step(a)` are `Call("heaviside", ...)`.)"""

    condition: Compare


@dataclass(frozen=True, slots=True)
class Prob(Node):
    """A probability in the derivation language (q6.a): `p(x)`, `p(x,z)`, `p(x|z)`,
    `q(z|x)`; `func` is "p" or "q", `args` and `given` hold names (usually `Name`)."""

    func: str
    args: tuple[Expr, ...]
    given: tuple[Expr, ...] = ()


@dataclass(frozen=True, slots=True)
class Expect(Node):
    """`E[body]`, `E_q[body]`, `E_{q(z|x)}[body]`, `\\mathbb{E}_{...}[body]`, `mean(body)`
    is a `Call`. `dist` is what the subscript names (a `Prob`, a `Name`, or None)."""

    dist: Expr | None
    body: Expr


@dataclass(frozen=True, slots=True)
class KL(Node):
    """`KL(q(z|x) || p(z|x))`, `D_KL(...)`, `D_{KL}(...)`, `KL(q||p)`."""

    left: Expr
    right: Expr


@dataclass(frozen=True, slots=True)
class Integral(Node):
    """`\\int body dz`: over a discrete model, the sum over the variable."""

    body: Expr
    var: str


@dataclass(frozen=True, slots=True)
class Equation(Node):
    """`lhs = rhs`: a derivation step whose two sides must agree (top level only)."""

    lhs: Expr
    rhs: Expr


Expr = (
    Num | Name | Sub | Neg | BinOp | Transpose | Call | Norm | Reduce | Compare | Indicator
    | Prob | Expect | KL | Integral | Equation
)  # fmt: skip


def children(node: Expr) -> tuple[Expr, ...]:
    """The direct sub-expressions of a node, in source order (for walks and bounds).
    Looked up by the node's class (every walk of every tree comes here); a class not in
    the table (a subclass) goes through the match below, which says the same."""
    get = _CHILDREN.get(type(node))
    if get is not None:
        return get(node)
    return _children(node)


def _children(node: Expr) -> tuple[Expr, ...]:
    match node:
        case Num() | Name():
            return ()
        case Sub(base=base, index=index):
            return (base, *index)
        case Neg(operand=x) | Transpose(operand=x) | Norm(operand=x):
            return (x,)
        case BinOp(left=a, right=b) | KL(left=a, right=b) | Equation(lhs=a, rhs=b):
            return (a, b)
        case Call(args=args):
            return args
        case Reduce(lower=lo, upper=hi, body=body):
            return tuple(x for x in (lo, hi, body) if x is not None)
        case Compare(operands=operands):
            return operands
        case Indicator(condition=c):
            return (c,)
        case Prob(args=args, given=given):
            return (*args, *given)
        case Expect(dist=dist, body=body):
            return (body,) if dist is None else (dist, body)
        case Integral(body=body):
            return (body,)
    raise TypeError(f"not a math node: {node!r}")


_CHILDREN: dict[type, Callable[[Any], tuple[Expr, ...]]] = {
    Num: lambda n: (),
    Name: lambda n: (),
    Sub: lambda n: (n.base, *n.index),
    Neg: lambda n: (n.operand,),
    Transpose: lambda n: (n.operand,),
    Norm: lambda n: (n.operand,),
    BinOp: lambda n: (n.left, n.right),
    KL: lambda n: (n.left, n.right),
    Equation: lambda n: (n.lhs, n.rhs),
    Call: lambda n: n.args,
    Reduce: lambda n: tuple(x for x in (n.lower, n.upper, n.body) if x is not None),
    Compare: lambda n: n.operands,
    Indicator: lambda n: (n.condition,),
    Prob: lambda n: (*n.args, *n.given),
    Expect: lambda n: (n.body,) if n.dist is None else (n.dist, n.body),
    Integral: lambda n: (n.body,),
}


def walk(node: Expr):  # type: ignore[no-untyped-def]
    """Every node of the tree, parents before children (iterative: deep trees are fine)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


__all__ = [
    "FUNCTIONS",
    "KL",
    "BinOp",
    "Call",
    "Compare",
    "Equation",
    "Expect",
    "Expr",
    "Indicator",
    "Integral",
    "Name",
    "Neg",
    "Node",
    "Norm",
    "Num",
    "Prob",
    "Reduce",
    "Span",
    "Sub",
    "Transpose",
    "children",
    "walk",
]
