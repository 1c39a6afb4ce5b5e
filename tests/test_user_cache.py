"""Rubrics kept between runs in the user's cache folder: the same grades as a fresh
load, never stale after an edit, and a damaged or missing cache is only a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from examgrade import user_cache
from examgrade.engine import grade_sheet
from examgrade.report import report_json
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
        assert report_json(grade_sheet(sheet, again)) == report_json(grade_sheet(sheet, first))


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
