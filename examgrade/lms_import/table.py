"""A responses file read into a table, with every bound a hostile file could push on.

An LMS export is a CSV written by a program, then sometimes re-saved by a spreadsheet:
UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text"), or Windows-1252;
commas, semicolons or tabs; a title line (or blank lines) above the header, as a report
re-saved from a spreadsheet has, is passed over and said. Each record keeps the line it
starts on, so every problem can be named by its line in the file the teaching assistant
opens.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from examgrade.errors import ExamgradeError, Location, SheetError
from examgrade.files import read_regular
from examgrade.i18n import Message

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_CELL_CHARS = 256 * 1024
MAX_COLUMNS = 2_000
MAX_ROWS = 100_000
_DELIMITERS = (",", ";", "\t")
_LOOK_AHEAD = 12  # records read to find the separator and the header below a title


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
    ahead = list(islice(records, _LOOK_AHEAD))
    if not ahead:
        raise ImportFault("lms_import.empty", {}, Location(name))
    at = _header_index([(line, cells) for line, cells, _ in ahead])
    if at:
        lines = f"{ahead[0][0]}–{ahead[at - 1][0]}" if at > 1 else str(ahead[0][0])
        params = {"file": name, "lines": lines, "header": ahead[at][0]}
        notes.append(Message("lms_import.lines_before_header", params))
    first_line, header, _ = ahead[at]
    records = chain(ahead[at + 1 :], records)
    header = tuple(cell.strip() for cell in header)
    if len(header) > MAX_COLUMNS:
        raise ImportFault(
            "lms_import.too_many_columns",
            {"count": len(header), "limit": MAX_COLUMNS},
            Location(name, first_line),
        )
    rows: list[Row] = []
    flowing = _over_stray_quotes(records, text, delimiter, name, len(header), notes)
    for line, cells in flowing:
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


def _over_stray_quotes(
    records: Iterator[tuple[int, list[str], int]],
    text: str,
    delimiter: str,
    name: str,
    width: int,
    notes: list[Message],
) -> Iterator[tuple[int, list[str]]]:
    """The records, where a quote that opens a cell and is never closed has run over the
    lines after it (a record narrower than the header that spans several lines): that
    line is read alone, its quote as text, and the lines it ran over as records again, so
    no student after it vanishes into one cell; the line is said."""
    lines: list[str] | None = None
    for line, cells, end in records:
        if len(cells) >= width or end <= line:
            yield line, cells
            continue
        if lines is None:  # the lines as csv counts them
            lines = io.StringIO(text, newline="").readlines()
        first = lines[line - 1].rstrip("\r\n")
        alone = next(csv.reader([first], delimiter=delimiter, strict=False), [])
        if len(alone) < width:  # the quote is text: `"25x25` as the student typed it
            alone = next(csv.reader([first], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
        notes.append(Message("lms_import.stray_quote", {"file": name, "line": line, "end": end}))
        yield line, alone
        for offset, again, _ in _records("".join(lines[line:end]), delimiter, name):
            yield line + offset, again


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


def _filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _header_index(records: list[tuple[int, list[str]]]) -> int:
    """Where the header is among the first records: a title line (one cell, perhaps padded
    with empty ones, as Excel writes it) or a blank line above it is passed over."""
    for index, (_, cells) in enumerate(records):
        if _filled(cells) >= 2:
            return index
    return 0


def _delimiter(text: str) -> str:
    """The delimiter under which the header and the records below it agree: most of the
    first records as wide as the header, then the widest header. A title line above the
    header, or commas (decimal commas, prose) in a semicolon file, do not decide it."""
    best, score = ",", (-1, -1)
    sample = text[:MAX_CELL_CHARS]
    for candidate in _DELIMITERS:
        try:
            reader = csv.reader(io.StringIO(sample, newline=""), delimiter=candidate)
            found = [cells for cells in islice(reader, _LOOK_AHEAD) if _filled(cells)]
        except csv.Error:
            continue  # not even CSV this way: `_records` will say where
        if not found:
            continue
        at = _header_index([(0, cells) for cells in found])
        width = len(found[at])
        agree = sum(1 for cells in found[at:] if len(cells) == width) if width > 1 else 0
        if (agree, width) > score:
            best, score = candidate, (agree, width)
    return best


def _records(text: str, delimiter: str, name: str) -> Iterator[tuple[int, list[str], int]]:
    """Each record with the lines it starts and ends on; a cell over the bound stops the
    file (the caller holds csv's field size limit at the bound while this runs)."""
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
        yield start, cells, reader.line_num
        start = reader.line_num + 1
