"""A value computed once per live object, for the immutable objects a class shares.

The memo hands every student who wrote the same answer the same outcome object, and the
engine the same part result, so what is derived from one (is it reusable, its report) is
worth keeping per object. Keyed by `id()`, the object is kept beside its value: its id
cannot be reused by another object while the entry lives. Bounded: cleared when full.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


SEEN_SLOTS = 1 << 16  # objects seen once, by address (a collision keeps one more value)
WAITING = 256  # first sights kept a while: the students who answered alike, one after another


class Seen:
    """Which keys were met before: one byte per slot of their hash (`slots` a power of
    two). A collision only makes a value kept that was not needed: the memos that ask
    (`PerObject(second_sight=True)`, `text.recurring`) keep values of pure functions."""

    def __init__(self, slots: int) -> None:
        self.slots = bytearray(slots)
        self.mask = slots - 1

    def again(self, key: Hashable) -> bool:
        """True when `key` (or a key of the same slot) was met before; marks it met."""
        slot = hash(key) & self.mask
        if self.slots[slot]:
            return True
        self.slots[slot] = 1
        return False


class PerObject(Generic[K, V]):
    def __init__(self, make: Callable[[K], V], cap: int, second_sight: bool = False) -> None:
        """With `second_sight`, a value is kept only for an object met before: most of
        a class's results are met once (`report._part`: 5,158 of 6,400 in 2,000 sheets),
        and what was kept of them was never asked for again. The last first sights wait
        in a small table, so an object met again soon still gets the same value object."""
        self.make, self.cap = make, cap
        self.kept: dict[int, tuple[K, V]] = {}
        self.seen = Seen(SEEN_SLOTS) if second_sight else None
        self.waiting: dict[int, tuple[K, V]] = {}  # first sights, the last `WAITING`

    def __call__(self, obj: K) -> V:
        kept = self.kept.get(id(obj))
        if kept is not None and kept[0] is obj:
            return kept[1]
        seen = self.seen
        if seen is not None:
            waiting = self.waiting.pop(id(obj), None)
            if waiting is not None and waiting[0] is obj:  # met again soon: kept
                value = waiting[1]
            else:
                value = self.make(obj)
                address = id(obj) >> 4
                if not seen.again(address ^ (address >> 16) ^ (address >> 32)):
                    # a first sight: kept a little while only
                    if len(self.waiting) >= WAITING:
                        self.waiting.clear()
                    self.waiting[id(obj)] = (obj, value)
                    return value
        else:
            value = self.make(obj)
        if len(self.kept) >= self.cap:
            self.kept.clear()
        self.kept[id(obj)] = (obj, value)
        return value
