"""The class list as the LMS exports it, and who of it handed in which sheet.

`read_roster` reads a CSV the teaching assistant downloads and tells its kind from the
header:

- `canvas`: the Canvas gradebook export (`Student, ID, [SIS User ID], [SIS Login ID],
  [Root Account], Section`, then one column per assignment, titled `Name (assignment id)`),
  with its `Points Possible` row (and, in recent exports, a `Manual Posting` row);
- `moodle`: a Moodle participants list or grade export (`First name`, `Last name`,
  `ID number`, `Email address`, `Username` as the site shows them; French headers too);
- `moodle_worksheet`: a Moodle assignment's grading worksheet (`Identifier` =
  `Participant 123`), whose participant numbers name feedback files for its zip upload;
- `plain`: any CSV with an id column (`id`, `student_id`, `matricule`, …) and names.

`reconcile` pairs sheets with roster entries: a sheet matches the entry one of whose
identifiers equals its `student.id` (case and spaces aside), or the entry a `--match`
file pins it to. The rest is listed, never dropped: sheets whose id is in no entry (with
the closest entries by id and by name, so a typo is fixed in seconds), entries with no
sheet, and second sheets for an entry already matched.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examgrade.errors import Location, UsageError
from examgrade.report import Report

MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
CLOSEST = 3
MAX_CLOSEST = 500  # sheets for which the closest entries are looked for


# header (folded) -> identifier kind; the first of each kind found is used
_IDENTIFIERS = {
    "id number": "idnumber",
    "idnumber": "idnumber",
    "numero d'identification": "idnumber",
    "email address": "email",
    "email": "email",
    "adresse de courriel": "email",
    "adresse courriel": "email",
    "username": "username",
    "nom d'utilisateur": "username",
    "sis user id": "sis_user_id",
    "sis login id": "sis_login_id",
    "id": "id",
    "student_id": "id",
    "student id": "id",
    "matricule": "id",
    "identifier": "participant",
}
_FIRST = {"first name", "prenom"}
_LAST = {"last name", "surname", "nom", "nom de famille"}
_NAME = {"full name", "nom complet", "name", "nom et prenom", "student"}
_STUDENT_ROLE = re.compile(r"student|etudiant")  # Moodle's Roles column, EN or FR
_CANVAS_TEST = {"student, test", "test student", "etudiant, test", "etudiant test"}


def fold(text: str) -> str:
    """Case, accents and runs of spaces aside: how ids and names are compared."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass(frozen=True)
class Entry:
    """One student of the roster: its line in the file, its cells as read, its name and
    identifiers (`idnumber`, `email`, `username`, `sis_user_id`, `sis_login_id`,
    `canvas_id`, `participant`, `id`), empty ones left out."""

    line: int
    cells: tuple[str, ...]
    name: str
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The identifier a person reads first in the lists."""
        for kind in ("idnumber", "sis_user_id", "id", "username", "email", "sis_login_id"):
            if self.ids.get(kind):
                return self.ids[kind]
        return self.ids.get("participant") or self.ids.get("canvas_id") or self.name


@dataclass(frozen=True)
class Roster:
    kind: str  # canvas | moodle | moodle_worksheet | plain
    path: str
    header: tuple[str, ...]
    entries: tuple[Entry, ...]
    extra_rows: tuple[tuple[str, ...], ...] = ()  # Canvas: Points Possible, Manual Posting
    identity_columns: int = 0  # Canvas: the columns before the assignments

    def has(self, kind: str) -> bool:
        return any(e.ids.get(kind) for e in self.entries)


def _fail(path: str, code: str, line: int | None = None, **params: Any) -> UsageError:
    return UsageError(f"roster.{code}", params, Location(path, line))


def decode_csv(data: bytes) -> str:
    """UTF-16 with its byte-order mark (Excel's "Unicode text"), UTF-8 (with or without the
    BOM Excel writes), else Windows-1252, which is what Excel saves a 'CSV' as on a French
    or English Windows."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _dialect(text: str) -> str:
    """The separator the header uses: the most frequent one on the first of the first
    lines that has any (a title line above the header may have none)."""
    for line in text.splitlines()[:_LOOK_AHEAD]:
        counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
        if any(counts.values()) and _filled(line, max(counts, key=lambda s: counts[s])) >= 2:
            return max(counts, key=lambda s: counts[s])
    return ","


_LOOK_AHEAD = 12


def _filled(line: str, sep: str) -> int:
    return sum(1 for cell in line.split(sep) if cell.strip())


def _header_at(rows: list[list[str]]) -> int:
    """Where the header is: a title line (one cell, perhaps padded with empty ones) or a
    blank line above it is passed over."""
    for index, row in enumerate(rows[:_LOOK_AHEAD]):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return index
    return 0


def read_rows(path: Path, what: str = "roster") -> list[list[str]]:
    """The CSV's rows, bounded: a regular file of at most 20 MiB, 100,000 rows."""
    shown = str(path)
    if not path.is_file():
        raise _fail(shown, "missing", what=what)
    if path.stat().st_size > MAX_ROSTER_BYTES:
        raise _fail(shown, "too_large", mib=MAX_ROSTER_BYTES // (1024 * 1024))
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise _fail(shown, "unreadable", reason=error.strerror or type(error).__name__) from None
    text = decode_csv(data)
    csv.field_size_limit(1 << 20)
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text)):
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _fail(shown, "too_many_rows", rows=MAX_ROWS)
    except csv.Error as error:
        raise _fail(shown, "bad_csv", len(rows) + 1, reason=str(error)) from None
    return rows


def read_roster(path: Path) -> Roster:
    """The roster at `path`, its kind told from the header; a `UsageError` that says
    which headers are expected when it is none of the known kinds."""
    rows = read_rows(path)
    shown = str(path)
    at = _header_at(rows)
    if not rows or not any(c.strip() for c in rows[at]):
        raise _fail(shown, "empty")
    header = tuple(h.strip() for h in rows[at])
    start = at + 2  # the line of the first student (one line a row, as class lists are)
    rows = rows[at:]
    folded = [fold(h) for h in header]
    if len(header) > 3 and "student" in folded[0] and "id" in folded[1]:
        return _canvas(shown, header, rows[1:], start)
    if "identifier" in folded and ("full name" in folded or "nom complet" in folded):
        return _generic(shown, "moodle_worksheet", header, rows[1:], start)
    if (_FIRST & set(folded) and _LAST & set(folded)) or any(
        _IDENTIFIERS.get(f) in ("idnumber", "email", "username") for f in folded
    ):
        return _generic(shown, "moodle", header, rows[1:], start)
    if any(_IDENTIFIERS.get(f) == "id" for f in folded):
        return _generic(shown, "plain", header, rows[1:], start)
    raise _fail(shown, "unknown_kind", 1, header=", ".join(header[:8]))


def _canvas(path: str, header: tuple[str, ...], rows: list[list[str]], start: int = 2) -> Roster:
    """As Canvas's own importer reads it (`GradebookImporter#header?`): Student, ID,
    then SIS Login ID, or SIS User ID and SIS Login ID (and Root Account), then the
    column named Section, which closes the student columns."""
    folded = [fold(h) for h in header]
    identity = next((i + 1 for i, h in enumerate(folded[:7]) if "section" in h), 0)
    if identity < 3:
        raise _fail(path, "canvas_header", 1)
    kinds = {1: "canvas_id"}
    for index in range(2, identity - 1):
        kind = _IDENTIFIERS.get(folded[index])
        if kind in ("sis_user_id", "sis_login_id"):
            kinds[index] = kind
    entries, extra = [], []
    for line, row in enumerate(rows, start=start):
        cells = tuple(row) + ("",) * (len(header) - len(row))
        first = fold(cells[0]) if cells else ""
        if "points possible" in first or not first:
            extra.append(cells)  # Points Possible, Manual Posting / Muted rows
            continue
        ids = {kind: cells[i].strip() for i, kind in kinds.items() if cells[i].strip()}
        entries.append(Entry(line, cells, cells[0].strip(), ids))
    return Roster("canvas", path, header, tuple(entries), tuple(extra), identity)


def _generic(
    path: str, kind: str, header: tuple[str, ...], rows: list[list[str]], start: int = 2
) -> Roster:
    folded = [fold(h) for h in header]
    columns: dict[str, int] = {}
    for index, name in enumerate(folded):
        found = _IDENTIFIERS.get(name)
        if found and found not in columns:
            columns[found] = index
    first = next((i for i, h in enumerate(folded) if h in _FIRST), None)
    last = next((i for i, h in enumerate(folded) if h in _LAST), None)
    full = next((i for i, h in enumerate(folded) if h in _NAME), None)
    roles = next((i for i, h in enumerate(folded) if h in ("roles", "role")), None)
    students = roles is not None and any(
        _STUDENT_ROLE.search(fold(r[roles])) for r in rows if roles < len(r)
    )
    entries = []
    for line, row in enumerate(rows, start=start):
        cells = tuple(c.strip() for c in row) + ("",) * (len(header) - len(row))
        if not any(cells):
            continue
        if students and not _STUDENT_ROLE.search(fold(cells[roles])):  # type: ignore[index]
            continue  # a Moodle participants list also has the teachers
        ids = {k: cells[i] for k, i in columns.items() if cells[i]}
        if kind == "moodle_worksheet" and "participant" in ids:
            number = re.search(r"\d+", ids["participant"])
            if number is None:
                continue
            ids["participant"] = number.group()
        if full is not None and cells[full]:
            name = cells[full]
        else:
            name = " ".join(cells[i] for i in (first, last) if i is not None and cells[i])
        entries.append(Entry(line, cells, name, ids))
    return Roster(kind, path, header, tuple(entries))


def read_matches(path: Path) -> dict[str, str]:
    """A `--match` file: `sheet_id,roster_id` rows pin a sheet's id to a roster id."""
    rows = read_rows(path, "match")
    shown = str(path)
    if not rows:
        raise _fail(shown, "match_header", 1)
    folded = [fold(h) for h in rows[0]]
    if "sheet_id" not in folded or "roster_id" not in folded:
        raise _fail(shown, "match_header", 1)
    sheet, roster = folded.index("sheet_id"), folded.index("roster_id")
    pins: dict[str, str] = {}
    for line, raw in enumerate(rows[1:], start=2):
        row = [c.strip() for c in raw]
        if not any(row):
            continue
        if max(sheet, roster) >= len(row) or not row[sheet] or not row[roster]:
            raise _fail(shown, "match_row", line)
        if row[sheet] in pins:
            raise _fail(shown, "match_twice", line, id=row[sheet])
        pins[row[sheet]] = row[roster]
    return pins


@dataclass(frozen=True)
class Unknown:
    """A sheet whose id is in no roster entry, with the closest entries."""

    report: Report
    file: str
    by_id: tuple[Entry, ...]
    by_name: tuple[Entry, ...]
    pinned: str | None = None  # a --match target that is in no entry


@dataclass
class Reconciliation:
    roster: Roster
    matched: list[tuple[Entry, Report]]
    unknown: list[Unknown]
    missing: list[Entry]
    second: list[tuple[Entry, Report, str]]  # entry, the extra sheet's report, whose first

    @property
    def counts(self) -> dict[str, int]:
        return {
            "matched": len(self.matched),
            "unknown": len(self.unknown),
            "missing": len(self.missing),
            "second": len(self.second),
        }


def _index(roster: Roster) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for entry in roster.entries:
        for kind, value in entry.ids.items():
            if kind in ("canvas_id", "participant"):
                continue  # numbers of the LMS's own, never typed by a student
            bucket = index.setdefault(fold(value), [])
            if entry not in bucket:
                bucket.append(entry)
    return index


def reconcile(
    roster: Roster,
    reports: Sequence[Report],
    files: Sequence[str] = (),
    matches: dict[str, str] | None = None,
) -> Reconciliation:
    """Pair every graded sheet with a roster entry, in path order (the first sheet of an
    entry is the one exported; a second is listed)."""
    index = _index(roster)
    pins = {fold(k): fold(v) for k, v in (matches or {}).items()}
    taken: dict[int, str] = {}  # id(entry) -> the sheet id that has it
    matched, unknown, second = [], [], []
    for position, report in enumerate(reports):
        sheet_id = str(report.student.id)
        file = files[position] if position < len(files) else ""
        pinned = pins.get(fold(sheet_id))
        found = index.get(pinned if pinned is not None else fold(sheet_id), [])
        if len(found) != 1:
            by_id, by_name = (
                closest(roster, sheet_id, report.student.name or "")
                if len(unknown) < MAX_CLOSEST
                else ((), ())  # a wrong roster: thousands of unknowns, no suggestion each
            )
            if len(found) > 1:
                by_id = tuple(found[:CLOSEST])
            unknown.append(Unknown(report, file, by_id, by_name, pinned))
            continue
        entry = found[0]
        if id(entry) in taken:
            second.append((entry, report, taken[id(entry)]))
            continue
        taken[id(entry)] = sheet_id
        matched.append((entry, report))
    missing = [e for e in roster.entries if id(e) not in taken and fold(e.name) not in _CANVAS_TEST]
    return Reconciliation(roster, matched, unknown, missing, second)


def closest(
    roster: Roster, sheet_id: str, name: str
) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """The roster entries nearest a sheet: by identifier (at most two edits, or the
    same digits but for leading zeros) and by name (words in any order, accents aside)."""
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    ids, owners, names = _choices(roster)
    target = fold(sheet_id)
    scored: dict[int, tuple[int, int]] = {}
    limit = 0 if len(target) <= 3 else 2
    for _, distance, index in process.extract(
        target, ids, scorer=Levenshtein.distance, score_cutoff=limit, limit=None
    ):
        best = scored.get(id(owners[index]))
        if best is None or distance < best[0]:
            scored[id(owners[index])] = (distance, index)
    stripped = target.lstrip("0")
    for index, value in enumerate(ids):
        if value != target and stripped and value.lstrip("0") == stripped:
            scored[id(owners[index])] = (0, index)
    ranked = sorted(scored.values(), key=lambda t: (t[0], owners[t[1]].line))
    by_id = tuple(owners[i] for _, i in ranked[:CLOSEST])
    by_name: tuple[Entry, ...] = ()
    wanted = _sorted_words(name)
    if wanted:
        found = process.extract(wanted, names, scorer=fuzz.ratio, score_cutoff=70, limit=CLOSEST)
        by_name = tuple(roster.entries[i] for _, _, i in found)
    return by_id, by_name


def _sorted_words(name: str) -> str:
    """A name folded, its words in order: "Tremblay, Benoît" and "benoit tremblay" agree
    (token sort, done once per roster name rather than at every comparison)."""
    return " ".join(sorted(fold(name.replace(",", " ")).split()))


_CHOICES: dict[int, tuple[Roster, list[str], list[Entry], list[str]]] = {}


def _choices(roster: Roster) -> tuple[list[str], list[Entry], list[str]]:
    """Every identifier a student could type, folded, with its entry; and every name,
    folded (kept per roster: folding is most of the time of a look-up)."""
    kept = _CHOICES.get(id(roster))
    if kept is not None and kept[0] is roster:
        return kept[1], kept[2], kept[3]
    names = [_sorted_words(e.name) for e in roster.entries]
    ids, owners = [], []
    for entry in roster.entries:
        for kind, value in entry.ids.items():
            if kind not in ("canvas_id", "participant"):
                ids.append(fold(value))
                owners.append(entry)
    _CHOICES.clear()
    _CHOICES[id(roster)] = (roster, ids, owners, names)
    return ids, owners, names


def describe(entries: Sequence[Entry]) -> str:
    return "; ".join(f"{e.key} {e.name}".strip() for e in entries)


ROSTER_HEADER = (
    "status",
    "sheet_id",
    "sheet_name",
    "file",
    "roster_id",
    "roster_name",
    "line",
    "closest_by_id",
    "closest_by_name",
)


def roster_rows(rec: Reconciliation, files: dict[str, str]) -> list[list[Any]]:
    """`roster.csv`: every sheet and every roster entry, once, with what happened."""

    def sheet(report: Report) -> list[Any]:
        sid = str(report.student.id)
        return [sid, report.student.name or "", files.get(sid, "")]

    rows: list[list[Any]] = []
    for entry, report in rec.matched:
        rows.append(["matched", *sheet(report), entry.key, entry.name, entry.line, "", ""])
    for item in rec.unknown:
        by = [describe(item.by_id), describe(item.by_name)]
        student = [*sheet(item.report)[:2], item.file]
        rows.append(["sheet_not_in_roster", *student, item.pinned or "", "", "", *by])
    for entry, report, first in rec.second:
        rows.append(["second_sheet", *sheet(report), entry.key, entry.name, entry.line, first, ""])
    for entry in rec.missing:
        rows.append(["no_sheet", "", "", "", entry.key, entry.name, entry.line, "", ""])
    return rows
