"""Grade a class: every sheet under a folder, in parallel, into one output folder.

The library behind `examgrade grade`, usable without the CLI. In order:

1. discover every `*.yaml` / `*.yml` under the folder (recursively, in path order,
   skipping hidden files and folders and the output folder itself);
2. take each sheet's report from the cache when the sheet, the rubrics and examgrade are
   unchanged (`examgrade.classroom.cache`), and grade the others in worker processes
   (`examgrade.classroom.pool`), where a sheet past the time limit is stopped and reported;
3. report unreadable sheets and duplicate student ids in `errors.csv`; of several
   sheets with one id, the first in path order is that student's, the others are
   written to `duplicates/` so nothing is lost, and never merged
   (`examgrade.classroom.output`);
4. apply the overrides, compare with the last run, and write every file atomically.

What a worker does with one sheet is `examgrade.classroom.worker`.

One bad sheet never stops the batch: whatever goes wrong in one becomes its row in
`errors.csv`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson

from examgrade.classroom.cache import STORE_NAME, GradeStore, Previous, sheet_key, text_digest
from examgrade.classroom.changes import score_changes
from examgrade.classroom.drawing import PlotDrawer
from examgrade.classroom.feedback import DEFAULT_LEVEL
from examgrade.classroom.inodes import place_apart
from examgrade.classroom.lms import canvas_column, deliver
from examgrade.classroom.output import assemble, write_outputs, write_run_files
from examgrade.classroom.overrides import (
    Override,
    check_overrides,
    load_overrides,
    overrides_from_json,
    overrides_to_json,
)
from examgrade.classroom.pool import Stopped, default_workers, run_pool
from examgrade.classroom.replay import STATE_META, replay, run_key, save_state
from examgrade.classroom.results import BatchOptions, BatchResult, Duplicate, SheetFailure
from examgrade.classroom.review import (
    GROUPS_META,
    INDEX_META,
    RULES_NAME,
    Entries,
    build_groups,
    group_items,
    groups_key,
    index_key,
    index_text,
    item_row,
    read_rules,
    review_index,
    rule_overrides,
)
from examgrade.classroom.roster import Roster, read_matches, read_roster, reconcile
from examgrade.classroom.worker import (
    SHARED,
    Job,
    Rendered,
    clear_shared,
    grade_job,
    preload,
    setup_worker,
    share_strings,  # noqa: F401 (the batch's API of before: tests import it from here)
    shared_report,
    utf8,
)
from examgrade.digests import code_digest, rubric_digest
from examgrade.errors import ExamgradeError, Location, UsageError
from examgrade.files import read_regular
from examgrade.i18n import Message
from examgrade.rubric import RubricSet, load_rubrics
from examgrade.yamlsafe import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
Progress = Callable[[int, int], None]
Task = Callable[[Any, Job], tuple]  # (WorkerState, job) -> result


def discover(folder: Path, exclude: Path | None = None) -> list[Path]:
    """Every sheet under `folder`, in path order; hidden entries and `exclude` skipped."""
    skip = exclude.resolve() if exclude else None
    found = []
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (base / d).resolve() != skip)
        found += [base / f for f in files if f.lower().endswith(SUFFIXES) and not f.startswith(".")]
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read(path: Path) -> bytes | None:
    """The bytes the cache key is made of; None when the worker should say what is wrong."""
    try:
        return read_regular(path, MAX_BYTES)
    except ExamgradeError:
        return None


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


def _roster(options: BatchOptions) -> tuple[Roster | None, dict[str, str]]:
    """The roster and `--match` pins, read before grading so that a wrong file stops the
    run at once; with `--format canvas`, the exam's column must be in the export."""
    if options.roster is None:
        if options.match is not None:
            raise UsageError("roster.match_needs_roster", {}, Location(str(options.match)))
        return None, {}
    roster = read_roster(options.roster)
    pins = read_matches(options.match) if options.match is not None else {}
    if options.export == "canvas":
        if roster.kind != "canvas":
            raise UsageError("roster.canvas_needs_canvas", {}, Location(str(options.roster)))
        canvas_column(roster, options.assignment)
    return roster, pins


@contextlib.contextmanager
def staging_folder(out: Path) -> Iterator[Path]:
    """A hidden folder of `out` where workers write each student's files as they grade
    them (`examgrade.classroom.worker`), moved into place at the end; removed whatever
    happens, with any left by a run that was killed. Its workers' folders are placed
    apart from the busy folders around it where the file system allows (`inodes`)."""
    for stale in out.glob(".grading-*"):
        pid = stale.name.rpartition("-")[2]
        if not (pid.isdigit() and _running(int(pid))):
            shutil.rmtree(stale, ignore_errors=True)
    folder = out / f".grading-{os.getpid()}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    place_apart(folder)  # each worker's folder in inodes nobody freed lately (inodes.py)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic cyclic collection while a class is gathered: its reports are trees
    of dicts, garbage-free, but each collection of the oldest generation walks all of
    them (a cached class of 2,000: a fifth of the run's CPU). Whatever cycles the run
    leaves are collected when it ends; workers collect as usual (`setup_worker`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextlib.contextmanager
def plot_drawer(options: BatchOptions) -> Iterator[PlotDrawer | None]:
    """The process drawing the plots, started now so that it imports matplotlib while
    the class is graded (`examgrade.classroom.drawing`); None with `plots=False`."""
    if not options.plots:
        yield None
        return
    drawer = PlotDrawer(options.out, options.lang)
    try:
        yield drawer
    finally:
        drawer.close()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True


def _options_json(options: BatchOptions) -> str:
    """The options that made the folder, and where the command ran (sheet paths are
    relative to it): `examgrade review` runs the same `grade` again with the decisions."""
    return json.dumps(
        {
            "cwd": os.getcwd(),
            "folder": str(options.folder),
            "rubrics": options.rubrics_dir,
            "time_limit": options.time_limit,
            "export": options.export,
            "assignment": options.assignment,
        },
        ensure_ascii=False,
    )


GroupKeys = dict[str, tuple[str, str]]  # part -> (answer group key, answer on one line)


def _parse_groups(data: bytes | str, pool: dict[str, str]) -> GroupKeys:
    """A sheet's answer group keys as a worker wrote them, each string the one of its
    value in `pool`: read as each result comes, so the batch keeps no bytes of them
    (18 KB a sheet), and a class's thousands of equal keys are one str each."""
    try:
        found = orjson.loads(data or b"{}")
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(found, dict):
        return {}
    keys: GroupKeys = {}
    for label, value in found.items():
        if isinstance(value, list) and len(value) == 2:
            key, text = value
            keys[pool.setdefault(label, label)] = (
                pool.setdefault(key, key),
                pool.setdefault(text, text),
            )
    return keys


class GroupSpill:
    """Each sheet's answer group keys as a worker sent them, written to a file of the
    staging folder as they come and read once the workers are gone (`read_into`): the
    class's free-text answers and their keys, ~12 KB a sheet of distinct strings, were
    held by the batch's process while the workers grew, at the moment all processes
    together peak (issue 17, memory). A sheet whose keys cannot be written is parsed at
    once (`put` says False)."""

    def __init__(self, folder: Path) -> None:
        self.order: list[tuple[int, int]] = []  # (sheet index, length), in file order
        try:
            self.handle: Any = open(folder / "groups.spill", "w+b")  # noqa: SIM115
        except OSError:
            self.handle = None

    def put(self, index: int, data: bytes) -> bool:
        if self.handle is None or not isinstance(data, bytes):
            return False
        try:
            self.handle.write(data)
        except OSError:
            self.close()
            return False
        self.order.append((index, len(data)))
        return True

    def read_into(self, parsed: dict[int, GroupKeys], pool: dict[str, str]) -> None:
        """Parse every sheet kept here into `parsed`, one at a time; a sheet that cannot
        be read back has no group keys, as when a worker's keys could not be read."""
        if self.handle is None:
            for index, _ in self.order:
                parsed[index] = {}
            return
        try:
            self.handle.flush()
            self.handle.seek(0)
            for index, length in self.order:
                parsed[index] = _parse_groups(self.handle.read(length), pool)
        except OSError:
            for index, _ in self.order:
                parsed.setdefault(index, {})
        finally:
            self.close()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _group_keys(results: dict[int, tuple], parsed: dict[int, GroupKeys]) -> dict[str, GroupKeys]:
    """Each student's answer group key per part, as the workers found them (the first
    sheet of an id, as `assemble` keeps it)."""
    keys: dict[str, GroupKeys] = {}
    for index in sorted(results):
        result = results[index]
        if result[0] != "ok":
            continue
        student = result[1].report.student.id
        if student in keys:
            continue
        keys[student] = parsed.get(index, {})
    return keys


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
    roster, pins = _roster(options)
    rules_path = options.out / RULES_NAME
    rules = read_rules(rules_path)  # review's group decisions, applied to new members too
    try:
        (options.out / "feedback").mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a parent that is a file, a folder not writable: no traceback
        params = {"reason": error.strerror or str(error)}
        raise UsageError("batch.out_unwritable", params, Location(str(options.out))) from None
    tick = progress or (lambda done, total: None)
    store = GradeStore(options.out / STORE_NAME, enabled=options.use_cache)
    with store, contextlib.ExitStack() as stack:
        drawing = None
        if not store.meta(STATE_META):  # no run to replay: drawing starts before reading
            drawing = stack.enter_context(plot_drawer(options))  # (its share of the bytes)
        overrides, source = _overrides(options, rubrics, store)
        level = options.feedback or store.meta("feedback") or DEFAULT_LEVEL
        store.set_meta("feedback", level)
        options = dataclasses.replace(options, feedback=level)
        rubric_hash, code_hash = rubric_digest(rubrics.directory), code_digest()
        keyed = f"{rubric_hash}:{level}"  # the feedback page is cached with the report
        displays = [str(p) for p in files]
        hashes: list[str | None] = []
        keys: dict[str, str] = {}  # display -> cache key, to point `previous` at `graded`
        sheet_keys: list[str | None] = []
        sheet_data: list[bytes | None] = []
        for index, path in enumerate(files):
            data = _read(path)
            sheet_data.append(data)
            hashes.append(hashlib.sha256(data).hexdigest() if data is not None else None)
            key = sheet_key(data, displays[index], keyed, code_hash) if data else None
            if key:
                keys[displays[index]] = key
            sheet_keys.append(key)
        named = list(zip(displays, sheet_keys, strict=True))
        run = run_key(named, options, overrides, source, _bytes(rules_path))
        every = [k for k in sheet_keys if k]
        if (
            options.roster is None
            and len(every) == len(files)
            and len(store.has_many(every)) == len(set(every))
            and (replayed := _replay(store, run, options, len(files), started, tick))
        ):
            return replayed
        store.set_meta(STATE_META, "")  # a run stopped before its end leaves none to replay
        given = _Given(
            files,
            displays,
            hashes,
            keys,
            sheet_keys,
            sheet_data,
            overrides,
            source,
            level,
            rubric_hash,
            code_hash,
            rules_path,
            rules,
            roster,
            pins,
            run,
        )
        if drawing is None:
            drawing = stack.enter_context(plot_drawer(options))
        return _grade(options, rubrics, store, given, drawing, started, tick, task)


def _bytes(path: Path) -> bytes:
    """A small file's bytes (the review's group rules), or none when it is not there."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _replay(
    store: GradeStore,
    run: str,
    options: BatchOptions,
    count: int,
    started: float,
    tick: Progress,
) -> BatchResult | None:
    """The last run's result when nothing changed since (`examgrade.classroom.replay`):
    only the files that say when a run happened are written."""
    seconds = time.perf_counter() - started
    found = replay(store.meta(STATE_META), run, options, count, seconds)
    if found is None:
        return None
    result = found[0]
    saved = store.meta(GROUPS_META)
    result.groups = group_items(orjson.loads(saved)["items"]) if saved else []
    tick(count, count)
    write_run_files(result, options)
    store.set_meta("options", _options_json(options))
    store.finish_run()
    return result


@dataclasses.dataclass
class _Given:
    """What the run read before grading: the sheets (bytes, hashes, cache keys), the
    overrides and rules, the roster, the digests and the run's key (`replay`)."""

    files: list[Path]
    displays: list[str]
    hashes: list[str | None]
    keys: dict[str, str]  # display -> cache key, to point `previous` at `graded`
    sheet_keys: list[str | None]
    sheet_data: list[bytes | None]
    overrides: list[Override]
    source: str | None
    level: str
    rubric_hash: str
    code_hash: str
    rules_path: Path
    rules: Any
    roster: Roster | None
    pins: dict[str, str]
    run: str


def _grade(
    options: BatchOptions,
    rubrics: RubricSet,
    store: GradeStore,
    given: _Given,
    drawer: PlotDrawer | None,
    started: float,
    tick: Progress,
    task: Task,
) -> BatchResult:
    """Grade what the cache does not hold and write every file (the whole run)."""
    from examgrade.classroom.stats import class_stats  # numpy: not needed by a replay

    files, displays, hashes, keys = given.files, given.displays, given.hashes, given.keys
    sheet_keys, sheet_data, overrides = given.sheet_keys, given.sheet_data, given.overrides
    source, level, rules_path, rules = given.source, given.level, given.rules_path, given.rules
    rubric_hash, code_hash, roster, pins = (
        given.rubric_hash,
        given.code_hash,
        given.roster,
        given.pins,
    )
    results: dict[int, tuple] = {}
    parsed: dict[int, GroupKeys] = {}  # each sheet's answer group keys, read as they come
    jobs: list[tuple[str, str, str, bytes | None] | None] = []
    waiting: list[tuple[int, str | None]] = []
    with (
        staging_folder(options.out) as staging,
        collector_paused(),
        contextlib.closing(GroupSpill(staging)) as spill,  # read once the workers are gone
    ):
        clear_shared()  # one str per value, one object per question, across the reports
        found = store.get_many([k for k in sheet_keys if k])
        for index, path in enumerate(files):
            key = sheet_keys[index]
            cached = found.get(key) if key else None
            if cached is not None:
                text, page = utf8(cached[0]), utf8(cached[1])
                parsed[index] = _parse_groups(cached[2], SHARED)
                results[index] = ("ok", Rendered(shared_report(cached[0]), text, page), [])
            else:
                jobs.append((str(path), displays[index], str(index), sheet_data[index]))
                waiting.append((index, key))
        tick(len(results), len(files))
        setup = (options.rubrics_dir, options.time_limit, str(staging), level)
        if jobs:
            preload(setup)  # forked workers inherit what it loads: rubrics loaded once
        workers = options.workers or default_workers()
        pool = run_pool(jobs, task, setup_worker, setup, workers, options.time_limit)
        with contextlib.closing(pool):
            for number, answer in pool:
                index, key = waiting[number]
                if isinstance(answer, Stopped):
                    params = {"seconds": f"{answer.seconds:g}"}
                    answer = ("error", None, Message(f"batch.{answer.reason}", params))
                elif answer[0] == "ok" and key and not answer[2]:
                    store.put(key, answer[1].text, answer[1].feedback, answer[1].groups)
                    if store.enabled and answer[1].staged is not None:  # on disk twice
                        answer = ("ok", answer[1].light(), answer[2])
                if answer[0] == "ok":
                    if not spill.put(index, answer[1].groups):
                        parsed[index] = _parse_groups(answer[1].groups, SHARED)
                    answer = ("ok", dataclasses.replace(answer[1], groups=b"{}"), answer[2])
                results[index] = answer
                jobs[number] = None  # its bytes, graded, are let go as the class goes on
                sheet_data[index] = None
                tick(len(results), len(files))
        if drawer is not None:
            drawer.prepare()  # matplotlib imported now, not beside the workers
        spill.read_into(parsed, SHARED)  # the workers are gone: their memory with them
        clear_shared()  # every report is read: they stay shared without the pools
        seconds = time.perf_counter() - started  # the grading, as the summary reports it
        graded_count = len(jobs)
        jobs.clear()  # the sheets' bytes, graded: not kept through the class's files
        sheet_data.clear()
        answer_keys = _group_keys(results, parsed)
        decided = rule_overrides(rules_path, rules, rubrics, answer_keys, overrides)
        outcome = assemble(results, files, displays, hashes, options, overrides + decided, rubrics)
        reports = [g.report for g in outcome.graded]
        previous = store.previous()
        now = {g.report.student.id: g for g in outcome.graded}
        digests = {sid: g.rendered.digest or text_digest(g.rendered.text) for sid, g in now.items()}
        moved = {  # only reports that differ from last run's are read and compared
            sid: (report, old.sheet_key)
            for sid, old in previous.items()
            if sid in now
            and old.digest != digests[sid]
            and (report := store.previous_report(sid)) is not None
        }
        changes = score_changes(
            moved,
            {sid: (g.report, g.sheet_hash) for sid, g in now.items() if sid in moved},
            rubric_changed=store.meta("rubric_digest") not in (None, rubric_hash),
            code_changed=store.meta("code_digest") not in (None, code_hash),
        )
        result = BatchResult(
            reports=reports,
            failures=outcome.failures,
            duplicates=outcome.duplicates,
            stats=class_stats(reports, rubrics.keys),
            changes=changes,
            first_run=not previous,
            graded=graded_count,
            cached=len(files) - graded_count,
            seconds=seconds,
            overrides=overrides,
            overrides_source=source,
            unknown_students=outcome.unknown,
            feedback_level=level,
            group_decisions=decided,
        )
        graded_ids = {g.report.student.id for g in outcome.graded}
        index = review_index(reports)  # each part's automatic verdict, for review too
        entries = Entries(index)
        kept = {sid: parts for sid, parts in answer_keys.items() if sid in graded_ids}
        result.groups = build_groups(rubrics, kept, entries)
        if roster is not None:
            result.roster = reconcile(roster, reports, [g.file for g in outcome.graded], pins)
            result.delivery = deliver(result.roster, options.hold_review)
        result.store_damaged = store.damaged  # said in the summary: nothing dropped silently
        write_outputs(result, outcome, options, store, drawer)
        store.save_previous(
            {
                sid: Previous(
                    g.file,
                    g.sheet_hash,
                    None if g.rendered.digest else g.rendered.text,  # light: in `graded`
                    keys.get(g.file),
                    digests[sid],
                )
                for sid, g in now.items()
            }
        )
        store.set_meta("rubric_digest", rubric_hash)
        store.set_meta("code_digest", code_hash)
        store.set_meta("options", _options_json(options))  # how `review` regrades the folder
        digests_meta = {"code_digest": code_hash, "rubric_digest": rubric_hash}
        sheets = {sid: g.sheet_hash for sid, g in now.items()}
        made_from = groups_key(index_key(digests.items()), sheets, digests_meta)
        rows = [item_row(i) for i in result.groups]  # what `review` opens with
        store.set_meta(GROUPS_META, orjson.dumps({"key": made_from, "items": rows}).decode())
        key = index_key(digests.items())  # what `review` opens, without parsing each report
        if store.meta(INDEX_META + "_key") != key:  # made again only when a report changed
            store.set_meta(INDEX_META, index_text(index, key))
            store.set_meta(INDEX_META + "_key", key)
        if store.enabled:  # what a rerun where nothing changed gives back as it is
            ids = [g.report.student.id for g in outcome.graded]
            store.set_meta(STATE_META, save_state(options.out, given.run, result, ids) or "")
        store.finish_run()
    return result


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
