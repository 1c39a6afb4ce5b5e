"""What makes a class fast without changing a grade (issue 17): the batch's process does
not walk its reports with the cyclic collector, a cached class is looked up in a few
queries without rewriting the cache, and a run with nothing changed rewrites no file."""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from examgrade.classroom.batch import BatchOptions, grade_class, grade_job
from examgrade.classroom.cache import STORE_NAME, GradeStore
from tests.conftest import ANSWERS


@pytest.fixture
def folder(two_sheets: Path) -> Path:
    return two_sheets


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


def test_the_batch_keeps_each_students_files_as_bytes(rubrics) -> None:
    """A class's reports as the bytes written: the text of one with a `✓` took three
    bytes a character in the batch's process once orjson had read it."""
    from examgrade.classroom.worker import render
    from examgrade.engine import grade_sheet
    from examgrade.report import build_report, report_json
    from examgrade.sheet import load_sheet

    report = build_report(grade_sheet(load_sheet(ANSWERS / "ada-en.yaml"), rubrics))
    rendered = render(report, rubrics)
    assert rendered.text == report_json(report).encode("utf-8")
    assert isinstance(rendered.feedback, bytes) and isinstance(rendered.groups, bytes)


def test_a_store_of_before_holding_text_still_serves_its_reports(
    folder: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    options = BatchOptions(folder, out, workers=1, plots=False)
    grade_class(options)
    written = {p: p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    with sqlite3.connect(out / STORE_NAME) as db:  # as a version that kept str wrote them
        db.execute(
            "UPDATE graded SET report = CAST(report AS TEXT),"
            " feedback = CAST(feedback AS TEXT), groups = CAST(groups AS TEXT)"
        )
        assert db.execute("SELECT typeof(report) FROM graded").fetchone() == ("text",)
    again = grade_class(options)
    assert again.cached == 2 and again.graded == 0
    for path, data in written.items():
        if path.parent.name == "feedback" or path.suffix == ".json" or path.name == "grades.csv":
            assert path.read_bytes() == data, path


def _spoil_then_grade(state, job):
    """The file changes after the batch read it (as a student's late edit would)."""
    Path(job[0]).write_text("student: [unclosed\n", encoding="utf-8")
    return grade_job(state, job)


def test_a_worker_grades_the_bytes_the_batch_read_and_keyed(folder: Path, tmp_path: Path) -> None:
    """Each sheet is read once: the worker grades the bytes the cache key was made of,
    so a report is never cached under the key of other bytes."""
    options = BatchOptions(folder, tmp_path / "out", workers=1, plots=False)
    result = grade_class(options, task=_spoil_then_grade)
    assert not result.failures
    assert sorted(r.student.id for r in result.reports) == ["20230001", "20230002"]


def test_a_class_keeps_one_str_per_value_across_its_reports() -> None:
    import copy

    from examgrade.classroom.batch import share_strings

    made = [{"a": {"en": "Correct.", "fr": "Correct."}, "w": ["x" * 3, {"s": "ok"}]}]
    made += [{"a": {"en": "".join("Correct."), "fr": "Cor" + "rect."}, "w": ["".join("xxx")]}]
    before = copy.deepcopy(made)
    pool: dict[str, str] = {}
    for report in made:
        share_strings(report, pool)
    assert made == before  # the same values: only their objects are shared
    assert made[0]["a"]["en"] is made[1]["a"]["fr"] is made[1]["a"]["en"]
    assert made[0]["w"][0] is made[1]["w"][0]
    deep: dict = {}
    node = deep
    for _ in range(500):  # no report is this deep; still no RecursionError
        node["k"] = {}
        node = node["k"]
    share_strings(deep, pool)


def test_reports_from_workers_share_their_strings(rubrics) -> None:
    """A worker's result is read back in the batch's process with one str per value, as
    cached reports are (the typed report model once lost this on the workers' path)."""
    import pickle

    from examgrade.classroom.worker import SHARED, render
    from examgrade.engine import grade_sheet
    from examgrade.report import build_report
    from examgrade.sheet import load_sheet

    report = build_report(grade_sheet(load_sheet(ANSWERS / "ada-en.yaml"), rubrics))
    sent = pickle.dumps(render(report, rubrics))
    SHARED.clear()
    first, second = pickle.loads(sent), pickle.loads(sent)
    SHARED.clear()
    assert first.report == second.report
    assert first.report.student.id is second.report.student.id


def test_workers_inherit_what_the_first_free_text_answers_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each free-text item's plan, soft-hint bags and page lines are built by the batch's
    process before it forks (`worker.preload`): every worker built them again on its
    first sheets, a first hundred sheets at twice the cost of the next (issue 17)."""
    from examgrade.checks import concepts
    from examgrade.classroom import feedback, worker
    from examgrade.text import grade

    for kept in (grade._LEXICONS, concepts._READ, feedback._IDEA_LINES):
        kept.clear()  # as a process that graded nothing yet
    state = worker.preload((None, 30.0, None, "checklist"))
    built: list[str] = []

    def counted(name: str, make: Callable[..., Any]) -> Callable[..., Any]:
        def made(*args: Any, **kwargs: Any) -> Any:
            built.append(name)
            return make(*args, **kwargs)

        return made

    monkeypatch.setattr(grade, "_new_plan", counted("plan", grade._new_plan))
    monkeypatch.setattr(grade, "build_bags", counted("bags", grade.build_bags))
    monkeypatch.setattr(concepts, "read_options", counted("options", concepts.read_options))
    for name in ("ada-en.yaml", "benoit-fr.yaml"):
        answer = grade_job(state, (str(ANSWERS / name), name, None))
        assert answer[0] == "ok"
    assert built == []
