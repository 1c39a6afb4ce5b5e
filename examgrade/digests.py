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
    version number moves."""
    return __version__ + ":" + digest_files(code_files(), PACKAGE)


def code_files() -> list[Path]:
    """Every file of the package a grade can depend on."""
    return [
        p
        for p in PACKAGE.rglob("*")
        if p.suffix in (".py", ".lark", ".yaml") and "__pycache__" not in p.parts
    ]
