"""The LALR loop over the math grammar's tables, and the tokens it reads.

The tables are lark's for grammar.lark (same grammar, same states), written ahead of time
into `grammar_tables.py` by `tables_build` (lark is not imported at run time: importing
it and loading its tables cost every process that reads math ~70 ms). Each reduction
calls the action lark would call, with the children lark would give it, and a token no
state expects raises `UnexpectedToken` with the token and the expected terminals lark
would name, so a text reads (or fails) exactly as through lark. lark's own interactive
parser also spent about half of a parse in bookkeeping (two method calls per token, a
rule lookup whose hash is computed each time, wrappers that only hand the one child up,
`?sum: term`), none of which is here. Like lark's, the loop is iterative: no input makes
it recurse.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: An action: (SHIFT, state); (UNIT, origin): the one value on top becomes an `origin`
#: as it is (`?sum: term`); (REDUCE, size, origin, callback): `size` values into one.
Action = tuple[Any, ...]
SHIFT, UNIT, REDUCE = 0, 1, 2


class Token(str):
    """A terminal as the lexer read it: its text, its kind (`type`) and where it is (0-based
    offsets; 1-based line and columns), as lark's Token has them."""

    __slots__ = (
        "column",
        "end_column",
        "end_line",
        "end_pos",
        "line",
        "start_pos",
        "type",
        "value",
    )

    type: str
    start_pos: int
    value: str
    line: int
    column: int
    end_line: int
    end_column: int
    end_pos: int

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    __hash__ = str.__hash__

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"


def token(kind: str, value: str, start: int, end: int) -> Token:
    """A token of `kind` for text[start:end] (one line)."""
    made = str.__new__(Token, value)
    made.type, made.value, made.start_pos, made.end_pos = kind, value, start, end
    made.line, made.column, made.end_line, made.end_column = 1, start + 1, 1, end + 1
    return made


class UnexpectedToken(Exception):
    """No action for `token` in the state reached: `expected` are the terminals it has."""

    def __init__(self, token: Token, expected: set[str]) -> None:
        super().__init__(f"unexpected {token.type} {token.value!r}")
        self.token, self.expected = token, expected


class Run:
    """Items of a repetition (`(COMMA sum)*`), spliced into the rule that uses them
    (lark builds a tree for them and its child filter takes its children)."""

    __slots__ = ("children",)

    def __init__(self, children: list[Any]) -> None:
        self.children = children


@dataclass(frozen=True)
class Tables:
    """One grammar's actions per state and terminal, its gotos per state and rule, the
    start and end state of each start symbol, and the ends of chains of UNIT actions
    met so far: (state below, state on top, terminal) -> the state on top after them
    (they depend on nothing else, and there are few: a value handed up from an atom to
    a sum goes through six)."""

    rows: list[dict[str, Action]]
    gotos: list[dict[str, int]]
    start: dict[str, int]
    end: dict[str, int]
    units: dict[tuple[int, int, str], int]


def _filtered(include: tuple[tuple[int, bool], ...], build: Callable[[list[Any]], Any]) -> Any:
    """lark's child filter: the children at `include`, a Run's spliced in."""

    def callback(children: list[Any]) -> Any:
        kept: list[Any] = []
        for index, splice in include:
            if splice:
                kept += children[index].children
            else:
                kept.append(children[index])
        return build(kept)

    return callback


def tables(actions: object) -> Tables:
    """grammar_tables' actions, each reduction calling its method of `actions`."""
    from examgrade.mathlang import grammar_tables as grammar

    callbacks: list[Callable[[list[Any]], Any]] = []
    for _size, _origin, builder, include in grammar.RULES:
        build = Run if builder is None else getattr(actions, builder)
        callbacks.append(build if include is None else _filtered(include, build))
    rows: list[dict[str, Action]] = []
    gotos: list[dict[str, int]] = []
    for cells in grammar.ROWS:
        row: dict[str, Action] = {}
        goto: dict[str, int] = {}
        for symbol, action in cells.items():
            if action[0] == SHIFT:
                goto[symbol] = action[1]
                row[symbol] = action
            elif action[0] == UNIT:
                row[symbol] = action
            else:
                size, origin, _builder, _include = grammar.RULES[action[1]]
                row[symbol] = (REDUCE, size, origin, callbacks[action[1]])
        rows.append(row)
        gotos.append(goto)
    return Tables(rows, gotos, dict(grammar.START), dict(grammar.END), {})


def parse(built: Tables, start: str, tokens: Iterable[Token], last: Token | None) -> Any:
    """The value the callbacks build for `tokens` read from `start`; UnexpectedToken
    (token, expected terminals) where no action exists, `$END` borrowing `last`'s place."""
    rows, gotos, units = built.rows, built.gotos, built.units
    states: list[int] = [built.start[start]]
    values: list[Any] = []
    for token in tokens:
        kind = token.type
        while True:
            action = rows[states[-1]].get(kind)
            if action is None:
                raise _unexpected(token, rows[states[-1]])
            code = action[0]
            if code == SHIFT:
                states.append(action[1])
                values.append(token)
                break
            if code == UNIT:  # only the state on top changes, to the end of the chain
                key = (states[-2], states[-1], kind)
                top = units.get(key)
                if top is None:
                    top = units[key] = _chain(rows, gotos, key)
                states[-1] = top
                continue
            _, size, origin, callback = action
            children = values[-size:] if size else []
            if size:
                del states[-size:]
                del values[-size:]
            values.append(callback(children))
            states.append(gotos[states[-1]][origin])
    eof = _end(last)
    end = built.end[start]
    while True:
        action = rows[states[-1]].get("$END")
        if action is None or action[0] == SHIFT:  # the end is never shifted (lark asserts it)
            raise _unexpected(eof, rows[states[-1]])
        if action[0] == UNIT:
            states[-1] = gotos[states[-2]][action[1]]
        else:
            _, size, origin, callback = action
            children = values[-size:] if size else []
            if size:
                del states[-size:]
                del values[-size:]
            values.append(callback(children))
            states.append(gotos[states[-1]][origin])
        if states[-1] == end:
            return values[-1]


def _chain(
    rows: list[dict[str, Action]],
    gotos: list[dict[str, int]],
    key: tuple[int, int, str],
) -> int:
    """The state on top after the UNIT actions that `kind` sets off from `top` over
    `below`: the first whose action on `kind` is no UNIT (or none: an error, raised
    there by the loop as lark would)."""
    below, top, kind = key
    while True:
        action = rows[top].get(kind)
        if action is None or action[0] != UNIT:
            return top
        top = gotos[below][action[1]]


def _end(last: Token | None) -> Token:
    """The end of the input, where the last token is (as lark places it)."""
    if last is None:
        made = token("$END", "", 0, 0)  # lark's Token("$END", "", 0, 1, 1): no end
        made.end_pos = made.end_line = made.end_column = None  # type: ignore[assignment]
        return made
    made = str.__new__(Token, "")
    made.type, made.value = "$END", ""
    made.start_pos, made.end_pos = last.start_pos, last.end_pos
    made.line, made.column = last.line, last.column
    made.end_line, made.end_column = last.end_line, last.end_column
    return made


def _unexpected(token: Token, row: dict[str, Action]) -> UnexpectedToken:
    return UnexpectedToken(token, {s for s in row if s.isupper()})
