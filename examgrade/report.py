"""The report of one sheet as the contract gives it (section 4): one typed model, its JSON.

`build_report` makes it from the engine's result; `report_json` writes the contract's JSON
text (the only writer: `check --json`, `<id>.json`, the cache) and `read_report` reads it
back (the only reader: the workers' results, the cache, the last run, `review`), so that
a report read back writes the same bytes. Everything after grading (overrides, changes,
statistics, exports, feedback pages, the roster, review) reads these objects, never a
dictionary. Texts are kept as the contract writes them, in both languages
(`{"en": ..., "fr": ...}`); numbers as written (`10`, not `10.0`: see `number`).
"""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from examgrade.i18n import LANGS, Text
from examgrade.per_object import PerObject

if TYPE_CHECKING:  # the engine is not imported to read a report back
    from examgrade.engine import PartResult, QuestionResult, SheetReport

Texts = Mapping[str, str]  # {"en": ..., "fr": ...}
T = TypeVar("T")


def number(value: float) -> int | float:
    """Scores print as 10, not 10.0, and never with float noise; nan and inf (typed by a
    person, e.g. in an overrides file) are shown as they are, for the message that refuses
    them."""
    value = round(value, 2)
    try:
        return int(value) if value == int(value) else value
    except (ValueError, OverflowError):
        return value


def bilingual(text: Text) -> dict[str, str]:
    return {lang: text.render(lang) for lang in LANGS}


def joined(texts: tuple[Text, ...]) -> dict[str, str]:
    return {lang: " ".join(t.render(lang) for t in texts) for lang in LANGS}


@dataclass(frozen=True)
class StudentInfo:
    id: str
    name: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class FieldReport:
    """One field of a part graded item by item (`vanishes_if` of a condition part)."""

    score: float
    max: float
    status: str
    mistake: str | None = None
    awaiting_review: float | None = None


@dataclass(frozen=True)
class PartOverride:
    """A person's score for the part (`examgrade.classroom.overrides`), with the automatic
    score and status it replaced (`original` None, status `not_graded`: there was none)."""

    points: float
    original: float | None
    original_status: str | None
    comment: str
    grader: str


@dataclass(frozen=True)
class PartReport:
    score: float
    max: float
    status: str
    review: bool
    feedback: Texts
    awaiting_review: float | None = None
    confidence: float | None = None
    fields: Mapping[str, FieldReport] | None = None
    mistake: str | None = None
    override: PartOverride | None = None

    def mistakes(self) -> list[str]:
        """The known mistakes the part was found to make (its own, or its fields')."""
        found = [self.mistake] if self.mistake else []
        return found + [f.mistake for f in (self.fields or {}).values() if f.mistake]


@dataclass(frozen=True)
class QuestionReport:
    score: float
    max: float
    parts: Mapping[str, PartReport]


@dataclass(frozen=True)
class Report:
    """One sheet's final report: the contract's object, typed."""

    student: StudentInfo
    score: float
    max: float
    questions: Mapping[str, QuestionReport]
    warnings: tuple[Texts, ...] = ()
    not_graded: tuple[str, ...] = ()
    review: tuple[str, ...] = ()

    def parts(self) -> Mapping[str, PartReport]:
        """Every part by its label (`q1.b`), in report order; made once per report (the
        statistics, the review index and the gradebook each ask), never to be changed."""
        found = self.__dict__.get("_parts")
        if found is None:
            found = self.__dict__["_parts"] = {
                f"{qkey}.{pkey}": part
                for qkey, question in self.questions.items()
                for pkey, part in question.parts.items()
            }
        return found


# -- from the engine ----------------------------------------------------------------------


def _new_part(part: PartResult) -> PartReport:
    """The part's report, one object per content (its JSON, which shows every field and
    number type): a class's students who answered alike in other words get part results
    of equal content (`256x256`, `256 x 256`), and the question reports, texts and pages
    kept per object (`_question`) are then shared by all of them."""
    made = _made_part(part)
    key = orjson.dumps(part_data(made))
    found = _INTERNED.get(key)
    if found is None:
        if len(_INTERNED) >= _MAX_INTERNED:
            _INTERNED.clear()
        found = _INTERNED[key] = made
    return found


_INTERNED: dict[bytes, PartReport] = {}
_MAX_INTERNED = 4096  # a few hundred bytes of JSON a part


def _made_part(part: PartResult) -> PartReport:
    confidences = [
        i.outcome.details["confidence"] for i in part.items if "confidence" in i.outcome.details
    ]
    fields = {i.field: i for i in part.items if i.field}
    mistake = None
    if not fields and part.items and part.items[0].outcome.mistake:
        mistake = part.items[0].outcome.mistake
    return PartReport(
        score=number(part.score),
        max=number(part.max),
        status=part.status,
        review=part.review,
        feedback=joined(part.feedback),
        awaiting_review=number(part.awaiting) if part.awaiting else None,
        confidence=round(min(confidences), 2) if confidences else None,
        fields={
            name: FieldReport(
                score=number(i.outcome.score),
                max=number(i.points),
                status="awaiting_review" if i.outcome.awaiting else i.outcome.status,
                mistake=i.outcome.mistake or None,
                awaiting_review=number(i.outcome.awaiting) if i.outcome.awaiting else None,
            )
            for name, i in fields.items()
        }
        or None,
        mistake=mistake,
    )


# The part's report, once per result object: the engine hands the students whose part has
# the same outcomes the same result (`engine._part_result`), and a report is immutable;
# kept from the second time a result is met (most are met once: 19 MB a worker at 8,192).
_part: PerObject[PartResult, PartReport] = PerObject(_new_part, 8192, second_sight=True)


# A question's report, the same object for the same part reports (one object per content:
# `_new_part`) and score: so the JSON and the page made from it are kept per question
# report object (`report_json`, `feedback`; issue 17, i17q). A worker's realistic class
# of 1,000 sheets: 8,000 questions, 2,247 distinct, 4,992 distinct part result tuples.
_QUESTIONS: dict[tuple, tuple[tuple[PartReport, ...], QuestionReport]] = {}
_MAX_QUESTIONS = 4096


def _question(question: QuestionResult) -> QuestionReport:
    parts = tuple([_part(p) for p in question.parts])
    score, maximum = number(question.score), number(question.max)
    # the parts' keys too: the same part reports under other keys (a rubric edited in
    # the same process) are another question report
    names = tuple([p.key for p in question.parts])
    key = (question.key, names, score, type(score), maximum, type(maximum), tuple(map(id, parts)))
    kept = _QUESTIONS.get(key)
    if kept is not None and all(map(operator.is_, kept[0], parts)):
        return kept[1]
    if len(_QUESTIONS) >= _MAX_QUESTIONS:
        _QUESTIONS.clear()
    made = QuestionReport(
        score, maximum, {p.key: r for p, r in zip(question.parts, parts, strict=True)}
    )
    _QUESTIONS[key] = (parts, made)
    return made


def build_report(report: SheetReport) -> Report:
    """The contract's report of a graded sheet: student, score, max, questions → parts."""
    student = report.student
    return Report(
        student=StudentInfo(student.id, student.name, student.lang),
        score=number(report.score),
        max=number(report.max),
        questions={q.key: _question(q) for q in report.questions},
        warnings=tuple(bilingual(w) for w in report.warnings),
        not_graded=tuple(report.not_graded),
        review=tuple(report.review_parts),
    )


# -- to and from the contract's JSON ------------------------------------------------------


def override_data(override: PartOverride) -> dict[str, Any]:
    return {
        "points": override.points,
        "original": override.original,
        "original_status": override.original_status,
        "comment": override.comment,
        "grader": override.grader,
    }


def _field_data(field: FieldReport) -> dict[str, Any]:
    data: dict[str, Any] = {"score": field.score, "max": field.max, "status": field.status}
    if field.mistake:
        data["mistake"] = field.mistake
    if field.awaiting_review is not None:
        data["awaiting_review"] = field.awaiting_review
    return data


def part_data(part: PartReport) -> dict[str, Any]:
    """A part's object, its keys in the order the contract's files have always had."""
    data: dict[str, Any] = {
        "score": part.score,
        "max": part.max,
        "status": part.status,
        "review": part.review,
        "feedback": dict(part.feedback),
    }
    if part.override is not None and part.override.original_status == "not_graded":
        # a part a person graded that the engine did not: written feedback first, as the
        # overrides always wrote it (a report read back writes the same bytes)
        data = {"feedback": data.pop("feedback"), **data}
    if part.awaiting_review is not None:
        data["awaiting_review"] = part.awaiting_review
    if part.confidence is not None:
        data["confidence"] = part.confidence
    if part.fields:
        data["fields"] = {name: _field_data(f) for name, f in part.fields.items()}
    elif part.mistake:
        data["mistake"] = part.mistake
    if part.override is not None:
        data["override"] = override_data(part.override)
    return data


def question_data(question: QuestionReport) -> dict[str, Any]:
    """A question's object in the contract."""
    return {
        "score": question.score,
        "max": question.max,
        "parts": {pkey: part_data(p) for pkey, p in question.parts.items()},
    }


def report_data(report: Report, questions: bool = True) -> dict[str, Any]:
    """The contract's object (what `report_json` writes); without its questions' objects
    (`questions=False`: an empty one in their place) for `report_json` to stitch in."""
    student = report.student
    return {
        "student": {"id": student.id, "name": student.name, "lang": student.lang},
        "score": report.score,
        "max": report.max,
        "questions": {key: question_data(q) for key, q in report.questions.items()}
        if questions
        else {},
        "warnings": [dict(w) for w in report.warnings],
        "not_graded": list(report.not_graded),
        "review": list(report.review),
    }


def report_json(report: Report) -> str:
    """The contract's JSON text of a report: the one writer of `<id>.json`."""
    return report_bytes(report).decode("utf-8")


def report_bytes(report: Report) -> bytes:
    """`report_json`'s text as the UTF-8 bytes of the file (what a worker writes).

    Each question's lines are written once per question report object and stitched in
    (a class's students share most of their question reports: `build_report`, and the
    batch's `shared_report`): the same bytes as `json_text(report_data(report))`
    (issue 17, i17q; tests/test_report_stitch.py)."""
    whole = orjson.dumps(report_data(report, questions=False), option=orjson.OPT_INDENT_2)
    head, found, tail = whole.partition(_EMPTY_QUESTIONS)
    if not report.questions or not found:  # not found: cannot be, a string holds no "\n"
        return json_text(report_data(report)).encode("utf-8")
    pieces = [_question_text(key, q) for key, q in report.questions.items()]
    return b"".join((head, b'\n  "questions": {\n', b",\n".join(pieces), b"\n  }", tail, b"\n"))


_EMPTY_QUESTIONS = b'\n  "questions": {}'


def _question_text(key: str, question: QuestionReport) -> bytes:
    """A question's lines as `json_text` writes them inside a report (depth 2: each line
    two spaces deeper than in its own text), kept per question report object."""
    found = (key, id(question))
    kept = _TEXTS.get(found)
    if kept is not None and kept[0] is question:
        _TEXTS.move_to_end(found)
        return kept[1]
    own = orjson.dumps({key: question_data(question)}, option=orjson.OPT_INDENT_2)
    text = b"  " + own[2:-2].replace(b"\n", b"\n  ")  # its "{\n" and "\n}" off
    _TEXTS[found] = (question, text)
    if len(_TEXTS) > _MAX_TEXTS:  # the least recently written is let go
        _TEXTS.popitem(last=False)
    return text


# ~3.7 KB a question's text: 1,024 of them, ~4 MB a process.
_TEXTS: OrderedDict[tuple[str, int], tuple[QuestionReport, bytes]] = OrderedDict()
_MAX_TEXTS = 1024


class ReportError(ValueError):
    """A JSON text that is not a report of the contract (a file edited by hand)."""


def read_report(text: str | bytes) -> Report:
    """A report from the contract's JSON (`report_json`'s text); `ReportError` when the
    text is not JSON or not a report."""
    try:
        return report_from_data(orjson.loads(text))
    except (orjson.JSONDecodeError, KeyError, TypeError, AttributeError, ValueError) as exc:
        raise ReportError(str(exc)) from None


def _made(cls: type[T], values: Mapping[str, Any], required: frozenset[str]) -> T:
    """An object of the model from the contract's object, without its dataclass `__init__`:
    a frozen dataclass sets each field through `object.__setattr__` (1.8 µs for a part,
    ~50 objects a sheet), which made reading back a cached class 6% slower than
    `orjson.loads` alone. The fields are the JSON's keys; an absent optional one reads
    its class default. Still frozen: only `__setattr__` is refused."""
    keys = values.keys()
    if not required <= keys:
        raise KeyError(", ".join(sorted(required - keys)))
    known = _FIELDS.get(cls)
    if known is None:
        known = _FIELDS[cls] = frozenset(f.name for f in dataclass_fields(cls))
    made = object.__new__(cls)
    made.__dict__.update(values if keys <= known else {k: values[k] for k in keys & known})
    return made


_FIELDS: dict[type, frozenset[str]] = {}  # a key of a file edited by hand is no field
_new = object.__new__


_FIELD_KEYS = frozenset({"score", "max", "status"})
_PART_KEYS = frozenset({"score", "max", "status", "review", "feedback"})
_OVERRIDE_KEYS = frozenset({"points", "original", "original_status", "comment", "grader"})


_PART_FIELDS = frozenset(f.name for f in dataclass_fields(PartReport))
_FIELD_FIELDS = frozenset(f.name for f in dataclass_fields(FieldReport))


def _field_from(data: dict[str, Any]) -> FieldReport:
    if not (_FIELD_KEYS.issubset(data) and _FIELD_FIELDS.issuperset(data)):
        return _made(FieldReport, data, _FIELD_KEYS)  # raises, or drops what is no field
    made = _new(FieldReport)
    made.__dict__.update(data)
    return made


def _part_from(data: dict[str, Any]) -> PartReport:
    """`_made` for a part, inline: it is most of a report's objects."""
    if not (_PART_KEYS.issubset(data) and _PART_FIELDS.issuperset(data)):
        data = dict(_made(PartReport, data, _PART_KEYS).__dict__)  # raises, or drops
    made = _new(PartReport)
    state = made.__dict__
    state.update(data)
    fields, override = data.get("fields"), data.get("override")
    if fields is not None:
        state["fields"] = {name: _field_from(f) for name, f in fields.items()}
    if override is not None:
        state["override"] = _made(PartOverride, override, _OVERRIDE_KEYS)
    return made


_QUESTION_KEYS = frozenset({"score", "max", "parts"})
_STUDENT_KEYS = frozenset({"id"})
_REPORT_KEYS = frozenset({"student", "score", "max", "questions"})


def question_from_data(data: Mapping[str, Any]) -> QuestionReport:
    """A question's report from its object in the contract's JSON."""
    question = _made(QuestionReport, data, _QUESTION_KEYS)
    question.__dict__["parts"] = {pkey: _part_from(p) for pkey, p in data["parts"].items()}
    return question


def report_from_data(
    data: Mapping[str, Any],
    question: Callable[[Mapping[str, Any]], QuestionReport] = question_from_data,
) -> Report:
    """The report of the contract's object (`report_data`'s inverse); `question` reads
    each question's object (a batch passes one that shares equal questions between
    students: `classroom.worker.shared_report`)."""
    questions = {key: question(q) for key, q in data["questions"].items()}
    return _made(
        Report,
        {
            **data,
            "student": _made(StudentInfo, data["student"], _STUDENT_KEYS),
            "questions": questions,
            "warnings": tuple(data.get("warnings") or ()),
            "not_graded": tuple(data.get("not_graded") or ()),
            "review": tuple(data.get("review") or ()),
        },
        _REPORT_KEYS,
    )


def json_text(data: Any) -> str:
    """JSON as a person reads it (2-space indent, UTF-8 text, a final newline), the same for
    `check --json` and the files `grade` writes. orjson, because the json module's indenting
    encoder is pure Python and was a fifth of a sheet's rendering in a class."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
