"""A registry keyed by name whose entries live in modules imported on first lookup.

Check kinds and solvers both register themselves by name in their own modules; the
registry imports those modules only when a name is first looked up, so `examgrade
--help` does not pay for numpy, lark or the stemmers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(
        self,
        what: str,
        modules: Callable[[], tuple[str, ...]],
        likely: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self._what = what
        self._modules = modules  # read at first lookup, so the list may grow until then
        # the modules that probably hold a name, imported before all of them: a sheet of
        # free text and sizes does not import the formula checks and numpy (issue 17)
        self._likely = likely
        self._entries: dict[str, T] = {}
        self._loaded = False

    def add(self, name: str, entry: T) -> None:
        if name in self._entries:
            raise ValueError(f"{self._what} {name!r} registered twice")
        self._entries[name] = entry

    def under(self, name: str) -> Callable[[T], T]:
        """A decorator that registers what it decorates under `name` and returns it."""

        def decorate(entry: T) -> T:
            self.add(name, entry)
            return entry

        return decorate

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for module in self._modules():
                importlib.import_module(module)

    def get(self, name: str) -> T | None:
        if name not in self._entries and not self._loaded and self._likely is not None:
            for module in self._likely(name):
                importlib.import_module(module)
        if name not in self._entries:
            self._load()
        return self._entries.get(name)

    def names(self) -> list[str]:
        self._load()
        return sorted(self._entries)
