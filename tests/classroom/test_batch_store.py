"""The folder's SQLite store is a cache written without waiting for the disk (issue 17,
kernel time): whatever state a crash or a damaged disk leaves it in, no grade changes.
A file SQLite cannot read is set aside and the class graded again, with a warning; a
cached row whose bytes changed is graded again rather than served; a process killed
mid-batch leaves the last commit whole."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.classroom.cache import STORE_NAME, GradeStore
from tests.conftest import ANSWERS


@pytest.fixture
def folder(two_sheets: Path) -> Path:
    return two_sheets


def students_files(out: Path) -> dict[str, bytes]:
    """What the students and the gradebook get: the reports, pages and grades.csv."""
    found = {"grades.csv": (out / "grades.csv").read_bytes()}
    for path in [*out.glob("*.json"), *(out / "feedback").glob("*.md")]:
        found[str(path.relative_to(out))] = path.read_bytes()
    return found


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> dict[str, bytes]:
    """The students' files of the class graded with no store before."""
    base = tmp_path_factory.mktemp("clean")
    sheets = base / "sheets"
    sheets.mkdir()
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, sheets / sheet)
    grade_class(BatchOptions(sheets, base / "out", workers=1, plots=False))
    return students_files(base / "out")


def zero_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 16384] = bytes(16384)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda p: p.write_bytes(b"not a database " * 20), id="not-a-database"),
        pytest.param(lambda p: p.write_bytes(p.read_bytes()[:5000]), id="truncated"),
        pytest.param(zero_middle, id="pages-zeroed"),
    ],
)
def test_a_damaged_store_is_set_aside_and_the_class_graded_again(
    folder: Path, tmp_path: Path, clean: dict[str, bytes], damage
) -> None:
    """Before: the run stopped with a traceback (`file is not a database`, `database
    disk image is malformed`)."""
    out = tmp_path / "out"
    options = BatchOptions(folder, out, workers=1, plots=False)
    grade_class(options)
    damage(out / STORE_NAME)
    again = grade_class(options)
    assert again.graded == 2 and again.store_damaged
    assert students_files(out) == clean
    assert (out / f"{STORE_NAME}.damaged").is_file()  # for a person to look at
    assert "examgrade.sqlite.damaged" in (out / "summary.md").read_text(encoding="utf-8")
    third = grade_class(options)  # the new store serves the next run
    assert third.cached == 2 and not third.store_damaged
    assert students_files(out) == clean


def test_a_cached_row_changed_on_disk_is_graded_again(
    folder: Path, tmp_path: Path, clean: dict[str, bytes]
) -> None:
    """A byte of a score changed in the file: served as it was, it changed a grade."""
    out = tmp_path / "out"
    options = BatchOptions(folder, out, workers=1, plots=False)
    grade_class(options)
    store = out / STORE_NAME
    data = store.read_bytes()
    at = data.index(b'"score": 2,')
    store.write_bytes(data[:at] + b'"score": 9,' + data[at + 11 :])
    (out / "grades.csv").unlink()  # no replay of the last run: the cache is read
    again = grade_class(options)
    assert (again.graded, again.cached) == (1, 1)
    assert students_files(out) == clean


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the child is forked")
def test_a_process_killed_mid_batch_leaves_the_last_commit(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    child = os.fork()
    if child == 0:  # stores 150 sheets, committed at 100, and dies without closing
        try:
            store = GradeStore(path)
            for n in range(150):
                store.put(f"k{n}", f"report {n}" * 500, f"page {n}", "{}")
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    with GradeStore(path) as store:
        assert not store.damaged
        assert set(store.get_many([f"k{n}" for n in range(150)])) == {f"k{n}" for n in range(100)}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_each_worker_stages_its_files_in_a_folder_of_its_own(tmp_path: Path) -> None:
    """Two workers creating files in one folder waited on its lock; the batch moves each
    file from where the worker says it put it (`Rendered.staged`)."""
    from examgrade.classroom.worker import Rendered, _stage

    rendered = _stage(Rendered(None, b'{"a": 1}', b"# page"), tmp_path, "7")  # type: ignore[arg-type]
    assert rendered.staged == tmp_path / f"w{os.getpid()}" / "7"
    assert rendered.staged.with_suffix(".json").read_bytes() == b'{"a": 1}'
    assert rendered.staged.with_suffix(".md").read_bytes() == b"# page"
    mode = rendered.staged.with_suffix(".md").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask  # as a plain open() makes it
