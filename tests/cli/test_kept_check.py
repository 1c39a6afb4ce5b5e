"""`check` of a sheet checked before prints the output kept for it in the user cache
(`examgrade.kept_check`, issue 17): the same bytes, without grading it again; anything
that could change the output is another key, and a damaged, foreign or unwritable
cache only costs a grading."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

import pytest

from examgrade import commands, kept_check, launch
from examgrade.checks.base import Outcome
from examgrade.i18n import Message
from tests.conftest import ANSWERS

ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    """Ada's sheet cut after q2.b (q1's sizes, q2's formulas: graded fast, numpy's too)."""
    text = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    copy = tmp_path / "ada.yaml"
    copy.write_text(text[: text.index("  c:\n    vanishes_if")], encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user cache holding the rubrics and solvers' answers (each test starts from a
    copy: loading them into an empty cache is most of a test's time), no output kept."""
    folder = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(folder / "home"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        patch.delenv("EXAMGRADE_EXAM", raising=False)
        commands.graded(ANSWERS / "ada-en.yaml", None, None)
    return folder / "cache"


@pytest.fixture
def run(  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str], warm: Path
):
    """`check` as the console script runs it with plain arguments, in this process
    (the collector left alone), with HOME and the user cache in tmp_path; what it printed
    and how many sheets it graded."""
    shutil.copytree(warm, tmp_path / "cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("EXAMGRADE_EXAM", raising=False)
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(launch, "_prepare_at_once", lambda: None)
    graded: list[Path] = []
    real = commands.graded

    def counted(path, rubrics, exam):  # type: ignore[no-untyped-def]
        graded.append(path)
        return real(path, rubrics, exam)

    monkeypatch.setattr(commands, "graded", counted)

    def check(*args: str) -> tuple[str, str, int]:
        capsys.readouterr()
        before = len(graded)
        assert launch.answered_at_once(["check", *args])
        out, err = capsys.readouterr()
        return out, err, len(graded) - before

    return check


def kept_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "examgrade").glob("check-*.out"))


@pytest.mark.parametrize("options", [(), ("--lang", "both"), ("--json",)])
def test_a_sheet_checked_again_prints_the_same_bytes_ungraded(
    run, sheet, tmp_path, options
) -> None:  # type: ignore[no-untyped-def]
    first = run(str(sheet), *options)
    again = run(str(sheet), *options)
    assert first[2] == 1 and again[2] == 0
    assert again[:2] == first[:2]
    assert first[0] and not first[1]
    assert len(kept_files(tmp_path)) == 1


def test_each_option_and_language_is_its_own_output(run, sheet) -> None:  # type: ignore[no-untyped-def]
    en, fr, json = run(str(sheet)), run(str(sheet), "--lang", "fr"), run(str(sheet), "--json")
    assert len({en[0], fr[0], json[0]}) == 3
    assert [en[2], fr[2], json[2]] == [1, 1, 1]
    assert run(str(sheet), "--lang", "fr") == (fr[0], fr[1], 0)


def test_an_edited_sheet_is_graded_again(run, sheet, tmp_path) -> None:  # type: ignore[no-untyped-def]
    run(str(sheet))
    text = sheet.read_text(encoding="utf-8")
    assert "Lovelace" in text
    sheet.write_text(text.replace("Lovelace", "Lovelacf"), encoding="utf-8")  # same size
    out, _, graded = run(str(sheet))
    assert graded == 1 and "Lovelacf" in out and "Lovelace" not in out
    fresh = tmp_path / "fresh.yaml"
    shutil.copyfile(sheet, fresh)
    assert run(str(fresh))[0] == out.replace(str(sheet), str(fresh))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-5] + b"XXXXX",  # the text changed
        lambda data: b"0" * 64 + data[64:],  # another key's digest
        lambda data: b"\xff\xfe" * 300,
    ],
)
def test_a_damaged_or_foreign_entry_is_graded_again(run, sheet, tmp_path, damage) -> None:  # type: ignore[no-untyped-def]
    first = run(str(sheet))
    [entry] = kept_files(tmp_path)
    entry.write_bytes(damage(entry.read_bytes()))
    assert run(str(sheet)) == first  # graded again: the same output
    assert run(str(sheet)) == (first[0], first[1], 0)  # and kept whole again


def test_another_code_digest_is_another_key(run, sheet, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = run(str(sheet))
    from examgrade import digests

    monkeypatch.setattr(digests, "code_digest", lambda: "0.0.0:" + "0" * 64)
    assert run(str(sheet)) == first  # another version's output is never taken


def test_a_rubric_file_edited_is_another_key(sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from examgrade import files

    rubrics = tmp_path / "rubrics"
    assert kept_check.rubrics_folder() == files.package_folder("examgrade.rubrics")
    shutil.copytree(kept_check.rubrics_folder(), rubrics)
    monkeypatch.setattr(kept_check, "rubrics_folder", lambda: rubrics)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    before = kept_check.check_key(launch.help_key(["check", str(sheet)]), str(sheet))
    q1 = rubrics / "q1.yaml"
    q1.write_bytes(q1.read_bytes().replace(b"a", b"b", 1))  # same size, same second
    after = kept_check.check_key(launch.help_key(["check", str(sheet)]), str(sheet))
    assert before is not None and after is not None and before != after


def test_an_unwritable_cache_grades_and_prints_the_same(run, sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first = run(str(sheet))
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert run(str(sheet)) == first
    assert run(str(sheet)) == first  # graded each time: nothing can be kept


def test_a_part_stopped_by_the_time_limit_is_never_kept(run, sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = commands.graded

    def slow(path, rubrics, exam):  # type: ignore[no-untyped-def]
        parsed, report = real(path, rubrics, exam)
        question = report.questions[0]
        part = question.parts[0]
        late = Outcome(0.0, "invalid", (Message("engine.time_limit", {}),), review=True)
        item = dataclasses.replace(part.items[0], outcome=late)
        part = dataclasses.replace(part, items=(item, *part.items[1:]))
        question = dataclasses.replace(question, parts=(part, *question.parts[1:]))
        return parsed, dataclasses.replace(report, questions=(question, *report.questions[1:]))

    monkeypatch.setattr(commands, "graded", slow)
    run(str(sheet))
    assert kept_files(tmp_path) == []


def test_a_sheet_edited_while_it_is_graded_is_not_kept(run, sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = commands.graded

    def edited(path, rubrics, exam):  # type: ignore[no-untyped-def]
        found = real(path, rubrics, exam)
        sheet.write_bytes(sheet.read_bytes() + b"\n# edited\n")
        return found

    monkeypatch.setattr(commands, "graded", edited)
    run(str(sheet))
    assert kept_files(tmp_path) == []


def test_an_output_with_something_on_stderr_is_not_kept(run, sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    real = commands.print_checked

    def warning(*args):  # type: ignore[no-untyped-def]
        sys.stderr.write("a warning\n")
        real(*args)

    monkeypatch.setattr(commands, "print_checked", warning)
    _, err, graded = run(str(sheet))
    assert err == "a warning\n" and graded == 1
    assert kept_files(tmp_path) == []


def test_a_sheet_too_large_is_always_graded(run, sheet, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(kept_check, "MAX_SHEET", 100)
    assert run(str(sheet))[2] == 1
    assert run(str(sheet))[2] == 1
    assert kept_files(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_sheet_that_is_no_regular_file_is_never_read_for_a_key(tmp_path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "sheet.yaml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer
    assert kept_check.check_key(b"base", str(fifo)) is None
