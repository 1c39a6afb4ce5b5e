"""The layers hold: the import-linter contracts of pyproject.toml (layers, forbidden
imports, no cycles inside mathlang and classroom) are kept, as `.ci/run` checks too."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True) == 0


def test_no_underscore_name_is_imported_across_modules() -> None:
    """A module's private names are its own: other modules use its public API."""
    import re

    private = re.compile(r"from (examgrade[\w.]*) import \(?([^)\n]*(?:\n[^)\n]*)*?)\)?$", re.M)
    found = []
    for path in sorted((ROOT / "examgrade").rglob("*.py")):
        for match in private.finditer(path.read_text(encoding="utf-8")):
            names = [n.strip().split(" as ")[0] for n in match.group(2).split(",")]
            found += [
                f"{path.name}: {n}" for n in names if n.startswith("_") and n != "__version__"
            ]
    assert found == []
