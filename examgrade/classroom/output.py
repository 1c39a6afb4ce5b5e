"""From the workers' results to the files of a grading folder.

`assemble` puts the results in path order: unreadable sheets and duplicate student ids
become rows of `errors.csv` (of several sheets with one id, the first in path order is
that student's, the others are saved in `duplicates/`, never merged), and the overrides
are applied. `write_outputs` writes every file atomically, and only when its content
changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import orjson

from examgrade.classroom.atomic import move_if_changed, move_staged, write_if_changed
from examgrade.classroom.cache import GradeStore
from examgrade.classroom.overrides import Override, apply_overrides, by_student
from examgrade.classroom.results import BatchOptions, BatchResult, Duplicate, SheetFailure
from examgrade.classroom.worker import Rendered, render
from examgrade.errors import ExamgradeError
from examgrade.i18n import Message
from examgrade.report import Report, json_text, report_json
from examgrade.rubric import RubricSet, load_rubrics

if TYPE_CHECKING:
    from examgrade.classroom.drawing import PlotDrawer


#: The class statistics, in a folder: every other file at the top of the output folder
#: that ends in `.json` is a student's `<id>.json`, and an id has no `/`, so no id (`stats`
#: included) can name a class file (issue 13, item 10).
STATS_FILE = "class/stats.json"


def file_key(name: str) -> str:
    """What a file system that folds case and Unicode forms (Windows, macOS) sees of a
    name: two ids with the same key would be one `<id>.json` there."""
    return unicodedata.normalize("NFC", name).casefold()


def _slug(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text).strip("_")


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or `name` numbered (`x~2.json`) when its `file_key` is taken already."""
    stem, dot, suffix = name.rpartition(".")
    candidate, number = name, 1
    while file_key(candidate) in taken:
        number += 1
        candidate = f"{stem}~{number}{dot}{suffix}"
    taken.add(file_key(candidate))
    return candidate


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
class Assembled:
    graded: list[Graded]
    failures: list[SheetFailure]
    duplicates: list[Duplicate]
    duplicate_reports: dict[str, Report]
    unknown: list[str]


def _id_line(path: str) -> int | None:
    """The line of `student.id` in a sheet (read again: only for the rare duplicate)."""
    from examgrade.files import read_regular
    from examgrade.nodes import Mapping
    from examgrade.yamlsafe import MAX_BYTES, compose, decode

    try:
        root = compose(decode(read_regular(path, MAX_BYTES), path), path)
        student = root.get("student") if isinstance(root, Mapping) else None
        node = student.get("id") if isinstance(student, Mapping) else None
    except (ExamgradeError, OSError):
        return None
    return node.location.line if node is not None else None


def assemble(
    results: dict[int, tuple],
    files: list[Path],
    displays: list[str],
    hashes: list[str | None],
    options: BatchOptions,
    overrides: list[Override],
    rubrics: RubricSet,
) -> Assembled:
    """Results in path order: failures, the first sheet of each id, the duplicates."""
    kept: dict[str, tuple[str, str]] = {}  # file_key(id) -> (id, sheet)
    saved_names: set[str] = set()
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
        student = report.student.id
        if file_key(student) in kept:
            other_id, first = kept[file_key(student)]
            relative = files[index].relative_to(options.folder)
            saved = "duplicates/" + _unique(f"{_slug(str(relative))}.json", saved_names)
            duplicates.append(Duplicate(student, first, display, saved))
            duplicate_reports[saved] = report
            params = {"id": student, "kept": first, "saved": saved, "other": other_id}
            code = "batch.duplicate_id" if other_id == student else "batch.duplicate_id_case"
            line = _id_line(str(files[index]))
            failures.append(SheetFailure(display, line, Message(code, params)))
            continue
        if student in per_student:
            rendered = render(
                apply_overrides(report, per_student[student], rubrics), rubrics, options.feedback
            )
        kept[file_key(student)] = (student, display)
        graded.append(Graded(rendered, display, hashes[index]))
    ids = {student for student, _ in kept.values()}
    unknown = sorted(s for s in per_student if s not in ids)
    return Assembled(graded, failures, duplicates, duplicate_reports, unknown)


def write_outputs(
    result: BatchResult,
    outcome: Assembled,
    options: BatchOptions,
    store: GradeStore,
    drawer: PlotDrawer | None = None,
) -> None:
    """Every output file, each replaced atomically and only when its content changed:
    per-student files first, the class files (grades.csv last of all) once they are all
    there. The plots are redrawn only when the statistics or the language changed."""
    stats = json_text(result.stats)
    plots = drawer if options.plots and result.reports else None
    if plots is not None:
        plots.begin(result.stats, stats, store)
    _write_files(result, outcome, options, stats, plots)


def _drop_old_stats(out: Path, outcome: Assembled) -> None:
    """Remove the `stats.json` runs before `class/stats.json` wrote, so that no stale
    statistics stay beside the new ones; a student's `stats.json` is theirs, kept."""
    old = out / "stats.json"
    if any(file_key(g.report.student.id) == "stats" for g in outcome.graded):
        return
    try:
        data = orjson.loads(old.read_bytes()) if old.is_file() else None
    except (OSError, orjson.JSONDecodeError):
        return
    if isinstance(data, dict) and "students" in data and "student" not in data:
        old.unlink(missing_ok=True)


def _write_files(
    result: BatchResult,
    outcome: Assembled,
    options: BatchOptions,
    stats: str,
    plots: PlotDrawer | None,
) -> None:
    from examgrade.classroom import exports
    from examgrade.rubric import load_rubrics

    rubrics = load_rubrics(options.rubrics_dir)  # loaded already: the exam's keys and total

    out, lang = options.out, options.lang
    for graded in outcome.graded:
        student, rendered = graded.report.student.id, graded.rendered
        files = (
            (out / f"{student}.json", rendered.text, ".json"),
            (out / "feedback" / f"{student}.md", rendered.feedback, ".md"),
        )
        for path, text, suffix in files:
            if rendered.staged is None:
                write_if_changed(path, text)
            elif rendered.digest is None:  # a worker wrote it already: moved into place
                move_if_changed(rendered.staged.with_suffix(suffix), path, text)
            else:  # and the batch did not keep its bytes
                try:
                    move_staged(rendered.staged.with_suffix(suffix), path)
                except OSError:  # the staged file is gone: written from the report
                    again = render(graded.report, rubrics, options.feedback or "checklist")
                    write_if_changed(path, again.text if suffix == ".json" else again.feedback)
    if outcome.duplicate_reports:
        (out / "duplicates").mkdir(exist_ok=True)
        for name, report in outcome.duplicate_reports.items():
            write_if_changed(out / name, report_json(report))
    excel = options.excel
    write_if_changed(
        out / "errors.csv",
        exports.with_bom(
            exports.errors_csv((f.file, f.line, f.message.render(lang)) for f in result.failures),
            excel,
        ),
    )
    if result.roster is not None:
        _write_roster_files(result, outcome, options)
    else:
        from examgrade.classroom.lms import provisional

        waiting = [r for r in result.reports if provisional(r)]
        ids = [str(r.student.id) for r in waiting]
        held = set(ids) if options.hold_review else set()
        sent = [r for r in result.reports if str(r.student.id) not in held]
        exported = exports.export(
            options.export, sent, options.assignment, rubrics.total, options.out_of
        )
        if exported:
            result.held, result.provisional = (ids, []) if options.hold_review else ([], ids)
            result.gradebook = exported[0]
            write_if_changed(out / exported[0], exports.with_bom(exported[1], excel))
    if not result.first_run:
        write_if_changed(out / "changes.csv", exports.changes_csv(result.changes))
    (out / STATS_FILE).parent.mkdir(exist_ok=True)
    write_if_changed(out / STATS_FILE, stats)
    _drop_old_stats(out, outcome)
    if plots is not None:
        result.plots = plots.finish()
    _write_summary(result, options)
    from examgrade.classroom.report_html import report_html

    write_if_changed(out / "report.html", report_html(result, rubrics, lang))
    write_if_changed(
        out / "grades.csv",
        exports.with_bom(exports.grades_csv(result.reports, rubrics.keys), excel),
    )


def write_run_files(result: BatchResult, options: BatchOptions) -> None:
    """The files that say what this run did (`changes.csv`, `summary.md`): all a rerun
    where nothing changed writes (`examgrade.classroom.replay`)."""
    from examgrade.classroom import exports

    if not result.first_run:
        write_if_changed(options.out / "changes.csv", exports.changes_csv(result.changes))
    _write_summary(result, options)


def _write_summary(result: BatchResult, options: BatchOptions) -> None:
    from examgrade.classroom import render as class_render

    text = class_render.markdown(class_render.sections(result, options.lang))
    write_if_changed(options.out / "summary.md", text)


def _write_roster_files(result: BatchResult, outcome: Assembled, options: BatchOptions) -> None:
    """`roster.csv`, the gradebook file in the roster's identifiers for the students
    sent, and `feedback.zip` of their pages."""
    from examgrade.classroom import exports, lms, roster
    from examgrade.classroom.archive import feedback_zip

    rec, delivery, out = result.roster, result.delivery, options.out
    assert rec is not None and delivery is not None
    files = {g.report.student.id: g.file for g in outcome.graded}
    text = exports.csv_text(roster.ROSTER_HEADER, roster.roster_rows(rec, files))
    write_if_changed(out / "roster.csv", exports.with_bom(text, options.excel))
    level = options.feedback or "checklist"
    rubrics = load_rubrics(options.rubrics_dir)
    total = rubrics.total
    if options.export == "canvas":
        column = lms.canvas_column(rec.roster, options.assignment)
        text = lms.canvas_roster_csv(rec, delivery, column, options.out_of, total)
        result.gradebook = "canvas.csv"
    elif options.export == "moodle":
        key = lms.moodle_key(rec.roster, options.moodle_key, rec.matched)
        out_of = options.out_of or total
        text = lms.moodle_roster_csv(delivery, key, options.assignment, out_of, total)
        result.gradebook = "moodle.csv"
    if result.gradebook is not None:
        write_if_changed(out / result.gradebook, exports.with_bom(text, options.excel))
        result.held = [str(r.student.id) for _, r in delivery.held]
        result.provisional = [str(r.student.id) for _, r in delivery.provisional]
    worksheet = rec.roster.kind == "moodle_worksheet"
    write_if_changed(out / "feedback.zip", feedback_zip(delivery.sent, rubrics, level, worksheet))
