"""Write a file so that a reader sees the old content or the new, never half of either.

A batch interrupted mid-write (Ctrl-C, a full disk, a killed process) must leave every
earlier result intact: each file is written to a temporary file in the same folder,
then moved over the old one with `os.replace`, which is atomic on POSIX and Windows.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from functools import cache
from pathlib import Path


@cache
def _mode() -> int:
    """The mode a plain `open()` would give (mkstemp's is 0600, too strict for reports)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8) in one step."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(temp, _mode())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """`write_atomic` unless the file already holds exactly `data` (a regrade rewrites only
    what changed, and keeps the files' times); True when it wrote."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _holds(path, payload):
        return False
    write_atomic(path, payload)
    return True


def _holds(path: Path, payload: bytes) -> bool:
    """True when `path` exists and holds exactly `payload` (its size is compared first)."""
    try:
        return path.stat().st_size == len(payload) and path.read_bytes() == payload
    except OSError:
        return False


def move_if_changed(staged: Path, path: Path, data: str | bytes) -> bool:
    """`write_if_changed` for a file already written as `staged` (holding `data`): it
    is renamed into place, in one step like `write_atomic`, or dropped when `path` holds
    `data` already; written from `data` should the staged file be gone."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _holds(path, payload):
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)
        return False
    try:  # a worker made it with open(): its mode is _mode() already, no chmod needed
        os.replace(staged, path)
    except OSError:
        write_atomic(path, payload)
    return True


def move_staged(staged: Path, path: Path) -> bool:
    """`move_if_changed` when only the staged file holds the content (the batch let
    its bytes go): dropped when `path` holds the same bytes, else renamed into place.
    Raises OSError when the staged file is gone: the caller writes it another way."""
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    same = size is not None and size == staged.stat().st_size
    if same and path.read_bytes() == staged.read_bytes():
        staged.unlink()
        return False
    os.replace(staged, path)
    return True
