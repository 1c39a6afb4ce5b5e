"""The report as data for scripts: the contract's JSON (section 4), in both languages."""

from __future__ import annotations

from typing import Any

import orjson

from examgrade.engine import PartResult, SheetReport
from examgrade.i18n import LANGS, Text


def number(value: float) -> int | float:
    """Scores print as 10, not 10.0, and never with float noise."""
    value = round(value, 2)
    return int(value) if value == int(value) else value


def bilingual(text: Text) -> dict[str, str]:
    return {lang: text.render(lang) for lang in LANGS}


def joined(texts: tuple[Text, ...]) -> dict[str, str]:
    return {lang: " ".join(t.render(lang) for t in texts) for lang in LANGS}


def part_json(part: PartResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "score": number(part.score),
        "max": number(part.max),
        "status": part.status,
        "review": part.review,
        "feedback": joined(part.feedback),
    }
    if part.awaiting:
        data["awaiting_review"] = number(part.awaiting)
    confidences = [
        i.outcome.details["confidence"] for i in part.items if "confidence" in i.outcome.details
    ]
    if confidences:
        data["confidence"] = round(min(confidences), 2)
    fields = {i.field: i for i in part.items if i.field}
    if fields:
        data["fields"] = {
            name: {
                "score": number(i.outcome.score),
                "max": number(i.points),
                "status": "awaiting_review" if i.outcome.awaiting else i.outcome.status,
                **({"mistake": i.outcome.mistake} if i.outcome.mistake else {}),
                **({"awaiting_review": number(i.outcome.awaiting)} if i.outcome.awaiting else {}),
            }
            for name, i in fields.items()
        }
    elif part.items and part.items[0].outcome.mistake:
        data["mistake"] = part.items[0].outcome.mistake
    return data


def report_json(report: SheetReport) -> dict[str, Any]:
    """The contract's object: student, score, max, questions → parts, warnings."""
    student = report.student
    return {
        "student": {"id": student.id, "name": student.name, "lang": student.lang},
        "score": number(report.score),
        "max": number(report.max),
        "questions": {
            q.key: {
                "score": number(q.score),
                "max": number(q.max),
                "parts": {p.key: part_json(p) for p in q.parts},
            }
            for q in report.questions
        },
        "warnings": [bilingual(w) for w in report.warnings],
        "not_graded": list(report.not_graded),
        "review": report.review_parts,
    }


def json_text(data: Any) -> str:
    """JSON as a person reads it (2-space indent, UTF-8 text, a final newline), the same for
    `check --json` and the files `grade` writes. orjson, because the json module's indenting
    encoder is pure Python and was a fifth of a sheet's rendering in a class."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
