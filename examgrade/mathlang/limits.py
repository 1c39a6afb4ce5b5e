"""Bounds on what the parser accepts, so hostile or absurd input fails fast with a message.

Checked in this order, each cheaper than the next: the length of the text, the nesting of
brackets (while lexing), the number of tokens, the digits of a literal, then the number of
nodes and the depth of the tree that was built. Parsing itself is iterative (LALR with
actions run at each reduction), so no bound here protects against recursion in the parser;
the depth bound protects the recursive consumers of the tree (evaluator, printer).
Exponent sizes, sum ranges and evaluation work are bounded by the evaluator.
"""

from __future__ import annotations

import unicodedata

from examgrade.errors import Location, MathError

#: Characters in one expression (a long answer is ~200; the bound leaves room for LaTeX).
MAX_LENGTH = 2000
#: Brackets of any kind open at once: `(`, `[`, `{`, `|`, `||`.
MAX_NESTING = 40
#: Tokens in one expression.
MAX_TOKENS = 1000
#: Digits of one numeric literal (mantissa and exponent together), and the decimal exponent.
MAX_DIGITS = 50
MAX_EXPONENT = 300
#: Nodes of the tree, and its depth (a chain `a+a+...+a` is as deep as it is long).
MAX_NODES = 2000
MAX_DEPTH = 200


def caret(text: str, column: int) -> dict[str, str]:
    """The text (on one line) and a caret under `column` (1-based), for located messages.
    The caret goes under what is seen: a combining mark (the tilde of `x̃`) takes no
    column, so the caret points at the letter it sits on; a wide character takes two."""
    shown = "".join(" " if ch in "\r\n\t" else ch for ch in text)
    if len(shown) > 160:  # a very long text: show the part around the column
        start = max(0, column - 80)
        shown = ("…" if start else "") + shown[start : start + 160]
        column = column - start + (1 if start else 0)
    while 1 < column <= len(shown) and unicodedata.combining(shown[column - 1]):
        column -= 1
    return {"text": shown, "caret": " " * display_width(shown[: column - 1]) + "^"}


def display_width(text: str) -> int:
    """Columns a terminal gives `text`: combining marks none, wide characters two."""
    if text.isascii():
        return len(text)  # no ASCII character is combining or wide
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def fail(code: str, text: str, offset: int, **params: object) -> MathError:
    """A MathError located at 0-based `offset` in `text`, with the caret params."""
    column = min(max(offset, 0), len(text)) + 1
    return MathError(f"mathlang.{code}", {**params, **caret(text, column)}, Location(column=column))


def check_length(text: str) -> None:
    if len(text) > MAX_LENGTH:
        raise MathError(
            "mathlang.too_long",
            {"limit": MAX_LENGTH, "length": len(text)},
            Location(column=MAX_LENGTH + 1),
        )
