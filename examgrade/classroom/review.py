"""The review queue of a graded folder: what a person should look at, and their decisions.

Pure Python, no terminal: `examgrade review` (the Textual application, `--list`,
`--set`) is a view over it, and the tests drive it directly.

- **The queue**, in the order that saves the most work: the parts examgrade marked for
  review, the `invalid` parts, then the largest answer groups of each part (one decision
  sets many grades). Review and invalid items come from the folder's `<id>.json`
  reports alone, so opening a class is quick; groups need the sheets (read once for
  every part) and are added when they are computed.
- **Decisions** go at once into the folder's overrides file (the CSV `grade --overrides`
  reads), rewritten atomically on each one: quitting at any moment loses nothing and
  the next `grade` applies them. A decision on a group also becomes a rule in
  `review-groups.json`, so a student whose answer joins the group later gets the same
  score when the queue is next opened. Undo restores the rows (and rule) a decision
  replaced.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import orjson

from examgrade.classroom.atomic import write_atomic
from examgrade.classroom.cache import STORE_NAME
from examgrade.classroom.overrides import Override, load_overrides
from examgrade.errors import ExamgradeError, Location, UsageError
from examgrade.per_object import PerObject
from examgrade.report import Report, ReportError, number, override_data, read_report
from examgrade.rubric import RubricSet

OVERRIDES_NAME = "overrides.csv"
RULES_NAME = "review-groups.json"
SKIPS_NAME = "review-skips.json"  # beside the overrides file: items put off for later
STEP = 0.5  # points are set in half points, as the rubrics give them
GROUPS_PER_PART = 5  # the largest groups of each part worth a decision
MIN_GROUP = 2
KINDS = ("review", "invalid", "group")
MAX_COMMENT = 500


@dataclass(frozen=True)
class Entry:
    """One student's graded part, as the report says (the automatic score, before any
    person's override); `fields` holds each field's (status, known mistake)."""

    student: str
    name: str
    lang: str
    part: str  # q6.b
    status: str
    score: float
    max: float
    review: bool
    mistake: str | None
    fields: dict[str, tuple[str, str | None]]
    override: dict[str, Any] | None


@dataclass
class Item:
    """One thing to decide: a student's part (`review`, `invalid`) or an answer group."""

    kind: str
    part: str
    students: tuple[str, ...]
    status: str
    score: float
    max: float
    langs: frozenset[str]
    key: str  # the student id, or the group's fingerprint as text
    spellings: tuple[tuple[str, int], ...] = ()

    @property
    def ident(self) -> str:
        return f"{self.kind}:{self.part}:{self.key}"

    @property
    def question(self) -> str:
        return self.part.partition(".")[0]

    @property
    def count(self) -> int:
        return len(self.students)


@dataclass(frozen=True)
class Filters:
    """What the queue shows; None or "" means any. `student` matches a part of the id or name."""

    question: str | None = None
    part: str | None = None
    status: str | None = None  # a kind (review, invalid, group) or a part status
    lang: str | None = None
    student: str | None = None
    decided: bool = False  # show decided items too


def _store_rows(out: Path) -> tuple[dict[str, str], dict[str, str], str, str]:
    """The store's meta, each student's sheet file, the key of the last run's reports
    (a hash of their digests: what the review index was made from) and the key of the
    answer groups (the reports, the sheets' bytes, the rubrics and examgrade)."""
    import sqlite3

    path = out / STORE_NAME
    if not path.is_file():
        return {}, {}, "", ""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            query = "SELECT id, file, digest, sheet_key FROM previous ORDER BY id"
            rows = db.execute(query).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return {}, {}, "", ""
    key = index_key((i, d) for i, _, d, _ in rows)
    found = groups_key(key, {i: s for i, _, _, s in rows}, meta)
    return meta, {i: f for i, f, _, _ in rows}, key, found


def groups_key(reports_key: str, sheets: dict[str, str | None], meta: dict[str, str]) -> str:
    """What the answer groups were made from: the reports, the sheets, the rubrics and
    examgrade (`grade` keeps the groups it made under it, `review` reuses them)."""
    extra = [meta.get("code_digest"), meta.get("rubric_digest"), GROUPS_PER_PART, MIN_GROUP]
    keyed = index_key((i, f"{s}{extra}") for i, s in sheets.items())
    return index_key([(reports_key, keyed)])


def index_key(digests: Iterable[tuple[str, str]]) -> str:
    """The last run's reports, as one hash of each student's report digest."""
    import hashlib

    text = "".join(f"{i}\0{d}\n" for i, d in sorted(digests))
    return hashlib.sha256(text.encode()).hexdigest()


def review_index(reports: Iterable[Report]) -> dict[str, Any]:
    """What the queue needs of each report, small: per student its name and language,
    per part its automatic status, score, max, review mark, known mistakes and override.
    Kept by `grade` in the store so opening a class does not parse every report."""
    students: dict[str, Any] = {}
    # a row per part object, shared by every student whose report holds that object
    # (`worker.shared_report`: 230,000 parts, 1,789 distinct in a class of 10,000; rows
    # made per student were ~7 KB a student, kept to the end). Rows are only read.
    rows: dict[tuple[int, bool], tuple[Any, list]] = {}
    for report in reports:
        info = report.student
        review = set(report.review)
        parts = {}
        for label, part in report.parts().items():
            flagged = bool(part.review or label in review)
            kept = rows.get((id(part), flagged))
            if kept is None or kept[0] is not part:  # the part kept: its id stays its own
                kept = rows[(id(part), flagged)] = (part, _index_row(part, flagged))
            parts[label] = kept[1]
        students[str(info.id)] = [info.name or "", info.lang or "en", parts]
    return students


def _index_row(part: Any, flagged: bool) -> list:
    """One part's row of `review_index`."""
    fields = {name: [data.status, data.mistake] for name, data in (part.fields or {}).items()}
    return [
        part.status,
        part.score,
        part.max,
        flagged,
        part.mistake,
        fields,
        override_data(part.override) if part.override else None,
    ]


INDEX_META = "review_index"
INDEX_VERSION = 2  # the index's shape: another version is ignored (rebuilt from the reports)


def index_text(students: dict[str, Any], key: str) -> str:
    """The index as the store keeps it; `students` is `review_index(reports)`."""
    data = {"version": INDEX_VERSION, "key": key, "students": students}
    return orjson.dumps(data).decode()


def _without_gc(function: Any, *args: Any) -> Any:
    """Call without the cyclic collector: parsing the index makes ~10⁵ objects at once,
    none in a cycle, and each collection it would trigger walks the whole heap."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        return function(*args)
    finally:
        if enabled:
            gc.enable()


class Entries:
    """Each student's graded parts, `(student, part) -> Entry`, made when first asked
    for: a class has tens of thousands and the queue needs only a few of them."""

    def __init__(self, students: dict[str, Any]) -> None:
        self._students = students
        self._made: dict[tuple[str, str], Entry] = {}

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        found = self._students.get(key[0])
        return found is not None and key[1] in found[2]

    def __getitem__(self, key: tuple[str, str]) -> Entry:
        made = self._made.get(key)
        if made is None:
            name, lang, parts = self._students[key[0]]
            status, score, top, review, mistake, fields, over = parts[key[1]]
            if over is not None:  # the automatic score, kept beside the person's
                score, status = over.get("original") or 0, over.get("original_status")
            made = self._made[key] = Entry(
                key[0],
                name,
                lang,
                key[1],
                status or "missing",
                float(score),
                float(top),
                review,
                mistake,
                {f: (v[0], v[1]) for f, v in fields.items()},
                over,
            )
        return made

    def get(self, key: tuple[str, str]) -> Entry | None:
        if key not in self:
            return None
        return self[key]

    def verdict(self, student: str, label: str) -> tuple[str, float, str] | None:
        """The automatic (status, score) of a part and the student's language, without
        making its `Entry` (grouping a class asks this of every part of every student)."""
        found = self._students.get(student)
        data = found[2].get(label) if found is not None else None
        if data is None:
            return None
        status, score, over = data[0], data[1], data[6]
        if over is not None:
            score, status = over.get("original") or 0, over.get("original_status")
        return status or "missing", float(score), found[1]

    def flagged(self) -> Iterator[Entry]:
        """The parts marked for review or `invalid` (before any override)."""
        for student, (_, _, parts) in self._students.items():
            for label, data in parts.items():
                over = data[6]
                status = data[0] if over is None else over.get("original_status")
                if data[3] or status == "invalid":
                    yield self[(student, label)]


class GradedClass:
    """A graded folder as the review sees it: every student's graded parts. They come
    from the index `grade` keeps in the store when it matches the last run, else from
    the `<id>.json` reports (slower: each is parsed whole)."""

    def __init__(self, out: Path, rubrics: RubricSet) -> None:
        self.out = out
        self.rubrics = rubrics
        grades = out / "grades.csv"
        if not grades.is_file():
            raise UsageError("review.not_graded", {}, Location(str(out)))
        meta, self.files, key, self.groups_key = _store_rows(out)
        self.saved_groups = meta.get(GROUPS_META)
        self._last_sheet: tuple[str | None, Any] = (None, None)
        self.options: dict[str, Any] = json.loads(meta["options"]) if meta.get("options") else {}
        self.options["overrides_file"] = meta.get("overrides_file")
        index = _without_gc(orjson.loads, meta.get(INDEX_META) or "{}")
        if key and index.get("key") == key and index.get("version") == INDEX_VERSION:
            students = index["students"]
        else:
            students = review_index(self._reports(grades))
        self.students: dict[str, tuple[str, str]] = {
            student: (name, lang) for student, (name, lang, _) in students.items()
        }
        self.entries = Entries(students)

    def _reports(self, grades: Path) -> Iterator[Report]:
        with grades.open(encoding="utf-8-sig", newline="") as handle:
            ids = [row["id"] for row in csv.DictReader(handle) if row.get("id")]
        for student in ids:
            found = self.report(student)
            if found is not None:  # grades.csv and the reports are written by the same run
                yield found

    def report(self, student: str) -> Report | None:
        """One student's whole report (its feedback), read when its item is shown."""
        try:
            return read_report((self.out / f"{student}.json").read_bytes())
        except (OSError, ReportError):
            return None

    def feedback(self, student: str, label: str) -> dict[str, str]:
        qkey, _, pkey = label.partition(".")
        report = self.report(student)
        question = report.questions.get(qkey) if report is not None else None
        part = question.parts.get(pkey) if question is not None else None
        return dict(part.feedback) if part is not None else {}

    def part_max(self, label: str) -> float:
        qkey, _, pkey = label.partition(".")
        question = self.rubrics.questions.get(qkey)
        part = question.part(pkey) if question else None
        return float(part.points) if part else 0.0

    def sheet_path(self, student: str) -> Path | None:
        """Where the student's sheet was when the folder was graded."""
        file = self.files.get(student)
        if not file:
            return None
        path = Path(file)
        if not path.is_absolute():
            path = Path(self.options.get("cwd") or ".") / path
        return path

    def sheet_node(self, student: str, label: str) -> Any:
        """The student's answer to a part as a located node (None if the sheet is gone)."""
        from examgrade.engine import descend

        sheet = self._sheet(student)
        if sheet is None:
            return None
        qkey, _, pkey = label.partition(".")
        return descend(sheet.answers.get(qkey), tuple(pkey.split(".")))

    def readings(self, student: str, label: str) -> list[tuple[str, str | None, Any]]:
        """How examgrade read each math field of the part: (field, reading, error)."""
        from examgrade.validate import validate_sheet

        sheet = self._sheet(student)
        if sheet is None:
            return []
        return [
            (r.label.removeprefix(label).lstrip(":") or label, r.reading, r.error)
            for r in validate_sheet(sheet, self.rubrics)
            if r.label == label or r.label.startswith((label + ":", label + "["))
        ]

    def _sheet(self, student: str) -> Any:
        """The student's sheet as `grade` read it (the last one asked for is kept)."""
        from examgrade.sheet import load_sheet

        last = self._last_sheet  # one read: the review reads math in a thread too
        if last[0] == student:
            return last[1]
        path = self.sheet_path(student)
        sheet = None
        if path is not None and path.is_file():
            try:
                sheet = load_sheet(path, str(path))
            except (ExamgradeError, OSError):
                sheet = None
        self._last_sheet = (student, sheet)
        return sheet


def answer_text(node: Any) -> str:
    """A student's answer as written: text keeps its lines; a mapping one field a line."""
    from examgrade.nodes import Broken, Mapping, Scalar

    if node is None:
        return "—"
    if isinstance(node, Scalar):
        return node.text.strip() or "—"
    if isinstance(node, Mapping):
        return "\n".join(f"{k}: {answer_text(v)}" for k, v in node.entries.items())
    if isinstance(node, Broken):
        return f"<{node.error.code}>"
    from examgrade.classroom.groups import shown

    return shown(node)


# ---- answer groups -------------------------------------------------------------------


@dataclass
class _Group:
    students: list[str] = field(default_factory=list)
    spellings: dict[str, int] = field(default_factory=dict)
    statuses: dict[tuple[str, float], int] = field(default_factory=dict)
    langs: set[str] = field(default_factory=set)


class _Stand:
    """The outcome `groups.fingerprint` needs for kinds without a fingerprint, from the
    report: its status and known mistake (the report is how the rubric graded it)."""

    def __init__(self, status: str, mistake: str | None) -> None:
        self.status = status
        self.mistake = mistake


GROUPS_META = "review_groups"


def class_groups(klass: GradedClass) -> list[Item]:
    """The largest answer groups of every part: the ones kept in the store when the
    sheets, reports, rubrics and examgrade are those they were made from, else read
    from the sheets (and kept)."""
    if klass.saved_groups and klass.groups_key:
        saved = orjson.loads(klass.saved_groups)
        if saved.get("key") == klass.groups_key:
            return [_item_from(row) for row in saved["items"]]
    groups = read_groups(klass)
    if klass.groups_key:
        rows = [item_row(i) for i in groups]
        text = orjson.dumps({"key": klass.groups_key, "items": rows}).decode()
        _save_meta(klass.out, GROUPS_META, text)
    return groups


def item_row(item: Item) -> dict[str, Any]:
    row = asdict(item)
    row["langs"] = sorted(item.langs)
    return row


def group_items(rows: list[dict[str, Any]]) -> list[Item]:
    """The answer groups as `item_row` keeps them in the store."""
    return [_item_from(row) for row in rows]


def _item_from(row: dict[str, Any]) -> Item:
    row["students"] = tuple(row["students"])
    row["langs"] = frozenset(row["langs"])
    row["spellings"] = tuple((t, n) for t, n in row["spellings"])
    return Item(**row)


def _save_meta(out: Path, key: str, value: str) -> None:
    """Keep a result in the folder's store; a folder we may not write is no error."""
    import sqlite3

    try:
        db = sqlite3.connect(out / STORE_NAME, timeout=5)
        try:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            db.commit()
        finally:
            db.close()
    except sqlite3.Error:
        pass


def group_targets(rubrics: RubricSet) -> list[Any]:
    """The parts answer groups are made for: every part not pending."""
    from examgrade.classroom.groups import Target

    return [
        Target(question, part)
        for question in rubrics.questions.values()
        for part in question.parts
        if not part.pending
    ]


Stands = dict[str, tuple[str, str | None, dict[str, tuple[str, str | None]]]]
MAX_MEMO = 100_000


def sheet_group_keys(
    sheet: Any, targets: Sequence[Any], stands: Stands, memo: dict[tuple, Hashable]
) -> dict[str, tuple[str, str]]:
    """Each part's answer group key (as text) and the answer on one line, for one sheet.
    `stands` holds each part's automatic (status, mistake, fields) as the report says:
    the grading decides which kinds of answers are equivalent. `grade`'s workers call it
    on the sheet they have just graded, `review` on a sheet read again: one function, so
    a group decided in `review` is the group `grade` applies the decision to."""
    from examgrade.classroom.groups import fingerprint, normalized, read_as_text, shown
    from examgrade.engine import answer_for, descend

    if len(memo) > MAX_MEMO:
        memo.clear()
    found: dict[str, tuple[str, str]] = {}
    for target in targets:
        label, question_key, path, items = _plan(target)
        stand = stands.get(label)
        if stand is None:
            continue
        part_status, part_mistake, fields = stand
        node = descend(sheet.answers.get(question_key), path)
        key_parts, texts = [], []
        for item in items:
            answer = answer_for(item, target.part, node)
            status, mistake = fields.get(item.field or "", (part_status, part_mistake))
            text = shown(answer)
            # a class repeats itself: each distinct answer of an item is read once; free
            # text is keyed on its own text, cheaply, and nearly never repeated: a worker
            # of 5,000 sheets kept 16 MB of it until the memo was full (issue 17, memory)
            memo_key = (label, item.field, type(answer), text, status, mistake)
            found_key = normalized(answer) if read_as_text(item) else memo.get(memo_key)
            if found_key is None:
                found_key = memo[memo_key] = fingerprint(
                    item,
                    answer,
                    target,
                    _Stand(status, mistake),  # type: ignore[arg-type]
                )
            key_parts.append((item.field, found_key))
            texts.append(text if len(items) == 1 else f"{item.field}: {text}")
        found[label] = (repr(tuple(key_parts)), "; ".join(texts))
    return found


def _new_plan(target: Any) -> tuple[str, str, tuple[str, ...], list[Any]]:
    """What `sheet_group_keys` needs of a target whatever the sheet: its label, question,
    path and items (made once per target, not per sheet and part: issue 17)."""
    from examgrade.classroom.groups import target_items

    return target.label, target.question.key, target.part.path, target_items(target)


_plan: PerObject[Any, tuple[str, str, tuple[str, ...], list[Any]]] = PerObject(_new_plan, 4096)
_targets: PerObject[RubricSet, list[Any]] = PerObject(lambda rubrics: group_targets(rubrics), 16)


def sheet_targets(rubrics: RubricSet) -> list[Any]:
    """`group_targets` of these rubrics, the same list for every sheet a worker groups:
    each target's plan is then made once (`_plan`). Not to be changed by the caller."""
    return _targets(rubrics)


def report_stands(report: Report) -> Stands:
    """Each part's automatic (status, mistake, fields) from a report before overrides."""
    stands: Stands = {}
    for label, part in report.parts().items():
        fields = {name: (data.status, data.mistake) for name, data in (part.fields or {}).items()}
        stands[label] = (part.status or "missing", part.mistake, fields)
    return stands


def read_groups(
    klass: GradedClass, per_part: int = GROUPS_PER_PART, minimum: int = MIN_GROUP
) -> list[Item]:
    """The largest answer groups of every part, each sheet read once (not per part)."""
    from examgrade.sheet import load_sheet

    targets = group_targets(klass.rubrics)
    keys: dict[str, dict[str, tuple[str, str]]] = {}
    memo: dict[tuple, Hashable] = {}
    for student in klass.students:
        path = klass.sheet_path(student)
        if path is None:
            continue
        try:
            sheet = load_sheet(path, str(path))
        except (ExamgradeError, OSError):
            continue
        stands: Stands = {}
        for target in targets:
            entry = klass.entries.get((student, target.label))
            if entry is not None:
                stands[target.label] = (entry.status, entry.mistake, entry.fields)
        keys[student] = sheet_group_keys(sheet, targets, stands, memo)
    return build_groups(klass.rubrics, keys, klass.entries, per_part, minimum)


def build_groups(
    rubrics: RubricSet,
    keys: dict[str, dict[str, tuple[str, str]]],
    entries: Entries,
    per_part: int = GROUPS_PER_PART,
    minimum: int = MIN_GROUP,
) -> list[Item]:
    """The largest groups of each part from each student's group keys; `entries` (an
    `Entries`) gives each part's automatic verdict."""
    targets = group_targets(rubrics)
    found: dict[str, dict[str, _Group]] = {t.label: {} for t in targets}
    for student, parts in keys.items():
        for label, (key, text) in parts.items():
            known = entries.verdict(student, label)
            if known is None or label not in found:
                continue
            group = found[label].setdefault(key, _Group())
            group.students.append(student)
            group.langs.add(known[2])
            group.spellings[text] = group.spellings.get(text, 0) + 1
            verdict = known[:2]
            group.statuses[verdict] = group.statuses.get(verdict, 0) + 1
    out: list[Item] = []
    for target in targets:
        ranked = sorted(found[target.label].items(), key=lambda kv: -len(kv[1].students))
        for key, group in ranked[:per_part]:
            if len(group.students) < minimum:
                break
            status, score = max(group.statuses.items(), key=lambda kv: kv[1])[0]
            spellings = sorted(group.spellings.items(), key=lambda kv: (-kv[1], kv[0]))
            out.append(
                Item(
                    "group",
                    target.label,
                    tuple(group.students),
                    status,
                    score,
                    float(target.part.points),
                    frozenset(group.langs),
                    key,
                    tuple(spellings[:5]),
                )
            )
    return sorted(out, key=lambda i: -i.count)


# ---- decisions -----------------------------------------------------------------------


def typed_points(text: str, part: str) -> float:
    """Points as a person types them: `1.5` or `1,5`; nan, inf and words are refused."""
    try:
        points = float(text.strip().replace(",", "."))
    except ValueError:
        points = math.nan
    if not math.isfinite(points) or "_" in text:
        raise UsageError("review.not_a_number", {"part": part, "value": text})
    return points


def check_points(points: float, maximum: float, part: str) -> None:
    """A person's points: within 0…max, in half points."""
    if not 0 <= points <= maximum + 1e-9 or abs(points / STEP - round(points / STEP)) > 1e-9:
        raise UsageError(
            "review.bad_points", {"part": part, "points": number(points), "max": number(maximum)}
        )


class Ledger:
    """The folder's overrides file and group rules, rewritten atomically on each decision;
    every decision can be undone (in this session) back to the rows it replaced."""

    def __init__(
        self, out: Path, rubrics: RubricSet, path: Path | None = None, seed: Path | None = None
    ) -> None:
        self.path = path or out / OVERRIDES_NAME
        self.rules_path = out / RULES_NAME
        self.rubrics = rubrics
        self.rows: dict[tuple[str, str], Override] = {}
        self._stamp: tuple[int, int] | None = None
        if not self.path.is_file() and seed is not None and seed.is_file():
            # grade's overrides are a YAML file: its rows go into the CSV with the first
            # decision, so the regrade, which reads the CSV, drops none of them
            self.rows = {(r.student, r.part): r for r in load_overrides(seed, rubrics)}
        self._reload()
        self.rules = read_rules(self.rules_path)
        self.skips_path = self.path.parent / SKIPS_NAME
        self.skips: dict[str, str] = _read_skips(self.skips_path)  # item ident -> grader
        self._undo: list[tuple[dict[tuple[str, str], Override | None], dict[tuple, Any]]] = []

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            status = self.path.stat()
        except OSError:
            return None
        return (status.st_mtime_ns, status.st_size)

    def _reload(self) -> None:
        """Read the file again when someone else changed it (a hand edit, another
        reviewer on the same folder): their rows are kept, not overwritten."""
        stamp = self._file_stamp()
        if stamp is None or stamp == self._stamp:
            return
        self.rows = {(r.student, r.part): r for r in load_overrides(self.path, self.rubrics)}
        self._stamp = stamp

    def get(self, student: str, part: str) -> Override | None:
        return self.rows.get((student, part))

    def record(
        self,
        rows: Iterable[Override],
        rule: dict[str, Any] | None = None,
    ) -> int:
        """Set these rows (and a group's rule) as one decision; returns the rows written."""
        self._reload()
        before: dict[tuple[str, str], Override | None] = {}
        for row in rows:
            key = (row.student, row.part)
            before.setdefault(key, self.rows.get(key))
            self.rows[key] = row
        rules_before: dict[tuple, Any] = {}
        if rule is not None:
            rkey = (rule["part"], rule["key"])
            rules_before[rkey] = self.rules.get(rkey)
            self.rules[rkey] = rule
        if before or rules_before:
            self._undo.append((before, rules_before))
            self._save(bool(rules_before))
        return len(before)

    def undo(self) -> bool:
        """Put back what the last decision replaced; False when there is nothing to undo."""
        if not self._undo:
            return False
        self._reload()
        before, rules_before = self._undo.pop()
        for key, row in before.items():
            if row is None:
                self.rows.pop(key, None)
            else:
                self.rows[key] = row
        for rkey, rule in rules_before.items():
            if rule is None:
                self.rules.pop(rkey, None)
            else:
                self.rules[rkey] = rule
        self._save(bool(rules_before))
        return True

    def skip(self, ident: str, grader: str) -> None:
        """Remember that this item was put off, so that the next session shows it after
        the others, not first again. Skips are not decisions: undo leaves them."""
        if ident in self.skips:
            return
        self.skips[ident] = grader
        rows = [{"item": key, "grader": who} for key, who in self.skips.items()]
        write_atomic(self.skips_path, json.dumps(rows, ensure_ascii=False, indent=1) + "\n")

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def _save(self, rules: bool) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["student", "part", "points", "comment", "grader"])
        for row in self.rows.values():
            writer.writerow([row.student, row.part, number(row.points), row.comment, row.grader])
        write_atomic(self.path, buffer.getvalue())
        self._stamp = self._file_stamp()
        if rules:
            write_atomic(
                self.rules_path,
                json.dumps(list(self.rules.values()), ensure_ascii=False, indent=1) + "\n",
            )


def _read_skips(path: Path) -> dict[str, str]:
    """The items skipped in earlier sessions; a broken file only loses the skips (they
    order the queue, they decide nothing)."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
        return {str(r["item"]): str(r.get("grader") or "") for r in rows}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def read_rules(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The group decisions of `review-groups.json`, by (part, group key)."""
    rules: dict[tuple[str, str], dict[str, Any]] = {}
    if not path.is_file():
        return rules
    try:
        for rule in json.loads(path.read_text(encoding="utf-8")):
            rules[(str(rule["part"]), str(rule["key"]))] = rule
            float(rule["points"])
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError("review.rules_unreadable", {}, Location(str(path))) from None
    return rules


def rule_overrides(
    path: Path,
    rules: dict[tuple[str, str], dict[str, Any]],
    rubrics: RubricSet,
    keys: dict[str, dict[str, tuple[str, str]]],
    overrides: Iterable[Override],
) -> list[Override]:
    """The group decisions of `DIR/review-groups.json` for every student whose answer is
    in a decided group and whose part no person has scored: `grade` applies them as
    overrides, so a student who joins a decided group gets its decision at once. A rule
    whose part is gone or whose points no longer fit the part is left out. `rules` are
    `read_rules(path)`, read before grading (a broken file stops the run at once)."""
    if not rules:
        return []
    taken = {(o.student, o.part) for o in overrides}
    found = []
    for student, parts in keys.items():
        for label, (key, _) in parts.items():
            rule = rules.get((label, key))
            if rule is None or (student, label) in taken:
                continue
            qkey, _, pkey = label.partition(".")
            question = rubrics.questions.get(qkey)
            part = question.part(pkey) if question else None
            points = float(rule["points"])
            if part is None or not 0 <= points <= part.points:
                continue
            comment, grader = str(rule.get("comment") or ""), str(rule.get("grader") or "")
            found.append(Override(student, label, points, comment, grader, str(path)))
    return found


# ---- the queue -----------------------------------------------------------------------


class ReviewQueue:
    """The items to decide, in order, with the ledger that holds the decisions."""

    def __init__(self, klass: GradedClass, ledger: Ledger, grader: str) -> None:
        self.klass = klass
        self.ledger = ledger
        self.grader = grader
        self.items: list[Item] = []
        self.groups_ready = False
        singles = []
        for entry in klass.entries.flagged():
            if entry.review:
                kind = "review"
            elif entry.status == "invalid":
                kind = "invalid"
            else:
                continue
            singles.append(
                Item(
                    kind,
                    entry.part,
                    (entry.student,),
                    entry.status,
                    entry.score,
                    entry.max,
                    frozenset({entry.lang}),
                    entry.student,
                )
            )
        rank = {k: i for i, k in enumerate(KINDS)}
        self.items = sorted(singles, key=lambda i: (rank[i.kind], part_rank(i.part), i.key))
        self._skipped_last()

    def _skipped_last(self) -> None:
        """Items skipped in an earlier session come after all the others, in their order."""
        self.items.sort(key=self.skipped)

    def skipped(self, item: Item) -> bool:
        return item.ident in self.ledger.skips

    def skip(self, item: Item) -> None:
        """Put the item off: kept in the skips file, it comes last when the queue next opens."""
        self.ledger.skip(item.ident, self.grader)

    def add_groups(self, groups: Sequence[Item]) -> int:
        """Append the answer groups; a saved group rule reaches members that joined it
        since (their rows are written now). Returns the number of rows so written."""
        self.items = [i for i in self.items if i.kind != "group"] + list(groups)
        self._skipped_last()
        self.groups_ready = True
        rows = []
        for item in groups:
            rule = self.ledger.rules.get((item.part, item.key))
            if rule is None:
                continue
            for student in item.students:
                if self.ledger.get(student, item.part) is None:
                    rows.append(
                        Override(
                            student,
                            item.part,
                            float(rule["points"]),
                            rule.get("comment", ""),
                            rule.get("grader", ""),
                        )
                    )
        if rows:
            self.ledger.record(rows)
            self.ledger._undo.pop()  # applying a saved rule is not a decision to undo
        return len(rows)

    # -- what is left --
    def decided(self, item: Item) -> bool:
        return all(self.ledger.get(s, item.part) is not None for s in item.students)

    def view(self, filters: Filters = Filters()) -> list[Item]:
        return [i for i in self.items if self.matches(i, filters)]

    def left(self, filters: Filters = Filters()) -> int:
        return sum(not self.decided(i) for i in self.items if self.matches(i, filters, True))

    def matches(self, item: Item, f: Filters, any_decision: bool = False) -> bool:
        if f.question and item.question != f.question.lower():
            return False
        if f.part and item.part != f.part.lower():
            return False
        if f.status and f.status not in (item.kind, item.status):
            return False
        if f.lang and f.lang not in item.langs:
            return False
        if f.student:
            needle = f.student.casefold()
            if not any(
                needle in s.casefold()
                or needle in self.klass.entries[(s, item.part)].name.casefold()
                for s in item.students
            ):
                return False
        return any_decision or f.decided or not self.decided(item)

    # -- decisions --
    def accept(self, item: Item, comment: str = "") -> int:
        """Each student keeps the automatic score, now confirmed by a person."""
        rows = [
            Override(s, item.part, self.klass.entries[(s, item.part)].score, comment, self.grader)
            for s in item.students
        ]
        return self.ledger.record(rows, self._rule(item, None, comment))

    def set_points(self, item: Item, points: float, comment: str) -> int:
        """Every student of the item gets these points (a group: present and future)."""
        check_points(points, self.klass.part_max(item.part), item.part)
        comment = comment.strip()[:MAX_COMMENT]
        rows = [Override(s, item.part, points, comment, self.grader) for s in item.students]
        return self.ledger.record(rows, self._rule(item, points, comment))

    def _rule(self, item: Item, points: float | None, comment: str) -> dict[str, Any] | None:
        if item.kind != "group":
            return None
        return {
            "part": item.part,
            "key": item.key,
            "points": item.score if points is None else points,
            "comment": comment,
            "grader": self.grader,
            "example": item.spellings[0][0] if item.spellings else "",
        }

    def undo(self) -> bool:
        return self.ledger.undo()


def part_rank(label: str) -> tuple:
    qkey, _, pkey = label.partition(".")
    return (int(qkey[1:]) if qkey[1:].isdigit() else 99, pkey)


def open_queue(
    out: Path, rubrics: RubricSet, grader: str, overrides: Path | None = None
) -> ReviewQueue:
    """The queue of a graded folder, its decisions read from the overrides file: the one
    given, else the one `grade` last used, else `DIR/overrides.csv`."""
    if not out.is_dir():
        raise UsageError("batch.no_folder", {}, Location(str(out)))
    klass = GradedClass(out, rubrics)
    path, seed = overrides, None
    remembered = klass.options.get("overrides_file")
    if path is None and remembered:
        if Path(remembered).suffix.lower() in (".yaml", ".yml"):
            seed = Path(remembered)
        else:
            path = Path(remembered)
    return ReviewQueue(klass, Ledger(out, rubrics, path, seed), grader)


def default_grader() -> str:
    for name in ("EXAMGRADE_GRADER", "USER", "USERNAME", "LOGNAME"):
        if os.environ.get(name):
            return os.environ[name]
    return "grader"


# ---- plain mode and regrade ----------------------------------------------------------


def queue_rows(queue: ReviewQueue, filters: Filters = Filters()) -> Iterator[dict[str, Any]]:
    """The queue as plain data, for `--list` and `--json`."""
    for index, item in enumerate(queue.view(filters), 1):
        yield {
            "n": index,
            "kind": item.kind,
            "part": item.part,
            "students": list(item.students),
            "count": item.count,
            "status": item.status,
            "score": number(item.score),
            "max": number(item.max),
            "langs": sorted(item.langs),
            "answer": item.spellings[0][0] if item.spellings else None,
            "decided": queue.decided(item),
            "skipped": queue.skipped(item),
        }


def regrade_command(klass: GradedClass, overrides: Path, lang: str) -> tuple[list[str], Path]:
    """The `examgrade grade` command that made the folder, with the overrides: run in a
    process of its own (its workers, its progress), from the folder it was run in."""
    import sys

    options = klass.options
    if not options.get("folder"):
        raise UsageError("review.no_source", {}, Location(str(klass.out)))
    command = [sys.executable, "-m", "examgrade", "grade", options["folder"]]
    command += ["--out", str(klass.out.resolve())]
    if overrides.is_file():  # else grade applies the overrides it remembers
        command += ["--overrides", str(overrides.resolve())]
    command += ["--lang", lang, "--time-limit", str(options.get("time_limit", 30.0))]
    if options.get("rubrics"):
        command += ["--rubrics", options["rubrics"]]
    if options.get("export") in ("moodle", "canvas"):
        command += ["--format", options["export"], "--assignment", options.get("assignment", "")]
    return command, Path(options.get("cwd") or ".")


def read_changes(out: Path) -> list[dict[str, str]]:
    """The rows of `changes.csv` (whose total the last run changed)."""
    path = out / "changes.csv"
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def with_comment(row: Override, comment: str) -> Override:
    return replace(row, comment=comment)
