"""What makes a class fast without changing a grade (issue 17): the batch's process does
not walk its reports with the cyclic collector, a cached class is looked up in a few
queries without rewriting the cache, and a run with nothing changed rewrites no file."""

from __future__ import annotations

import gc
import shutil
import sqlite3
from pathlib import Path

import pytest

from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.classroom.cache import STORE_NAME, GradeStore
from tests.conftest import ANSWERS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, sheets / sheet)
    return sheets


def test_the_collector_is_paused_while_the_class_is_gathered(folder: Path, tmp_path: Path) -> None:
    seen: list[bool] = []
    options = BatchOptions(folder, tmp_path / "out", workers=1, plots=False)
    grade_class(options, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)
    assert gc.isenabled()  # and running again once the run is over


def test_a_cached_class_is_read_in_one_query_and_not_written_again(tmp_path: Path) -> None:
    path = tmp_path / STORE_NAME
    with GradeStore(path) as store:
        for key in ("a", "b", "c"):
            store.put(key, f"report {key}", f"page {key}", "{}")
        store.finish_run()
    with GradeStore(path) as store:
        changes = store._db.total_changes
        found = store.get_many(["a", "c", "missing", "a"])
        assert found == {"a": ("report a", "page a", "{}"), "c": ("report c", "page c", "{}")}
        assert store._db.total_changes == changes  # a hit writes nothing
        store.finish_run()  # what this run did not use is forgotten, what it read is kept
    with sqlite3.connect(path) as db:
        assert sorted(k for (k,) in db.execute("SELECT key FROM graded")) == ["a", "c"]


def test_many_keys_are_looked_up_in_chunks(tmp_path: Path) -> None:
    keys = [f"k{n}" for n in range(1_234)]
    with GradeStore(tmp_path / STORE_NAME) as store:
        for key in keys:
            store.put(key, key, key, "{}")
        assert set(store.get_many(keys)) == set(keys)
