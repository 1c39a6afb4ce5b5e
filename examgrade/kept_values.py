"""Values kept between runs, read only when a check or solver first needs them.

`engine.solutions_kept` names a loader for the run; a check asks `need(part)` before it
computes what a previous run may have kept (a solver's answers, by the solver's prefix;
the expression check's values; the free-text items' readings). The file of a part is read
once and only then: its values are numpy arrays and solver classes, so reading all of them
imported numpy for every `check`, even of a sheet with no formula (issue 17).
"""

from __future__ import annotations

from collections.abc import Callable

_loader: Callable[[str], None] | None = None
_asked: set[str] = set()


def offer(loader: Callable[[str], None] | None) -> None:
    """Read parts with `loader` from now on (None: nothing is kept), none read yet."""
    global _loader
    _loader = loader
    _asked.clear()


def need(part: str) -> None:
    """Read `part`'s kept values, the first time it is asked for in this run."""
    if _loader is not None and part not in _asked:
        _asked.add(part)
        _loader(part)


def asked() -> frozenset[str]:
    """The parts read (or asked for) in this run."""
    return frozenset(_asked)
