"""Grade a class: every sheet under a folder, in parallel, into one output folder.

The library behind `examgrade grade`, usable without the CLI. In order:

1. discover every `*.yaml` / `*.yml` under the folder (recursively, in path order,
   skipping hidden files and folders and the output folder itself);
2. take each sheet's report from the cache when the sheet, the rubrics and examgrade are
   unchanged (`examgrade.cache`), and grade the others in worker processes
   (`examgrade.pool`), where a sheet past the time limit is stopped and reported;
3. report unreadable sheets and duplicate student ids in `errors.csv`; of several
   sheets with one id, the first in path order is that student's, the others are
   written to `duplicates/` so nothing is lost, and never merged;
4. apply the overrides, compare with the last run, and write every file atomically.

One bad sheet never stops the batch: whatever goes wrong in one becomes its row in
`errors.csv`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from examgrade.atomic import write_if_changed
from examgrade.cache import STORE_NAME, GradeStore, Previous, code_digest, rubric_digest, sheet_key
from examgrade.changes import Change, score_changes
from examgrade.classstats import class_stats
from examgrade.engine import DEFAULT_TIME_LIMIT
from examgrade.errors import ExamgradeError, Location, UsageError
from examgrade.i18n import Lang, Message, Text
from examgrade.overrides import (
    Override,
    apply_overrides,
    by_student,
    check_overrides,
    load_overrides,
    overrides_from_json,
    overrides_to_json,
)
from examgrade.pool import Stopped, default_workers, run_pool
from examgrade.rubric import RubricSet, load_rubrics
from examgrade.yamlsafe import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
Report = dict[str, Any]
Progress = Callable[[int, int], None]
Task = Callable[[Any, tuple[str, str]], tuple]  # (WorkerState, (path, display)) -> result


@dataclass(frozen=True)
class BatchOptions:
    """What `examgrade grade` was asked; `workers` 0 means every core."""

    folder: Path
    out: Path
    workers: int = 0
    time_limit: float = DEFAULT_TIME_LIMIT
    rubrics_dir: str | None = None
    overrides: Path | None = None
    use_cache: bool = True
    export: str = "csv"
    lang: Lang = "en"
    assignment: str = "Final exam"
    plots: bool = True


@dataclass(frozen=True)
class SheetFailure:
    """A sheet that could not be graded: its row in `errors.csv`."""

    file: str
    line: int | None
    message: Text


@dataclass(frozen=True)
class Duplicate:
    student: str
    kept: str
    other: str
    saved_as: str


@dataclass
class BatchResult:
    """What a run produced; every list is in path order."""

    reports: list[Report]
    failures: list[SheetFailure]
    duplicates: list[Duplicate]
    stats: dict[str, Any]
    changes: list[Change]
    first_run: bool
    graded: int
    cached: int
    seconds: float
    overrides: list[Override] = field(default_factory=list)
    overrides_source: str | None = None
    unknown_students: list[str] = field(default_factory=list)
    plots: list[Path] | None = field(default_factory=list)


def discover(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every sheet under `folder`, in path order; hidden entries and `exclude` skipped."""
    skip = exclude.resolve() if exclude else None
    found = []
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (base / d).resolve() != skip)
        found += [base / f for f in files if f.lower().endswith(SUFFIXES) and not f.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


@dataclass(frozen=True)
class WorkerState:
    rubrics: RubricSet
    time_limit: float


def preload(arg: tuple[str | None, float]) -> WorkerState:
    """Load the rubrics and import every check kind: done in the batch's own process
    before forking, so each forked worker starts with them loaded."""
    from examgrade.checks import check_names

    check_names()
    return WorkerState(load_rubrics(arg[0]), arg[1])


def setup_worker(arg: tuple[str | None, float]) -> WorkerState:
    """Once per worker: the rubrics, and a memo so each distinct answer is checked once
    (`examgrade.memo`)."""
    from examgrade.memo import install

    state = preload(arg)
    install()
    return state


def grade_job(state: WorkerState, job: tuple[str, str]) -> tuple:
    """Grade one sheet: `("ok", Rendered, parts_out_of_time)` or `("error", line, message)`.

    The worker also renders the student's files (`<id>.json`, `feedback/<id>.md`), so
    that work is spread over the workers too; the batch re-renders only the few reports
    an override changes. The engine stops a check that runs past the sheet's time limit
    (that part becomes invalid and flagged for review); the parts it stopped are
    returned so the batch reports them in errors.csv and does not cache a result that
    may be the machine's fault. The pool kills a worker that cannot be stopped that way."""
    from examgrade.engine import grade_sheet
    from examgrade.report import report_json
    from examgrade.sheet import load_sheet

    path, display = job
    try:
        sheet = load_sheet(path, display)
        graded = grade_sheet(sheet, state.rubrics, time_limit=state.time_limit)
        return ("ok", render(report_json(graded), state.rubrics), _out_of_time(graded))
    except ExamgradeError as error:
        return ("error", error.location.line, error.message)
    except Exception as error:  # a bug must cost one sheet, not the batch
        return ("error", None, Message("batch.internal_error", {"error": type(error).__name__}))


@dataclass(frozen=True)
class Rendered:
    """A report and the two files written from it: the JSON and the student's feedback."""

    report: Report
    text: str
    feedback: str


def render(report: Report, rubrics: RubricSet) -> Rendered:
    from examgrade.feedback_md import feedback_markdown

    return Rendered(report, _json(report), feedback_markdown(report, rubrics))


def _out_of_time(report: Any) -> list[str]:
    return [
        f"{question.key}.{part.key}"
        for question in report.questions
        for part in question.parts
        if any(
            getattr(text, "code", None) == "engine.time_limit"
            for item in part.items
            for text in item.outcome.feedback
        )
    ]


def _read(path: Path) -> bytes | None:
    """The bytes the cache key is made of; None when the worker should say what is wrong."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text).strip("_")


def _overrides(
    options: BatchOptions, rubrics: RubricSet, store: GradeStore
) -> tuple[list[Override], str | None]:
    """The overrides to apply: the file given, else the file of the last run (re-read, so
    edits count), else the copy kept in the store when that file is gone."""
    if options.overrides is not None:
        if not options.overrides.is_file():
            raise UsageError("batch.overrides_missing", {}, Location(str(options.overrides)))
        found = load_overrides(options.overrides, rubrics)
        source = str(options.overrides.resolve())
    else:
        source = store.meta("overrides_file")
        saved = store.meta("overrides")
        if source and Path(source).is_file():
            found = load_overrides(Path(source), rubrics)
        elif saved:
            found = check_overrides(overrides_from_json(saved), rubrics)
        else:
            return [], None
    store.set_meta("overrides", overrides_to_json(found))
    if source:
        store.set_meta("overrides_file", source)
    return found, source


def grade_class(
    options: BatchOptions, progress: Progress | None = None, task: Task = grade_job
) -> BatchResult:
    """Grade every sheet of `options.folder` into `options.out`. Raises `UsageError` or
    `RubricError` before grading starts; once it has started, never for one sheet."""
    started = time.perf_counter()
    load_rubrics.cache_clear()  # a rubric edited since this process read it counts now
    rubrics = load_rubrics(options.rubrics_dir)
    if not options.folder.is_dir():
        raise UsageError("batch.no_folder", {}, Location(str(options.folder)))
    if options.out.exists() and not options.out.is_dir():
        raise UsageError("batch.out_not_folder", {}, Location(str(options.out)))
    files = discover(options.folder, options.out)
    if not files:
        raise UsageError("batch.no_sheets", {}, Location(str(options.folder)))
    (options.out / "feedback").mkdir(parents=True, exist_ok=True)
    tick = progress or (lambda done, total: None)
    with GradeStore(options.out / STORE_NAME, enabled=options.use_cache) as store:
        overrides, source = _overrides(options, rubrics, store)
        rubric_hash, code_hash = rubric_digest(rubrics.directory), code_digest()
        displays = [str(p) for p in files]
        hashes: list[str | None] = []
        results: dict[int, tuple] = {}
        jobs: list[tuple[str, str]] = []
        waiting: list[tuple[int, str | None]] = []
        for index, path in enumerate(files):
            data = _read(path)
            hashes.append(hashlib.sha256(data).hexdigest() if data is not None else None)
            key = sheet_key(data, displays[index], rubric_hash, code_hash) if data else None
            cached = store.get(key) if key else None
            if cached is not None:
                results[index] = ("ok", Rendered(json.loads(cached[0]), *cached), [])
            else:
                jobs.append((str(path), displays[index]))
                waiting.append((index, key))
        tick(len(results), len(files))
        setup = (options.rubrics_dir, options.time_limit)
        preload(setup)  # forked workers inherit what it loads: rubrics loaded once
        workers = options.workers or default_workers()
        pool = run_pool(jobs, task, setup_worker, setup, workers, options.time_limit)
        with contextlib.closing(pool):
            for number, result in pool:
                index, key = waiting[number]
                if isinstance(result, Stopped):
                    result = (
                        "error",
                        None,
                        Message(f"batch.{result.reason}", {"seconds": f"{result.seconds:g}"}),
                    )
                elif result[0] == "ok" and key and not result[2]:
                    store.put(key, result[1].text, result[1].feedback)
                results[index] = result
                tick(len(results), len(files))
        seconds = time.perf_counter() - started  # the grading, as the summary reports it
        outcome = _assemble(results, files, displays, hashes, options, overrides, rubrics)
        reports = [g.report for g in outcome.graded]
        previous = store.previous()
        changes = score_changes(
            {sid: (p.report, p.sheet_key) for sid, p in previous.items()},
            {g.report["student"]["id"]: (g.report, g.sheet_hash) for g in outcome.graded},
            rubric_changed=store.meta("rubric_digest") not in (None, rubric_hash),
            code_changed=store.meta("code_digest") not in (None, code_hash),
        )
        result = BatchResult(
            reports=reports,
            failures=outcome.failures,
            duplicates=outcome.duplicates,
            stats=class_stats(reports),
            changes=changes,
            first_run=not previous,
            graded=len(jobs),
            cached=len(files) - len(jobs),
            seconds=seconds,
            overrides=overrides,
            overrides_source=source,
            unknown_students=outcome.unknown,
        )
        _write(result, outcome, options, store)
        store.save_previous(
            {
                g.report["student"]["id"]: Previous(g.file, g.sheet_hash, g.report)
                for g in outcome.graded
            }
        )
        store.set_meta("rubric_digest", rubric_hash)
        store.set_meta("code_digest", code_hash)
        store.finish_run()
    return result


@dataclass(frozen=True)
class Graded:
    """One student's final report (the contract's JSON, overrides applied) with its two
    files' text, the sheet it came from and the hash of that sheet's bytes (to tell an
    edited sheet in changes)."""

    rendered: Rendered
    file: str
    sheet_hash: str | None

    @property
    def report(self) -> Report:
        return self.rendered.report


@dataclass
class _Assembled:
    graded: list[Graded]
    failures: list[SheetFailure]
    duplicates: list[Duplicate]
    duplicate_reports: dict[str, Report]
    unknown: list[str]


def _id_line(path: str) -> int | None:
    """The line of `student.id` in a sheet (read again: only for the rare duplicate)."""
    from examgrade.nodes import Mapping
    from examgrade.yamlsafe import compose, decode

    try:
        root = compose(decode(Path(path).read_bytes(), path), path)
        student = root.get("student") if isinstance(root, Mapping) else None
        node = student.get("id") if isinstance(student, Mapping) else None
    except (ExamgradeError, OSError):
        return None
    return node.location.line if node is not None else None


def _assemble(
    results: dict[int, tuple],
    files: list[Path],
    displays: list[str],
    hashes: list[str | None],
    options: BatchOptions,
    overrides: list[Override],
    rubrics: RubricSet,
) -> _Assembled:
    """Results in path order: failures, the first sheet of each id, the duplicates."""
    kept: dict[str, str] = {}
    graded: list[Graded] = []
    failures, duplicates, duplicate_reports = [], [], {}
    per_student = by_student(overrides)
    for index in sorted(results):
        result, display = results[index], displays[index]
        if result[0] == "error":
            failures.append(SheetFailure(display, result[1], result[2]))
            continue
        rendered, late = result[1], result[2]
        report = rendered.report
        if late:
            params = {"parts": ", ".join(late), "seconds": f"{options.time_limit:g}"}
            failures.append(SheetFailure(display, None, Message("batch.time_limit_parts", params)))
        student = report["student"]["id"]
        if student in kept:
            relative = files[index].relative_to(options.folder)
            saved = f"duplicates/{_slug(str(relative))}.json"
            duplicates.append(Duplicate(student, kept[student], display, saved))
            duplicate_reports[saved] = report
            message = Message(
                "batch.duplicate_id", {"id": student, "kept": kept[student], "saved": saved}
            )
            failures.append(SheetFailure(display, _id_line(str(files[index])), message))
            continue
        if student in per_student:
            rendered = render(apply_overrides(report, per_student[student], rubrics), rubrics)
        kept[student] = display
        graded.append(Graded(rendered, display, hashes[index]))
    unknown = sorted(s for s in per_student if s not in kept)
    return _Assembled(graded, failures, duplicates, duplicate_reports, unknown)


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _write(
    result: BatchResult, outcome: _Assembled, options: BatchOptions, store: GradeStore
) -> None:
    """Every output file, each replaced atomically and only when its content changed:
    per-student files first, the class files (grades.csv last of all) once they are all
    there. The plots are redrawn only when the statistics or the language changed."""
    from examgrade import class_render, exports

    out, lang = options.out, options.lang
    for graded in outcome.graded:
        student = graded.report["student"]["id"]
        write_if_changed(out / f"{student}.json", graded.rendered.text)
        write_if_changed(out / "feedback" / f"{student}.md", graded.rendered.feedback)
    if outcome.duplicate_reports:
        (out / "duplicates").mkdir(exist_ok=True)
        for name, report in outcome.duplicate_reports.items():
            write_if_changed(out / name, _json(report))
    write_if_changed(
        out / "errors.csv",
        exports.errors_csv((f.file, f.line, f.message.render(lang)) for f in result.failures),
    )
    exported = exports.export(options.export, result.reports, options.assignment)
    if exported:
        write_if_changed(out / exported[0], exported[1])
    if not result.first_run:
        write_if_changed(out / "changes.csv", exports.changes_csv(result.changes))
    stats = _json(result.stats)
    write_if_changed(out / "stats.json", stats)
    if options.plots and result.reports:
        result.plots = _plots(result, stats, out, lang, store)
    write_if_changed(out / "summary.md", class_render.markdown(class_render.sections(result, lang)))
    write_if_changed(out / "grades.csv", exports.grades_csv(result.reports))


def _plots(
    result: BatchResult, stats: str, out: Path, lang: Lang, store: GradeStore
) -> list[Path] | None:
    """The PNG plots, or None without matplotlib; kept as they are when what they show
    has not changed (drawing them costs more than grading a few hundred sheets)."""
    from examgrade.plots import PLOT_NAMES

    key = hashlib.sha256(f"{lang}\0{stats}".encode()).hexdigest()
    existing = [out / name for name in PLOT_NAMES]
    if store.meta("plots") == key and all(p.is_file() for p in existing):
        return existing
    try:
        from examgrade.plots import write_plots

        written = write_plots(result.stats, out, lang)
    except ImportError:
        return None
    store.set_meta("plots", key)
    return written


__all__ = [
    "BatchOptions",
    "BatchResult",
    "Duplicate",
    "SheetFailure",
    "discover",
    "grade_class",
    "grade_job",
    "setup_worker",
]
