"""The registry of reference solvers: pure functions that compute the answers.

A solver takes the question's parameters (a mapping) and returns its result; it does
no I/O and keeps no state. Rubrics name solvers (`solver: cnn.receptive_field`); known
mistakes may name the same solver with other parameters (`params: {layers: 5}`).

A worked example is a solver run on one small, fixed instance with the intermediate
values a student can redo by hand, for `examgrade explain`: it is registered by name
beside its solvers (`register_worked`) and a rubric part names it (`explain: {worked:
rnn.unroll}`), so no code knows which question shows which example.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from examgrade.registry import Registry

_SOLVER_MODULES: tuple[str, ...] = (
    "examgrade.solvers.cnn",
    "examgrade.solvers.vae",
    "examgrade.solvers.boltzmann_learning",
    "examgrade.solvers.rnn_limits",
    "examgrade.solvers.elbo",
    "examgrade.solvers.rnn",
    "examgrade.solvers.cae",
    "examgrade.solvers.wgan",
    "examgrade.solvers.boltzmann",
    "examgrade.solvers.given",
)


def _likely_homes(name: str) -> tuple[str, ...]:
    """The modules named after a solver's prefix (`cnn.receptive_field`: cnn), so that
    answering q1 does not import the solvers that need numpy (issue 17)."""
    home = f"examgrade.solvers.{name.split('.', 1)[0]}"
    return tuple(m for m in _SOLVER_MODULES if m == home or m.startswith(home + "_"))


_REGISTRY: Registry[Callable[..., Any]] = Registry("solver", lambda: _SOLVER_MODULES, _likely_homes)
_WORKED: Registry[Callable[..., Any]] = Registry("worked example", lambda: _SOLVER_MODULES)


def register_solver(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a pure function under `name`."""
    return _REGISTRY.under(name)


def get_solver(name: str) -> Callable[..., Any] | None:
    return _REGISTRY.get(name)


def solver_names() -> list[str]:
    return _REGISTRY.names()


def register_worked(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: register a worked example (params -> tuple of Messages) under `name`."""
    return _WORKED.under(name)


def get_worked(name: str) -> Callable[..., Any] | None:
    return _WORKED.get(name)


def worked_names() -> list[str]:
    return _WORKED.names()
