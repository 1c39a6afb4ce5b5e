"""A student's feedback as a Markdown page in their language (`DIR/feedback/<id>.md`).

Built from the final report JSON (overrides applied), so what a student reads always
matches `grades.csv`. Every sentence comes from the catalogs or the rubric; the student's
language is `student.lang` of their sheet.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from examgrade.i18n import Lang, Message
from examgrade.report import number
from examgrade.rubric import RubricSet

Report = dict[str, Any]


def _say(code: str, lang: Lang, **params: Any) -> str:
    return Message(code, params).render(lang)


@cache
def _fixed(code: str, lang: Lang) -> str:
    """A message without parameters (a status word), rendered once per process."""
    return Message(code).render(lang)


def _line(text: str) -> str:
    """Keep feedback on its bullet: a newline in it would end the Markdown item. (Every
    whitespace but the space is unprintable: a printable text with single inner spaces
    is left as it is, without splitting it.)"""
    tidy = text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "
    return text if tidy else " ".join(text.split())


def feedback_markdown(report: Report, rubrics: RubricSet) -> str:
    """The whole page: total, then each question's parts with score, status, feedback
    and any score a person set; then what is not graded yet and the warnings."""
    lang: Lang = "fr" if report["student"].get("lang") == "fr" else "en"
    student = report["student"]
    lines = [
        f"# {_say('batch.fb_title', lang)}",
        "",
        _say("batch.fb_student", lang, name=student.get("name") or "—", id=student["id"]),
        "",
        f"**{_say('ui.total', lang, score=number(report['score']), max=number(report['max']))}**",
    ]
    for key, question in report["questions"].items():
        rubric = rubrics.questions.get(key)
        title = rubric.title.render(lang) if rubric else ""
        score = f"{number(question['score'])}/{number(question['max'])}"
        lines += ["", f"## {key.upper()} · {title} — {score}", ""]
        for part_key, part in question["parts"].items():
            lines += _part_lines(key, part_key, part, rubrics, lang)
    if report.get("not_graded"):
        lines += [
            "",
            f"## {_say('ui.not_graded_title', lang)}",
            "",
            _say("ui.not_graded", lang, parts=", ".join(report["not_graded"])),
        ]
    if report.get("warnings"):
        lines += ["", f"## {_say('ui.warnings_title', lang)}", ""]
        lines += [f"- {_line(w[lang])}" for w in report["warnings"]]
    return "\n".join(lines) + "\n"


def _part_lines(
    question: str, key: str, part: dict[str, Any], rubrics: RubricSet, lang: Lang
) -> list[str]:
    rubric = rubrics.questions.get(question)
    found = rubric.part(key) if rubric else None
    title = f" {found.title.render(lang)}" if found else ""
    status = _fixed(f"ui.status_{part['status']}", lang)
    head = f"- **({key}){title}** — {number(part['score'])}/{number(part['max'])}, {status}."
    text = _line(part.get("feedback", {}).get(lang, ""))
    lines = [f"{head} {text}".rstrip()]
    override = part.get("override")
    if override:
        original = override.get("original")
        automatic = (
            _say("batch.fb_automatic", lang, score=number(original))
            if original is not None
            else _say("batch.fb_not_automatic", lang)
        )
        lines.append(
            "  - "
            + _say(
                "batch.fb_override",
                lang,
                grader=override.get("grader") or _say("batch.fb_a_grader", lang),
                automatic=automatic,
                comment=_line(override.get("comment", "")),
            ).rstrip()
        )
    elif part.get("review"):
        lines.append("  - " + _fixed("batch.fb_review", lang))
    return lines
