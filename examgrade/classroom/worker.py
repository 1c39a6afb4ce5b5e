"""The work a grading process does for one sheet: read it, grade it, render its files.

Runs in the worker processes of `examgrade.classroom.pool` (forked, so the rubrics loaded by
`preload` in the batch's process come along, with its memo that checks each distinct
answer once, `examgrade.memo`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from examgrade.errors import ExamgradeError
from examgrade.i18n import Message
from examgrade.memo import OutcomeMemo
from examgrade.report import (
    QuestionReport,
    Report,
    question_from_data,
    report_bytes,
    report_from_data,
)
from examgrade.rubric import RubricSet, load_rubrics


@dataclass(frozen=True)
class WorkerState:
    """What a worker grades with: the rubrics, the time limit, and the memo of outcomes
    of the answers it has seen (`examgrade.memo`)."""

    rubrics: RubricSet
    time_limit: float
    memo: OutcomeMemo = field(default_factory=OutcomeMemo)
    staging: Path | None = None
    level: str = "checklist"
    group_memo: dict = field(default_factory=dict)  # answer -> group key (review.sheet_group_keys)


# rubrics folder, time limit, staging folder, feedback level (what students see)
Setup = tuple[str | None, float, str | None, str]
# path, display name, staging stem, and the sheet's bytes when the batch has read them
Job = tuple[str, str, str | None] | tuple[str, str, str | None, bytes | None]
_PRELOADED: dict[Setup, WorkerState] = {}


def preload(arg: Setup) -> WorkerState:
    """Load the rubrics, import every check kind and warm up (`engine.warm_up`, the
    feedback pages' `feedback.warm_up`): done in the batch's own process before forking,
    so each forked worker starts with them."""
    from examgrade.checks import check_names
    from examgrade.classroom import feedback
    from examgrade.engine import warm_up

    check_names()
    _PRELOADED.clear()
    rubrics_dir, time_limit, staging, level = arg
    state = _PRELOADED[arg] = WorkerState(
        load_rubrics(rubrics_dir),
        time_limit,
        staging=Path(staging) if staging else None,
        level=level,
    )
    warm_up(state.rubrics)
    feedback.warm_up(state.rubrics)  # the pages' idea lines, made once for every worker
    _spare_the_collector()
    return state


def _spare_the_collector() -> None:
    """Grading allocates a great deal and keeps what it remembers (rubrics, memo, seen
    sentences): the cyclic collector, run every 700 allocations by default, kept walking
    them, about a tenth of a sheet's time. What is loaded now is frozen out of its reach
    (forked workers share it unchanged), and it runs less often."""
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


def setup_worker(arg: Setup) -> WorkerState:
    """Once per worker: the state `preload` made before the fork (rubrics and memo as
    the batch's process left them), or a fresh one where workers are spawned."""
    import gc

    gc.enable()  # the batch's process pauses it while it gathers (`batch.collector_paused`)
    found = _PRELOADED.get(arg)
    return found if found is not None else preload(arg)


def grade_job(state: WorkerState, job: Job) -> tuple:
    """Grade one sheet: `("ok", Rendered, parts_out_of_time)` or `("error", line, message)`.

    `job` is `(path, display, stage)` or `(path, display, stage, data)`: `data`, the
    sheet's bytes as the batch read them to make its cache key, is what is graded (the
    file is not read twice, and the report cached under that key is of those bytes);
    without it the worker reads the file (and says what is wrong with it). The worker
    also renders the student's files (`<id>.json`, `feedback/<id>.md`), so that work is
    spread over the workers too, and with a `stage` name and a staging folder it writes
    them there as `<stage>.json` and `<stage>.md`: the batch then moves each into place
    (a rename) instead of writing it after the whole class is graded. The batch
    re-renders only the few reports an override changes.

    The engine stops a check that runs past the sheet's time limit (that part becomes
    invalid and flagged for review); the parts it stopped are returned so the batch
    reports them in errors.csv and does not cache a result that may be the machine's
    fault. The pool kills a worker that cannot be stopped that way."""
    from examgrade.engine import grade_sheet
    from examgrade.report import build_report
    from examgrade.sheet import load_sheet, parse_sheet

    path, display, stage, *rest = job
    data = rest[0] if rest else None
    try:
        if data is not None:
            sheet = parse_sheet(data, display, state.rubrics.keys)
        else:
            sheet = load_sheet(path, display, state.rubrics.keys)
        graded = grade_sheet(sheet, state.rubrics, time_limit=state.time_limit, memo=state.memo)
        report = build_report(graded)
        rendered = render(report, state.rubrics, state.level, _group_keys(sheet, report, state))
        if stage is not None and state.staging is not None:
            rendered = _stage(rendered, state.staging, stage)
        return ("ok", rendered, _out_of_time(graded))
    except ExamgradeError as error:
        return ("error", error.location.line, error.message)
    except Exception as error:  # a bug must cost one sheet, not the batch
        return ("error", None, Message("batch.internal_error", {"error": type(error).__name__}))


@dataclass(frozen=True)
class Rendered:
    """A report and the two files written from it: the JSON and the student's feedback,
    as the UTF-8 bytes written; `staged` is where a worker wrote them already
    (`<staged>.json`, `<staged>.md`). Bytes, not text: the batch keeps a class of them,
    and a report's text with one character past Latin-1 (`✓`) took two bytes a
    character, three once orjson had read it (it keeps a UTF-8 copy inside the str)."""

    report: Report
    text: bytes
    feedback: bytes
    staged: Path | None = None
    groups: bytes = b"{}"  # JSON: part -> [answer group key, answer on one line]
    digest: str | None = None  # set by `light`: the text's digest, the text let go

    def light(self) -> Rendered:
        """The same, without the two files' bytes, once they are staged and in the
        cache: a class of 10,000 held 340 MB of them until its files were moved into
        place. What is left says where they are (`staged`) and the text's digest."""
        digest = hashlib.sha256(self.text).hexdigest()
        return Rendered(self.report, b"", b"", self.staged, self.groups, digest)

    def __reduce__(self) -> tuple[Any, ...]:
        """Sent from a worker as its JSON text, which the report is read back from (the
        same report: a cached one is read so too), not as the report's objects again."""
        return (_from_text, (self.text, self.feedback, self.staged, self.groups))


#: One str per value across the reports a batch gathers (`share_strings`), and one
#: question report per distinct question (`shared_report`); the batch empties both
#: (`clear_shared`) before and after a class.
SHARED: dict[str, str] = {}
SHARED_QUESTIONS: dict[bytes, QuestionReport] = {}
#: The same by the digest of a question's lines in a report's text: (key, question).
SHARED_QUESTIONS_BY_TEXT: dict[bytes, tuple[str, QuestionReport]] = {}


def clear_shared() -> None:
    SHARED.clear()
    SHARED_QUESTIONS.clear()
    SHARED_QUESTIONS_BY_TEXT.clear()


def _from_text(
    text: bytes, feedback: bytes, staged: Path | None, groups: bytes = b"{}"
) -> Rendered:
    return Rendered(shared_report(text), text, feedback, staged, groups)


def shared_report(text: bytes | str) -> Report:
    """The report of a JSON text, each of its questions the one object of that content
    across the class (`SHARED_QUESTIONS`): a class of 10,000 has 230,000 parts but 1,789
    distinct ones and 6,849 distinct questions, and the batch's process held 24 KB of
    report objects a student (237 MB) until its files were written. Reports are
    frozen, so sharing is unseen by readers; a question is known by a digest of its
    JSON (key order included: equal bytes, equal report).

    A text as `report_json` writes it is not parsed whole: a question already met is
    known by the digest of its own lines, and only new questions and the few lines
    around them are read (parsing every report was three quarters of this, the batch
    process's work on each result: issue 17, i17g2). Any other text is parsed whole."""
    if isinstance(text, bytes):
        spans = _question_spans(text)
        if spans is not None:
            found = _from_spans(text, spans)
            if found is not None:
                return found
    data = orjson.loads(text)
    questions = data.get("questions") if isinstance(data, dict) else None
    if isinstance(questions, dict):  # the rest (student, warnings): its strings shared
        share_strings({k: v for k, v in data.items() if k != "questions"}, SHARED)
    else:  # not a report: report_from_data says why
        share_strings(data, SHARED)
    return report_from_data(data, _shared_question)


_QUESTIONS = b'\n  "questions": {\n'
_QUESTION = b'    "'  # a question's first line: its key, at depth 2 of the indented text
_QUESTION_END = b"\n    }"  # its last: no deeper line is indented so little
_MAX_QUESTIONS = 1_000  # a report has a few; a text with more is parsed whole


def _question_spans(text: bytes) -> tuple[int, int, list[tuple[int, int]]] | None:
    """Where the questions object and each question (`"key": {...}`) lie in a text of
    `json_text`'s layout (two spaces a level, one member a line; a JSON string holds no
    line break, so these lines are the layout's own); None for any other layout."""
    start = text.find(_QUESTIONS)
    if start < 0 or text.count(b'"questions"') != 1:  # one, or as a whole parse reads it
        return None
    position = start + len(_QUESTIONS)
    spans: list[tuple[int, int]] = []
    while len(spans) < _MAX_QUESTIONS:
        if not text.startswith(_QUESTION, position):
            return None
        end = text.find(_QUESTION_END, position)
        if end < 0:
            return None
        end += len(_QUESTION_END)
        spans.append((position, end))
        if text.startswith(b",\n", end):
            position = end + 2
        elif text.startswith(b"\n  }", end):
            return start + len(_QUESTIONS) - 2, end + 4, spans  # from "{" to past "}"
        else:
            return None
    return None


def _from_spans(text: bytes, found: tuple[int, int, list[tuple[int, int]]]) -> Report | None:
    """`shared_report` of a text whose questions lie at `found`; None when a piece is
    not what the layout promised (the caller then parses the text whole)."""
    opening, closing, spans = found
    questions: dict[str, QuestionReport] = {}
    try:
        for begin, end in spans:
            piece = text[begin:end]
            digest = hashlib.blake2b(piece, digest_size=16).digest()
            known = SHARED_QUESTIONS_BY_TEXT.get(digest)
            if known is None:
                member = orjson.loads(b"{" + piece + b"}")
                if not isinstance(member, dict) or len(member) != 1:
                    return None
                ((key, data),) = member.items()
                if not isinstance(data, dict):
                    return None
                known = SHARED_QUESTIONS_BY_TEXT[digest] = (
                    SHARED.setdefault(key, key),
                    _shared_question(data),
                )
            if known[0] in questions:  # a key twice: parsed whole, as JSON reads it
                return None
            questions[known[0]] = known[1]
        rest = orjson.loads(text[:opening] + b"{}" + text[closing:])
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError):
        return None
    if not isinstance(rest, dict) or rest.get("questions") != {}:
        return None
    share_strings(rest, SHARED)
    rest["questions"] = questions
    return report_from_data(rest, _as_is)


def _as_is(question: Any) -> QuestionReport:
    return question


def _shared_question(data: Any) -> QuestionReport:
    digest = hashlib.blake2b(orjson.dumps(data), digest_size=16).digest()
    found = SHARED_QUESTIONS.get(digest)
    if found is None:
        share_strings(data, SHARED)
        found = SHARED_QUESTIONS[digest] = question_from_data(data)
    return found


def share_strings(data: Any, pool: dict[str, str], depth: int = 0) -> None:
    """Make each string of a report the one object of that value in `pool`, in place:
    a class's reports repeat their feedback and statuses thousands of times, and
    orjson makes a new str of every value it reads (a class of 2,000: 118 MB of
    reports became 43). Equal strings, so nothing any reader sees changes. The exact
    types orjson makes are tested first (issue 17, i17g2: a new question's walk, a
    small part of `shared_report`)."""
    if depth > 64:  # reports are a few levels deep; never recurse without bound
        return
    if isinstance(data, dict):
        pairs: Any = data.items()
    elif isinstance(data, list):
        pairs = enumerate(data)
    else:
        return
    setdefault = pool.setdefault
    for key, value in pairs:  # values replaced in place: the dict's size never changes
        kind = type(value)
        if kind is str:
            data[key] = setdefault(value, value)
        elif kind in _PLAIN:
            continue
        elif kind is dict or kind is list:
            share_strings(value, pool, depth + 1)
        elif isinstance(value, str):
            data[key] = setdefault(value, value)
        elif isinstance(value, dict | list):
            share_strings(value, pool, depth + 1)


_PLAIN = frozenset({int, float, bool, type(None)})  # what else a report holds: kept as is


def utf8(text: str | bytes) -> bytes:
    """Text as the bytes of a file (a cache written before Rendered held bytes has str)."""
    return text if isinstance(text, bytes) else text.encode("utf-8")


def render(
    report: Report, rubrics: RubricSet, level: str = "checklist", groups: bytes = b"{}"
) -> Rendered:
    """The report's two files; `level` is what the feedback page shows (`grade --feedback`)."""
    from examgrade.classroom.feedback import feedback_markdown

    page = feedback_markdown(report, rubrics, level)
    return Rendered(report, report_bytes(report), utf8(page), None, groups)


def _group_keys(sheet: Any, report: Report, state: WorkerState) -> bytes:
    """The sheet's answer group key of each part, made here where the sheet is read and
    graded already (the class report and group decisions need them: reading every sheet
    again afterwards cost more than the grouping itself)."""
    from examgrade.classroom.review import report_stands, sheet_group_keys, sheet_targets

    try:
        targets = sheet_targets(state.rubrics)
        keys = sheet_group_keys(sheet, targets, report_stands(report), state.group_memo)
    except Exception:  # a grouping fault costs the sheet its groups, never its grade
        return b"{}"
    return orjson.dumps(keys)


def _stage(rendered: Rendered, staging: Path, stage: str) -> Rendered:
    """Write the two files under this worker's own folder of the staging folder (private
    to this run: a plain write; the batch's rename is what makes them appear whole). A
    folder a worker: creating a file locks its folder, and two workers creating files in
    one folder waited on each other's lock (perf: `rwsem_spin_on_owner`)."""
    folder = staging / f"w{os.getpid()}"
    stem = folder / stage
    try:
        try:
            _write_once(stem.with_suffix(".json"), rendered.text)
        except FileNotFoundError:  # this worker's first sheet: its folder is made once
            folder.mkdir(exist_ok=True)
            _write_once(stem.with_suffix(".json"), rendered.text)
        _write_once(stem.with_suffix(".md"), rendered.feedback)
    except OSError:  # the batch writes them itself
        return rendered
    return Rendered(rendered.report, rendered.text, rendered.feedback, stem, rendered.groups)


def _write_once(path: Path, data: bytes) -> None:
    """One open, write and close (`Path.write_bytes` adds an fstat, an isatty ioctl and
    a seek a file): the mode a plain `open()` gives, which the batch's rename keeps."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _out_of_time(report: Any) -> list[str]:
    """The parts the engine stopped: an item out of time is `invalid` (the engine makes
    it so), so only those items' texts are looked at, not every text of every part."""
    return [
        f"{question.key}.{part.key}"
        for question in report.questions
        for part in question.parts
        if any(
            getattr(text, "code", None) == "engine.time_limit"
            for item in part.items
            if item.outcome.status == "invalid"
            for text in item.outcome.feedback
        )
    ]
