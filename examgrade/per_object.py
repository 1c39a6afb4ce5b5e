"""A value computed once per live object, for the immutable objects a class shares.

The memo hands every student who wrote the same answer the same outcome object, and the
engine the same part result, so what is derived from one (is it reusable, its report) is
worth keeping per object. Keyed by `id()`, the object is kept beside its value: its id
cannot be reused by another object while the entry lives. Bounded: cleared when full.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class PerObject(Generic[K, V]):
    def __init__(self, make: Callable[[K], V], cap: int) -> None:
        self.make, self.cap = make, cap
        self.kept: dict[int, tuple[K, V]] = {}

    def __call__(self, obj: K) -> V:
        kept = self.kept.get(id(obj))
        if kept is not None and kept[0] is obj:
            return kept[1]
        if len(self.kept) >= self.cap:
            self.kept.clear()
        value = self.make(obj)
        self.kept[id(obj)] = (obj, value)
        return value
