"""Writes `grammar_tables.py`, the math grammar's LALR tables, from grammar.lark with lark.

    python -m examgrade.mathlang.tables_build         # after any change to grammar.lark

Building the tables with lark at run time cost every process that reads math ~60 ms of
importing lark and ~10 ms of loading its tables (or ~70 ms building them): `check`,
`equiv`, each batch worker. The tables are data that changes only with the grammar, so
they ship as a Python module, and lark is imported only here (a test fails when
grammar.lark changes and this was not run). The module is plain literals: no pickle.

lark numbers its states in an order that depends on string hashing (PYTHONHASHSEED), so
the states are renumbered here in a canonical order (breadth first from the start
states, symbols in sorted order): the same grammar always writes the same file.
"""

from __future__ import annotations

import functools
import hashlib
import sys
from collections import deque
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
GRAMMAR = HERE / "grammar.lark"
OUTPUT = HERE / "grammar_tables.py"


def grammar_digest(text: str) -> str:
    """The digest the tables module records of the grammar it was built from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rule(rule: Any, callback: Any, actions: type) -> tuple[Any, ...]:
    """A reduction as data: (size, origin, builder, include). `builder` names a method
    of the parser's actions, or is None for lark's list of repeated items (`(COMMA sum)*`,
    a tree whose children are spliced into the rule that uses it); `include` is lark's
    child filter ((index, splice?) pairs) or None. UNIT rules are (size 1, origin, '')."""
    from lark.parse_tree_builder import ChildFilterLALR_NoPlaceholders, ExpandSingleChild
    from lark.tree import Tree

    size, origin = len(rule.expansion), str(rule.origin.name)
    include = None
    if isinstance(callback, ExpandSingleChild):
        if size != 1:
            raise SystemExit(f"unsupported: `?` rule of {size} symbols: {rule}")
        return (1, origin, "", None)
    if isinstance(callback, ChildFilterLALR_NoPlaceholders):
        include = tuple((int(i), bool(splice)) for i, splice in callback.to_include)
        callback = callback.node_builder
    if isinstance(callback, functools.partial) and callback.func is Tree:
        return (size, origin, None, include)
    name = getattr(getattr(callback, "__func__", None), "__name__", None)
    if name is None or getattr(actions, name, None) is not callback.__func__:
        raise SystemExit(f"unsupported callback for {rule}: {callback!r}")
    return (size, origin, name, include)


def lark_parser() -> Any:
    """lark's own LALR parser of the grammar, with the parser's actions (the tables are
    written from it; the tests read texts with it to compare)."""
    import lark
    from lark.lexer import Lexer

    from examgrade.mathlang import parser

    class NoLexer(Lexer):
        """Tokens come from examgrade.mathlang.lexer: lark lexes nothing."""

        def __init__(self, conf: Any) -> None:
            pass

        def lex(self, data: Any) -> Any:  # pragma: no cover - never called
            raise NotImplementedError

    return lark.Lark(
        GRAMMAR.read_text("utf-8"),
        parser="lalr",
        lexer=NoLexer,
        start=list(parser.START.values()),
        transformer=parser.Actions(),  # type: ignore[arg-type]
        keep_all_tokens=True,
        maybe_placeholders=False,
    )


def build() -> str:
    """The source of grammar_tables.py for the grammar as it is now."""
    import lark
    from lark.parsers.lalr_analysis import Shift

    from examgrade.mathlang import parser

    text = GRAMMAR.read_text("utf-8")
    built = lark_parser()
    inner = built.parser.parser.parser  # frontend -> LALR_Parser -> its _Parser
    table, callbacks = inner.parse_table, inner.callbacks
    # canonical state numbers: breadth first from the starts, symbols sorted
    number: dict[Any, int] = {}
    queue: deque[Any] = deque()
    for start in sorted(table.start_states):
        state = table.start_states[start]
        if state not in number:
            number[state] = len(number)
            queue.append(state)
    while queue:
        state = queue.popleft()
        for symbol in sorted(table.states[state]):
            kind, arg = table.states[state][symbol]
            if kind is Shift and arg not in number:
                number[arg] = len(number)
                queue.append(arg)
    if len(number) != len(table.states):
        raise SystemExit("unreachable states in the LALR table")
    rules: dict[tuple[Any, ...], int] = {}
    rows: list[str] = []
    for state in sorted(table.states, key=number.__getitem__):
        cells = []
        for symbol in sorted(table.states[state]):
            kind, arg = table.states[state][symbol]
            if kind is Shift:
                cells.append(f"{symbol!r}: (0, {number[arg]})")
                continue
            rule = _rule(arg, callbacks[arg], parser.Actions)
            if rule[2] == "":
                cells.append(f"{symbol!r}: (1, {rule[1]!r})")
            else:
                index = rules.setdefault(rule, len(rules))
                cells.append(f"{symbol!r}: (2, {index})")
        rows.append("    {" + ", ".join(cells) + "},")
    start = {name: number[state] for name, state in sorted(table.start_states.items())}
    end = {name: number[state] for name, state in sorted(table.end_states.items())}
    rule_lines = [f"    {rule!r}," for rule in rules]
    return "\n".join(
        [
            '"""The math grammar\'s LALR tables, written by `python -m',
            "examgrade.mathlang.tables_build` from grammar.lark (do not edit: run it again).",
            "",
            "ROWS[state][terminal or rule] is (0, state): shift or go to; (1, rule): the one",
            "value on top becomes that rule as it is; (2, n): reduce by RULES[n], which is",
            "(size, rule, action method or None for a list of repeated items, child filter).",
            '"""',
            "",
            "# ruff: noqa: E501",
            "# fmt: off",
            f"GRAMMAR_SHA256 = {grammar_digest(text)!r}",
            f"LARK_VERSION = {lark.__version__!r}",
            f"START = {start!r}",
            f"END = {end!r}",
            "RULES = [",
            *rule_lines,
            "]",
            "ROWS = [",
            *rows,
            "]",
            "",
        ]
    )


def main() -> None:
    OUTPUT.write_text(build(), "utf-8")
    print(f"wrote {OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
