"""A batch killed outright mid-class (SIGKILL: no handler runs, nothing is cleaned up)
leaves a folder the same command puts right: the last complete run's files stay as they
were, and the rerun writes exactly what a run never interrupted writes (issue 17, i17k:
what any change to how the files are staged, moved or cached must keep)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from examgrade.classroom.batch import BatchOptions, grade_class
from tests.conftest import ANSWERS

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

# `grade`, killed by itself once `KILL_AT` sheets of the class are graded
PROGRAM = """
import os, signal, sys
from examgrade.classroom import batch

real = batch.grade_class
at = int(os.environ["KILL_AT"])

def grade_class(options, progress=None, **kw):
    def tick(done, total):
        if done >= at:
            os.kill(os.getpid(), signal.SIGKILL)
    return real(options, tick, **kw)

batch.grade_class = grade_class
sys.modules["matplotlib"] = None  # no plots: they cost seconds
from examgrade.cli import main
sys.argv = ["examgrade", *sys.argv[1:]]
main()
"""
_DURATION = re.compile(rb"; \d+(?:[.,]\d+)? s\.")  # summary.md's run time


def _class(folder: Path, renamed: bool = False) -> Path:
    folder.mkdir(exist_ok=True)
    text = (ANSWERS / "benoit-fr.yaml").read_text(encoding="utf-8")
    for n in range(4):
        (folder / f"s{n}.yaml").write_text(text.replace("20230002", f"7{n:02}"), "utf-8")
    ada = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    (folder / "ada.yaml").write_text(ada.replace("Lovelace", "Renamed") if renamed else ada)
    return folder


def _files(out: Path) -> dict[str, bytes]:
    """Every file of a grading folder but its SQLite store; summary.md's run time aside."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and not path.name.startswith("examgrade.sqlite"):
            data = path.read_bytes()
            found[str(path.relative_to(out))] = _DURATION.sub(b"; _ s.", data)
    return found


def _killed(tmp_path: Path, folder: Path, out: Path) -> None:
    env = {**os.environ, "KILL_AT": "2", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    args = ["grade", str(folder), "--out", str(out), "--workers", "2"]
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=120,  # a bound on a hang (its children holding our pipes), not a speed
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


def _grade(folder: Path, out: Path) -> None:
    grade_class(BatchOptions(folder, out, workers=1, plots=False))


def test_a_killed_batch_then_the_same_command_leave_what_an_uninterrupted_run_does(
    tmp_path: Path,
) -> None:
    first, second = _class(tmp_path / "a"), _class(tmp_path / "b", renamed=True)
    reference = tmp_path / "reference"  # never interrupted
    _grade(first, reference)
    after_first = _files(reference)
    _grade(second, reference)
    after_second = _files(reference)

    out = tmp_path / "out"
    _killed(tmp_path, first, out)  # a first run killed: no class file claims it was whole
    assert not (out / "grades.csv").exists()
    _grade(first, out)
    assert _files(out) == after_first
    assert not [p for p in out.iterdir() if p.name.startswith(".grading-")]

    _killed(tmp_path, second, out)  # a regrade killed: the last complete run stays
    left = {k: v for k, v in _files(out).items() if not k.startswith(".grading-")}
    assert left == after_first
    _grade(second, out)
    assert _files(out) == after_second
    assert not [p for p in out.iterdir() if p.name.startswith(".grading-")]
