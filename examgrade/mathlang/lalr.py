"""The LALR loop over lark's own tables and callbacks, without lark's per-token overhead.

lark's interactive parser spent about half of a parse in bookkeeping: two method calls
per token, and at each reduction a lookup keyed by the grammar rule, whose hash is
computed from its symbols every time, then wrappers that only hand the one child up
(`?sum: term`). The tables here are lark's (same grammar, same states), each reduction
calls the callback lark would call, and a token no state expects raises lark's
`UnexpectedToken` with the same token and expected terminals, so a text reads (or fails)
exactly as through lark. Like lark's, the loop is iterative: no input makes it recurse.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

#: An action: (SHIFT, state); (UNIT, origin): the one value on top becomes an `origin`
#: as it is (`?sum: term`); (REDUCE, size, origin, callback): `size` values into one.
Action = tuple[Any, ...]
SHIFT, UNIT, REDUCE = 0, 1, 2


@dataclass(frozen=True)
class Tables:
    """One grammar's actions per state and terminal, its gotos per state and rule, the
    start and end state of each start symbol, and the ends of chains of UNIT actions
    met so far: (state below, state on top, terminal) -> the state on top after them
    (they depend on nothing else, and there are few: a value handed up from an atom to
    a sum goes through six)."""

    rows: dict[Hashable, dict[str, Action]]
    gotos: dict[Hashable, dict[str, Hashable]]
    start: dict[str, Hashable]
    end: dict[str, Hashable]
    units: dict[tuple[Hashable, Hashable, str], Hashable]


_BUILT: list[tuple[Lark, Tables]] = []


def tables(lark: Lark) -> Tables:
    """`lark`'s LALR tables as actions (built once per Lark object)."""
    for owner, built in _BUILT:
        if owner is lark:
            return built
    parser = lark.parser.parser.parser  # frontend -> LALR_Parser -> its _Parser
    table, callbacks = parser.parse_table, parser.callbacks
    rows: dict[Hashable, dict[str, Action]] = {}
    gotos: dict[Hashable, dict[str, Hashable]] = {}
    for state, actions in table.states.items():
        row: dict[str, Action] = {}
        goto: dict[str, Hashable] = {}
        for symbol, (kind, arg) in actions.items():
            if kind is Shift:
                row[symbol] = (SHIFT, arg)
                goto[symbol] = arg
                continue
            callback = callbacks[arg]
            size = len(arg.expansion)
            if isinstance(callback, ExpandSingleChild) and size == 1:
                row[symbol] = (UNIT, arg.origin.name)  # the wrapper would return the child
            else:
                row[symbol] = (REDUCE, size, arg.origin.name, callback)
        rows[state], gotos[state] = row, goto
    built = Tables(rows, gotos, dict(table.start_states), dict(table.end_states), {})
    _BUILT[:] = [(lark, built)]
    return built


def parse(built: Tables, start: str, tokens: Iterable[Token], last: Token | None) -> Any:
    """The value the callbacks build for `tokens` read from `start`; UnexpectedToken
    (token, expected terminals) where no action exists, `$END` borrowing `last`'s place."""
    rows, gotos, units = built.rows, built.gotos, built.units
    states: list[Hashable] = [built.start[start]]
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
    eof = Token.new_borrow_pos("$END", "", last) if last is not None else Token("$END", "", 0, 1, 1)
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
    rows: dict[Hashable, dict[str, Action]],
    gotos: dict[Hashable, dict[str, Hashable]],
    key: tuple[Hashable, Hashable, str],
) -> Hashable:
    """The state on top after the UNIT actions that `kind` sets off from `top` over
    `below`: the first whose action on `kind` is no UNIT (or none: an error, raised
    there by the loop as lark would)."""
    below, top, kind = key
    while True:
        action = rows[top].get(kind)
        if action is None or action[0] != UNIT:
            return top
        top = gotos[below][action[1]]


def _unexpected(token: Token, row: dict[str, Action]) -> UnexpectedToken:
    return UnexpectedToken(token, {s for s in row if s.isupper()})
