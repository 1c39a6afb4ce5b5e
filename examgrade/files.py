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

from examgrade.errors import Location, SheetError

_CHUNK = 1 << 16


def read_regular(path: str | Path, limit: int, name: str | None = None) -> bytes:
    """The bytes of `path`; `SheetError` (named `name`) when it is missing, not a regular
    file, unreadable, or larger than `limit` bytes."""
    where = Location(name or str(path))
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
