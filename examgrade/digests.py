"""Content hashes that say when something examgrade computed before is stale: a class's
cached reports (`examgrade.classroom.cache`) and the loaded rubrics kept between runs
(`examgrade.user_cache`) are valid only for the same rubric files and the same code."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from examgrade import __version__

PACKAGE = Path(__file__).resolve().parent


def digest_files(files: Iterable[Path], root: Path) -> str:
    """A hash of the files' names (relative to `root`) and bytes, in name order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def rubric_digest(directory: str | Path) -> str:
    """A hash of every rubric file: editing one feedback text changes it. A pack's
    `rubrics/` counts its `exam.yaml` and `solvers.py` too (`examgrade.exam`)."""
    folder = Path(directory)
    files = list(folder.glob("*.yaml"))
    if folder.name == "rubrics" and (folder.parent / "exam.yaml").is_file():
        files += [folder / ".." / name for name in ("exam.yaml", "solvers.py")]
    return digest_files([f for f in files if f.is_file()], folder)


@cache
def code_digest() -> str:
    """The version plus a hash of examgrade's own files (code, grammar, message catalogs):
    a new check or a fixed bug in a solver grades every sheet again, even before the
    version number moves. Reading and hashing them (~1.5 MB) was ~10 ms of every
    `check` (issue 17): the digest is kept in the user's cache under a hash of every
    file's name, size, times and inode, and computed again when any of them moved."""
    stamps = _stamps()
    name = f"code-{hashlib.sha256(stamps.encode()).hexdigest()[:40]}.digest" if stamps else None
    if name is not None:
        kept = _kept_digest(name, stamps)
        if kept is not None:
            return kept
    files = code_files()
    digest = __version__ + ":" + digest_files(files, PACKAGE)
    if name is not None and stamps == _stamps(files):  # the same files, none just written
        from examgrade import user_cache

        user_cache.write_bytes(name, f"{_check_line(stamps)}\n{digest}".encode(), keep=4)
    return digest


# A file changed this recently may change again within the same tick of its clock, its
# size and times unchanged (git's "racy" files): no digest is kept while one is that new.
_RACY_NS = 3_000_000_000


def _stamps(files: list[Path] | None = None) -> str:
    """Name, size, modification and change times and inode of every file `code_files`
    lists (found by walking the package as its `rglob` does, when not given), one a line;
    "" when one was written in the last seconds or cannot be read."""
    import os
    import time

    found: list[str] = []
    recent = time.time_ns() - _RACY_NS

    def add(path: str) -> bool:
        info = os.stat(path)
        if max(info.st_mtime_ns, info.st_ctime_ns) > recent:
            return False
        found.append(
            f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}"
        )
        return True

    def walk(folder: str) -> bool:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir():
                    if not walk(entry.path):
                        return False
                elif os.path.splitext(entry.name)[1] in _CODE_SUFFIXES and not add(entry.path):
                    return False
        return True

    try:
        complete = walk(str(PACKAGE)) if files is None else all(add(str(p)) for p in files)
    except (OSError, RecursionError):
        return ""
    return "\n".join([__version__, *sorted(found)]) if complete else ""


def _check_line(stamps: str) -> str:
    return hashlib.sha256(b"examgrade code digest\0" + stamps.encode()).hexdigest()


def _kept_digest(name: str, stamps: str) -> str | None:
    """The digest kept for these stamps, or None (none, damaged, or another's)."""
    from examgrade import user_cache

    data = user_cache.read_bytes(name)
    if data is None:
        return None
    check, _, digest = data.decode("ascii", "replace").partition("\n")
    version, _, hexdigest = digest.partition(":")
    if check != _check_line(stamps) or version != __version__ or len(hexdigest) != 64:
        return None
    if any(c not in "0123456789abcdef" for c in hexdigest):
        return None
    return digest


_CODE_SUFFIXES = (".py", ".lark", ".yaml")


def code_files() -> list[Path]:
    """Every file of the package a grade can depend on."""
    return [
        p for p in PACKAGE.rglob("*") if p.suffix in _CODE_SUFFIXES and "__pycache__" not in p.parts
    ]
