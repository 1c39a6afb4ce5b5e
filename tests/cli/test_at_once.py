"""`check` and `equiv` with plain arguments run without typer (`examgrade.launch`, issue
17): the same bytes and exit codes as the command line, which still parses and reports
everything else."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from examgrade import launch
from examgrade.cli import app
from tests.conftest import ANSWERS

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """`answered_at_once` in this process (the collector left alone), and typer's own
    run of the same arguments, with the same environment and a user cache in tmp_path."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(launch, "_prepare_at_once", lambda: None)
    runner = CliRunner(env=ENV)

    def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[tuple, tuple]:
        typers = runner.invoke(app, list(args))
        capsys.readouterr()
        code = 0
        try:
            answered = launch.answered_at_once(list(args))
        except SystemExit as done:
            answered, code = True, done.code
        out, err = capsys.readouterr()
        assert answered, args
        return (out, err, code), (typers.stdout, typers.stderr, typers.exit_code)

    return run


@pytest.mark.parametrize(
    "args",
    [
        ("check", str(ANSWERS / "ada-en.yaml")),
        ("check", "--lang", "both", str(ANSWERS / "benoit-fr.yaml")),
        ("check", str(ANSWERS / "benoit-fr.yaml"), "--json", "--lang=en"),
        ("equiv", "x^2-1", "(x-1)*(x+1)"),
        ("equiv", "x", "y", "--lang", "fr"),
        ("equiv", "log(a^2*b)", "2*log(a)+log(b)", "--symbols=a:positive", "--json"),
    ],
)
def test_plain_arguments_print_what_the_command_line_prints(at_once, capsys, args) -> None:  # type: ignore[no-untyped-def]
    mine, typers = at_once(capsys, *args)
    assert mine == typers


@pytest.mark.parametrize(
    "args",
    [
        ("check", str(ANSWERS / "ada-en.yaml"), "--rubrics", "elsewhere"),
        ("check", str(ANSWERS / "ada-en.yaml"), "--lang", "de"),
        ("check", str(ANSWERS / "ada-en.yaml"), "--json", "--json"),
        ("check", str(ANSWERS / "ada-en.yaml"), str(ANSWERS / "benoit-fr.yaml")),
        ("check", str(ANSWERS)),  # a folder: typer's error
        ("check", str(ANSWERS / "nobody.yaml")),  # not found: the command's error
        ("check", "--lang"),
        ("equiv", "-x", "y"),
        ("equiv", "x", "y", "--symbols", "--json"),
        ("equiv", "x"),
        ("grade", "sheets", "--out", "graded"),
        (),
    ],
)
def test_other_arguments_are_the_command_lines(args, capsys) -> None:  # type: ignore[no-untyped-def]
    assert not launch.answered_at_once(list(args))
    assert capsys.readouterr() == ("", "")


def test_an_exam_named_by_the_environment_is_the_command_lines(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EXAMGRADE_EXAM", "some/pack")
    assert not launch.answered_at_once(["check", str(ANSWERS / "ada-en.yaml")])


def test_an_error_prints_nothing_and_is_left_to_the_command_line(  # type: ignore[no-untyped-def]
    at_once, tmp_path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(launch, "_prepare_at_once", lambda: None)
    broken = tmp_path / "broken.yaml"
    broken.write_text("student:\n  id: '1'\nq1: [oops\n", encoding="utf-8")
    assert not launch.answered_at_once(["check", str(broken)])
    assert not launch.answered_at_once(["equiv", "x+", "y"])
    assert capsys.readouterr() == ("", "")


def test_a_line_goes_out_as_clicks_echo_writes_it(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """click writes UTF-8 to a stream set to ASCII, and strips ANSI codes off a pipe."""
    from typer import echo

    for encoding, text in (("utf-8", "égal ≤ 1"), ("ascii", "égal"), ("utf-8", "\x1b[1mx\x1b[0m")):
        written = []
        for say in (launch._echo, echo):
            raw = io.BytesIO()
            stream = io.TextIOWrapper(raw, encoding=encoding, errors="strict", write_through=True)
            monkeypatch.setattr(sys, "stdout", stream)
            say(text)
            written.append(raw.getvalue())
        assert written[0] == written[1], (encoding, text)


def test_check_and_equiv_in_json_import_neither_typer_nor_rich(tmp_path: Path) -> None:
    code = (
        "import json, sys\n"
        "from examgrade.launch import main\n"
        "sys.argv = ['examgrade', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "sys.stdout.flush()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('typer', 'rich'))), file=sys.stderr)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "100"}
    for args in (["check", str(ANSWERS / "ada-en.yaml"), "--json"], ["equiv", "a+b", "b+a"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
        )
        assert json.loads(done.stderr.splitlines()[-1]) == [], args
        assert done.stdout.strip()
