"""The console script (`examgrade.launch`, issue 17): a kept help screen is typer's own,
byte for byte, and printed without typer; dataclasses' kept code is the code it compiles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from examgrade import launch

_LAUNCH = """
import json, sys
sys.argv = ["examgrade", *sys.argv[1:]]
from examgrade.{module} import main
code = 0
try:
    main()
except SystemExit as done:
    code = done.code
sys.stdout.flush()
print(json.dumps({{"code": code, "typer": "typer" in sys.modules}}), file=sys.stderr)
"""


def _run(tmp_path: Path, module: str, *args: str, columns: str = "100") -> tuple[str, str, dict]:
    """stdout, stderr (its last line aside) and that line of `examgrade ARGS` run through
    `module`'s main, with the home and the user cache under tmp_path."""
    env = {**os.environ, "COLUMNS": columns, "HOME": str(tmp_path / "home")}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCH.format(module=module), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    *err, last = done.stderr.splitlines()
    return done.stdout, "\n".join(err), json.loads(last)


def test_a_kept_help_screen_is_typers_own_and_printed_without_typer(tmp_path: Path) -> None:
    for args in (["--help"], ["exam", "new", "-h"], []):
        typers = _run(tmp_path, "cli", *args)  # the command line itself, nothing kept
        first = _run(tmp_path, "launch", *args)  # renders it with typer, and keeps it
        kept = _run(tmp_path, "launch", *args)
        assert "Usage" in typers[0]
        assert first[:2] == typers[:2] and kept[:2] == typers[:2], args
        assert first[2]["typer"] and not kept[2]["typer"], args
        assert kept[2]["code"] == typers[2]["code"] == (2 if not args else 0)


def test_another_terminal_width_is_another_screen(tmp_path: Path) -> None:
    _run(tmp_path, "launch", "--help", columns="100")
    wide = _run(tmp_path, "launch", "--help", columns="150")
    assert wide[2]["typer"]  # not the screen kept at 100 columns
    assert wide[:2] == _run(tmp_path, "cli", "--help", columns="150")[:2]
    assert wide[:2] == _run(tmp_path, "launch", "--help", columns="150")[:2]


def test_the_program_name_is_part_of_the_screen(tmp_path: Path) -> None:
    """`python -m examgrade --help` says so in its usage line, the script `examgrade`."""
    env = {**os.environ, "COLUMNS": "100", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env["HOME"] = str(tmp_path / "home")
    as_module = [sys.executable, "-m", "examgrade", "--help"]
    for _ in range(2):  # rendered, then kept
        done = subprocess.run(as_module, capture_output=True, text=True, env=env, check=True)
        assert "Usage: python -m examgrade " in done.stdout
        script = _run(tmp_path, "launch", "--help")
        assert "Usage: examgrade " in script[0]


def test_an_error_is_never_kept_as_a_help_screen(tmp_path: Path) -> None:
    first = _run(tmp_path, "launch", "nosuchcommand", "--help")
    again = _run(tmp_path, "launch", "nosuchcommand", "--help")
    assert first[2]["code"] == again[2]["code"] == 2
    assert "nosuchcommand" in again[1] and again[2]["typer"]


def test_only_help_flags_and_command_words_are_a_help_screen() -> None:
    assert launch.is_help_only([]) and launch.is_help_only(["check", "-h"])
    assert launch.is_help_only(["exam", "new", "--help"])
    assert not launch.is_help_only(["check", "sheet.yaml"])
    assert not launch.is_help_only(["--exam", "pack", "--help"])
    assert not launch.is_help_only(["check", "--json", "--help"])


def test_the_key_holds_arguments_environment_and_code(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    key = launch.help_key(["--help"])
    assert key is not None and launch.help_key(["--help"]) == key
    assert launch.help_key(["-h"]) != key
    monkeypatch.setenv("NO_COLOR", "1")
    assert launch.help_key(["--help"]) != key
    monkeypatch.setenv("PWD", "/elsewhere")  # changes at every prompt, read by no help
    monkeypatch.delenv("NO_COLOR")
    assert launch.help_key(["--help"]) == key
    (tmp_path / "mod.py").write_text("x = 1\n")
    before = launch._stamps(str(tmp_path))
    os.utime(tmp_path / "mod.py", ns=(1, 1))
    assert launch._stamps(str(tmp_path)) != before  # an edited file is another key


_DATACLASS_CODE = """
import dataclasses, json, sys
if sys.argv[1] == "kept":
    from examgrade import launch
    launch.keep_compiled_code()
import examgrade.report, examgrade.rubric_model, examgrade.mathlang.ast as ast
out = {}
for module in (examgrade.report, examgrade.rubric_model, ast):
    for name, cls in sorted(vars(module).items()):
        mine = isinstance(cls, type) and cls.__module__ == module.__name__
        if mine and dataclasses.is_dataclass(cls):
            for method in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__"):
                fn = cls.__dict__.get(method)
                code = getattr(fn, "__code__", None)
                if code is not None:
                    out[f"{module.__name__}.{name}.{method}"] = [
                        code.co_code.hex(), repr(code.co_consts), code.co_names,
                        code.co_varnames, repr(fn.__annotations__), fn.__qualname__,
                        fn.__globals__ is vars(module) or fn.__globals__ is vars(dataclasses),
                    ]
print(json.dumps(out))
"""


def test_kept_dataclass_code_is_the_code_dataclasses_compiles(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "c")}

    def made(how: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-c", _DATACLASS_CODE, how],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        return json.loads(done.stdout)

    plain = made("plain")
    assert len(plain) > 100
    assert made("kept") == plain  # compiled, then kept
    assert list((tmp_path / "c" / "examgrade").glob("compiled-*.marshal"))
    assert made("kept") == plain  # from the kept code


_REGEX_CODE = """
import json, re, sys
import re._compiler as compiler
original = compiler.compile
from examgrade import launch
launch.keep_compiled_code()
import examgrade.cli, examgrade.engine, examgrade.checks.concepts, examgrade.checks.expression
import examgrade.reading.values, examgrade.render
checked, differ = 0, []
for (kind, pattern, flags), compiled in list(re._cache.items()):
    fresh = original(pattern, flags)
    same = (compiled == fresh, compiled.groupindex == fresh.groupindex,
            compiled.groups == fresh.groups, compiled.flags == fresh.flags)
    checked += 1
    if not all(same):
        differ.append(repr(pattern)[:80])
print(json.dumps({"checked": checked, "differ": differ}))
"""


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="re's internals of Python 3.11")
def test_kept_regex_programs_are_those_re_compiles(tmp_path: Path) -> None:
    """A compiled pattern equals another only with the same flags and program."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    for _ in ("compiled, then kept", "from the kept programs"):
        done = subprocess.run(
            [sys.executable, "-c", _REGEX_CODE], capture_output=True, text=True, check=True, env=env
        )
        found = json.loads(done.stdout)
        assert found["checked"] > 100 and found["differ"] == []


def test_no_key_where_a_package_cannot_be_read(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A package in a zip file has no folder to stamp: its help is rendered each time."""
    monkeypatch.setattr(launch, "_installed", lambda name: str(tmp_path / "site.zip" / name))
    assert launch.help_key(["--help"]) is None
    monkeypatch.setattr(launch, "_installed", lambda name: None)
    assert launch.help_key(["--help"]) is None


@pytest.mark.skipif(sys.version_info[:2] != (3, 11), reason="re's internals of Python 3.11")
def test_a_pattern_that_warns_warns_on_every_run(tmp_path: Path) -> None:
    """re warns of a possible nested set when it compiles `[[a]`: never kept, it warns in
    every process as it did."""
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "c")}
    code = "from examgrade import launch; launch.keep_compiled_code(); import re\n"
    code += "re.compile('[[a]')"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-W", "always", "-c", code], capture_output=True, text=True, env=env
        )
        assert "FutureWarning: Possible nested set" in done.stderr
