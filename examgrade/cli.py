"""The `examgrade` command line: parse options, call the library, render. Nothing else.

Every examgrade error a command lets out is caught at one boundary (`_Boundary`, the group
`main()` runs) and printed for a person in the language the command chose (`_speak`), with
the exit code of its class (`_exit_code`); heavy modules are imported inside the commands,
so `--help` is fast.
"""

import inspect
import json
import math
import sys
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from typer.core import TyperGroup

from examgrade import __version__

EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2
# The running command's error language and whether errors are printed as JSON too.
_SPEAK: ContextVar[tuple[str, bool]] = ContextVar("examgrade_speak", default=("both", False))


def _exit_code(error: Exception) -> int:
    """The exit code of an error's class: a sheet given to `check`/`validate` that cannot
    be read at all is 1; every other examgrade error is the user's to fix: 2."""
    from examgrade.errors import UnreadableSheet

    return EXIT_UNREADABLE if isinstance(error, UnreadableSheet) else EXIT_USAGE


class _Boundary(TyperGroup):
    """The one error boundary: an examgrade error leaving any command becomes a message in
    the command's language and its class's exit code; anything else is a bug (traceback)."""

    def invoke(self, ctx):  # type: ignore[no-untyped-def]
        from examgrade.errors import ExamgradeError

        token = _SPEAK.set(_SPEAK.get())
        try:
            return super().invoke(ctx)
        except ExamgradeError as error:
            choice, as_json = _SPEAK.get()
            _fail(error, choice, _exit_code(error), as_json)
        finally:
            _SPEAK.reset(token)


def _speak(choice: str, as_json: bool = False) -> None:
    """Say in which language(s) this command's errors are written, and whether as JSON too."""
    _SPEAK.set((choice, as_json))


app = typer.Typer(
    cls=_Boundary,
    name="examgrade",
    help="Grade and check answer sheets for an exam pack, by default the exam shipped with "
    "examgrade (English / français).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # a bug's traceback, short; student data never in locals
    context_settings={"help_option_names": ["-h", "--help"]},
)


class LangOption(StrEnum):
    en = "en"
    fr = "fr"
    both = "both"


RubricsOption = Annotated[
    Path | None,
    typer.Option(
        "--rubrics",
        help="Folder of rubric files (default: the rubrics shipped with examgrade).",
        file_okay=False,
    ),
]
ExamOption = Annotated[
    Path | None,
    typer.Option(
        "--exam",
        envvar="EXAMGRADE_EXAM",
        help="The exam pack: a folder with exam.yaml and rubrics/ (default: the exam "
        "shipped with examgrade). Its solvers.py, if any, is run: name only packs you trust.",
        file_okay=False,
    ),
]


def _finite(value: float | None) -> float | None:
    """click's range lets nan and inf through (no comparison holds for nan): refuse them."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a number.")
    return value


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
    """Grade and check answer sheets for an exam pack, by default the exam shipped with
    examgrade (English / français); `--exam PATH` or EXAMGRADE_EXAM names another pack.

    Start with `examgrade template > answers.yaml`, fill it in, then
    `examgrade check answers.yaml`.
    """


def _console(stderr: bool = False):
    from examgrade.commands import console

    return console(stderr)


def _fail(error: Exception, choice: str, code: int, as_json: bool = False) -> NoReturn:
    """Where the boundary turns an examgrade error into a message for a person."""
    from examgrade.errors import ExamgradeError
    from examgrade.i18n import say

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


def _write_json(text: str) -> None:
    from examgrade.commands import write_json

    write_json(text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _load_rubrics(rubrics: Path | None, exam: Path | None = None):
    """The rubric set of `--exam` (a pack) or `--rubrics` (a folder of rubric files)."""
    from examgrade.commands import load_rubrics

    return load_rubrics(rubrics, exam)


def _read_sheet(sheet: Path, keys):  # type: ignore[no-untyped-def]
    """The sheet a command was given; one that cannot be read at all is `UnreadableSheet`."""
    from examgrade.commands import read_sheet

    return read_sheet(sheet, keys)


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
    exam: ExamOption = None,
) -> None:
    """Grade one answer sheet and print a rubric-scored feedback table per question.

    Exit code 0 when the sheet was graded (whatever the score), 1 when it cannot be
    read at all, 2 for usage errors.

    Example: examgrade check answers/ada-en.yaml --lang both
    """
    from examgrade.commands import graded, print_checked  # `launch` runs them without typer

    _speak(lang.value if lang else "both", as_json)
    parsed, report = graded(sheet, rubrics, exam)
    print_checked(parsed, report, lang.value if lang else None, as_json)


@app.command()
def explain(
    question: Annotated[str, typer.Argument(help="The question's key in the exam, e.g. q1.")],
    lang: Annotated[LangOption, typer.Option("--lang", help="en, fr or both.")] = LangOption.both,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set", help="Recompute for another parameter value, e.g. --set kernel=3 (repeatable)."
        ),
    ] = None,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Show the reference solution of a question, worked out step by step by its solver.

    Example: examgrade explain q1 --lang fr --set kernel=3 --set layers=4
    """
    from examgrade.errors import UsageError
    from examgrade.explain import explain_question, parse_overrides
    from examgrade.render import explanation_renderables

    _speak(lang.value)
    rubric_set = _load_rubrics(rubrics, exam)
    found = rubric_set.questions.get(question.lower().strip())
    if found is None:
        keys = rubric_set.exam.keys_text() if rubric_set.exam else ", ".join(rubric_set.keys)
        raise UsageError("rubric.no_question", {"key": question, "keys": keys})
    explanation = explain_question(found, parse_overrides(found, set_ or []))
    renderables = list(explanation_renderables(explanation, lang.value))
    console = _console()
    for renderable in renderables:
        console.print(renderable)


@app.command()
def template(
    lang: Annotated[
        LangOption, typer.Option("--lang", help="Language of the comments: en, fr or both.")
    ] = LangOption.en,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Print a blank answer sheet, every field commented in your language.

    Example: examgrade template --lang fr > copie.yaml
    """
    from examgrade.template import blank_sheet

    chosen = "fr" if lang == LangOption.fr else "en"
    _speak(chosen)
    sys.stdout.write(blank_sheet(_load_rubrics(rubrics, exam), lang.value))


class ExportFormat(StrEnum):
    csv = "csv"
    moodle = "moodle"
    canvas = "canvas"


class ReportLang(StrEnum):
    en = "en"
    fr = "fr"


class AttemptOption(StrEnum):
    last = "last"
    first = "first"
    best = "best"


AttemptArg = Annotated[
    AttemptOption,
    typer.Option(
        "--attempt", help="With several finished attempts: the last, the first or the best."
    ),
]
UnfinishedArg = Annotated[
    bool,
    typer.Option("--unfinished", help="Import attempts not finished too (in progress, overdue)."),
]


class FeedbackLevel(StrEnum):
    score = "score"
    checklist = "checklist"
    full = "full"


class MoodleKey(StrEnum):
    idnumber = "idnumber"
    email = "email"
    username = "username"


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
            "--time-limit",
            min=0.1,
            callback=_finite,
            help="Seconds per sheet; a sheet past it is stopped.",
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
    map_path: Annotated[
        Path | None,
        typer.Option(
            "--map",
            dir_okay=False,
            help="FOLDER is a responses CSV: import it with this map into DIR/sheets first.",
        ),
    ] = None,
    attempt: AttemptArg = AttemptOption.last,
    unfinished: UnfinishedArg = False,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster",
            dir_okay=False,
            help="The class list as the LMS exports it (Canvas gradebook, Moodle participants "
            "or grading worksheet, or a CSV with an id column): reconciled with the sheets "
            "into roster.csv; gradebook files then use its identifiers.",
        ),
    ] = None,
    match: Annotated[
        Path | None,
        typer.Option(
            "--match", dir_okay=False, help="CSV sheet_id,roster_id pinning sheets to students."
        ),
    ] = None,
    feedback: Annotated[
        FeedbackLevel | None,
        typer.Option(
            "--feedback",
            help="What students see: score, checklist (default; no model answers) or full "
            "(with the key's solutions). Remembered for the next runs.",
        ),
    ] = None,
    hold_review: Annotated[
        bool,
        typer.Option(
            "--hold-review", help="Send no grade for students with parts awaiting review."
        ),
    ] = False,
    out_of: Annotated[
        float | None,
        typer.Option(
            "--out-of",
            min=0.01,
            callback=_finite,
            help="The gradebook item's maximum (scores are scaled to it).",
        ),
    ] = None,
    moodle_key: Annotated[
        MoodleKey | None,
        typer.Option("--moodle-key", help="The Moodle user field rows are keyed by."),
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="Write the CSV files as UTF-8 with a BOM, for Excel.")
    ] = False,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Grade a class: every sheet under FOLDER, in parallel, into the folder --out.
    FOLDER may be a quiz's responses CSV with --map: it is imported first (examgrade import).

    Writes grades.csv, <id>.json, errors.csv, feedback/<id>.md, class/stats.json, summary.md
    and PNG plots; prints the class summary. Exit code 0 when grading ran, 2 for usage
    errors.

    Example: examgrade grade submissions/ --out graded/ --overrides overrides.csv

    Example: examgrade grade submissions/ --out graded/ --roster gradebook.csv --format canvas
    """
    from examgrade.classroom.batch import BatchOptions, grade_class
    from examgrade.classroom.render import renderables, sections
    from examgrade.i18n import Message

    choice = lang.value
    _speak(choice)
    if exam is not None:
        _load_rubrics(None, exam)  # a pack that is not one is a usage error, now
    if map_path is None and folder.is_file() and folder.suffix.lower() in (".yaml", ".yml"):
        from examgrade.errors import Location, UsageError  # one sheet, taken for an LMS export

        raise UsageError("batch.one_sheet", {}, Location(str(folder)))
    if map_path is not None or folder.is_file():
        _import_responses(
            folder, map_path, out / "sheets", attempt, unfinished, rubrics, choice, exam
        )
        folder = out / "sheets"
    options = BatchOptions(
        folder=folder,
        out=out,
        workers=workers or 0,
        time_limit=time_limit,
        rubrics_dir=str(exam or rubrics) if exam or rubrics else None,
        overrides=overrides,
        use_cache=not no_cache,
        export=export_format.value,
        lang=choice,  # type: ignore[arg-type]
        assignment=assignment,
        roster=roster,
        match=match,
        hold_review=hold_review,
        excel=excel,
        out_of=out_of,
        moodle_key=moodle_key.value if moodle_key else None,
        feedback=feedback.value if feedback else None,
    )
    errors = _console(stderr=True)
    from examgrade.signals import EXIT_TERMINATED, Terminated, sigterm_as_interrupt

    try:
        with sigterm_as_interrupt(), _grade_progress(errors, choice) as tick:
            result = grade_class(options, tick)
    except KeyboardInterrupt as interrupt:  # Ctrl-C, or SIGTERM (examgrade.signals)
        text = Message("batch.interrupted", {"out": str(out)}).render(choice)
        errors.print(text, markup=False, highlight=False)
        raise typer.Exit(EXIT_TERMINATED if isinstance(interrupt, Terminated) else 130) from None
    if overrides is None and result.overrides:
        text = Message(
            "batch.overrides_reused",
            {"count": len(result.overrides), "source": result.overrides_source},
        )
        errors.print(text.render(choice), markup=False, highlight=False)
    console = _console()
    for renderable in renderables(sections(result, choice)):
        console.print(renderable)
    files = ["grades.csv", "errors.csv", "<id>.json", "feedback/<id>.md", "class/stats.json"]
    files += ["summary.md", "report.html", *(p.name for p in result.plots or [])]
    if result.gradebook:
        files.append(result.gradebook)
    if result.roster is not None:
        files += ["roster.csv", "feedback.zip"]
    if not result.first_run:
        files.append("changes.csv")
    wrote = Message("batch.wrote", {"files": ", ".join(files), "out": str(out)})
    console.print(wrote.render(choice), markup=False, highlight=False)


def _import_responses(
    responses, map_path, out, attempt, unfinished, rubrics, choice, exam=None
) -> None:
    """Import a responses file, print what was done and the rows not imported."""
    from examgrade.errors import Location, UsageError
    from examgrade.lms_import import (
        import_responses,
        note_lines,
        problem_lines,
        summary,
        write_errors,
    )

    if map_path is None:
        raise UsageError("lms_import.need_map", {"file": str(responses)})
    if out is None:
        raise UsageError("lms_import.need_out", {}, Location(str(responses)))
    rubric_set = _load_rubrics(rubrics, exam)
    result = import_responses(
        responses,
        map_path,
        out,
        rubric_set,
        attempt.value,
        unfinished,  # type: ignore[arg-type]
    )
    errors_path = write_errors(result, responses, out, choice)  # type: ignore[arg-type]
    console = _console(stderr=True)
    text = summary(result, responses, out).render(choice)
    console.print(text, markup=False, highlight=False, soft_wrap=True)
    for note in note_lines(result, choice):  # type: ignore[arg-type]
        console.print(f"  {note}", markup=False, highlight=False, soft_wrap=True)
    lines = problem_lines(result, responses, choice)  # type: ignore[arg-type]
    if lines:
        from examgrade.i18n import Message

        title = Message("lms_import.problems_title", {"errors": str(errors_path)})
        console.print(title.render(choice), markup=False, highlight=False, soft_wrap=True)
        for line in lines:
            console.print(f"  {line}", markup=False, highlight=False, soft_wrap=True)


@app.command("import")
def import_(
    responses: Annotated[
        Path,
        typer.Argument(
            help="The responses CSV (Moodle, Canvas, Google/Microsoft Forms, LimeSurvey)."
        ),
    ],
    map_path: Annotated[
        Path | None, typer.Option("--map", dir_okay=False, help="Which column fills which field.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder of the sheets (created if needed).")
    ] = None,
    init_map: Annotated[
        bool, typer.Option("--init-map", help="Print a map to fill, made from the file's header.")
    ] = False,
    attempt: AttemptArg = AttemptOption.last,
    unfinished: UnfinishedArg = False,
    lang: Annotated[ReportLang, typer.Option("--lang", help="en or fr.")] = ReportLang.en,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Turn a quiz's responses export into one answer sheet per student, which check and
    grade read exactly as if typed. Rows that cannot become a sheet are listed with their
    line and why (and in import-errors.csv); a rerun keeps sheets edited by hand.

    Example: examgrade import responses.csv --init-map > map.yaml, then
    examgrade import responses.csv --map map.yaml --out sheets/
    """
    choice = lang.value
    _speak(choice)
    if init_map:
        from examgrade.lms_import import init_map as make_map

        text = make_map(responses, _load_rubrics(rubrics, exam), choice)  # type: ignore[arg-type]
        sys.stdout.write(text)
        return
    _import_responses(responses, map_path, out, attempt, unfinished, rubrics, choice, exam)


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
    exam: ExamOption = None,
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
    _speak(choice)
    rubric_set = _load_rubrics(rubrics, exam)
    if not folder.is_dir():
        raise UsageError("batch.no_folder", {}, Location(str(folder)))
    target = parse_target(part, rubric_set)
    paths = discover(folder)
    if not paths:
        raise UsageError("batch.no_sheets", {}, Location(str(folder)))
    result = answer_groups(paths, target, rubric_set)
    if as_json:
        _write_json(json_text(groups_json(result)))
        return
    console = _console()
    for renderable in groups_renderables(result, choice, top):  # type: ignore[arg-type]
        console.print(renderable)


@app.command()
def review(
    folder: Annotated[Path, typer.Argument(help="A folder written by examgrade grade --out.")],
    lang: Annotated[ReportLang, typer.Option("--lang", help="en or fr.")] = ReportLang.en,
    as_list: Annotated[
        bool, typer.Option("--list", help="Print the queue as a table instead (no screen).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="With --list: print JSON.")] = False,
    set_decision: Annotated[
        tuple[str, str, str] | None,
        typer.Option(
            "--set",
            metavar="STUDENT PART POINTS",
            help="Record one decision (e.g. --set 20230002 q6.b 4) and exit.",
        ),
    ] = None,
    comment: Annotated[str, typer.Option("--comment", help="With --set: why.")] = "",
    grader: Annotated[
        str | None,
        typer.Option("--grader", help="Your name in the overrides file (default: $USER)."),
    ] = None,
    overrides: Annotated[
        Path | None,
        typer.Option(
            "--overrides",
            dir_okay=False,
            help="The overrides CSV to write (default: the one grade used, or DIR/overrides.csv).",
        ),
    ] = None,
    no_groups: Annotated[
        bool, typer.Option("--no-groups", help="Leave the answer groups out (no sheet read).")
    ] = False,
    question: Annotated[str | None, typer.Option("--question", help="Only this question.")] = None,
    part: Annotated[str | None, typer.Option("--part", help="Only this part (q6.b).")] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="Only review, invalid, group, or a part status."),
    ] = None,
    student: Annotated[
        str | None, typer.Option("--student", help="Only students whose id or name has this.")
    ] = None,
    answers_lang: Annotated[
        str | None, typer.Option("--answers-lang", help="Only sheets written in en or fr.")
    ] = None,
    show_decided: Annotated[
        bool, typer.Option("--decided", help="Show decided items too.")
    ] = False,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Review a graded class: the parts examgrade is unsure of, the unreadable ones, then
    the largest answer groups; each decision goes at once into the overrides file.

    Example: examgrade review graded/   (then ? for the keys)
    """
    from examgrade.classroom import review as model
    from examgrade.errors import UsageError
    from examgrade.i18n import Message
    from examgrade.report import number

    choice = lang.value
    _speak(choice)
    rubric_set = _load_rubrics(rubrics, exam)
    filters = model.Filters(question, part, status, answers_lang, student, show_decided)
    queue = model.open_queue(folder, rubric_set, grader or model.default_grader(), overrides)
    if set_decision is not None:
        student, part, typed = set_decision
        part = part.strip().lower()
        points = model.typed_points(typed, part)
        if student not in queue.klass.students or not queue.klass.part_max(part):
            raise UsageError("review.unknown_item", {"part": part, "student": student})
        entry = queue.klass.entries.get((student, part))  # None: a part not graded yet
        item = model.Item(
            "review",
            part,
            (student,),
            entry.status if entry else "not_graded",
            entry.score if entry else 0.0,
            queue.klass.part_max(part),
            frozenset({queue.klass.students[student][1]}),
            student,
        )
        queue.set_points(item, points, comment)
        text = Message(
            "review.set_done",
            {
                "student": student,
                "part": part,
                "points": number(points),
                "file": str(queue.ledger.path),
            },
        )
        typer.echo(text.render(choice))  # type: ignore[arg-type]
        return
    if as_list or as_json:
        if not no_groups:
            queue.add_groups(model.class_groups(queue.klass))
        rows = list(model.queue_rows(queue, filters))
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        _review_table(rows, choice)
        return
    from examgrade.review_app import ReviewApp

    application = ReviewApp(queue, choice, groups=not no_groups)  # type: ignore[arg-type]
    application.filters = filters
    application.run()


def _review_table(rows: list[dict], lang: str) -> None:
    from rich.table import Table

    from examgrade.i18n import Message
    from examgrade.numbers import fmt

    def say(code: str) -> str:
        return Message(f"review.{code}").render(lang)  # type: ignore[arg-type]

    table = Table(show_edge=False, pad_edge=False)
    for code in ("col_kind", "col_part", "col_count", "col_score", "col_answer", "col_decided"):
        table.add_column(say(code), overflow="fold")
    for row in rows:
        who = row["answer"] if row["kind"] == "group" else " ".join(row["students"])
        table.add_row(
            say(f"kind_{row['kind']}"),
            row["part"],
            str(row["count"]),
            f"{fmt(row['score'], lang)}/{fmt(row['max'], lang)}",  # type: ignore[arg-type]
            _escape(who or "—"),
            "✓" if row["decided"] else "",
        )
    left = sum(not r["decided"] for r in rows)
    _console().print(table)
    typer.echo(Message("review.left", {"left": left}).render(lang))  # type: ignore[arg-type]


@app.command(context_settings={"ignore_unknown_options": True})  # '-(x/y)' is an expression
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
    from examgrade.commands import compared, equiv_code, equiv_text  # `launch`: without typer

    _speak(lang.value, as_json)
    result = compared(first, second, symbols)
    if as_json:
        _write_json(equiv_text(result, lang.value, as_json))
    else:
        typer.echo(equiv_text(result, lang.value, as_json))
    raise typer.Exit(equiv_code(result))


@app.command()
def validate(
    sheet: Annotated[Path, typer.Argument(help="The answer sheet (YAML).", dir_okay=False)],
    lang: Annotated[
        LangOption | None,
        typer.Option("--lang", help="en, fr or both (default: the sheet's student.lang)."),
    ] = None,
    rubrics: RubricsOption = None,
    exam: ExamOption = None,
) -> None:
    """Show how every expression field of a sheet was read (implicit products as *), or
    the error with its caret. No grading. Exit 0 when every field reads, 1 otherwise.

    Example: examgrade validate answers/benoit-fr.yaml --lang both
    """
    from examgrade.errors import Location, SheetError
    from examgrade.i18n import say
    from examgrade.validate import validate_sheet

    _speak(lang.value if lang else "both")
    if not sheet.exists():
        raise SheetError("sheet.not_found", {}, Location(str(sheet)))
    rubric_set = _load_rubrics(rubrics, exam)
    parsed = _read_sheet(sheet, rubric_set.keys)
    choice = lang.value if lang else parsed.student.lang
    readings = validate_sheet(parsed, rubric_set)
    from examgrade.i18n import Message

    for reading in readings:
        where = f"{reading.location.file}:{reading.location.line}:{reading.location.column}"
        typer.echo(f"{reading.label}  ({where})\n    {reading.text}")
        code = "mathlang.validate." + ("error" if reading.error else "read_as")
        label = say(Message(code, {}), choice).replace("\n", " / ")  # type: ignore[arg-type]
        if reading.error is not None:
            detail = say(reading.error, choice).replace("\n", "\n    ")  # type: ignore[arg-type]
            typer.echo(f"  {label}\n    {detail}")
        else:
            typer.echo(f"  {label} {reading.reading}")
            if reading.note is not None:  # a guess (issue 12): say how it was read
                typer.echo(f"    {say(reading.note, choice)}")  # type: ignore[arg-type]
    for warning in parsed.warnings:  # how keys were read, what was ignored: as check says
        typer.echo(f"• {say(warning, choice)}")  # type: ignore[arg-type]
    failed = sum(r.error is not None for r in readings)
    summary = Message("mathlang.validate.summary", {"ok": len(readings) - failed, "failed": failed})
    typer.echo(say(summary, choice))  # type: ignore[arg-type]
    raise typer.Exit(1 if failed else 0)


exam_app = typer.Typer(
    help="Exam packs: make a skeleton to fill, check one before grading with it.",
    no_args_is_help=True,
)
app.add_typer(exam_app, name="exam")


@exam_app.command("validate")
def exam_validate(
    pack: Annotated[Path, typer.Argument(help="The pack's folder (exam.yaml, rubrics/).")],
    lang: Annotated[LangOption, typer.Option("--lang", help="en, fr or both.")] = LangOption.en,
) -> None:
    """Load a pack as grading does and report its first fault with file and line: points
    that do not add up, a question without its rubric, an unknown check kind or solver, a
    text missing one of the pack's languages. Exit 0 when valid, 2 otherwise.

    Example: examgrade exam validate benchmarks/mohler2011
    """
    from examgrade.i18n import Message, say

    _speak(lang.value)
    rubric_set = _load_rubrics(None, pack)
    found = rubric_set.exam
    assert found is not None
    text = Message(
        "exam.valid",
        {
            "folder": str(pack),
            "id": found.id,
            "questions": len(found.questions),
            "total": f"{found.total:g}",
            "languages": ", ".join(found.languages),
        },
    )
    typer.echo(say(text, lang.value))  # type: ignore[arg-type]


@exam_app.command("new")
def exam_new(
    pack: Annotated[Path, typer.Argument(help="The folder to create (or an empty one).")],
    lang: Annotated[LangOption, typer.Option("--lang", help="en, fr or both.")] = LangOption.en,
) -> None:
    """Write a skeleton exam pack to fill: exam.yaml, a text and a number question with
    their rubrics, and a sample answer sheet. Never overwrites a pack.

    Example: examgrade exam new my-exam && examgrade exam validate my-exam
    """
    from examgrade.errors import Location, UsageError
    from examgrade.exam import new_pack
    from examgrade.i18n import Message, say

    _speak(lang.value)
    if (pack / "exam.yaml").exists():
        raise UsageError("exam.exists", {"folder": str(pack)}, Location(str(pack)))
    try:
        new_pack(pack)
    except OSError as error:  # a file of that name, a folder that cannot be written: no traceback
        params = {"folder": str(pack), "reason": error.strerror or str(error)}
        raise UsageError("exam.cannot_create", params, Location(str(pack))) from None
    typer.echo(say(Message("exam.created", {"folder": str(pack)}), lang.value))  # type: ignore[arg-type]


def _unwrapped(doc: str) -> str:
    """A command's docstring as its help: paragraphs kept, each one's line breaks joined.
    In rich mode typer keeps single line breaks, so the source's 88-column wrapping showed
    as ragged lines at 80 columns and as half-empty lines on a wide terminal."""
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(" ".join(paragraph.splitlines()) for paragraph in paragraphs)


for _typer_app in (app, exam_app):
    for _info in _typer_app.registered_commands:
        if _info.help is None and _info.callback is not None and _info.callback.__doc__:
            _info.help = _unwrapped(_info.callback.__doc__)


def main() -> None:
    """Console-script entry point. The cyclic collector runs every 10,000 allocations
    instead of 700: imports and grading allocate much and free little (~35 ms of `check`);
    a command that answers for one sheet or expression and exits does not run it at all
    (~40 ms more of `check`, 20 of `equiv`, 10 of `--help`: what it allocates is freed
    when it exits), and starts no OpenBLAS thread pool unless the user asks for one
    (its matrices are a few rows; the threads cost ~15 ms of CPU at numpy's import)."""
    import gc
    import os

    from examgrade.streams import degrade_streams

    gc.set_threshold(10_000, 50, 100)
    if _answers_at_once(sys.argv[1:]):
        gc.disable()
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    degrade_streams()  # PYTHONIOENCODING=ascii: spell what the stream lacks, never a traceback
    if _asks_help(sys.argv[1:]):
        _light_rich_utils()
    app()


# What typer.rich_utils imports at its top for markdown help and pretty tracebacks, which
# examgrade's help never shows (rich markup mode, pretty exceptions off).
_UNUSED_BY_HELP = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}


# Commands that read one sheet, one expression or the pack, and exit.
_AT_ONCE = {"check", "equiv", "validate", "explain", "template", "exam"}


def _answers_at_once(args: list[str]) -> bool:
    """Whether the arguments ask for help or for a command of _AT_ONCE (the first word
    that is neither an option nor the value of --rubrics or --exam names the command)."""
    words = iter(args)
    for word in words:
        if word in ("--rubrics", "--exam"):
            next(words, None)
        elif not word.startswith("-"):
            return word in _AT_ONCE or _asks_help(args)
    return True  # no command: the help, or an error


def _asks_help(args: list[str]) -> bool:
    return not args or "--help" in args or "-h" in args


def _light_rich_utils() -> None:
    """Import typer.rich_utils, which formats every help screen, without rich.markdown
    (markdown_it) and rich.traceback (pygments): ~0.1 s of each `--help` (issue 17). Each
    is a stand-in while rich_utils imports, whose class imports the real module when it
    is first used; the stand-ins leave sys.modules at once, so a later import is real."""
    import importlib
    import types

    if "typer.rich_utils" in sys.modules:
        return
    planted = {}
    for module, name in _UNUSED_BY_HELP.items():
        if module not in sys.modules:
            stand_in = types.ModuleType(module)
            setattr(stand_in, name, _imported_when_used(module, name))
            planted[module] = sys.modules[module] = stand_in
    try:
        importlib.import_module("typer.rich_utils")
    finally:
        for module, stand_in in planted.items():
            if sys.modules.get(module) is stand_in:
                del sys.modules[module]


class _Later(type):
    def __getattr__(cls, attr: str):  # type: ignore[no-untyped-def]
        return getattr(cls.real(), attr)  # type: ignore[attr-defined]


def _imported_when_used(module: str, name: str) -> type:
    """A class that stands for `module.name`: making one, or reading an attribute such
    as a classmethod, imports the real module and hands over to its class."""
    import importlib

    def real() -> type:
        return getattr(importlib.import_module(module), name)

    def new(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        return real()(*args, **kwargs)

    return _Later(name, (), {"__new__": new, "real": staticmethod(real)})
