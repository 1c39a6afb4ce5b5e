"""A memo of what a class writes more than once (issue 17, memory).

The text engine's per-sentence memos (`normalize._chunk`, `grade._counts`,
`subjects.segments`, the lexicons' scanned sentences) were `lru_cache(8192)`: in a
realistic class of 2,000, 73% of the distinct sentences are written once, so most of
what a worker kept (~3 KB a sentence, ~75 MB a worker) was never asked for again, while
a smaller LRU lost the repeats (their reuse distance is long: 1,024 entries keep 74% of
the hits of 8,192). A value is kept here only the second time its argument is seen: the
first sight is one bit in a fixed table (`SEEN_SLOTS` bytes; a collision only keeps a
value that is not needed), past `maxsize` the least recently used is forgotten. Values
are those of pure functions, so what is kept changes no result.

The last few first sights wait a moment (`RECENT`): an answer reads the same sentence
twice in a row (its sentences, then its segments about one subject each, most of them a
whole sentence), and a fifth of the sentences and scans a worker did were done twice so
(issue 17, speed).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import update_wrapper
from typing import Any, Generic, TypeVar

from examgrade.per_object import Seen

R = TypeVar("R")
_MISSING: Any = object()
SEEN_SLOTS = 1 << 19  # first sights remembered (512 KB); a 5,000-sheet worker sees ~30,000
# first sights kept until this many others come: of the sentences a realistic class reads
# again, three in five come back within 4 (the same answer), hardly more within 256
RECENT = 8


class Recurring(Generic[R]):
    """`lru_cache(maxsize)` that keeps a value on its argument's second sight."""

    def __init__(self, func: Callable[..., R], maxsize: int) -> None:
        self.__wrapped__ = func
        self.maxsize = maxsize
        self.kept: dict[Hashable, R] = {}
        self.seen = Seen(SEEN_SLOTS)
        self.recent: dict[Hashable, R] = {}  # the last `RECENT` first sights
        update_wrapper(self, func)

    def __call__(self, *args: Any) -> R:
        kept = self.kept
        value = kept.pop(args, _MISSING)
        if value is not _MISSING:
            kept[args] = value  # the most recently used is last
            return value  # type: ignore[return-value]
        recent = self.recent
        value = recent.pop(args, _MISSING)
        if value is _MISSING:
            value = self.__wrapped__(*args)
        if self.seen.again(args):
            keep(kept, args, value, self.maxsize)
        else:  # `keep`, written out: every first sight comes here
            if len(recent) >= RECENT:
                del recent[next(iter(recent))]
            recent[args] = value
        return value

    def cache_clear(self) -> None:
        """Forget every value and every first sight (as `lru_cache`'s)."""
        self.kept.clear()
        self.recent.clear()
        self.seen = Seen(SEEN_SLOTS)


def keep(kept: dict, key: Hashable, value: Any, maxsize: int) -> None:
    """Keep `value`, forgetting the least recently used entry past `maxsize`."""
    if len(kept) >= maxsize:
        kept.pop(next(iter(kept), None), None)  # type: ignore[arg-type]
    kept[key] = value


def recurring(maxsize: int) -> Callable[[Callable[..., R]], Recurring[R]]:
    """The decorator: `@recurring(maxsize=8192)` where `@lru_cache(maxsize=8192)` was."""
    return lambda func: Recurring(func, maxsize)
