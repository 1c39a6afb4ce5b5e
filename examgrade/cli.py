"""The `examgrade` command line: parse options, call the library, render. Nothing else.

Every examgrade error is caught in one place (`_fail`) and printed for a person in the
chosen language(s); heavy modules are imported inside the commands, so `--help` is fast.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from examgrade import __version__

app = typer.Typer(
    name="examgrade",
    help="Grade and check answer sheets for the IFT6135 final exam (English / français).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # a bug's traceback, short; student data never in locals
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LangOption(StrEnum):
    en = "en"
    fr = "fr"
    both = "both"


EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2

RubricsOption = Annotated[
    Path | None,
    typer.Option(
        "--rubrics",
        help="Folder of rubric files (default: the rubrics shipped with examgrade).",
        file_okay=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"examgrade {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Grade and check answer sheets for the IFT6135 final exam (English / français).

    Start with `examgrade template > answers.yaml`, fill it in, then
    `examgrade check answers.yaml`.
    """


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _fail(error: Exception, choice: str, code: int, as_json: bool = False) -> NoReturn:
    """The one place an examgrade error becomes a message for a person."""
    from examgrade.errors import ExamgradeError
    from examgrade.render import say

    assert isinstance(error, ExamgradeError)
    text = say(error.message, choice)  # type: ignore[arg-type]
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "error": error.message.both(),
                    "code": error.code,
                    "file": error.location.file,
                    "line": error.location.line,
                    "column": error.location.column,
                },
                ensure_ascii=False,
            )
        )
    _console(stderr=True).print(f"[bold red]examgrade:[/] {_escape(text)}", soft_wrap=True)
    raise typer.Exit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _load_rubrics(rubrics: Path | None, choice: str):
    from examgrade.errors import RubricError
    from examgrade.rubric import load_rubrics

    try:
        return load_rubrics(str(rubrics) if rubrics else None)
    except RubricError as error:
        _fail(error, choice, EXIT_USAGE)


@app.command()
def check(
    sheet: Annotated[Path, typer.Argument(help="The answer sheet (YAML).", dir_okay=False)],
    lang: Annotated[
        LangOption | None,
        typer.Option(
            "--lang",
            help="Language of the feedback: en, fr or both (default: the sheet's student.lang).",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the contract's JSON report instead of tables.")
    ] = False,
    rubrics: RubricsOption = None,
) -> None:
    """Grade one answer sheet and print a rubric-scored feedback table per question.

    Exit code 0 when the sheet was graded (whatever the score), 1 when it cannot be
    read at all, 2 for usage errors.

    Example: examgrade check answers/ada-en.yaml --lang both
    """
    from examgrade.engine import grade_sheet
    from examgrade.errors import SheetError
    from examgrade.memo import OutcomeMemo
    from examgrade.sheet import load_sheet

    choice = lang.value if lang else "both"
    if not sheet.exists():
        from examgrade.errors import Location

        _fail(SheetError("sheet.not_found", {}, Location(str(sheet))), choice, EXIT_USAGE, as_json)
    try:
        parsed = load_sheet(sheet)
    except SheetError as error:
        _fail(error, choice, EXIT_UNREADABLE, as_json)
    rubric_set = _load_rubrics(rubrics, choice)
    report = grade_sheet(parsed, rubric_set, memo=OutcomeMemo())  # the path `grade` takes
    if as_json:
        from examgrade.report import json_text, report_json

        sys.stdout.write(json_text(report_json(report)))
        return
    from examgrade.render import print_report

    print_report(_console(), report, lang.value if lang else parsed.student.lang)


@app.command()
def explain(
    question: Annotated[str, typer.Argument(help="The question: q1 … q8.")],
    lang: Annotated[LangOption, typer.Option("--lang", help="en, fr or both.")] = LangOption.both,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Recompute for another parameter value, e.g. --set kernel=3 (repeatable)."
        ),
    ] = None,
    rubrics: RubricsOption = None,
) -> None:
    """Show the reference solution of a question, worked out step by step by its solver.

    Example: examgrade explain q1 --lang fr --set kernel=3 --set layers=4
    """
    from examgrade.errors import ExamgradeError, UsageError
    from examgrade.explain import explain_question, parse_overrides
    from examgrade.render import explanation_renderables

    rubric_set = _load_rubrics(rubrics, lang.value)
    found = rubric_set.questions.get(question.lower().strip())
    if found is None:
        _fail(UsageError("rubric.no_question", {"key": question}), lang.value, EXIT_USAGE)
    try:
        explanation = explain_question(found, parse_overrides(found, set_ or []))
        renderables = list(explanation_renderables(explanation, lang.value))
    except ExamgradeError as error:
        _fail(error, lang.value, EXIT_USAGE)
    console = _console()
    for renderable in renderables:
        console.print(renderable)


@app.command()
def template(
    lang: Annotated[
        LangOption, typer.Option("--lang", help="Language of the comments: en or fr.")
    ] = LangOption.en,
    rubrics: RubricsOption = None,
) -> None:
    """Print a blank answer sheet, every field commented in your language.

    Example: examgrade template --lang fr > copie.yaml
    """
    from examgrade.template import blank_sheet

    chosen = "fr" if lang == LangOption.fr else "en"
    sys.stdout.write(blank_sheet(_load_rubrics(rubrics, chosen), chosen))


class ExportFormat(StrEnum):
    csv = "csv"
    moodle = "moodle"
    canvas = "canvas"


class ReportLang(StrEnum):
    en = "en"
    fr = "fr"


def _grade_progress(console, lang: str):
    """A progress callback: a rich bar on a terminal, a plain line per tenth otherwise.
    The bar refreshes only when called (no thread), so forking workers stays safe."""
    import contextlib
    import time

    from examgrade.i18n import Message

    @contextlib.contextmanager
    def plain():
        step = {"next": 0}

        def tick(done: int, total: int) -> None:
            if done >= step["next"] or done == total:
                text = Message("batch.progress", {"done": done, "total": total}).render(lang)
                console.print(text, markup=False, highlight=False)
                step["next"] = done + max(1, total // 10)

        yield tick

    @contextlib.contextmanager
    def bar():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        label = Message("batch.progress", {"done": "", "total": ""}).render(lang)
        columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
            task = progress.add_task(label, total=None)
            last = {"at": 0.0}

            def tick(done: int, total: int) -> None:
                now = time.monotonic()
                if now - last["at"] > 0.1 or done == total:
                    progress.update(task, completed=done, total=total, refresh=True)
                    last["at"] = now

            yield tick

    return bar() if console.is_terminal else plain()


@app.command()
def grade(
    folder: Annotated[
        Path, typer.Argument(help="Folder of answer sheets: every *.yaml / *.yml below it.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if needed).")],
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-j", min=1, help="Worker processes (default: every core)."),
    ] = None,
    time_limit: Annotated[
        float,
        typer.Option(
            "--time-limit", min=0.1, help="Seconds per sheet; a sheet past it is stopped."
        ),
    ] = 30.0,
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="Also write a gradebook import: moodle.csv or canvas.csv (grades.csv always).",
        ),
    ] = ExportFormat.csv,
    overrides: Annotated[
        Path | None,
        typer.Option(
            "--overrides",
            dir_okay=False,
            help="CSV or YAML of scores set by hand (student, part, points, comment, grader); "
            "remembered for the next runs.",
        ),
    ] = None,
    lang: Annotated[
        ReportLang,
        typer.Option(
            "--lang",
            help="Language of the summary and errors.csv (feedback files: each student's).",
        ),
    ] = ReportLang.en,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Grade every sheet again, even unchanged ones.")
    ] = False,
    assignment: Annotated[
        str, typer.Option("--assignment", help="The gradebook column for --format moodle|canvas.")
    ] = "Final exam",
    rubrics: RubricsOption = None,
) -> None:
    """Grade a class: every sheet under FOLDER, in parallel, into the folder --out.

    Writes grades.csv, <id>.json, errors.csv, feedback/<id>.md, stats.json, summary.md
    and PNG plots; prints the class summary. Exit code 0 when grading ran, 2 for usage
    errors.

    Example: examgrade grade submissions/ --out graded/ --overrides overrides.csv
    """
    from examgrade.classroom.batch import BatchOptions, grade_class
    from examgrade.classroom.render import renderables, sections
    from examgrade.errors import ExamgradeError
    from examgrade.i18n import Message

    choice = lang.value
    options = BatchOptions(
        folder=folder,
        out=out,
        workers=workers or 0,
        time_limit=time_limit,
        rubrics_dir=str(rubrics) if rubrics else None,
        overrides=overrides,
        use_cache=not no_cache,
        export=export_format.value,
        lang=choice,  # type: ignore[arg-type]
        assignment=assignment,
    )
    errors = _console(stderr=True)
    try:
        with _grade_progress(errors, choice) as tick:
            result = grade_class(options, tick)
    except ExamgradeError as error:
        _fail(error, choice, EXIT_USAGE)
    except KeyboardInterrupt:
        text = Message("batch.interrupted", {"out": str(out)}).render(choice)
        errors.print(text, markup=False, highlight=False)
        raise typer.Exit(130) from None
    if overrides is None and result.overrides:
        text = Message(
            "batch.overrides_reused",
            {"count": len(result.overrides), "source": result.overrides_source},
        )
        errors.print(text.render(choice), markup=False, highlight=False)
    console = _console()
    for renderable in renderables(sections(result, choice)):
        console.print(renderable)
    files = ["grades.csv", "errors.csv", "<id>.json", "feedback/<id>.md", "stats.json"]
    files += ["summary.md", *(p.name for p in result.plots or [])]
    if export_format != ExportFormat.csv:
        files.append(f"{export_format.value}.csv")
    if not result.first_run:
        files.append("changes.csv")
    wrote = Message("batch.wrote", {"files": ", ".join(files), "out": str(out)})
    console.print(wrote.render(choice), markup=False, highlight=False)


@app.command()
def groups(
    folder: Annotated[Path, typer.Argument(help="Folder of answer sheets (searched below too).")],
    part: Annotated[
        str, typer.Argument(help="The part: q1.b, q4.b.i, or one field: q2.c:vanishes_if.")
    ],
    lang: Annotated[ReportLang, typer.Option("--lang", help="en or fr.")] = ReportLang.en,
    as_json: Annotated[bool, typer.Option("--json", help="Print the groups as JSON.")] = False,
    top: Annotated[
        int, typer.Option("--top", min=0, help="Show only the N largest groups (0: all).")
    ] = 0,
    rubrics: RubricsOption = None,
) -> None:
    """Group a class's answers to one part by equivalence, largest group first, with each
    group's count, verdict and a representative: review each distinct answer once.

    Example: examgrade groups submissions/ q1.b
    """
    from examgrade.classroom.batch import discover
    from examgrade.classroom.groups import answer_groups, groups_json, parse_target
    from examgrade.classroom.render import groups_renderables
    from examgrade.errors import Location, UsageError
    from examgrade.report import json_text

    choice = lang.value
    rubric_set = _load_rubrics(rubrics, choice)
    if not folder.is_dir():
        _fail(UsageError("batch.no_folder", {}, Location(str(folder))), choice, EXIT_USAGE)
    try:
        target = parse_target(part, rubric_set)
    except UsageError as error:
        _fail(error, choice, EXIT_USAGE)
    paths = discover(folder)
    if not paths:
        _fail(UsageError("batch.no_sheets", {}, Location(str(folder))), choice, EXIT_USAGE)
    result = answer_groups(paths, target, rubric_set)
    if as_json:
        sys.stdout.write(json_text(groups_json(result)))
        return
    console = _console()
    for renderable in groups_renderables(result, choice, top):  # type: ignore[arg-type]
        console.print(renderable)


@app.command()
def equiv(
    first: Annotated[str, typer.Argument(help="An expression, e.g. '(x-1)^2'.")],
    second: Annotated[str, typer.Argument(help="Another expression, e.g. 'x^2-2*x+1'.")],
    symbols: Annotated[
        str,
        typer.Option("--symbols", help="Domains of variables: 'x:real, n:int, a:positive'."),
    ] = "",
    lang: Annotated[LangOption, typer.Option("--lang", help="en, fr or both.")] = LangOption.en,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """Whether two scalar expressions agree, and how sure (like cmp: exit 0 when they
    agree, 1 when they differ, 3 when undecided, 2 when one cannot be read).

    Example: examgrade equiv 'log(a^2*b)' '2*log(a)+log(b)' --symbols 'a:positive'
    """
    from examgrade.errors import ExamgradeError
    from examgrade.mathlang.equivalence import compare_texts
    from examgrade.render import say
    from examgrade.report import json_text

    try:
        result = compare_texts(first, second, symbols)
    except ExamgradeError as error:
        _fail(error, lang.value, EXIT_USAGE, as_json)
    if as_json:
        sys.stdout.write(json_text(result.to_json()))
    else:
        typer.echo(say(result.message(), lang.value))  # type: ignore[arg-type]
    raise typer.Exit({"equal": 0, "different": 1}.get(result.verdict, 3))


@app.command()
def validate(
    sheet: Annotated[Path, typer.Argument(help="The answer sheet (YAML).", dir_okay=False)],
    lang: Annotated[
        LangOption | None,
        typer.Option("--lang", help="en, fr or both (default: the sheet's student.lang)."),
    ] = None,
    rubrics: RubricsOption = None,
) -> None:
    """Show how every expression field of a sheet was read (implicit products as *), or
    the error with its caret. No grading. Exit 0 when every field reads, 1 otherwise.

    Example: examgrade validate answers/benoit-fr.yaml --lang both
    """
    from examgrade.errors import Location, SheetError
    from examgrade.mathlang.validate import validate_sheet
    from examgrade.render import say
    from examgrade.sheet import load_sheet

    choice = lang.value if lang else "both"
    if not sheet.exists():
        _fail(SheetError("sheet.not_found", {}, Location(str(sheet))), choice, EXIT_USAGE)
    try:
        parsed = load_sheet(sheet)
    except SheetError as error:
        _fail(error, choice, EXIT_UNREADABLE)
    choice = lang.value if lang else parsed.student.lang
    readings = validate_sheet(parsed, _load_rubrics(rubrics, choice))
    from examgrade.i18n import Message

    for reading in readings:
        where = f"{reading.location.file}:{reading.location.line}:{reading.location.column}"
        typer.echo(f"{reading.label}  ({where})\n    {reading.text}")
        code = "mathlang.validate." + ("error" if reading.error else "read_as")
        label = say(Message(code, {}), choice).replace("\n", " / ")  # type: ignore[arg-type]
        if reading.error is not None:
            detail = say(reading.error, choice).replace("\n", "\n    ")  # type: ignore[arg-type]
            typer.echo(f"  {label}:\n    {detail}")
        else:
            typer.echo(f"  {label}: {reading.reading}")
            if reading.note is not None:  # a guess (issue 12): say how it was read
                typer.echo(f"    {say(reading.note, choice)}")  # type: ignore[arg-type]
    failed = sum(r.error is not None for r in readings)
    summary = Message("mathlang.validate.summary", {"ok": len(readings) - failed, "failed": failed})
    typer.echo(say(summary, choice))  # type: ignore[arg-type]
    raise typer.Exit(1 if failed else 0)


def main() -> None:
    """Console-script entry point. The cyclic collector runs every 10,000 allocations
    instead of 700: imports and grading allocate much and free little (~35 ms of `check`)."""
    import gc

    gc.set_threshold(10_000, 50, 100)
    app()
