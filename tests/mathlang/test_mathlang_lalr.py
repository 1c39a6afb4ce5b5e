"""The LALR loop (`mathlang.lalr`) over the tables written ahead of time reads as lark's
own parser of grammar.lark does: the same tree for what reads, the same token and
expected terminals where it fails; and the tables written are those of the grammar."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lark.exceptions import UnexpectedToken as LarkUnexpected

from examgrade.mathlang import grammar_tables, lalr, parser, tables_build
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


@functools.cache
def _lark() -> object:
    return tables_build.lark_parser()


def _lark_reading(tokens: list, mode: parser.Mode) -> object:
    interactive = _lark().parse_interactive(start=parser.START[mode])
    for token in tokens:
        interactive.feed_token(token)
    return interactive.feed_eof(tokens[-1] if tokens else None)


def _outcome(read) -> object:
    try:
        return ("read", read())
    except (LarkUnexpected, lalr.UnexpectedToken) as error:
        return ("unexpected", error.token.type, error.token.start_pos, sorted(error.expected))
    except Exception as error:  # the lexer or an action refused it: the same for both
        return ("error", type(error).__name__, str(error))


@pytest.mark.parametrize(("text", "mode"), TEXTS)
def test_the_loop_reads_as_larks_parser(text: str, mode: parser.Mode) -> None:
    probability = mode == "step"
    symbols = SYMBOLS | ({"p", "q"} if probability else set())
    tokens = tokenize(text, symbols, probability)
    ours = _outcome(
        lambda: lalr.parse(parser.tables(), parser.START[mode], list(tokens), tokens[-1])
    )
    assert ours == _outcome(lambda: _lark_reading(list(tokens), mode))


def test_the_tables_are_those_of_the_grammar() -> None:
    """grammar.lark changed (or lark's tables did): run `python -m
    examgrade.mathlang.tables_build` and commit grammar_tables.py."""
    text = tables_build.GRAMMAR.read_text("utf-8")
    assert tables_build.grammar_digest(text) == grammar_tables.GRAMMAR_SHA256
    assert Path(grammar_tables.__file__).read_text("utf-8") == tables_build.build()


def test_the_tables_are_written_the_same_whatever_the_string_hashing() -> None:
    """lark numbers its states in an order that depends on PYTHONHASHSEED."""
    code = "from examgrade.mathlang import tables_build; print(tables_build.build())"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.stdout == tables_build.build() + "\n"


def test_reading_math_imports_no_lark() -> None:
    code = (
        "import json, sys; from examgrade.mathlang.parser import parse; "
        "parse('W^t h_0 + sum_{k=1}^{t} W^{t-k}(U x_k + b)', None); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'lark')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert json.loads(done.stdout) == []
