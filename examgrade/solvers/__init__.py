"""The registry of reference solvers: pure functions that compute the answers.

A solver takes the question's parameters (a mapping) and returns its result; it does
no I/O and keeps no state. Rubrics name solvers (`solver: cnn.receptive_field`); known
mistakes may name the same solver with other parameters (`params: {layers: 5}`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

_SOLVER_MODULES: tuple[str, ...] = (
    "examgrade.solvers.cnn",
    "examgrade.solvers.vae",
    "examgrade.solvers.boltzmann_learning",
    "examgrade.solvers.rnn_limits",
)

_REGISTRY: dict[str, Callable[..., Any]] = {}
_loaded = False


def register_solver(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a pure function under `name`."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in _REGISTRY:
            raise ValueError(f"solver {name!r} registered twice")
        _REGISTRY[name] = fn
        return fn

    return decorate


def _load_all() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _SOLVER_MODULES:
            importlib.import_module(module)


def get_solver(name: str) -> Callable[..., Any] | None:
    _load_all()
    return _REGISTRY.get(name)


def solver_names() -> list[str]:
    _load_all()
    return sorted(_REGISTRY)
