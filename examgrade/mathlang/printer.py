"""AST -> ASCII text: how an answer was read, with every implicit product made visible.

`to_text(parse(s))` is what `examgrade validate` and feedback ("read as ...") show: `Wx`
appears as `W * x`, `\\frac{a}{b}` as `a / b`, `\\|W\\|_F` as `||W||_F`. The output parses
back (in free mode; with probability=True for p(..), KL, integrals) to an equal AST:
parentheses are added exactly where precedence or a sum's greedy body needs them.
"""

from __future__ import annotations

from fractions import Fraction

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
)
from examgrade.mathlang.vocab import FUNCTION_ALIASES, GREEK

#: Words a run of index letters must not spell (the lexer would read the word).
_WORDS = frozenset({*FUNCTION_ALIASES, *GREEK, "sum", "prod", "Sum", "KL"})

# Precedence levels, loosest first. A printed piece carries its level and whether it
# ends with a greedy body (a sum, whose body would swallow what follows it).
_COMPARE, _SUM, _PRODUCT, _UNARY, _POWER, _POSTFIX, _ATOM = range(7)
_PRODUCT_OPS = {"*": " * ", "/": " / ", "odot": " \\odot "}


class _Piece:
    __slots__ = ("greedy", "level", "text")

    def __init__(self, text: str, level: int, greedy: bool = False) -> None:
        self.text, self.level, self.greedy = text, level, greedy


def to_text(expr: Expr) -> str:
    """The expression in ASCII, implicit products written `*`, re-parseable to an equal AST."""
    return _print(expr).text


def show(node: Expr) -> str:
    """One line of text for a message about a sub-expression, never an exception (a message
    must not crash). sympy, slow to import, is only the fallback for a node we cannot print."""
    try:
        return to_text(node)
    except Exception:
        pass
    from examgrade.mathlang.to_sympy import show as sympy_show

    return sympy_show(node)


def _wrap(piece: _Piece, level: int, followed: bool) -> str:
    """The piece's text, parenthesized if it binds looser than `level` or, when something
    follows it, if it ends with a sum's greedy body."""
    if piece.level < level or (followed and piece.greedy):
        return f"({piece.text})"
    return piece.text


def _print(node: Expr) -> _Piece:
    match node:
        case Num(value=value, text=text):
            return _Piece(_number(value, text), _ATOM)
        case Name(id=name):
            return _Piece(name, _ATOM)
        case Sub(base=base, index=index):
            shown = _wrap(_print(base), _POSTFIX, True)
            if isinstance(base, Num):  # 1_{...} would read as an indicator
                shown = f"({shown})"
            return _Piece(shown + _index(index), _POSTFIX)
        case Neg(operand=operand):
            inner = _print(operand)
            return _Piece("-" + _wrap(inner, _UNARY, False), _UNARY, inner.greedy)
        case BinOp(op="^", left=left, right=right):
            base = _wrap(_print(left), _POSTFIX, True)
            exponent = _print(right)
            shown = _wrap(exponent, _UNARY, False)
            if (isinstance(right, Name) and right.id == "T") or exponent.greedy:
                shown = f"({exponent.text})"
            return _Piece(f"{base}^{shown}", _POWER)
        case BinOp(op="+" | "-", left=left, right=right):
            a, b = _print(left), _print(right)
            text = f"{_wrap(a, _SUM, True)} {node.op} {_wrap(b, _PRODUCT, False)}"
            return _Piece(text, _SUM, b.greedy and b.level >= _PRODUCT)
        case BinOp(op=op, left=left, right=right):
            a, b = _print(left), _print(right)
            text = f"{_wrap(a, _PRODUCT, True)}{_PRODUCT_OPS[op]}{_wrap(b, _UNARY, False)}"
            return _Piece(text, _PRODUCT, b.greedy and b.level >= _UNARY)
        case Transpose(operand=operand):
            return _Piece(_wrap(_print(operand), _POSTFIX, True) + "^T", _POSTFIX)
        case Call(func=func, args=args):
            return _Piece(f"{func}({_list(args)})", _ATOM)
        case Norm(operand=operand, kind=kind):
            suffix = f"_{kind}" if kind else ""
            return _Piece(f"||{_print(operand).text}||{suffix}", _POSTFIX)
        case Reduce():
            return _Piece(_reduce(node), _UNARY, greedy=True)
        case Compare(ops=ops, operands=operands):
            parts = [_wrap(_print(operands[0]), _SUM, True)]
            for op, operand in zip(ops, operands[1:], strict=True):
                parts.append(f" {op} {_wrap(_print(operand), _SUM, False)}")
            return _Piece("".join(parts), _COMPARE)
        case Indicator(condition=condition):
            return _Piece(f"1[{_print(condition).text}]", _ATOM)
        case Prob(func=func, args=args, given=given):
            shown = _list(args) + (f" | {_list(given)}" if given else "")
            return _Piece(f"{func}({shown})", _ATOM)
        case Expect(dist=dist, body=body):
            sub = "" if dist is None else _expect_sub(dist)
            return _Piece(f"E{sub}[{_print(body).text}]", _ATOM)
        case KL(left=left, right=right):
            return _Piece(f"KL({_print(left).text} || {_print(right).text})", _ATOM)
        case Integral(body=body, var=var):
            return _Piece(f"\\int {_print(body).text} d{var}", _ATOM)
        case Equation(lhs=lhs, rhs=rhs):
            return _Piece(f"{_print(lhs).text} = {_print(rhs).text}", _COMPARE)
    raise TypeError(f"not a math node: {node!r}")


def _number(value: Fraction, text: str) -> str:
    if text:
        try:
            if text.isascii() and text.isdigit():  # `Fraction(text)` is `int(text)`
                if value == int(text):
                    return text
            elif Fraction(text) == value:
                return text
        except ValueError:
            pass
    if value.denominator == 1:
        return str(value.numerator)
    denominator, twos, fives = value.denominator, 0, 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator == 1:  # a finite decimal: exact
        places = max(twos, fives)
        scaled = value * 10**places
        whole, frac = divmod(scaled.numerator, 10**places)
        return f"{whole}.{frac:0{places}d}"
    return f"({value.numerator}/{value.denominator})"


def _index(index: tuple[Expr, ...]) -> str:
    if len(index) == 1:
        only = index[0]
        if isinstance(only, Name) and len(only.id) == 1:
            return f"_{only.id}"
        if isinstance(only, Num) and only.value.denominator == 1 and only.value >= 0:
            return f"_{only.value.numerator}"
    if all(isinstance(i, Name) and len(i.id) == 1 and i.id.isalpha() for i in index):
        joined = "".join(i.id for i in index)  # type: ignore[union-attr]
        if joined not in _WORDS:  # W_{ijk}; but x_{m, a, x}, not x_{max}
            return "_{" + joined + "}"
    return "_{" + _list(index) + "}"


def _list(items: tuple[Expr, ...]) -> str:
    return ", ".join(_print(item).text for item in items)


def _reduce(node: Reduce) -> str:
    if node.lower is not None:
        sub = f"_{{{node.indices[0]}={_print(node.lower).text}}}"
        if len(node.indices) > 1:  # bounds shared by several indices: no ASCII spelling
            sub = "_{" + ",".join(node.indices) + "}"
    else:
        sub = "_{" + ",".join(node.indices) + "}"
    sup = "" if node.upper is None else f"^{{{_print(node.upper).text}}}"
    body = _print(node.body)
    shown = f"({body.text})" if body.level < _PRODUCT else body.text
    return f"{node.op}{sub}{sup} {shown}"


def _expect_sub(dist: Expr) -> str:
    if isinstance(dist, Name) and len(dist.id) == 1:
        return f"_{dist.id}"
    return "_{" + _print(dist).text + "}"
