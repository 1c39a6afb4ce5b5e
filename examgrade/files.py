"""Read a file someone else named: only a regular file, at most a size limit, never blocking.

A sheet folder is written by students and copied by people: a `*.yaml` may be a symlink
to `/dev/zero` (endless bytes), a FIFO (an `open` that never returns), a socket or a
device. `Path.read_bytes` would read without bound or hang, so every file examgrade takes
from a class goes through `read_regular`, which refuses anything but a regular file before
reading a byte, opens without blocking, and reads one byte past the limit at most.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from examgrade.errors import ExamgradeError, Location, SheetError

_CHUNK = 1 << 16


MAX_INSTRUCTOR_BYTES = 20 * 1024 * 1024  # a rubric, an exam file, an overrides file


def read_regular(
    path: str | Path,
    limit: int,
    name: str | None = None,
    *,
    codes: str = "sheet",
    error: type[ExamgradeError] = SheetError,
) -> bytes:
    """The bytes of `path`; `error` (named `name`) when it is missing, not a regular file,
    unreadable, or larger than `limit` bytes. A sheet's faults speak of a sheet
    (`sheet.*`); `codes="files"` says the same of any other file (a rubric, overrides)."""
    where = Location(name or str(path))
    try:
        return _read(path, limit, where)
    except SheetError as exc:
        if codes == "sheet" and error is SheetError:
            raise
        raise error(f"{codes}.{exc.code.split('.', 1)[1]}", exc.params, where) from None


def _read(path: str | Path, limit: int, where: Location) -> bytes:
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise SheetError("sheet.not_regular", {}, where)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
        fd = os.open(path, flags)  # non-blocking: a FIFO swapped in after the stat cannot hang
    except FileNotFoundError:
        raise SheetError("sheet.not_found", {}, where) from None
    except OSError as exc:
        raise SheetError("sheet.unreadable", {"reason": exc.strerror or str(exc)}, where) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SheetError("sheet.not_regular", {}, where)
        if info.st_size > limit:
            raise SheetError("sheet.too_large", {"size": info.st_size, "limit": limit}, where)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while we read
            raise SheetError("sheet.too_large", {"size": f">{limit}", "limit": limit}, where)
        return b"".join(chunks)
    except OSError as exc:
        raise SheetError("sheet.unreadable", {"reason": exc.strerror or str(exc)}, where) from None
    finally:
        os.close(fd)


def package_folder(package: str) -> Path:
    """The folder of one of examgrade's packages, for its data files (rubrics, word lists).
    Not importlib.resources, which imports zipfile, tempfile, random and more (~10 ms of
    every `check`, issue 17) to serve installs that are folders anyway."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(package)
    return Path(next(iter(spec.submodule_search_locations)))
