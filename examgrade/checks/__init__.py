"""The registry of check kinds, keyed by the name a rubric uses.

Kinds register themselves with `@register_check` in their own module; the modules are
listed in `_KIND_MODULES` and imported on first lookup, so `examgrade --help` does not pay
for numpy, lark or the stemmers.
"""

from __future__ import annotations

import importlib

from examgrade.checks.base import CheckContext, CheckKind, Outcome, Status

_KIND_MODULES: tuple[str, ...] = (
    "examgrade.checks.numeric",
    "examgrade.checks.pending",
    "examgrade.checks.verdict",
)

_REGISTRY: dict[str, CheckKind] = {}
_loaded = False


def register_check(cls: type) -> type:
    """Class decorator: register one instance of a check kind under its `name`."""
    name = cls.name  # type: ignore[attr-defined]
    if name in _REGISTRY:
        raise ValueError(f"check kind {name!r} registered twice")
    _REGISTRY[name] = cls()
    return cls


def _load_all() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _KIND_MODULES:
            importlib.import_module(module)


def get_check(name: str) -> CheckKind | None:
    _load_all()
    return _REGISTRY.get(name)


def check_names() -> list[str]:
    _load_all()
    return sorted(_REGISTRY)


__all__ = [
    "CheckContext",
    "CheckKind",
    "Outcome",
    "Status",
    "check_names",
    "get_check",
    "register_check",
]
