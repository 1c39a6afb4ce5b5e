"""A responses file read into a table, with every bound a hostile file could push on.

An LMS export is a CSV written by a program, then sometimes re-saved by a spreadsheet:
UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), or Windows-1252;
commas, semicolons or tabs. Each record keeps the line it starts on, so every problem can
be named by its line in the file the teaching assistant opens.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from examgrade.errors import ExamgradeError, Location, SheetError
from examgrade.files import read_regular
from examgrade.i18n import Message

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_CELL_CHARS = 256 * 1024
MAX_COLUMNS = 2_000
MAX_ROWS = 100_000
_DELIMITERS = (",", ";", "\t")


class ImportFault(ExamgradeError):
    """The responses file or the map cannot be used at all (a usage error, exit 2)."""


@dataclass(frozen=True)
class Row:
    """One record: the line it starts on and its cells, as many as the header has."""

    line: int
    cells: tuple[str, ...]
    width: int  # how many cells the record had: a short record lacks the last columns


@dataclass
class Table:
    """The header, the records, and what was odd about the file as a whole."""

    file: str
    header: tuple[str, ...]
    rows: list[Row]
    notes: list[Message] = field(default_factory=list)

    def column(self, name: str) -> int | None:
        """The index of a header cell, compared without case or surrounding spaces."""
        wanted = _key(name)
        for index, cell in enumerate(self.header):
            if _key(cell) == wanted:
                return index
        return None


def read_bounded(path: Path, limit: int, missing: str, too_large: str) -> bytes:
    """The file's bytes through `examgrade.files.read_regular` (a regular file only, at
    most `limit` bytes, never blocking on a FIFO), its faults in this command's words."""
    try:
        return read_regular(path, limit, str(path))
    except SheetError as error:
        code = {
            "sheet.not_found": missing,
            "sheet.too_large": too_large,
            "sheet.not_regular": "lms_import.not_regular",
        }.get(error.code, "lms_import.unreadable")
        raise ImportFault(code, error.params, error.location) from None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_table(path: Path) -> Table:
    """Read a responses CSV; raise `ImportFault` when it cannot be a table at all."""
    name = str(path)
    data = read_bounded(path, MAX_FILE_BYTES, "lms_import.no_file", "lms_import.file_too_large")
    return parse_table(data, name)


def parse_table(data: bytes, name: str = "<responses>") -> Table:
    """Parse CSV bytes named `name` in messages."""
    notes: list[Message] = []
    text = _decode(data, name, notes)
    if "\x00" in text:
        text = text.replace("\x00", "")
        notes.append(Message("lms_import.nul_removed", {"file": name}))
    if not text.strip():
        raise ImportFault("lms_import.empty", {}, Location(name))
    previous = csv.field_size_limit(MAX_CELL_CHARS)
    try:
        return _parse(text, name, notes)
    finally:
        csv.field_size_limit(previous)


def _parse(text: str, name: str, notes: list[Message]) -> Table:
    delimiter = _delimiter(text)
    records = _records(text, delimiter, name)
    try:
        first_line, header = next(records)
    except StopIteration:
        raise ImportFault("lms_import.empty", {}, Location(name)) from None
    header = tuple(cell.strip() for cell in header)
    if len(header) > MAX_COLUMNS:
        raise ImportFault(
            "lms_import.too_many_columns",
            {"count": len(header), "limit": MAX_COLUMNS},
            Location(name, first_line),
        )
    rows: list[Row] = []
    for line, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # a blank line, as spreadsheets leave at the end
        if len(rows) >= MAX_ROWS:
            raise ImportFault("lms_import.too_many_rows", {"limit": MAX_ROWS}, Location(name, line))
        if len(cells) > len(header):
            extra = cells[len(header) :]
            if any(cell.strip() for cell in extra):
                notes.append(
                    Message(
                        "lms_import.extra_cells",
                        {"file": name, "line": line, "count": len(extra)},
                    )
                )
            cells = cells[: len(header)]
        padded = tuple(cells) + ("",) * (len(header) - len(cells))
        rows.append(Row(line, padded, len(cells)))
    return Table(name, header, rows, notes)


def _decode(data: bytes, name: str, notes: list[Message]) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFault("lms_import.not_text", {}, Location(name)) from None
    if b"\x00" in data[:4096] and data.count(b"\x00") > len(data) // 4:
        raise ImportFault("lms_import.not_text", {}, Location(name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    notes.append(Message("lms_import.decoded_cp1252", {"file": name}))
    return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The delimiter that splits the header into the most cells, outside quotes."""
    best, count = ",", 0
    for candidate in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(text[:MAX_CELL_CHARS]), delimiter=candidate)
            found = next(reader, [])
        except csv.Error:
            continue  # the header is not even CSV this way: `_records` will say where
        if len(found) > count:
            best, count = candidate, len(found)
    return best


def _records(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a cell over the bound stops the file (the
    caller holds csv's field size limit at the bound while this runs)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise ImportFault(
                    "lms_import.cell_too_large", {"limit": MAX_CELL_CHARS}, Location(name, start)
                ) from None
            raise ImportFault(
                "lms_import.bad_csv", {"reason": str(exc)}, Location(name, start)
            ) from None
        if len(cells) > MAX_COLUMNS:
            raise ImportFault(
                "lms_import.too_many_columns",
                {"count": len(cells), "limit": MAX_COLUMNS},
                Location(name, start),
            )
        yield start, cells
        start = reader.line_num + 1
