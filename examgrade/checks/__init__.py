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

_REGISTRY: Registry[CheckKind] = Registry("check kind", lambda: _KIND_MODULES)


def register_check(cls: type) -> type:
    """Class decorator: register one instance of a check kind under its `name`."""
    _REGISTRY.add(cls.name, cls())  # type: ignore[attr-defined]
    return cls


def get_check(name: str) -> CheckKind | None:
    return _REGISTRY.get(name)


def check_names() -> list[str]:
    return _REGISTRY.names()


__all__ = [
    "CheckContext",
    "CheckKind",
    "Outcome",
    "Status",
    "check_names",
    "get_check",
    "register_check",
]
