"""What examgrade keeps between runs in the user's own cache folder (`~/.cache/examgrade`,
or `$XDG_CACHE_HOME/examgrade`): the loaded rubrics, so that every `check` and every
`grade` does not read and validate eight YAML files again (~70 ms, ~1 ms from here).

This module is the one owner of that folder and of everything in it: the rubrics and the
solvers' answers (`examgrade.engine.solutions_kept`), and the help screens and compiled
code of `examgrade.launch`, the instances drawn from fixed seeds
(`examgrade.mathlang.kept_draws`), the code digest (`examgrade.digests`), `check`'s
outputs (`examgrade.kept_check`) and each part's result (`examgrade.kept_parts`, JSON)
(bytes: `read_bytes`, `write_bytes`). (The math grammar's
tables ship with the package, `examgrade.mathlang.grammar_tables`.)

The pickles run code when read (and marshal's code objects when run), so nothing is
read that another user could have written: the folder must be the user's own and
writable by no one else (a folder of
theirs that others could write is made 0700 and emptied first, since anything in it may be
theirs; one owned by someone else, or a link to a folder others can write, is not
used),
and each file is opened without following a link and read only when it is a regular file
of theirs that no one else can write (a planted one is removed). Files are named by
everything they depend on (examgrade's code, the rubric files, Python). Anything
unexpected (a missing or unsafe folder, a stale, damaged or foreign file) is a miss: the
caller computes the value as if there were no cache.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# pickle, tempfile, hashlib and the code digest are imported where used: `--help` reads
# its screen from here before anything else is imported (`examgrade.launch`).

KEEP = 12  # files of one kind kept (several rubric folders being tuned)
MAX_FILE = 256 * 1024 * 1024  # bytes read from one file, at most (ours are KB to a few MB)


def folder() -> Path | None:
    """The cache folder, made if needed; None when it cannot be (read-only home...) or is
    not safe to read code from (`_private`)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "examgrade"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        return path if _private(path) else None
    except OSError:
        return None


def _private(path: Path) -> bool:
    """Whether only this user can write in the folder `path`, made so when it is theirs."""
    if not hasattr(os, "getuid"):  # no owners to check (Windows): the profile is private
        return True
    info = os.stat(path)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    if info.st_mode & 0o022:  # others could write here: anything in it may be theirs
        if path.is_symlink():
            return False  # a link to a shared folder: never made private nor emptied
        os.chmod(path, 0o700)
        for entry in path.iterdir():
            if not entry.is_dir() or entry.is_symlink():
                entry.unlink(missing_ok=True)
    return True


def _mine(info: os.stat_result) -> bool:
    """A regular file of this user's."""
    if not stat.S_ISREG(info.st_mode):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _trusted(info: os.stat_result) -> bool:
    """A regular file of this user's that no one else can write."""
    return _mine(info) and not info.st_mode & 0o022


def key(kind: str, *parts: str) -> str:
    """A file name for `kind` that changes with the parts, examgrade's code and Python."""
    import hashlib

    from examgrade.digests import code_digest

    digest = hashlib.sha256()
    for part in (sys.version, code_digest(), *parts):
        digest.update(part.encode() + b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}.pickle"


def load(name: str) -> Any | None:
    """The value kept under `name`, or None."""
    import pickle

    data = read_bytes(name)
    if data is None:
        return None
    try:
        return pickle.loads(data)
    except Exception:  # damaged, or from a class that changed: a miss
        return None


def read_bytes(name: str) -> bytes | None:
    """The bytes kept under `name`, or None (no such file, or one that is not trusted)."""
    where = folder()
    if where is None:
        return None
    try:
        fd = os.open(where / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not _trusted(info) or info.st_size > MAX_FILE:
                return None  # planted, writable by others, or no file of ours: never read
            return handle.read(MAX_FILE + 1)
    except OSError:
        return None


def save(name: str, value: Any) -> None:
    """Keep `value` under `name` (written whole or not at all), and only the newest few
    files of its kind; never fails the caller."""
    import pickle

    with contextlib.suppress(Exception):
        write_bytes(name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_bytes(name: str, data: bytes, keep: int = KEEP) -> None:
    """Keep `data` under `name` (written whole or not at all), and only the newest `keep`
    files of its kind (the name's first word, same suffix); never fails the caller."""
    import tempfile

    where = folder()
    if where is None:
        return
    with contextlib.suppress(Exception):
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=where)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, where / name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        _prune(where, name.split("-", 1)[0], Path(name).suffix, keep)


def _prune(where: Path, kind: str, suffix: str, keep: int) -> None:
    kept = sorted(where.glob(f"{kind}-*{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
