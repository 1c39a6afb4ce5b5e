"""The LALR loop (`mathlang.lalr`) over lark's tables reads as lark's own parser does:
the same tree for what reads, the same token and expected terminals where it fails."""

from __future__ import annotations

import pytest
from lark.exceptions import UnexpectedToken

from examgrade.mathlang import lalr, parser
from examgrade.mathlang.lexer import tokenize

TEXTS = [
    ("W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)", "expr"),
    ("1[W x + b > 0] ⊙ W", "expr"),
    ("max(|lambda_1|, |lambda_2|) < 1", "condition"),
    ("log p(x) = E_q[log p(x,z)] - E_q[log q(z|x)]", "step"),
    ("= KL(q||p)", "step"),
    ("W +", "expr"),  # ends too early
    ("W , b", "expr"),  # a token no state expects
    ("W + * b", "expr"),
    ("x < 1", "expr"),  # a comparison where an expression is asked
    ("sum_{k=1}^{t}", "expr"),
]
SYMBOLS = {"W", "U", "b", "h", "h_0", "x", "x_k", "t", "k", "z", "lambda", "lambda_1", "lambda_2"}


def _lark_reading(tokens: list, mode: parser.Mode) -> object:
    interactive = parser._lark().parse_interactive(start=parser._START[mode])
    for token in tokens:
        interactive.feed_token(token)
    return interactive.feed_eof(tokens[-1] if tokens else None)


def _outcome(read) -> object:
    try:
        return ("read", read())
    except UnexpectedToken as error:
        return ("unexpected", error.token.type, error.token.start_pos, sorted(error.expected))
    except Exception as error:  # the lexer or an action refused it: the same for both
        return ("error", type(error).__name__, str(error))


@pytest.mark.parametrize(("text", "mode"), TEXTS)
def test_the_loop_reads_as_larks_parser(text: str, mode: parser.Mode) -> None:
    probability = mode == "step"
    symbols = SYMBOLS | ({"p", "q"} if probability else set())
    tokens = tokenize(text, symbols, probability)
    ours = _outcome(
        lambda: lalr.parse(
            lalr.tables(parser._lark()), parser._START[mode], list(tokens), tokens[-1]
        )
    )
    assert ours == _outcome(lambda: _lark_reading(list(tokens), mode))
