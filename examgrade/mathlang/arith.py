"""A small, safe evaluator for plain arithmetic: `1 + 6*(5-1)`, `(256-5+2*2)/1+1`, `2^3`.

Numbers are exact (`Fraction`), so `(5-1)/2` is exactly 2. A recursive-descent parser
over a token list; nothing is ever passed to `eval`. Every way to make it work hard is
bounded: the text length, the nesting depth, the size of exponents and of results.

Part of the math language (it was a top-level module beside it): the numeric checks read
sizes and counts with it, where the full grammar's implicit products and names have no
place and its float evaluation would lose exactness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from examgrade.errors import Location, MathError

MAX_LENGTH = 200
MAX_DEPTH = 40
MAX_EXPONENT = 64
MAX_MAGNITUDE = Fraction(10) ** 15

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<op>\*\*|[-+*/^()·×÷−]))"
)
_OPERATOR_ALIASES = {"·": "*", "×": "*", "÷": "/", "−": "-", "**": "^"}


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "op" or "end"
    text: str
    column: int  # 1-based, within the text


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    at = 0
    while at < len(text):
        if text[at:].strip() == "":
            break
        match = _TOKEN.match(text, at)
        if match is None:
            column = at + len(text[at:]) - len(text[at:].lstrip()) + 1
            raise MathError(
                "arith.unexpected_char",
                {"char": text[column - 1], **_caret(text, column)},
                Location(column=column),
            )
        kind = match.lastgroup or "op"
        value = match.group(kind)
        tokens.append(_Token(kind, _OPERATOR_ALIASES.get(value, value), match.start(kind) + 1))
        at = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _caret(text: str, column: int) -> dict[str, str]:
    """The text and a caret under `column`, for messages that point at a character."""
    return {"text": text, "caret": " " * (column - 1) + "^"}


def evaluate(text: str) -> Fraction:
    """The exact value of an arithmetic expression; `MathError` if it cannot be read."""
    if len(text) > MAX_LENGTH:
        raise MathError("arith.too_long", {"limit": MAX_LENGTH}, Location(column=MAX_LENGTH))
    if not text.strip():
        raise MathError("arith.empty", {}, Location(column=1))
    parser = _Parser(text, _tokens(text))
    value = parser.expression(0)
    parser.expect_end()
    return value


class _Parser:
    """expression := term (('+'|'-') term)*; term := unary (('*'|'/') unary | '(' ...)*;
    unary := ('-'|'+') unary | power; power := atom ('^' unary)?"""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.at = 0

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def fail(self, code: str, token: _Token, **params: object) -> MathError:
        shown = token.text or "end"
        return MathError(
            f"arith.{code}",
            {"token": shown, **params, **_caret(self.text, token.column)},
            Location(column=token.column),
        )

    def expect_end(self) -> None:
        if self.peek().kind != "end":
            raise self.fail("unexpected", self.peek())

    def expression(self, depth: int) -> Fraction:
        if depth > MAX_DEPTH:
            raise self.fail("too_deep", self.peek(), limit=MAX_DEPTH)
        value = self.term(depth)
        while self.peek().text in ("+", "-"):
            op = self.take().text
            value = _bounded(
                value + self.term(depth) if op == "+" else value - self.term(depth),
                self,
                self.peek(),
            )
        return value

    def term(self, depth: int) -> Fraction:
        value = self.unary(depth)
        while (
            self.peek().text in ("*", "/")
            or self.peek().text == "("
            or (self.peek().kind == "number")
        ):
            token = self.peek()
            if token.text == "/":
                self.take()
                divisor = self.unary(depth)
                if divisor == 0:
                    raise self.fail("division_by_zero", token)
                value = value / divisor
            else:
                if token.text == "*":
                    self.take()
                value = _bounded(value * self.unary(depth), self, token)
        return value

    def unary(self, depth: int) -> Fraction:
        if self.peek().text in ("-", "+"):
            sign = -1 if self.take().text == "-" else 1
            return sign * self.unary(depth + 1)
        return self.power(depth)

    def power(self, depth: int) -> Fraction:
        base = self.atom(depth)
        if self.peek().text == "^":
            token = self.take()
            exponent = self.unary(depth + 1)
            if exponent.denominator != 1 or abs(exponent) > MAX_EXPONENT:
                raise self.fail("bad_exponent", token, limit=MAX_EXPONENT)
            if base == 0 and exponent < 0:
                raise self.fail("division_by_zero", token)
            if abs(base) > 1 and abs(exponent) * _digits(base) > 30:
                raise self.fail("too_large", token)
            return _bounded(base ** int(exponent), self, token)
        return base

    def atom(self, depth: int) -> Fraction:
        token = self.take()
        if token.kind == "number":
            return Fraction(token.text)
        if token.text == "(":
            value = self.expression(depth + 1)
            closing = self.take()
            if closing.text != ")":
                raise self.fail("expected_paren", closing)
            return value
        raise self.fail("expected_number", token)


def _digits(value: Fraction) -> int:
    return max(len(str(abs(value.numerator))), len(str(value.denominator)))


def _bounded(value: Fraction, parser: _Parser, token: _Token) -> Fraction:
    if abs(value) > MAX_MAGNITUDE:
        raise parser.fail("too_large", token)
    return value
