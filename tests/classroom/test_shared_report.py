"""The batch's process reads each worker's report text into a shared report without
parsing the questions it has met already (issue 17, i17g2): the report must be the one
a whole parse gives, for every layout, and any text not of `json_text`'s layout is
parsed whole."""

from __future__ import annotations

import orjson
import pytest

from examgrade.classroom import worker
from examgrade.classroom.worker import (
    SHARED_QUESTIONS_BY_TEXT,
    _question_spans,
    clear_shared,
    shared_report,
)
from examgrade.report import json_text, read_report


def _report(student: str, feedback: str, questions: int = 3) -> dict:
    part = {"score": 1, "max": 2, "status": "partial", "review": False}
    return {
        "student": {"id": student, "name": f"Student {student}", "lang": "en"},
        "score": questions,
        "max": 2 * questions,
        "questions": {
            f"q{n}": {
                "score": 1,
                "max": 2,
                "parts": {"a": {**part, "feedback": {"en": feedback, "fr": feedback}}},
            }
            for n in range(1, questions + 1)
        },
        "warnings": ["w"],
        "not_graded": [],
        "review": [],
    }


@pytest.fixture(autouse=True)
def _empty() -> None:
    clear_shared()
    yield
    clear_shared()


def test_a_report_read_in_pieces_is_the_report_read_whole() -> None:
    texts = [
        json_text(_report("1", "Right.")).encode(),
        json_text(_report("2", "Right.")).encode(),  # its questions met already
        json_text(_report("3", 'Quoted "q": {\n    } and \\n')).encode(),
        json_text(_report("4", "Pas tout à fait ✓", questions=1)).encode(),
    ]
    for text in texts:
        assert _question_spans(text) is not None
        assert shared_report(text) == read_report(text)
    assert len(SHARED_QUESTIONS_BY_TEXT) == 7  # 3 + 3 + 1: the second's were known
    first, second = shared_report(texts[0]), shared_report(texts[1])
    assert first.questions["q1"] is second.questions["q1"]  # one object, as before


@pytest.mark.parametrize(
    "text",
    [
        json_text({**_report("5", "x"), "questions": {}}),  # no question
        orjson.dumps(_report("6", "x")).decode(),  # not indented
        json_text(_report("7", "x")).replace('    "q2"', '   "q2"'),  # hand-edited
        json_text(_report("8", "x")).replace('"q2"', '"q1"'),  # a key twice
        json_text(_report("8", "x")).replace('"review": []', '"questions": {}'),  # twice
        json_text(_report("9", "x")).replace('"score": 1,\n      "max"', '"score": [1,\n    }'),
    ],
)
def test_any_other_layout_is_read_as_a_whole_parse_reads_it(text: str) -> None:
    try:
        whole = read_report(text)
    except Exception:
        whole = None
    for given in (text, text.encode()):
        clear_shared()
        if whole is None:
            with pytest.raises(Exception):  # noqa: B017
                shared_report(given)
        else:
            assert shared_report(given) == whole


def test_the_workers_reports_are_read_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """A report as a worker writes it takes the pieces' path, not the whole parse."""
    calls: list[object] = []
    monkeypatch.setattr(worker, "report_from_data", _spy(worker.report_from_data, calls))
    text = json_text(_report("1", "Right.")).encode()
    shared_report(text)
    assert calls == [worker._as_is]


def _spy(function, calls: list[object]):
    def wrapped(data, question=None):
        calls.append(question)
        return function(data, question)

    return wrapped
