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

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedToken
from lark.parse_tree_builder import ExpandSingleChild
from lark.parsers.lalr_analysis import Shift

#: An action: (True, state) shifts; (False, size, origin, callback) reduces `size` values
#: into one of `origin` (callback None: the single child is handed up as it is).
Action = tuple[Any, ...]


@dataclass(frozen=True)
class Tables:
    """One grammar's actions per state (terminals and the gotos of rules), and the start
    and end state of each start symbol."""

    rows: dict[Hashable, dict[str, Action]]
    start: dict[str, Hashable]
    end: dict[str, Hashable]


_BUILT: list[tuple[Lark, Tables]] = []


def tables(lark: Lark) -> Tables:
    """`lark`'s LALR tables as actions (built once per Lark object)."""
    for owner, built in _BUILT:
        if owner is lark:
            return built
    parser = lark.parser.parser.parser  # frontend -> LALR_Parser -> its _Parser
    table, callbacks = parser.parse_table, parser.callbacks
    rows: dict[Hashable, dict[str, Action]] = {}
    for state, actions in table.states.items():
        row: dict[str, Action] = {}
        for symbol, (kind, arg) in actions.items():
            if kind is Shift:
                row[symbol] = (True, arg)
            else:
                row[symbol] = (
                    False,
                    len(arg.expansion),
                    arg.origin.name,
                    _callback(arg, callbacks),
                )
        rows[state] = row
    built = Tables(rows, dict(table.start_states), dict(table.end_states))
    _BUILT[:] = [(lark, built)]
    return built


def _callback(rule: Any, callbacks: dict[Any, Callable[[list[Any]], Any]]) -> Any:
    callback = callbacks[rule]
    if isinstance(callback, ExpandSingleChild) and len(rule.expansion) == 1:
        return None  # `?sum: term`: one child, handed up
    return callback


def parse(built: Tables, start: str, tokens: Iterable[Token], last: Token | None) -> Any:
    """The value the callbacks build for `tokens` read from `start`; UnexpectedToken
    (token, expected terminals) where no action exists, `$END` borrowing `last`'s place."""
    rows = built.rows
    states: list[Hashable] = [built.start[start]]
    values: list[Any] = []
    for token in tokens:
        kind = token.type
        while True:
            action = rows[states[-1]].get(kind)
            if action is None:
                raise _unexpected(token, rows[states[-1]])
            if action[0]:
                states.append(action[1])
                values.append(token)
                break
            _, size, origin, callback = action
            if callback is None:  # one child handed up: only the state changes
                states[-1] = rows[states[-2]][origin][1]
                continue
            if size:
                children = values[-size:]
                del states[-size:]
                del values[-size:]
            else:
                children = []
            values.append(callback(children))
            states.append(rows[states[-1]][origin][1])
    eof = Token.new_borrow_pos("$END", "", last) if last is not None else Token("$END", "", 0, 1, 1)
    end = built.end[start]
    while True:
        action = rows[states[-1]].get("$END")
        if action is None or action[0]:  # the end is never shifted (lark asserts it)
            raise _unexpected(eof, rows[states[-1]])
        _, size, origin, callback = action
        if size:
            children = values[-size:]
            del states[-size:]
            del values[-size:]
        else:
            children = []
        values.append(children[0] if callback is None else callback(children))
        states.append(rows[states[-1]][origin][1])
        if states[-1] == end:
            return values[-1]


def _unexpected(token: Token, row: dict[str, Action]) -> UnexpectedToken:
    return UnexpectedToken(token, {s for s in row if s.isupper()})
