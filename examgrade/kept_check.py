"""`examgrade check SHEET` of a sheet checked before, printed again without grading it.

A student runs `check` again and again while writing; a run on a sheet that did not
change since the last one prints the same bytes. Grading it again imports numpy, the
check kinds and the text engine and grades every part (~0.45 s of CPU, issue 17). The
first run keeps what it printed in the user cache (`examgrade.user_cache`, the user's
own folder), under a SHA-256 of everything the output depends on: the arguments, the
environment, each standard stream's terminal, size and encoding (`launch.help_key`, with
examgrade's, typer's and rich's file stamps), the working folder, examgrade's code
digest, the installed distributions' names and versions, the bytes of the sheet and of
every file of the bundled rubrics' folder. A later run with the same key prints what was
kept, without importing the grader.

A kept output is plain text behind its key's digest and the SHA-256 of its bytes:
nothing in it is run, and a damaged, foreign or stale file is a miss (the sheet is
graded as if nothing were kept). Only a whole, normal run is kept: exit 0, nothing on
stderr, no part stopped by the time limit or an internal error (those depend on the
machine's load, not on the sheet), and the sheet's bytes unchanged while it was graded.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing's import is a tenth of a kept output's time
if TYPE_CHECKING:
    from pathlib import Path

    from examgrade.engine import SheetReport

KEPT = 32  # outputs kept (a student's sheet in a few languages and terminals)
MAX_SHEET = 1024 * 1024  # bytes of a sheet keyed, at most; a larger one is always graded
# Outcomes that say how the run went, not what the sheet holds: never kept.
_NOT_KEPT_CODES = frozenset({"engine.time_limit", "engine.internal_error"})


def check_key(base: bytes | None, sheet: str) -> bytes | None:
    """Everything `check`'s output depends on (see the module) beyond `base` (what a help
    screen depends on, `launch.help_key` of the arguments), or None when it cannot be
    told (a package or folder not found, a sheet too large or unreadable)."""
    sheet_bytes = _read_sheet(sheet)
    if sheet_bytes is None or base is None:
        return None
    try:
        from examgrade.digests import code_digest

        parts = [base, os.getcwd().encode("utf-8", "surrogateescape"), code_digest().encode()]
        parts.append(distributions().encode("utf-8", "surrogateescape"))
        parts.append(_rubric_files())
    except (OSError, ValueError, ImportError):
        return None
    parts.append(b"sheet\0" + sheet_bytes)
    return b"\0\0".join(parts)


#: Each sheet's file as it was when its key was read (inode, size, times): a sheet
#: saved over and saved back while it was graded (A, B, A) has its first bytes again,
#: but B's output must not be kept as A's (`sheet_unchanged`).
_STAMPS: dict[str, tuple[int, ...]] = {}


def _read_sheet(sheet: str) -> bytes | None:
    """The sheet's bytes when it is a regular file of at most MAX_SHEET bytes, else None
    (opened without blocking: a FIFO or a device is left to `files.read_regular`)."""
    import stat

    try:
        fd = os.open(sheet, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return None
            data = handle.read(MAX_SHEET + 1)
    except (OSError, ValueError):
        return None
    if len(_STAMPS) > 64:  # one a `check`; more only in a process that runs many
        _STAMPS.clear()
    _STAMPS[sheet] = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
    return data if len(data) <= MAX_SHEET else None


def distributions() -> str:
    """The installed distributions on sys.path, by their metadata folders' names
    (`numpy-2.1.0.dist-info`): another numpy, rapidfuzz or stemmer is another key."""
    found = []
    for entry in sys.path:
        try:
            with os.scandir(entry or ".") as entries:
                found += [
                    f"{entry}/{e.name}"
                    for e in entries
                    if e.name.endswith((".dist-info", ".egg-info", ".pth"))
                ]
        except (OSError, ValueError):
            continue
    return "\n".join(sorted(found))


def _rubric_files() -> bytes:
    """The bundled rubrics' folder and `digests.rubric_digest` of its files (the exam,
    its rubrics): a digest of their content, so an edit in the same second counts."""
    from examgrade.digests import rubric_digest

    folder = rubrics_folder()
    return f"{folder.resolve()}\0{rubric_digest(folder)}".encode("utf-8", "surrogateescape")


def rubrics_folder() -> Path:
    """The bundled rubrics' folder as `files.package_folder` finds it, without
    examgrade.files' imports (errors, i18n: dataclasses made before the kept code)."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("examgrade.rubrics")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("examgrade.rubrics")
    return Path(next(iter(spec.submodule_search_locations)))


def _digest(data: bytes) -> bytes:
    """The SHA-256 of `data` in hex."""
    try:
        from _sha256 import sha256  # CPython 3.11: without hashlib's OpenSSL start-up
    except ImportError:
        from hashlib import sha256
    return sha256(data).hexdigest().encode()


def _name(digest: bytes) -> str:
    return f"check-{digest[:32].decode()}.out"


def kept_output(key: bytes) -> str | None:
    """The output kept for `key`, or None (none, damaged, foreign or stale)."""
    from examgrade import user_cache

    digest = _digest(key)
    data = user_cache.read_bytes(_name(digest))
    if data is None:
        return None
    head, sep, text = data.partition(b"\n")
    found, _, checksum = head.partition(b" ")
    if not sep or found != digest or checksum != _digest(text):
        return None
    try:
        return text.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def keep_output(key: bytes, text: str) -> None:
    """Keep `text` for `key`; never fails the caller."""
    from examgrade import user_cache

    try:
        data = text.encode("utf-8", "surrogatepass")
    except UnicodeEncodeError:
        return
    digest = _digest(key)
    user_cache.write_bytes(_name(digest), digest + b" " + _digest(data) + b"\n" + data, keep=KEPT)


def keepable(report: SheetReport) -> bool:
    """A report whose every part was graded to the end: no time limit reached and no
    internal error (the same sheet may grade otherwise on a quieter machine)."""
    for question in report.questions:
        for part in question.parts:
            for item in part.items:
                for text in item.outcome.feedback:
                    if getattr(text, "code", None) in _NOT_KEPT_CODES:
                        return False
    return True


def sheet_unchanged(sheet: str, key: bytes) -> bool:
    """Whether the sheet still holds the bytes its key was made of (not edited while it
    was graded: the output kept must be the output of those bytes)."""
    before = _STAMPS.pop(sheet, None)  # as `check_key` read it
    data = _read_sheet(sheet)
    if before is None or _STAMPS.pop(sheet, None) != before:
        return False  # written meanwhile, even if back as it was (A, B, A)
    return data is not None and key.endswith(b"\0\0sheet\0" + data)
