"""Text -> AST: `parse(text, symbols, mode=..., probability=...)`.

The lexer (lexer.py) turns ASCII, LaTeX and Unicode into grammar tokens; the LALR loop
(lalr.py, over grammar.lark's tables as lark builds them) runs the actions below at each
reduction, so the tree is built
while parsing, iteratively: no input can make it recurse. Every failure is a MathError
whose code names what went wrong and whose params carry the text, a caret under the
column, what was expected and, where there is one, the fix (messages/*/mathlang.yaml).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from examgrade.errors import MathError
from examgrade.i18n import Message
from examgrade.mathlang import lalr, limits
from examgrade.mathlang.ast import (
    KL,
    BinOp,
    Call,
    Compare,
    Equation,
    Expect,
    Expr,
    Indicator,
    Integral,
    Name,
    Neg,
    Norm,
    Num,
    Prob,
    Reduce,
    Sub,
    Transpose,
    children,
)
from examgrade.mathlang.lalr import Token, UnexpectedToken
from examgrade.mathlang.lexer import ends_sum_bounds, last_sum, tokenize
from examgrade.mathlang.vocab import TERMINAL_TEXT

Mode = Literal["expr", "condition", "step"]

START = {"expr": "start_expr", "condition": "start_cond", "step": "start_step"}
_OPERAND_START = {"NUMBER", "NAME", "LPAR", "CALL", "FUNC", "EPOW", "LBAR", "LNORM", "SUM", "MINUS"}
_BINARY = {"PLUS", "MINUS", "STAR", "SLASH", "ODOT", "CMP", "EQUAL", "POW", "COMMA"}
_ONE_ARGUMENT_MAX = {"max", "min"}


class _Fail(Exception):
    """Raised inside a grammar action; `parse` turns it into a located MathError."""

    def __init__(self, code: str, offset: int, **params: Any) -> None:
        super().__init__(code)
        self.code, self.offset, self.params = code, offset, params


@dataclass(frozen=True)
class _Items:
    """A comma-separated list (arguments, indices) with its span."""

    items: tuple[Expr, ...]
    span: tuple[int, int]


@dataclass(frozen=True)
class _Range:
    """The subscript of a sum: the bound indices and the optional lower bound."""

    indices: tuple[str, ...]
    lower: Expr | None
    span: tuple[int, int]


@dataclass(frozen=True)
class _Upper:
    value: Expr
    span: tuple[int, int]


def _span_of(item: Any) -> tuple[int, int]:
    if isinstance(item, Token):
        return (item.start_pos or 0, item.end_pos or 0)
    return item.span  # type: ignore[no-any-return]


def _span(*items: Any) -> tuple[int, int]:
    return (_span_of(items[0])[0], _span_of(items[-1])[1])


def _flatten_indices(items: Iterable[Expr]) -> tuple[Expr, ...]:
    """`W_{ijk}` reads as the product i j k: three one-letter indices, split back."""
    out: list[Expr] = []
    for item in items:
        leaves = _implicit_names(item)
        out.extend(leaves if leaves and len(leaves) > 1 else [item])
    return tuple(out)


def _implicit_names(item: Expr) -> list[Expr] | None:
    if isinstance(item, Name) and len(item.id) == 1:
        return [item]
    if isinstance(item, BinOp) and item.op == "*" and item.implicit:
        left, right = _implicit_names(item.left), _implicit_names(item.right)
        if left is not None and right is not None:
            return left + right
    return None


class Actions:
    """The grammar's actions: children (tokens and nodes) -> one AST node."""

    # ---- top level ----------------------------------------------------------------------
    def start_expr(self, c: list[Any]) -> Expr:
        return c[0]  # type: ignore[no-any-return]

    start_cond = start_step = start_expr

    def continued(self, c: list[Any]) -> Expr:
        return c[1]  # type: ignore[no-any-return]  # "= rhs": a step that continues the chain

    def equation(self, c: list[Any]) -> Expr:
        return Equation(c[0], c[2], span=_span(c[0], c[2]))

    def compare(self, c: list[Any]) -> Expr:
        ops = tuple(str(t.value) for t in c[1::2])
        return Compare(ops, tuple(c[0::2]), span=_span(c[0], c[-1]))  # type: ignore[arg-type]

    # ---- operators ----------------------------------------------------------------------
    def _bin(self, op: str, c: list[Any], implicit: bool = False) -> Expr:
        left, right = c[0], c[-1]  # both nodes: their spans directly (a hot path)
        return BinOp(op, left, right, implicit, span=(left.span[0], right.span[1]))

    def add(self, c: list[Any]) -> Expr:
        return self._bin("+", c)

    def sub(self, c: list[Any]) -> Expr:
        return self._bin("-", c)

    def mul(self, c: list[Any]) -> Expr:
        return self._bin("*", c)

    def div(self, c: list[Any]) -> Expr:
        return self._bin("/", c)

    def odot(self, c: list[Any]) -> Expr:
        return self._bin("odot", c)

    def imul(self, c: list[Any]) -> Expr:
        return self._bin("*", c, implicit=True)

    def pow(self, c: list[Any]) -> Expr:
        return self._bin("^", c)

    def neg(self, c: list[Any]) -> Expr:
        return Neg(c[1], span=_span(c[0], c[1]))

    def pos(self, c: list[Any]) -> Expr:
        return c[1]  # type: ignore[no-any-return]

    def transpose(self, c: list[Any]) -> Expr:
        return Transpose(c[0], span=_span(c[0], c[1]))

    # ---- sums ---------------------------------------------------------------------------
    def reduction(self, c: list[Any]) -> Expr:
        head, body = c[0], c[-1]
        ranges = [x for x in c[1:-1] if isinstance(x, _Range)]
        uppers = [x for x in c[1:-1] if isinstance(x, _Upper)]
        rng = ranges[0]
        upper = uppers[0].value if uppers else None
        return Reduce(str(head.value), rng.indices, rng.lower, upper, body, span=_span(head, body))  # type: ignore[arg-type]

    def range_one(self, c: list[Any]) -> _Range:
        return _Range((str(c[1].value),), None, _span(c[0], c[1]))

    def range_from(self, c: list[Any]) -> _Range:
        return _Range((str(c[2].value),), c[4], _span(c[0], c[5]))

    def range_list(self, c: list[Any]) -> _Range:
        names: list[str] = []
        for item in _flatten_indices(c[2].items):
            if not isinstance(item, Name):
                raise _Fail("bad_sum_index", item.span[0])
            names.append(item.id)
        return _Range(tuple(names), None, _span(c[0], c[3]))

    def range_sup(self, c: list[Any]) -> _Upper:
        value = c[2] if len(c) == 4 else self._atom_token(c[1])
        return _Upper(value, _span(c[0], c[-1]))

    def sumcall(self, c: list[Any]) -> Expr:
        return Reduce("sum", (str(c[4].value),), c[6], c[8], c[1], span=_span(c[0], c[10]))

    # ---- postfix ------------------------------------------------------------------------
    def sub_one(self, c: list[Any]) -> Expr:
        return self._subscript(c[0], (self._atom_token(c[2]),), _span(c[0], c[2]))

    def sub_braced(self, c: list[Any]) -> Expr:
        return self._subscript(c[0], _flatten_indices(c[3].items), _span(c[0], c[4]))

    def sub_brackets(self, c: list[Any]) -> Expr:
        items = _flatten_indices(c[2].items)
        return Sub(c[0], items, True, span=_span(c[0], c[3]))

    def _subscript(self, base: Expr, index: tuple[Expr, ...], span: tuple[int, int]) -> Expr:
        if isinstance(base, Norm) and base.kind is None and len(index) == 1:
            kind = _norm_kind(index[0])
            if kind is None:
                raise _Fail("bad_norm", index[0].span[0])
            return Norm(base.operand, kind, span=span)
        return Sub(base, index, span=span)

    def index_list(self, c: list[Any]) -> _Items:
        items = tuple(x for x in c if not isinstance(x, Token))
        return _Items(items, _span(c[0], c[-1]))

    args = index_list

    # ---- atoms --------------------------------------------------------------------------
    def _atom_token(self, tok: Token) -> Expr:
        return self.num([tok]) if tok.type == "NUMBER" else self.name([tok])

    def num(self, c: list[Any]) -> Expr:
        tok = c[0]
        text = str(tok.value)
        value = Fraction(int(text)) if text.isascii() and text.isdigit() else Fraction(text)
        return Num(value, text, span=(tok.start_pos or 0, tok.end_pos or 0))

    def name(self, c: list[Any]) -> Expr:
        tok = c[0]
        return Name(str(tok.value), span=(tok.start_pos or 0, tok.end_pos or 0))

    def group(self, c: list[Any]) -> Expr:
        return c[1]  # type: ignore[no-any-return]

    def abs(self, c: list[Any]) -> Expr:
        return Call("abs", (c[1],), span=_span(c[0], c[2]))

    def norm(self, c: list[Any]) -> Expr:
        return Norm(c[1], None, span=_span(c[0], c[2]))

    def call(self, c: list[Any]) -> Expr:
        return _make_call(str(c[0].value), c[1].items, _span(c[0], c[2]), c[0].start_pos)

    def prefix_call(self, c: list[Any]) -> Expr:
        return _make_call(str(c[0].value), (c[1],), _span(c[0], c[1]), c[0].start_pos)

    def frac(self, c: list[Any]) -> Expr:
        return BinOp("/", c[2], c[5], span=_span(c[0], c[6]))

    def expect(self, c: list[Any]) -> Expr:
        return Expect(None, c[2], span=_span(c[0], c[3]))

    def expect_sub(self, c: list[Any]) -> Expr:
        return Expect(self.name([c[2]]), c[4], span=_span(c[0], c[5]))

    def expect_braced(self, c: list[Any]) -> Expr:
        return Expect(c[3], c[6], span=_span(c[0], c[7]))

    def indicator(self, c: list[Any]) -> Expr:
        return Indicator(c[2], span=_span(c[0], c[3]))

    def indicator_braced(self, c: list[Any]) -> Expr:
        return Indicator(c[3], span=_span(c[0], c[4]))

    def expect_sim(self, c: list[Any]) -> Expr:
        return Expect(c[5], c[8], span=_span(c[0], c[9]))

    def prob(self, c: list[Any]) -> Expr:
        return Prob(str(c[0].value), c[1].items, (), span=_span(c[0], c[2]))

    def prob_given(self, c: list[Any]) -> Expr:
        return Prob(str(c[0].value), c[1].items, c[3].items, span=_span(c[0], c[4]))

    def kl(self, c: list[Any]) -> Expr:
        return KL(c[1], c[3], span=_span(c[0], c[4]))

    def integral(self, c: list[Any]) -> Expr:
        return Integral(c[1], str(c[2].value), span=_span(c[0], c[2]))


def _norm_kind(index: Expr) -> Literal["2", "F"] | None:
    if isinstance(index, Num) and index.value == 2:
        return "2"
    if isinstance(index, Name) and index.id in ("F", "fro"):
        return "F"
    return None


def _make_call(func: str, args: tuple[Expr, ...], span: tuple[int, int], at: int) -> Expr:
    if func == "norm":
        if len(args) == 2 and (kind := _norm_kind(args[1])) is not None:
            return Norm(args[0], kind, span=span)
        if len(args) == 1:
            return Norm(args[0], None, span=span)
        raise _Fail("bad_norm", at)
    if func == "transpose":
        if len(args) != 1:
            raise _Fail("arity", at, name=func, count=1)
        return Transpose(args[0], span=span)
    if len(args) != 1 and func not in _ONE_ARGUMENT_MAX:
        raise _Fail("arity", at, name=func, count=1)
    return Call(func, args, span=span)


def parse(
    text: str,
    symbols: Collection[str] | None = None,
    *,
    mode: Mode = "expr",
    probability: bool = False,
) -> Expr:
    """The AST of `text`; MathError (code, caret, what was expected, the fix) if unreadable.

    `symbols`: the names the question knows (with the base names of indexed families and
    the aliases); None for free mode, where every name is a variable and runs of letters
    are never split. `mode`: "condition" allows a comparison at the top, "step" an
    equation. `probability`: `p(..)`, `q(..)`, `KL(..||..)`, `\\int .. dz` (q6.a)."""
    limits.check_length(text)
    if not text.strip():
        raise MathError("mathlang.empty", {})
    tokens = tokenize(text, symbols, probability)
    try:
        tree = _feed(tokens, mode)
    except _Fail as failure:
        raise limits.fail(failure.code, text, failure.offset, **failure.params) from None
    except UnexpectedToken as error:
        raise _unexpected(text, tokens, error, mode) from None
    _check_tree(text, tree, symbols, probability)
    return tree


_TABLES: list[lalr.Tables] = []


def tables() -> lalr.Tables:
    """The grammar's tables, with these actions (made once per process)."""
    if not _TABLES:
        _TABLES.append(lalr.tables(Actions()))
    return _TABLES[0]


def _feed(tokens: list[Token], mode: Mode) -> Expr:
    """The grammar's tables and actions, driven by `lalr.parse`."""
    last = tokens[-1] if tokens else None
    return lalr.parse(tables(), START[mode], tokens, last)  # type: ignore[no-any-return]


# ---- errors ---------------------------------------------------------------------------------


def _unexpected(text: str, tokens: list[Token], error: UnexpectedToken, mode: Mode) -> MathError:
    token = getattr(error, "token", None)
    expected = set(getattr(error, "expected", ()) or ())
    at_end = token is None or token.type == "$END"
    index = len(tokens) if at_end else _index_of(tokens, token)
    previous = tokens[index - 1] if index > 0 else None
    offset = len(text) if at_end else (token.start_pos or 0)
    shown = "" if at_end else (text[token.start_pos : token.end_pos] or str(token.value))

    def fail(code: str, where: int = offset, **params: object) -> MathError:
        return limits.fail(code, text, where, **params)

    after_sum = previous is not None and previous.type in ("SUM", "PROD")
    if after_sum and (at_end or token.type not in ("USCORE", "POW")):
        return fail("sum_without_index", previous.start_pos or 0)  # type: ignore[union-attr]
    if "CMP" in expected and not at_end and token.type in ("RSQB", "RBRACE", "RPAR"):
        return fail("indicator_without_comparison")
    if ends_sum_bounds(tokens, index):
        return fail("sum_without_body", _span_of(tokens[last_sum(tokens, index)])[0])
    if previous is not None and previous.type == "POW":
        if previous.value == "**" or (not at_end and token.type == "POW"):
            return fail("double_star", previous.start_pos or 0)
        return fail("power_without_exponent", previous.start_pos or 0)
    if not at_end and token.type == "POW" and token.value == "**":
        return fail("double_star")
    if not at_end and token.type == "CMP" and mode != "condition":
        return fail("comparison_not_allowed", token=shown)
    if not at_end and token.type == "EQUAL":
        return fail("one_equation" if mode == "step" else "equation_not_allowed")
    if not at_end and token.type == "GIVEN":
        return fail("given_outside_probability")
    if at_end and previous is not None and previous.type in _BINARY:
        return fail("missing_operand", previous.start_pos or 0, token=previous.value)
    what = _expected_text(expected)
    if at_end:
        return fail("unexpected_end", expected=what)
    return fail("unexpected_token", token=shown, expected=what)


def _index_of(tokens: list[Token], token: Token) -> int:
    for i, candidate in enumerate(tokens):
        if candidate is token:
            return i
    for i, candidate in enumerate(tokens):
        if candidate.start_pos == token.start_pos and candidate.type == token.type:
            return i
    return len(tokens)


def _expected_text(expected: set[str]) -> Message | str:
    if expected & _OPERAND_START:
        return Message("mathlang.expected_operand", {})
    shown = sorted({TERMINAL_TEXT[t] for t in expected if t in TERMINAL_TEXT})
    if shown:
        return " ".join(f"'{s}'" for s in shown[:6])
    return Message("mathlang.expected_operator", {})


# ---- checks on the tree ---------------------------------------------------------------------


def _check_tree(text: str, tree: Expr, symbols: Collection[str] | None, probability: bool) -> None:
    """Size and depth bounds, and names: every name outside a subscript is a symbol or
    bound by an enclosing sum (known names are checked by the lexer, bound ones here)."""
    known = None if symbols is None else frozenset(symbols) | ({"p", "q"} if probability else set())
    count = 0
    stack: list[tuple[Expr, int, frozenset[str]]] = [(tree, 1, frozenset())]
    while stack:
        node, depth, bound = stack.pop()
        count += 1
        if count > limits.MAX_NODES:
            raise limits.fail("too_many_nodes", text, node.span[0], limit=limits.MAX_NODES)
        if depth > limits.MAX_DEPTH:
            raise limits.fail("too_deep_tree", text, node.span[0], limit=limits.MAX_DEPTH)
        if isinstance(node, Name) and known is not None:
            if node.id in known or node.id in bound:
                continue  # a leaf: nothing below it
            names = ", ".join(sorted(symbols or (), key=lambda s: (s.lower(), s)))
            raise limits.fail("unbound_index", text, node.span[0], name=node.id, known=names)
        inner = bound | set(node.indices) if isinstance(node, Reduce) else bound
        if isinstance(node, Sub):
            stack.append((node.base, depth + 1, inner))
            continue  # indices are checked by the context (q8's free index i)
        if isinstance(node, Integral):
            inner = inner | {node.var}
        if isinstance(node, Expect) and node.dist is not None:
            stack.append((node.body, depth + 1, inner))
            continue  # E_{x ~ P_g}: the distribution's spelling is free
        stack.extend((child, depth + 1, inner) for child in children(node))
