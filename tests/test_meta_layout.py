"""Meta-tests of the layout: what holds for every command, every sample sheet and the README's
architecture, so a new command, sheet or module is held to it without a test of its own."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from examgrade.cli import app

ROOT = Path(__file__).resolve().parents[1]
SHEETS = sorted((ROOT / "answers").glob("*.y*ml"))


def _commands(group, prefix: str = "examgrade") -> list[tuple[str, object]]:
    """Every leaf command of the CLI with its full name (`examgrade exam new`)."""
    found = []
    for name, command in sorted(getattr(group, "commands", {}).items()):
        full = f"{prefix} {name}"
        found += _commands(command, full) if hasattr(command, "commands") else [(full, command)]
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_the_cli_has_its_commands() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"examgrade check", "examgrade grade", "examgrade exam new"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_command_has_help_with_an_example(name: str, command) -> None:
    """The help says what the command does and shows one way to run it, by its name."""
    text = command.help or ""
    assert text.strip(), f"{name} has no help"
    assert f"Example: {name} " in " ".join(text.split()), f"{name}'s help has no example"
    for param in command.params:
        if param.name not in ("help",) and getattr(param, "param_type_name", "") == "option":
            assert param.help, f"{name} {param.opts[0]} has no help"
    result = CliRunner(env={"COLUMNS": "120", "NO_COLOR": "1"}).invoke(
        app, [*name.split()[1:], "--help"]
    )
    assert result.exit_code == 0, result.output
    assert "Example" in result.output


@pytest.mark.parametrize("path", SHEETS, ids=[p.name for p in SHEETS])
def test_every_sample_sheet_loads_and_reads(path: Path) -> None:
    """The sheets we ship as examples load with the default exam's keys, and every
    expression field in them reads (`examgrade validate` would exit 0)."""
    from examgrade.rubric import load_rubrics
    from examgrade.sheet import load_sheet
    from examgrade.validate import validate_sheet

    rubrics = load_rubrics()
    sheet = load_sheet(path, keys=rubrics.keys)
    assert sheet.answers
    assert [r.label for r in validate_sheet(sheet, rubrics) if r.error is not None] == []


def test_there_are_sample_sheets() -> None:
    assert len(SHEETS) >= 2


def test_the_readme_architecture_names_every_module_and_package() -> None:
    """The Architecture section shows the code: every top-level module and package of
    examgrade is in it, and a module it names exists."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[
        readme.index("## Architecture") : readme.index("\n## ", readme.index("## Architecture") + 3)
    ]
    package = ROOT / "examgrade"
    modules = {p.name for p in package.glob("*.py") if not p.name.startswith("__")}
    folders = {p.name + "/" for p in package.iterdir() if (p / "__init__.py").exists()}
    missing = sorted(n for n in modules | folders if n not in section)
    assert missing == []
    named = set(re.findall(r"^  ([a-z_]+\.py) ", section, re.M))
    assert sorted(named - modules) == []


def test_test_folders_mirror_the_packages() -> None:
    """Tests live beside the code they test: every folder under tests/ (but data/) is named
    after a subpackage or module of examgrade, and every subpackage with code has one
    (messages/ holds only catalogs), so a new package lands with a place for its tests."""
    package = ROOT / "examgrade"
    folders = {p.name for p in (ROOT / "tests").iterdir() if p.is_dir() and p.name != "data"}
    folders.discard("__pycache__")
    modules = {p.stem for p in package.glob("*.py")}
    subpackages = {p.parent.name for p in package.glob("*/__init__.py") if p.stat().st_size}
    assert folders <= modules | subpackages, folders - (modules | subpackages)
    assert subpackages <= folders, f"no tests/ folder for {sorted(subpackages - folders)}"
