"""SIGTERM is handled like Ctrl-C (issue 13, item 14): `grade` exits with 143, its
workers are gone, no temporary folder is left in --out, and the files of the last
complete run are intact. The run is a subprocess that sends itself SIGTERM once the
first sheet is graded (the code before the fix died at once, leaving its workers)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ANSWERS

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")

PROGRAM = """
import os, signal, sys
from pathlib import Path
from examgrade.classroom import batch

real = batch.grade_class
record = Path(sys.argv[-1])

def children():
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                found.append(entry.name)
    return found

def grade_class(options, progress=None, **kw):
    def tick(done, total):
        if progress:
            progress(done, total)
        if done >= 1 and os.environ.get("TERM_AFTER_ONE"):
            record.write_text(" ".join(children()))
            os.kill(os.getpid(), signal.SIGTERM)
    return real(options, tick, **kw)

batch.grade_class = grade_class
if not os.environ.get("TERM_AFTER_ONE"):
    sys.modules["matplotlib"] = None  # the first run draws no plots: they cost seconds
from examgrade.cli import main
sys.argv = ["examgrade", *sys.argv[1:-1]]
main()
"""


def _grade(tmp_path: Path, folder: Path, out: Path, term: bool) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    if term:
        env["TERM_AFTER_ONE"] = "1"
    args = ["grade", str(folder), "--out", str(out), "--workers", "2", "--no-cache"]
    return subprocess.run(
        [sys.executable, "-c", PROGRAM, *args, str(tmp_path / "children")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,  # a bound on a hang, not a measure of speed
    )


def _alive(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_stops_grade_like_ctrl_c(tmp_path: Path) -> None:
    folder, out = tmp_path / "class", tmp_path / "out"
    folder.mkdir()
    for n in range(3):
        text = (ANSWERS / "benoit-fr.yaml").read_text(encoding="utf-8")
        (folder / f"s{n}.yaml").write_text(text.replace("20230002", f"7{n:02}"), "utf-8")
    shutil.copy(ANSWERS / "ada-en.yaml", folder / "ada.yaml")
    assert _grade(tmp_path, folder, out, term=False).returncode == 0
    before = (out / "grades.csv").read_bytes()
    (folder / "ada.yaml").write_text(
        (folder / "ada.yaml").read_text("utf-8").replace("Ada Lovelace", "Renamed"), "utf-8"
    )
    done = _grade(tmp_path, folder, out, term=True)
    assert done.returncode == 143, done.stderr
    assert "Traceback" not in done.stderr
    assert "intact" in done.stderr
    children = (tmp_path / "children").read_text().split()
    assert children  # the workers (and the plots' process) were running
    assert not [pid for pid in children if _alive(pid)]
    assert not [p.name for p in out.iterdir() if p.name.startswith((".plots-", ".grading-"))]
    assert (out / "grades.csv").read_bytes() == before
