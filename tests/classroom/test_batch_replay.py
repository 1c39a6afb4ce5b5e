"""A rerun where nothing changed (issue 17): the last run's class outputs are given back
without reading a report, and every file is what a full run writes."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from examgrade.classroom import batch
from examgrade.classroom.batch import BatchOptions, grade_class
from examgrade.classroom.cache import GradeStore
from tests.conftest import ANSWERS


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two sheets and a third with Ada's id (a duplicate: a row of errors.csv)."""
    sheets = tmp_path / "sheets"
    (sheets / "late").mkdir(parents=True)
    for sheet in ("ada-en.yaml", "benoit-fr.yaml"):
        shutil.copy(ANSWERS / sheet, sheets / sheet)
    text = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    (sheets / "late" / "copy.yaml").write_text(text.replace("Ada Lovelace", "Someone Else"))
    return sheets


def files(out: Path) -> dict[str, str]:
    """A digest of every file of the folder (the store aside; summary.md's run time aside)."""
    found = {}
    for path in sorted(out.rglob("*")):
        if path.is_file() and not path.name.startswith("examgrade.sqlite"):
            data = path.read_bytes()
            if path.name == "summary.md":
                data = re.sub(rb"; \d+(?:[.,]\d+)? s\.", b"; <s> s.", data)
            found[str(path.relative_to(out))] = hashlib.sha256(data).hexdigest()
    return found


def no_reports(*args, **kwargs):
    raise AssertionError("a rerun where nothing changed reads no report")


def test_a_rerun_with_nothing_changed_writes_what_a_full_run_writes(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    full, fast = tmp_path / "full", tmp_path / "fast"
    for out in (full, fast):
        grade_class(BatchOptions(folder, out, workers=1, plots=False))
    with monkeypatch.context() as patched:  # the full rerun, as before replays
        patched.setattr(batch, "replay", lambda *args: None)
        expected = grade_class(BatchOptions(folder, full, workers=1, plots=False))
    monkeypatch.setattr(GradeStore, "get_many", no_reports)
    found = grade_class(BatchOptions(folder, fast, workers=1, plots=False))
    assert files(fast) == files(full)
    assert (found.graded, found.cached, found.first_run) == (0, 3, False)
    assert found.stats == expected.stats
    assert found.failures == expected.failures and found.duplicates == expected.duplicates
    assert found.groups == expected.groups
    assert list(found.reports) == list(expected.reports)  # read from <id>.json when asked


def test_a_file_changed_by_hand_or_an_option_takes_the_full_run(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    out = tmp_path / "out"
    grade_class(BatchOptions(folder, out, workers=1, plots=False))
    written = files(out)
    (out / "20230001.json").write_text("{}")
    (out / "feedback" / "20230002.md").unlink()
    grade_class(BatchOptions(folder, out, workers=1, plots=False))
    again = files(out)  # the files put back; what says how the run went is its own
    assert {k: again[k] for k in written if k != "summary.md"} == {
        k: v for k, v in written.items() if k != "summary.md"
    }
    monkeypatch.setattr(GradeStore, "get_many", no_reports)
    grade_class(BatchOptions(folder, out, workers=1, plots=False))  # replayed now
    with pytest.raises(AssertionError, match="reads no report"):
        grade_class(BatchOptions(folder, out, workers=1, plots=False, lang="fr"))


def test_the_batch_lets_go_of_the_files_workers_staged(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    """Each student's two files are on disk (staged) and in the cache once a worker
    sent them: the batch keeps their digest, not their bytes, and moves them into place;
    a staged file gone is written from the report, the same bytes."""
    from examgrade.classroom import atomic, output

    expected = tmp_path / "expected"
    grade_class(BatchOptions(folder, expected, workers=1, plots=False, use_cache=False))
    held: list[bytes] = []
    write = batch.write_outputs

    def spy(result, outcome, *args, **kwargs):
        held.extend(g.rendered.text + g.rendered.feedback for g in outcome.graded)
        return write(result, outcome, *args, **kwargs)

    monkeypatch.setattr(batch, "write_outputs", spy)
    light = tmp_path / "light"
    grade_class(BatchOptions(folder, light, workers=1, plots=False))
    assert held == [b"", b""]
    assert files(light) == files(expected)

    def gone(staged: Path, path: Path) -> bool:
        raise FileNotFoundError(staged)

    monkeypatch.setattr(output, "move_staged", gone)
    again = tmp_path / "again"
    grade_class(BatchOptions(folder, again, workers=1, plots=False))
    assert files(again) == files(expected)
    assert atomic.move_staged is not gone
