"""What a grading folder remembers between runs, in one SQLite file (`DIR/examgrade.sqlite`).

- `graded`: the report JSON and the feedback page of every sheet graded, keyed by a
  content hash of the sheet bytes, its path, the rubric files and examgrade itself
  (version and source), so an unchanged sheet under an unchanged rubric is never graded
  twice, and any change to one of them grades it again. Reports are stored before
  overrides, which are applied on every run.
- `previous`: each student's final report of the last run, to show whose score a
  regrade changed, by how much and why: its digest always, its text only when `graded`
  does not hold it already under the sheet's key (an override changed it, or a sheet
  stopped at the time limit was not cached), so a class's reports are stored once.
- `meta`: the overrides last applied and the file they came from, so a run without
  `--overrides` does not silently drop them.

The SQLite file is a cache and a memory, never the only copy of a result: every result
is also in the folder's JSON and CSV files. So it is written as the folder's other files
are, without waiting for the disk (`_PRAGMAS`), and it checks itself instead: a file
SQLite cannot read is set aside as `examgrade.sqlite.damaged` and a new one started (the
run grades what it cannot find), and each cached sheet carries a checksum of its three
texts, so a row damaged on disk is graded again rather than served (`get_many`).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from examgrade.report import Report, ReportError, read_report

STORE_NAME = "examgrade.sqlite"
Stored = str | bytes  # a report, a page, group keys: UTF-8 bytes, str in a store of before
SCHEMA_VERSION = 3  # a store written by another version is emptied and rebuilt
_SCHEMA = """
CREATE TABLE IF NOT EXISTS graded (
    key TEXT PRIMARY KEY, report TEXT NOT NULL, feedback TEXT NOT NULL, run INTEGER,
    groups TEXT, checksum INTEGER
);
CREATE TABLE IF NOT EXISTS previous (
    id TEXT PRIMARY KEY, file TEXT, sheet_key TEXT, digest TEXT NOT NULL, cache_key TEXT,
    report TEXT
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
# How the file is written, for a store of a class's reports (~50 KB a sheet), almost
# all appended. A rollback journal, not a WAL: a page appended is written once (the
# journal keeps only the old content of pages changed), where the WAL wrote every page
# twice, to the log and again into the file. PERSIST keeps one journal file rather than
# creating and deleting it at every commit (on ext4 a new inode after deletions costs a
# scan). synchronous=OFF: no waiting for the disk, as for the folder's JSON and CSV
# files; a killed process still leaves the last commit whole (the journal is written
# before the file), and what a power cut may damage is found and rebuilt (above).
# 16 KB pages: a row over four pages, not a chain of thirteen (a store made with 4 KB
# pages keeps them). Storing 2,000 sheets' rows: 0.25 ms of kernel time a sheet with the
# WAL and synchronous=NORMAL, 0.03 so (medians of 4, the same rows, one process).
_PRAGMAS = (
    "PRAGMA page_size=16384",
    "PRAGMA journal_mode=PERSIST",
    "PRAGMA synchronous=OFF",
    "PRAGMA temp_store=MEMORY",
)
_DAMAGED = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB: not a lock, not a full disk
_FILES = ("-journal", "-wal", "-shm")  # beside the store; a journal would be played back


def damaged(error: sqlite3.Error) -> bool:
    """Whether SQLite failed because the file is not a database it can read."""
    return ((getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF) in _DAMAGED


def checksum(report: Stored, feedback: Stored, groups: Stored) -> int:
    """A cached sheet's three texts as one CRC-32 (the same for str and UTF-8 bytes): a
    byte damaged on disk, in a score or a status, would otherwise serve a wrong grade.
    0.04 ms a sheet, against 0.06 for a SHA-256."""
    found = 0
    for text in (report, feedback, groups):
        data = text.encode("utf-8") if isinstance(text, str) else text
        found = zlib.crc32(len(data).to_bytes(8, "little") + data, found)
    return found


def _recovering(default: Callable[[], object] | None = None) -> Callable:
    """Run a store's method; when the file turns out damaged, start a new store and
    return `default()` (what an empty store would answer), or run it again on the new
    one (`default` None: a write)."""

    def wrap(method: Callable) -> Callable:
        @functools.wraps(method)
        def run(self: GradeStore, *args: object) -> object:
            try:
                return method(self, *args)
            except sqlite3.DatabaseError as error:
                if self.damaged or not damaged(error):  # started again once already
                    raise
                self._start_again()
            return default() if default is not None else method(self, *args)

        return run

    return wrap


def text_digest(text: str | bytes) -> str:
    """The digest of a report's text (the same for its str and its UTF-8 bytes)."""
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def _keys_json(keys: list[str]) -> str:
    """Keys as one JSON array, one query's one parameter (`json_each`)."""
    return json.dumps(list(dict.fromkeys(keys)))


def sheet_key(data: bytes, display: str, rubrics: str, code: str) -> str:
    """The cache key of one sheet; the path is in it because messages name the file."""
    digest = hashlib.sha256()
    for piece in (code.encode(), rubrics.encode(), display.encode(), data):
        digest.update(len(piece).to_bytes(8, "little") + piece)
    return digest.hexdigest()


@dataclass(frozen=True)
class Previous:
    """A student's final report of this run, as `save_previous` keeps it for the next:
    its JSON text, the sheet it came from, the hash of that sheet's bytes and the key
    under which `graded` holds the sheet's report (None when it is not cached)."""

    file: str
    sheet_key: str | None
    text: Stored | None  # None: `graded` holds it under `cache_key` (this run put it)
    cache_key: str | None
    digest: str  # text_digest(text): the batch has it already


@dataclass(frozen=True)
class Remembered:
    """A student's final report of the last run: the digest of its JSON text, the sheet
    it came from and that sheet's hash; the report itself is read only when asked."""

    student: str
    digest: str
    file: str | None
    sheet_key: str | None


class GradeStore:
    """The SQLite file of one output folder; `enabled=False` stops report caching only."""

    def __init__(self, path: Path, enabled: bool = True) -> None:
        self.path = path
        self.enabled = enabled
        self.damaged = False  # True once a damaged file was set aside this run
        try:
            self._open()
        except sqlite3.DatabaseError as error:
            if not damaged(error):
                raise
            self._start_again()

    def _start_again(self) -> None:
        """Set a damaged file aside (`examgrade.sqlite.damaged`, for a person to look at)
        and open a new, empty store: the run grades every sheet it does not find."""
        with contextlib.suppress(sqlite3.Error, AttributeError):
            self._db.close()
        self.damaged = True
        aside = self.path.with_name(self.path.name + ".damaged")
        with contextlib.suppress(OSError):
            os.replace(self.path, aside)
        for suffix in _FILES:
            with contextlib.suppress(OSError):
                os.unlink(self.path.with_name(self.path.name + suffix))
        self._open()

    def _open(self) -> None:
        self._db = sqlite3.connect(self.path, timeout=30)
        for pragma in _PRAGMAS:
            self._db.execute(pragma)
        if self._db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            query = "SELECT name FROM sqlite_master WHERE type = 'table'"
            for (table,) in self._db.execute(query).fetchall():
                self._db.execute(f'DROP TABLE "{table}"')
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self._db.executescript(_SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(graded)")}
        for column in ("groups TEXT", "checksum INTEGER"):  # a store of a version before:
            if column.split()[0] not in columns:  # its memory is kept, its rows graded again
                self._db.execute(f"ALTER TABLE graded ADD COLUMN {column}")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'run'").fetchone()
        self.run = int(row[0] if row else 0) + 1
        self._pending = 0
        self._used: set[str] = set()  # keys this run read or wrote: finish_run keeps them

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    def __enter__(self) -> GradeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, key: str) -> tuple[Stored, Stored, Stored] | None:
        """The report's JSON text, the feedback page and the answer group keys of a
        sheet graded before."""
        return self.get_many([key]).get(key)

    @_recovering(dict)
    def get_many(self, keys: list[str]) -> dict[str, tuple[Stored, Stored, Stored]]:
        """`get` for many keys in one query (the keys as one JSON array): a class's
        lookups one by one cost a statement each, and marking each hit used by rewriting
        its row (a 26 KB report) wrote the whole cache to the log again on every run."""
        if not self.enabled or not keys:
            return {}
        # a report cached before answer groups were kept is graded again, once
        query = (
            "SELECT key, report, feedback, groups, checksum FROM graded"
            " WHERE groups IS NOT NULL AND key IN (SELECT value FROM json_each(?))"
        )
        found = {
            key: (report, feedback, groups)
            for key, report, feedback, groups, check in self._db.execute(query, (_keys_json(keys),))
            if check == checksum(report, feedback, groups)  # else damaged: graded again
        }
        self._used.update(found)
        return found

    @_recovering(set)
    def has_many(self, keys: list[str]) -> set[str]:
        """The keys the cache holds a report for, without reading one (a rerun where
        nothing changed needs no report: `examgrade.classroom.replay`)."""
        if not self.enabled or not keys:
            return set()
        query = (
            "SELECT key FROM graded WHERE groups IS NOT NULL"
            " AND key IN (SELECT value FROM json_each(?))"
        )
        found = {row[0] for row in self._db.execute(query, (_keys_json(keys),))}
        self._used.update(found)
        return found

    @_recovering()
    def put(self, key: str, report: Stored, feedback: Stored, groups: Stored = "{}") -> None:
        """Store one sheet's files (the batch gives their UTF-8 bytes, kept as they are:
        a str comes back as str, bytes as bytes); committed every 100, so an interrupted
        batch keeps most."""
        if not self.enabled:
            return
        self._db.execute(
            "INSERT OR REPLACE INTO graded (key, report, feedback, run, groups, checksum)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, report, feedback, self.run, groups, checksum(report, feedback, groups)),
        )
        self._used.add(key)
        self._pending += 1
        if self._pending >= 100:
            self._db.commit()
            self._pending = 0

    @_recovering()
    def finish_run(self) -> None:
        """After a complete run: forget reports this run did not use (an old rubric's)."""
        if self.enabled:
            self._db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self._db.execute("DELETE FROM temp.used")
            self._db.executemany(
                "INSERT OR IGNORE INTO temp.used VALUES (?)", ((k,) for k in self._used)
            )
            self._db.execute("DELETE FROM graded WHERE key NOT IN (SELECT key FROM temp.used)")
        self.set_meta("run", str(self.run))
        self._db.commit()

    @_recovering(dict)
    def previous(self) -> dict[str, Remembered]:
        """Each student of the last run with the digest of their final report, to skip
        the unchanged ones without reading a report."""
        rows = self._db.execute("SELECT id, digest, file, sheet_key FROM previous")
        return {row[0]: Remembered(*row) for row in rows}

    @_recovering(lambda: None)
    def previous_report(self, student: str) -> Report | None:
        """A student's final report of the last run (None if it cannot be found)."""
        row = self._db.execute(
            "SELECT COALESCE(p.report, g.report) FROM previous p"
            " LEFT JOIN graded g ON g.key = p.cache_key WHERE p.id = ?",
            (student,),
        ).fetchone()
        if not row or row[0] is None:
            return None
        try:
            return read_report(row[0])
        except ReportError:  # a store damaged by hand: as if it were not there
            return None

    @_recovering()
    def save_previous(self, entries: dict[str, Previous]) -> None:
        """Replace the last run's reports with this run's; a text `graded` holds under
        the entry's key is not stored twice (and must stay there until the next run:
        `finish_run` keeps every row this run used)."""
        self._db.execute("DELETE FROM previous")
        self._db.executemany(
            "INSERT INTO previous (id, file, sheet_key, digest, cache_key, report)"
            " SELECT ?1, ?2, ?3, ?4, ?5, CASE WHEN ?6 IS NULL OR EXISTS"
            " (SELECT 1 FROM graded WHERE key = ?5 AND report = ?6) THEN NULL ELSE ?6 END",
            (
                (sid, e.file, e.sheet_key, e.digest, e.cache_key, e.text)
                for sid, e in entries.items()
            ),
        )
        self._db.commit()

    @_recovering(lambda: None)
    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    @_recovering()
    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self._db.commit()
