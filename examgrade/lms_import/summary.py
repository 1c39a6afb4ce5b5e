"""What an import says to the teaching assistant: a summary, the rows not imported, and
the same rows in `import-errors.csv` (file,line,error) beside the sheets."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from examgrade.i18n import Lang, Message
from examgrade.lms_import.run import ImportResult

ERRORS_FILE = "import-errors.csv"


def summary(result: ImportResult, responses: Path, out: Path) -> Message:
    return Message(
        "lms_import.summary",
        {
            "rows": result.rows,
            "format": result.format_label,
            "written": len(result.written),
            "updated": len(result.updated),
            "unchanged": len(result.unchanged),
            "kept": len(result.kept),
            "problems": len(result.problems),
            "out": str(out),
            "file": responses.name,
        },
    )


def note_lines(result: ImportResult, lang: Lang) -> list[str]:
    """What was odd about the file as a whole (its encoding, a title above the header)."""
    return [note.render(lang) for note in result.notes]


def problem_lines(result: ImportResult, responses: Path, lang: Lang) -> list[str]:
    """One line per row not imported, `file:line: why`, in file order."""
    return [f"{responses.name}:{p.line or '?'}: {p.message.render(lang)}" for p in result.problems]


def errors_csv(result: ImportResult, responses: Path, lang: Lang) -> str:
    """`file,line,error`; a cell that a spreadsheet would run as a formula starts with `'`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "line", "error"])
    for problem in result.problems:
        text = problem.message.render(lang)
        writer.writerow([_inert(responses.name), problem.line or "", _inert(text)])
    return buffer.getvalue()


def write_errors(result: ImportResult, responses: Path, out: Path, lang: Lang) -> Path:
    from examgrade.classroom.atomic import write_if_changed

    path = out / ERRORS_FILE
    write_if_changed(path, errors_csv(result, responses, lang))
    return path


def _inert(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
