"""Where a class's staged files get their inodes changes no byte of what a run writes
(issue 17, i17k2: the staging folder's workers' folders placed apart, `inodes.py`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import examgrade.classroom.batch as batch
from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.classroom.inodes import place_apart
from tests.classroom.test_batch import (
    ADA,
    BENOIT,
    make_class,
    no_plots,  # noqa: F401  (autouse: no PNGs)
)

_DURATION = re.compile(rb"; \d+(?:[.,]\d+)? s\.")  # summary.md's run time


def _written(out: Path) -> dict[str, bytes]:
    """Every file a run left, by relative path (the SQLite store aside: it records when)."""
    return {
        str(path.relative_to(out)): _DURATION.sub(b"; _ s.", path.read_bytes())
        for path in sorted(out.rglob("*"))
        if path.is_file() and not path.name.startswith("examgrade.sqlite")
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_a_refused_placement_writes_the_same_class(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    folder = make_class(tmp_path / "class")
    placed = BatchOptions(folder, tmp_path / "placed", workers=workers, plots=False)
    grade_class(placed)
    monkeypatch.setattr(batch, "place_apart", lambda folder: False)  # another file system
    refused = BatchOptions(folder, tmp_path / "refused", workers=workers, plots=False)
    grade_class(refused)
    found = _written(tmp_path / "placed")
    assert found == _written(tmp_path / "refused")
    assert {f"{ADA}.json", f"{BENOIT}.json", f"feedback/{ADA}.md"} <= found.keys()
    assert not list((tmp_path / "placed").glob(".grading-*"))  # the staging folder is gone


def test_placing_apart_never_fails_a_run(tmp_path: Path) -> None:
    """A folder that is not there, a file, or a file system without the flag: False."""
    (tmp_path / "file").write_text("x")
    assert place_apart(tmp_path / "missing") is False
    assert place_apart(tmp_path / "file") is False
    assert place_apart(tmp_path) in (True, False)  # ext4 takes it, tmpfs refuses it
