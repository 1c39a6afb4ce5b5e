"""One bad sheet never stops the batch: a sheet that hangs or kills its worker is stopped
and reported, every other sheet is graded, and files are never left half written."""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

import pytest

from examgrade.classroom.atomic import write_atomic
from examgrade.classroom.batch import BatchOptions, grade_class, grade_job
from examgrade.classroom.pool import Stopped, run_pool
from tests.classroom.test_batch import (
    ADA,
    make_class,
    no_plots,  # noqa: F401  (autouse: no PNGs)
)


def _setup(arg: int) -> int:
    return arg


def _task(state: int, job: str) -> str:
    if job == "hang":
        time.sleep(60)
    if job == "die":
        os._exit(3)
    return job.upper() * state


@pytest.mark.parametrize("workers", [1, 2])
def test_a_hanging_or_dying_job_is_stopped_and_the_others_done(workers: int) -> None:
    jobs = ["a", "hang", "b", "die", "c"]
    found = dict(run_pool(jobs, _task, _setup, 2, workers, time_limit=0.2, grace=0.1))
    assert {i: found[i] for i in (0, 2, 4)} == {0: "AA", 2: "BB", 4: "CC"}
    assert isinstance(found[1], Stopped) and found[1].reason == "timeout"
    assert isinstance(found[3], Stopped) and found[3].reason == "crash"


def _hang_on_benoit(state, job: tuple[str, str, str | None]):
    if job[0].endswith("benoit-fr.yaml"):
        time.sleep(60)
    return grade_job(state, job)


def test_a_sheet_past_the_time_limit_is_reported_and_the_rest_graded(tmp_path: Path) -> None:
    folder = make_class(tmp_path / "class")
    options = BatchOptions(folder, tmp_path / "out", workers=1, time_limit=0.1, plots=False)
    result = grade_class(options, task=_hang_on_benoit)
    assert [r.student.id for r in result.reports] == [ADA]
    errors = list(csv.DictReader(io.StringIO((tmp_path / "out" / "errors.csv").read_text())))
    stopped = next(e for e in errors if e["file"].endswith("benoit-fr.yaml"))
    assert "longer than the time limit" in stopped["error"]


def test_an_interrupted_write_keeps_the_old_file(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "grades.csv"
    write_atomic(target, "old\n")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_an_interrupted_batch_keeps_what_it_graded(tmp_path: Path) -> None:
    folder = make_class(tmp_path / "class")
    out = tmp_path / "out"
    options = BatchOptions(folder, out, workers=1, plots=False)

    def interrupt(done: int, total: int) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        grade_class(options, interrupt)
    assert not (out / "grades.csv").exists()  # no half class written as if complete
    assert not list(out.glob("*.json")) and not list(out.glob(".grading-*"))
    again = grade_class(options)
    assert (again.cached, again.graded) == (2, 3)


def test_a_staging_folder_left_by_a_killed_run_is_removed(tmp_path: Path) -> None:
    folder, out = make_class(tmp_path / "class"), tmp_path / "out"
    stale = out / ".grading-999999999"  # no such process
    stale.mkdir(parents=True)
    (stale / "0.json").write_text("{}")
    grade_class(BatchOptions(folder, out, workers=1, plots=False))
    assert not stale.exists()
    assert (out / f"{ADA}.json").is_file()
