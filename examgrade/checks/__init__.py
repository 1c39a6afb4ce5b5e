"""The registry of check kinds, keyed by the name a rubric uses.

Kinds register themselves with `@register_check` in their own module; the modules are
listed in `_KIND_MODULES` and imported on first lookup, so `examgrade --help` does not pay
for numpy, lark or the stemmers.
"""

from __future__ import annotations

from examgrade.checks.base import CheckContext, CheckKind, Outcome, Status
from examgrade.registry import Registry

_KIND_MODULES: tuple[str, ...] = (
    "examgrade.checks.concepts",
    "examgrade.checks.condition",
    "examgrade.checks.expression",
    "examgrade.checks.numeric",
    "examgrade.checks.pending",
    "examgrade.checks.steps",
    "examgrade.checks.verdict",
)

# the kinds a module registers under another name than its own
_KIND_HOMES = {"size": "numeric", "sizes": "numeric", "number": "numeric", "shape": "numeric"}


def _likely_home(name: str) -> tuple[str, ...]:
    module = f"examgrade.checks.{_KIND_HOMES.get(name, name)}"
    return (module,) if module in _KIND_MODULES else ()


_REGISTRY: Registry[CheckKind] = Registry("check kind", lambda: _KIND_MODULES, _likely_home)


#: Kinds whose outcome for no answer at all is `common.missing()`: the engine says so
#: without importing them (they import numpy: a sheet that leaves every formula blank
#: need not pay for it, issue 17). A test holds each of them to it.
ABSENT_IS_MISSING = frozenset({"expression", "condition", "steps"})
#: Kinds with a `reason(text)` method (what a field's text says beyond its value): the
#: engine asks no other kind, so that a part kept from an earlier `check`
#: (`examgrade.kept_parts`) imports none of them. A test holds every kind to it.
GIVES_REASONS = frozenset({"verdict"})


def register_check(cls: type) -> type:
    """Class decorator: register one instance of a check kind under its `name`."""
    _REGISTRY.add(cls.name, cls())  # type: ignore[attr-defined]
    return cls


def get_check(name: str) -> CheckKind | None:
    return _REGISTRY.get(name)


def check_names() -> list[str]:
    return _REGISTRY.names()


__all__ = [
    "ABSENT_IS_MISSING",
    "GIVES_REASONS",
    "CheckContext",
    "CheckKind",
    "Outcome",
    "Status",
    "check_names",
    "get_check",
    "register_check",
]
