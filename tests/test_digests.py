"""What makes a class's cached reports and the rubrics kept between runs stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from examgrade import digests
from examgrade.digests import PACKAGE, code_files, rubric_digest


def test_every_part_of_examgrade_a_grade_depends_on_is_hashed() -> None:
    """A fixed solver, check, grammar or message must grade every sheet again."""
    names = {p.relative_to(PACKAGE).as_posix() for p in code_files()}
    for needed in (
        "solvers/cnn.py",
        "checks/expression.py",
        "mathlang/grammar.lark",
        "messages/fr/batch.yaml",
        "engine.py",
    ):
        assert needed in names


def test_editing_one_rubric_text_changes_the_rubric_digest(tmp_path: Path) -> None:
    (tmp_path / "q1.yaml").write_text("question: q1\n", encoding="utf-8")
    before = rubric_digest(tmp_path)
    (tmp_path / "q1.yaml").write_text("question: q1 \n", encoding="utf-8")
    assert rubric_digest(tmp_path) != before


# -- the code digest kept between runs (issue 17) -------------------------------------------


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small package of our own as examgrade's, and a user cache under tmp_path."""
    folder = tmp_path / "package"
    (folder / "checks" / "__pycache__").mkdir(parents=True)
    (folder / "engine.py").write_text("X = 1\n", encoding="utf-8")
    (folder / "checks" / "kind.py").write_text("Y = 2\n", encoding="utf-8")
    (folder / "checks" / "__pycache__" / "kind.py").write_text("stale\n", encoding="utf-8")
    (folder / "grammar.lark").write_text("start: NAME\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not code\n", encoding="utf-8")
    monkeypatch.setattr(digests, "PACKAGE", folder)
    monkeypatch.setattr(digests, "_RACY_NS", 0)  # files just written count as settled
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    digests.code_digest.cache_clear()
    yield folder
    digests.code_digest.cache_clear()


def _digest() -> str:
    digests.code_digest.cache_clear()
    return digests.code_digest()


def _hashed() -> str:
    return digests.__version__ + ":" + digests.digest_files(code_files(), digests.PACKAGE)


def _no_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> str:
        raise AssertionError("the files were read again")

    monkeypatch.setattr(digests, "digest_files", refused)


def test_a_kept_code_digest_is_the_files_digest_and_reads_no_file(
    package: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    expected = _hashed()
    assert _digest() == expected
    assert len(list((package.parent / "cache" / "examgrade").glob("code-*.digest"))) == 1
    _no_hashing(monkeypatch)
    assert _digest() == expected


@pytest.mark.parametrize(
    "change",
    [
        lambda folder: (folder / "engine.py").write_text("X = 2\n", encoding="utf-8"),
        lambda folder: (folder / "checks" / "new.py").write_text("", encoding="utf-8"),
        lambda folder: (folder / "grammar.lark").unlink(),
        lambda folder: (folder / "checks" / "kind.py").rename(folder / "checks" / "other.py"),
    ],
)
def test_any_change_to_the_files_is_hashed_again(package: Path, change) -> None:  # type: ignore[no-untyped-def]
    before = _digest()
    info = (package / "engine.py").stat()
    change(package)
    if (package / "engine.py").exists():  # the same size and modification time as before
        os.utime(package / "engine.py", ns=(info.st_atime_ns, info.st_mtime_ns))
    assert _digest() == _hashed() != before


def test_a_damaged_or_foreign_kept_digest_is_hashed_again(package: Path) -> None:
    expected = _digest()
    (kept,) = (package.parent / "cache" / "examgrade").glob("code-*.digest")
    for data in (b"", b"\xff\xfe", b"0" * 64 + b"\n" + expected.encode(), b"nonsense\nx:y"):
        kept.write_bytes(data)
        assert _digest() == expected


def test_a_file_just_written_keeps_no_digest(package: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(digests, "_RACY_NS", 3_000_000_000)
    assert _digest() == _hashed()
    assert not list((package.parent / "cache" / "examgrade").glob("code-*.digest"))


def test_no_cache_folder_still_gives_the_digest(package: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    blocked = package.parent / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert _digest() == _hashed()
    assert _digest() == _hashed()


def test_the_walk_lists_the_files_code_files_lists() -> None:
    """The stamps cover exactly what is hashed (examgrade's own package)."""
    walked = {line.split("\0")[0] for line in digests._stamps().splitlines()[1:]}
    if walked:  # "" when a file of the checkout was written in the last seconds
        assert walked == {str(p) for p in code_files()}
