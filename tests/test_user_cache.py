"""Rubrics kept between runs in the user's cache folder: the same grades as a fresh
load, never stale after an edit, and a damaged or missing cache is only a miss."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from examgrade import kept_values, user_cache
from examgrade.engine import grade_sheet
from examgrade.report import build_report
from examgrade.rubric import load_rubrics
from examgrade.sheet import load_sheet
from tests.conftest import ANSWERS, ROOT


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load_rubrics.cache_clear()
    yield tmp_path / "cache" / "examgrade"
    load_rubrics.cache_clear()


def _fresh(directory: str):
    load_rubrics.cache_clear()
    return load_rubrics(directory)


def test_rubrics_from_the_cache_grade_as_freshly_loaded_ones(cache_home: Path) -> None:
    directory = str(ROOT / "rubrics")
    first = _fresh(directory)  # read from the YAML files, then kept
    assert len(list(cache_home.glob("rubrics-*.pickle"))) == 1
    again = _fresh(directory)  # from the cache
    assert again is not first
    for name in ("ada-en.yaml", "benoit-fr.yaml"):
        sheet = load_sheet(ANSWERS / name)
        assert build_report(grade_sheet(sheet, again)) == build_report(grade_sheet(sheet, first))


def test_an_edited_rubric_is_read_again(cache_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rubrics"
    shutil.copytree(ROOT / "rubrics", folder)
    title = _fresh(str(folder)).questions["q1"].title.en
    q1 = folder / "q1.yaml"
    q1.write_text(q1.read_text(encoding="utf-8").replace(title, "Edited title"), "utf-8")
    assert _fresh(str(folder)).questions["q1"].title.en == "Edited title"


def test_a_damaged_cache_file_is_a_miss(cache_home: Path) -> None:
    directory = str(ROOT / "rubrics")
    expected = _fresh(directory).questions["q2"].title.en
    for kept in cache_home.glob("rubrics-*.pickle"):
        kept.write_bytes(b"not a pickle")
    assert _fresh(directory).questions["q2"].title.en == expected


def test_without_a_cache_folder_rubrics_still_load(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert user_cache.folder() is None
    assert "q1" in _fresh(str(ROOT / "rubrics")).questions
    load_rubrics.cache_clear()


class _Planted:
    """What another user would plant: unpickling it creates the file `marker`."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _plant(where: Path, name: str, marker: Path, mode: int) -> Path:
    import pickle

    path = where / name
    path.write_bytes(pickle.dumps(_Planted(marker)))
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_pickle_others_could_write_is_never_unpickled(
    cache_home: Path, tmp_path: Path, mode: int
) -> None:
    marker = tmp_path / "code-ran"
    name = user_cache.key("rubrics", "planted")
    cache_home.mkdir(parents=True, exist_ok=True)
    _plant(cache_home, name, marker, mode)
    assert user_cache.load(name) is None
    assert not marker.exists()


def test_a_folder_others_can_write_is_made_private(cache_home: Path) -> None:
    cache_home.mkdir(parents=True)
    os.chmod(cache_home, 0o777)
    assert user_cache.folder() == cache_home
    assert cache_home.stat().st_mode & 0o077 == 0


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs chown")
def test_a_folder_or_file_of_another_user_is_not_read(cache_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "code-ran"
    cache_home.mkdir(parents=True)
    name = user_cache.key("rubrics", "planted")
    planted = _plant(cache_home, name, marker, 0o644)
    os.chown(planted, 65534, 65534)  # a file of someone else in our own folder
    assert user_cache.load(name) is None and not marker.exists()
    os.chown(cache_home, 65534, 65534)  # a folder of someone else
    assert user_cache.folder() is None
    assert user_cache.load(name) is None and not marker.exists()


def test_files_in_a_folder_others_could_write_are_never_read(
    cache_home: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "code-ran"
    cache_home.mkdir(parents=True)
    os.chmod(cache_home, 0o777)  # anyone could have planted (or rewritten) these
    other = _plant(cache_home, "mathlang-grammar.lark-cache", marker, 0o600)
    name = user_cache.key("rubrics", "planted")
    _plant(cache_home, name, marker, 0o600)
    assert user_cache.load(name) is None and not marker.exists()
    assert not other.exists()  # emptied when the folder was made private


def test_the_suite_never_touches_the_home_folder() -> None:
    """conftest points HOME and XDG_CACHE_HOME into a temporary folder for the session."""
    for name in ("HOME", "XDG_CACHE_HOME"):
        assert "examgrade-tests-home-" in os.environ[name]


def test_solutions_are_kept_between_runs(cache_home: Path, monkeypatch) -> None:
    """`check` computes a solver's answer once, not on every run (issue 17); a value that
    cannot be kept (a function) is computed again, and the others are kept all the same."""
    import pickle

    from examgrade import engine, solvers

    rubrics = _fresh(str(ROOT / "rubrics"))
    params = rubrics.questions["q8"].parameters
    name = "boltzmann.cd_training_possible"
    monkeypatch.setattr(engine, "_SOLUTIONS", {})
    with engine.solutions_kept(rubrics):
        first = engine.Solver(params)(name, {})
        engine._SOLUTIONS[("unkeepable", "[]")] = lambda: 0
    monkeypatch.setattr(engine, "_SOLUTIONS", {})  # as in a new process
    asked: list[str] = []
    real = solvers.get_solver
    monkeypatch.setattr(solvers, "get_solver", lambda n: asked.append(n) or real(n))
    with engine.solutions_kept(rubrics):
        again = engine.Solver(params)(name, {})
    assert asked == []
    assert pickle.dumps(again) == pickle.dumps(first)
    assert ("unkeepable", "[]") not in engine._SOLUTIONS


def test_message_catalogs_are_kept_between_runs(cache_home: Path, monkeypatch) -> None:
    """Each language's catalog is read from its YAML files once, then from the cache."""
    from examgrade import i18n

    i18n.catalog.cache_clear()
    first = i18n.catalog("fr")
    i18n.catalog.cache_clear()  # as in a new process

    def unread(lang: str) -> dict[str, str]:
        raise AssertionError(f"the {lang} catalog was read again")

    monkeypatch.setattr(i18n, "_read_catalog", unread)
    try:
        assert i18n.catalog("fr") == first
    finally:
        i18n.catalog.cache_clear()


def test_solvers_values_on_drawn_instances_are_kept(cache_home: Path, monkeypatch) -> None:
    """The expression check's reference values (a solver on an instance drawn from a
    fixed seed) are kept too; a rubric expression's are not (an AST, not a solver)."""
    import numpy as np

    from examgrade import engine
    from examgrade.checks import expression

    rubrics = _fresh(str(ROOT / "rubrics"))
    monkeypatch.setattr(engine, "_SOLUTIONS", {})
    monkeypatch.setattr(expression, "_SOLVED", {})
    with engine.solutions_kept(rubrics):
        kept_values.need("solved")  # what the check asks before it computes a value
        expression._SOLVED[("wgan.grad_w", "{}", b"instance")] = np.arange(3.0)
        expression._SOLVED[(object(), "{}", b"instance")] = np.ones(2)
    monkeypatch.setattr(expression, "_SOLVED", {})  # as in a new process
    with engine.solutions_kept(rubrics):
        assert expression._SOLVED == {}  # read only when the check first needs them
        kept_values.need("solved")
        kept = dict(expression._SOLVED)
    assert list(kept) == [("wgan.grad_w", "{}", b"instance")]
    assert kept[("wgan.grad_w", "{}", b"instance")].tolist() == [0.0, 1.0, 2.0]


def test_free_text_readings_are_kept_between_runs(cache_home: Path, monkeypatch) -> None:
    """The concepts check's ideas and patterns of each item are read once, then from the
    cache (issue 17), and grade as the ones read from the rubric."""
    from examgrade import engine
    from examgrade.checks import concepts

    rubrics = _fresh(str(ROOT / "rubrics"))
    item = next(
        i
        for q in rubrics.questions.values()
        for p in q.parts
        for i in p.items
        if i.check == "concepts"
    )
    monkeypatch.setattr(concepts, "_BY_OPTIONS", {})
    monkeypatch.setattr(concepts, "_READ", {})
    with engine.solutions_kept(rubrics):
        first = concepts._read_once(item)
    monkeypatch.setattr(concepts, "_BY_OPTIONS", {})  # as in a new process
    monkeypatch.setattr(concepts, "_READ", {})

    def unread(item: object) -> None:
        raise AssertionError("the item's options were read again")

    monkeypatch.setattr(concepts, "read_options", unread)
    with engine.solutions_kept(rubrics):
        again = concepts._read_once(item)
    assert again == first and again is not first


def test_a_warm_run_writes_nothing(cache_home: Path, monkeypatch) -> None:
    """Solvers' answers that cannot be kept (functions) are computed again on each run,
    and are no reason to write the cache file again (issue 17)."""
    from examgrade import engine

    rubrics = _fresh(str(ROOT / "rubrics"))
    params = rubrics.questions["q8"].parameters
    monkeypatch.setattr(engine, "_SOLUTIONS", {})
    with engine.solutions_kept(rubrics):
        engine.Solver(params)("boltzmann.cd_training_possible", {})
    monkeypatch.setattr(engine, "_SOLUTIONS", {})  # as in a new process
    written: list[str] = []
    monkeypatch.setattr(user_cache, "save", lambda name, value: written.append(name))
    with engine.solutions_kept(rubrics):
        engine.Solver(params)("boltzmann.cd_training_possible", {})
        engine._SOLUTIONS[("unkeepable", "[]")] = lambda: 0
    assert written == []


def test_a_part_is_read_only_when_needed(cache_home: Path, monkeypatch) -> None:
    """Each solver prefix's answers are their own file, read when a solver of that prefix
    is first called: answering q1 (cnn) reads neither the other solvers' answers nor the
    expression check's values, which are numpy arrays (issue 17)."""
    from examgrade import engine

    rubrics = _fresh(str(ROOT / "rubrics"))
    monkeypatch.setattr(engine, "_SOLUTIONS", {})
    with engine.solutions_kept(rubrics):
        engine.Solver(rubrics.questions["q1"].parameters)("cnn.receptive_field", {})
        engine.Solver(rubrics.questions["q8"].parameters)("boltzmann.cd_training_possible", {})
    monkeypatch.setattr(engine, "_SOLUTIONS", {})  # as in a new process
    read: list[str] = []
    real = user_cache.load
    monkeypatch.setattr(user_cache, "load", lambda name: read.append(name) or real(name))
    with engine.solutions_kept(rubrics):
        engine.Solver(rubrics.questions["q1"].parameters)("cnn.receptive_field", {})
    assert [name.split("-")[0] for name in read] == ["solutions.cnn"]
    assert any(key[0] == "cnn.receptive_field" for key in engine._SOLUTIONS)


def test_a_solver_lookup_imports_only_its_own_modules() -> None:
    """Looking up a size solver or a size check imports neither the formula checks nor
    the solvers that need numpy (the registry tries the likely module first)."""
    code = (
        "import sys\n"
        "from examgrade.solvers import get_solver\n"
        "from examgrade.checks import get_check\n"
        "assert get_solver('cnn.receptive_field') is not None\n"
        "assert get_check('sizes') is not None and get_check('concepts') is not None\n"
        "print(sorted(m for m in sys.modules if m == 'numpy' or m.startswith(\n"
        "    ('examgrade.solvers.rnn', 'examgrade.checks.expression'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
