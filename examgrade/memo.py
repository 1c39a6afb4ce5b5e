"""Grade each distinct answer once per batch: a memo around the check kinds, per worker.

A class repeats itself: hundreds of students write `25x25`, `W^t` or `rho(W) < 1`, and
checking an expression costs milliseconds. Checks are pure functions of the answer and
the rubric item (randomness comes from a fixed seed, solvers are pure), so a grading
worker keeps each outcome under the item and the answer's content and reuses it for the
next identical answer.

Only outcomes that cannot differ between two sheets are kept: never an `invalid` one
(its feedback points at a line and column), never one whose feedback carries a location
or a text this module cannot inspect, never an answer holding a field that could not be
read. The content key is the text as typed (with its YAML quoting), so the feedback,
which may quote the answer, is the same too.

`install()` routes the engine's check lookups through memos; it is called in grading
workers only (`examgrade.batch_worker.setup_worker`), never in a process that runs
`check`. `memoized()` does the same for the length of a block (`examgrade groups`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from typing import Any

from examgrade.checks import CheckContext, CheckKind, Outcome
from examgrade.nodes import Mapping, Node, Scalar, Sequence

MAX_ENTRIES = 50_000  # per check kind and worker; then the memo starts afresh
_LOCATED = frozenset({"file", "line", "column"})


def signature(node: Node | None) -> Hashable | None:
    """The answer's content without its location, or None when part of it is unreadable."""
    if node is None:
        return ("none",)
    if isinstance(node, Scalar):
        return ("scalar", node.text, node.style)
    if isinstance(node, Sequence):
        items = tuple(signature(item) for item in node.items)
        return None if None in items else ("list", items)
    if isinstance(node, Mapping):
        entries = tuple((key, signature(value)) for key, value in node.entries.items())
        return None if any(value is None for _, value in entries) else ("map", entries)
    return None  # Broken: its error names the line


def _location_free(text: Any, depth: int = 0) -> bool:
    """True when a text provably says nothing of where the answer is in its file."""
    if isinstance(text, str | int | float) or text is None:
        return True
    if depth > 8:
        return False
    params = getattr(text, "params", None)
    parts = getattr(text, "parts", None)
    if params is None and parts is None:
        return False  # a kind of text we cannot look into: do not keep it
    if params is not None and (
        _LOCATED & set(params) or not all(_location_free(v, depth + 1) for v in params.values())
    ):
        return False
    return parts is None or all(_location_free(p, depth + 1) for p in parts)


def reusable(outcome: Outcome) -> bool:
    """An outcome another sheet with the same answer may receive as it is."""
    if outcome.status == "invalid":
        return False
    texts = [*outcome.feedback, *([outcome.reading] if outcome.reading is not None else [])]
    return all(_location_free(text) for text in texts)


class MemoCheck:
    """A check kind that remembers its reusable outcomes; anything else is the kind's."""

    def __init__(self, kind: CheckKind) -> None:
        self._kind = kind
        self._memo: dict[Hashable, Outcome] = {}
        self.hits = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kind, name)

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        content = signature(answer)
        if content is None:
            return self._kind.grade(answer, ctx)
        key = (id(ctx.item), ctx.question.key, ctx.part.key, ctx.seed, content)
        found = self._memo.get(key)
        if found is not None:
            self.hits += 1
            return found
        outcome = self._kind.grade(answer, ctx)
        if reusable(outcome):
            if len(self._memo) >= MAX_ENTRIES:
                self._memo.clear()
            self._memo[key] = outcome
        return outcome


def memo_lookup(get_check: Callable[[str], CheckKind | None]) -> Callable[[str], Any]:
    """A `get_check` that hands out one memoizing wrapper per kind."""
    memos: dict[str, MemoCheck] = {}

    def lookup(name: str) -> Any:
        if name not in memos:
            kind = get_check(name)
            if kind is None:
                return None
            memos[name] = MemoCheck(kind)
        return memos[name]

    return lookup


@contextmanager
def memoized() -> Iterator[None]:
    """Grade through memos inside the block only (`examgrade groups`), then as before."""
    import examgrade.engine as engine

    before = engine.get_check
    engine.get_check = memo_lookup(before)  # type: ignore[assignment]
    try:
        yield
    finally:
        engine.get_check = before  # type: ignore[assignment]


def install() -> None:
    """In this process (a grading worker), let the engine grade through memos."""
    import examgrade.engine as engine
    from examgrade.checks import get_check

    engine.get_check = memo_lookup(get_check)  # type: ignore[assignment]
