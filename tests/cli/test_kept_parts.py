"""`check` of an edited sheet grades only the parts whose answers changed: each part's
result is kept in the user cache as plain data (`examgrade.kept_parts`, issue 17), and
whatever is kept prints exactly what grading it again prints; a damaged, foreign or
stale file, or an unwritable cache, only costs a grading."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest

from examgrade import commands, kept_parts
from examgrade.engine import grade_sheet
from examgrade.memo import OutcomeMemo
from examgrade.render_plain import plain_report
from examgrade.report import build_report, report_json
from tests.conftest import ANSWERS

WIDTH = {"COLUMNS": "100", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user cache holding the rubrics and solvers' answers (the suite's own, when it
    has one), no part kept: each test starts from a copy."""
    folder = tmp_path_factory.mktemp("warm")
    suite = Path(os.environ.get("XDG_CACHE_HOME", "")) / "examgrade"
    if os.environ.get("XDG_CACHE_HOME") and suite.is_dir():
        shutil.copytree(suite, folder / "cache" / "examgrade")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(folder / "home"))
        patch.setenv("XDG_CACHE_HOME", str(folder / "cache"))
        patch.setattr(kept_parts, "for_rubrics", lambda rubrics: None)
        commands.graded(ada(folder), None, None)
    # the folder exists even when this process had the rubrics loaded already (another
    # module graded first) and so wrote nothing to it
    (folder / "cache" / "examgrade").mkdir(parents=True, exist_ok=True)
    for kept in (folder / "cache" / "examgrade").glob("parts-*"):
        kept.unlink()
    return folder / "cache"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, warm: Path) -> Path:
    shutil.copytree(warm, tmp_path / "cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    for name, value in WIDTH.items():
        monkeypatch.setenv(name, value)
    return tmp_path / "cache" / "examgrade"


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts graded afresh in each run (a kept part is never offered again)."""
    offered: list[str] = []
    real = kept_parts.KeptParts.keep

    def counted(self, question, part, node, result):  # type: ignore[no-untyped-def]
        offered.append(f"{question}.{part.key}")
        return real(self, question, part, node, result)

    monkeypatch.setattr(kept_parts.KeptParts, "keep", counted)
    return offered


def ada(tmp_path: Path, edit: str = "", top: str = "") -> Path:
    """Ada's sheet cut after q2.b (sizes and formulas: graded fast), edited."""
    text = (ANSWERS / "ada-en.yaml").read_text(encoding="utf-8")
    text = top + text[: text.index("  c:\n    vanishes_if")] + edit
    copy = tmp_path / "ada.yaml"
    copy.write_text(text, encoding="utf-8")
    return copy


def outputs(sheet: Path) -> list[str]:
    """What `check` prints of the sheet (JSON, each language's tables) through the kept
    parts, beside the same sheet graded with none kept."""
    _, report = commands.graded(sheet, None, None)
    rubrics = commands.load_rubrics(None)
    again = grade_sheet(commands.read_sheet(sheet, rubrics.keys), rubrics, memo=OutcomeMemo())
    found = []
    for graded in (report, again):
        found.append(report_json(build_report(graded)))
        found += [plain_report(graded, lang) or "" for lang in ("en", "fr", "both")]
    half = len(found) // 2
    assert found[:half] == found[half:]
    return found[:half]


def parts_file(cache: Path) -> Path:
    (found,) = cache.glob("parts-*.json")
    return found


def test_an_edited_sheet_grades_only_the_parts_that_changed(cache, fresh, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = outputs(ada(tmp_path))
    assert "q1.b" in fresh and "q2.b" in fresh
    fresh.clear()
    assert outputs(ada(tmp_path, edit="# edited\n")) == first
    assert fresh == []
    text = ada(tmp_path).read_text(encoding="utf-8").replace("  b: 25x25", "  b: 24x24")
    (tmp_path / "ada.yaml").write_text(text, encoding="utf-8")
    fresh.clear()
    outputs(tmp_path / "ada.yaml")
    assert fresh == ["q1.b"]


def test_lines_moved_keep_the_parts_and_their_output(cache, fresh, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outputs(ada(tmp_path))
    fresh.clear()
    outputs(ada(tmp_path, top="# a comment first: every line moves\n\n"))
    assert fresh == []


def test_a_part_whose_feedback_names_a_line_is_never_kept(cache, fresh, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = ada(tmp_path).read_text(encoding="utf-8").replace("  b: 'W^t'", "  b: 'W^(t'")
    (tmp_path / "ada.yaml").write_text(text, encoding="utf-8")
    first = outputs(tmp_path / "ada.yaml")
    assert "q2.b" in fresh
    fresh.clear()
    (tmp_path / "ada.yaml").write_text("\n\n" + text, encoding="utf-8")
    moved = outputs(tmp_path / "ada.yaml")
    assert fresh == ["q2.b"]  # graded again: its message says where the answer is now
    assert moved != first


@pytest.mark.parametrize("damage", ["body", "checksum", "version", "context", "entry"])
def test_a_damaged_or_foreign_file_is_graded_again(cache, fresh, tmp_path, damage) -> None:  # type: ignore[no-untyped-def]
    first = outputs(ada(tmp_path))
    path = parts_file(cache)
    head, body = path.read_bytes().split(b"\n", 1)
    words = head.split(b" ")
    if damage == "body":
        body = body.replace(b'"score"', b'"scare"', 1)
    elif damage == "checksum":
        words[3] = b"0" * 64
    elif damage == "version":
        words[1] = b"0"
    elif damage == "context":
        words[2] = hashlib.sha256(b"another rubric set").hexdigest().encode()
    else:  # a checksum that matches an entry that is not what kept_parts writes
        entries = json.loads(body)
        for entry in entries.values():
            entry["items"] = [["b", "1", 1.0, "correct", False, 0.0, None, None]]
        body = json.dumps(entries).encode()
        words[3] = hashlib.sha256(body).hexdigest().encode()
    path.write_bytes(b" ".join(words) + b"\n" + body)
    fresh.clear()
    assert outputs(ada(tmp_path, edit="# edited\n")) == first
    assert "q1.b" in fresh and "q2.b" in fresh


def test_an_unwritable_cache_grades_and_prints_the_same(  # type: ignore[no-untyped-def]
    cache, fresh, tmp_path, monkeypatch
) -> None:
    first = outputs(ada(tmp_path))
    blocked = tmp_path / "not a folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    fresh.clear()
    assert outputs(ada(tmp_path, edit="# edited\n")) == first
    assert "q1.b" in fresh


def test_a_kept_part_is_plain_data(cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outputs(ada(tmp_path))
    head, body = parts_file(cache).read_bytes().split(b"\n", 1)
    assert head.startswith(b"examgrade-parts 1 ")
    for entry in json.loads(body).values():
        assert set(entry) == {"score", "max", "status", "review", "awaiting", "feedback", "items"}
        assert all(len(texts) == 2 for texts in entry["feedback"])  # en, fr


def test_the_engine_asks_a_reason_of_every_kind_that_gives_one() -> None:
    """`_with_reason` asks only the kinds of `GIVES_REASONS`, without importing the
    others (a French sheet's verdicts with their reasons imported numpy, issue 17)."""
    from examgrade.checks import GIVES_REASONS, check_names, get_check

    giving = {name for name in check_names() if callable(getattr(get_check(name), "reason", None))}
    assert giving == GIVES_REASONS


def test_an_edited_sheet_with_reasons_imports_no_formula_check(cache, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Benoît's verdicts carry their reasons: a sheet whose parts are all kept asks the
    verdict kind alone."""
    import subprocess
    import sys

    sheet = tmp_path / "benoit.yaml"
    text = (ANSWERS / "benoit-fr.yaml").read_text(encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from examgrade import commands; "
        "commands.graded(Path(sys.argv[1]), None, None); "
        "print('examgrade.checks.expression' in sys.modules)"
    )
    found = []
    for edit in ("", "\n# edited\n"):  # the same sys.path (and so distributions) each time
        sheet.write_text(text + edit, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-c", code, str(sheet)], capture_output=True, text=True, check=True
        )
        found.append(done.stdout.strip())
    assert found == ["True", "False"]
