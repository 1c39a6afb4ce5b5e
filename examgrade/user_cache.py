"""What examgrade keeps between runs in the user's own cache folder (`~/.cache/examgrade`,
or `$XDG_CACHE_HOME/examgrade`): the loaded rubrics, so that every `check` and every
`grade` does not read and validate eight YAML files again (~70 ms, ~1 ms from here).

The files are pickles, which run code when read: they are only ever read from the
user's own folder (made 0700), never from a shared or temporary one, and only under a
name derived from everything they depend on (examgrade's code, the rubric files, Python).
Anything unexpected (a missing folder, a stale or damaged file) is a miss: the caller
computes the value as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from examgrade.digests import code_digest

KEEP = 12  # files of one kind kept (several rubric folders being tuned)


def folder() -> Path | None:
    """The cache folder, made if needed; None when it cannot be (read-only home...)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "examgrade"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def key(kind: str, *parts: str) -> str:
    """A file name for `kind` that changes with the parts, examgrade's code and Python."""
    digest = hashlib.sha256()
    for part in (sys.version, code_digest(), *parts):
        digest.update(part.encode() + b"\0")
    return f"{kind}-{digest.hexdigest()[:32]}.pickle"


def load(name: str) -> Any | None:
    """The value kept under `name`, or None."""
    where = folder()
    if where is None:
        return None
    try:
        with open(where / name, "rb") as handle:
            return pickle.load(handle)
    except Exception:  # missing, damaged, or from a class that changed: a miss
        return None


def save(name: str, value: Any) -> None:
    """Keep `value` under `name` (written whole or not at all), and only the newest few
    files of its kind; never fails the caller."""
    where = folder()
    if where is None:
        return
    with contextlib.suppress(Exception):
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=where)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, where / name)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        _prune(where, name.split("-", 1)[0])


def _prune(where: Path, kind: str) -> None:
    kept = sorted(where.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
