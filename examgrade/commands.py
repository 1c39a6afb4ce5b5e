"""What `check` and `equiv` do, importable without the command line's libraries.

`examgrade.cli` runs them behind typer; `examgrade.launch` runs them directly when the
arguments are plain (a readable sheet or two expressions, and the options that only
choose a language or JSON), and leaves anything else, every error included, to the
command line: typer, click and the definitions of the 13 commands are ~0.1 s of CPU,
and with them came rich, which `check --json` and `equiv` never use (issue 17).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names only: importing them is what a plain `check` runs to avoid
    from rich.console import Console

    from examgrade.engine import SheetReport
    from examgrade.mathlang.equivalence import Equivalence
    from examgrade.rubric import RubricSet
    from examgrade.sheet import Sheet


def load_rubrics(rubrics: Path | None, exam: Path | None = None) -> RubricSet:
    """The rubric set of `--exam` (a pack) or `--rubrics` (a folder of rubric files)."""
    from examgrade.rubric import load_pack, load_rubrics

    if exam is not None:
        return load_pack(exam)
    return load_rubrics(str(rubrics) if rubrics else None)


def read_sheet(sheet: Path, keys: tuple[str, ...] | None) -> Sheet:
    """The sheet a command was given; one that cannot be read at all is `UnreadableSheet`."""
    from examgrade.errors import SheetError, UnreadableSheet
    from examgrade.sheet import load_sheet

    try:
        return load_sheet(sheet, keys=keys)
    except SheetError as error:
        raise UnreadableSheet(error.code, error.params, error.location) from None


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def write_json(text: str) -> None:
    from examgrade.streams import write_json

    write_json(text)


def graded(sheet: Path, rubrics: Path | None, exam: Path | None) -> tuple[Sheet, SheetReport]:
    """`check`'s sheet as read and its report, graded as `grade` grades a sheet; its
    examgrade errors come before anything is printed."""
    from examgrade import kept_parts
    from examgrade.engine import grade_sheet, solutions_kept
    from examgrade.errors import Location, SheetError
    from examgrade.memo import OutcomeMemo

    if not sheet.exists():
        raise SheetError("sheet.not_found", {}, Location(str(sheet)))
    rubric_set = load_rubrics(rubrics, exam)
    parsed = read_sheet(sheet, rubric_set.keys)
    kept = kept_parts.for_rubrics(rubric_set)  # the parts an earlier check graded (issue 17)
    with solutions_kept(rubric_set):  # the path `grade` takes
        report = grade_sheet(parsed, rubric_set, memo=OutcomeMemo(), kept=kept)
    if kept is not None:
        kept.save()
    return parsed, report


def print_checked(parsed: Sheet, report: SheetReport, lang: str | None, as_json: bool) -> None:
    """`check`'s output: the contract's JSON, or a table per question in `lang` (by
    default the sheet's student.lang)."""
    if as_json:
        from examgrade.report import build_report, report_json

        write_json(report_json(build_report(report)))
        return
    from examgrade.render_plain import plain_report

    choice = lang or parsed.student.lang
    text = plain_report(report, choice)  # type: ignore[arg-type]
    if text is not None:  # rich's characters, without rich's console (issue 17)
        import sys

        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from examgrade.render import print_report

    print_report(console(), report, choice)  # type: ignore[arg-type]


def compared(first: str, second: str, symbols: str) -> Equivalence:
    """`equiv`'s verdict; its examgrade errors come before anything is printed."""
    from examgrade.mathlang.equivalence import compare_texts

    return compare_texts(first, second, symbols)


def equiv_text(result: Equivalence, lang: str, as_json: bool) -> str:
    """What `equiv` prints of a verdict (a line of JSON, or the sentence in `lang`)."""
    if as_json:
        from examgrade.report import json_text  # imports the engine: only for --json

        return json_text(result.to_json())
    from examgrade.i18n import say

    return say(result.message(), lang)  # type: ignore[arg-type]


def equiv_code(result: Equivalence) -> int:
    """`equiv`'s exit code, like cmp: 0 equal, 1 different, 3 undecided."""
    return {"equal": 0, "different": 1}.get(result.verdict, 3)
