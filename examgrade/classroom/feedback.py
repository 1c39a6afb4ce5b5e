"""A student's feedback page in their language: `DIR/feedback/<id>.md`, and the same page
as HTML for the archive the LMS takes (`examgrade.classroom.archive`).

Built from the final report JSON (overrides applied), so what a student reads always
matches `grades.csv`. Every sentence comes from the catalogs or the rubric; the student's
language is `student.lang` of their sheet. What a student sees is chosen by the level
(`grade --feedback`):

- `score`: the total and each part's score and status;
- `checklist` (the default): also each field's status and each key idea found, hinted
  at or missing, without the model answers, so the solutions can be released later;
- `full`: also the whole feedback, with the key's solutions and the model sentences.

Everything a student wrote (name, id, answers quoted back in feedback) is escaped: the
Markdown page cannot carry a link, an image or raw HTML, nor the HTML page a tag.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from examgrade.i18n import Lang, Message, catalog
from examgrade.numbers import fmt
from examgrade.report import PartReport, QuestionReport, Report
from examgrade.rubric import RubricSet

LEVELS = ("score", "checklist", "full")
DEFAULT_LEVEL = "checklist"


def _say(code: str, lang: Lang, **params: Any) -> str:
    return Message(code, params).render(lang)


@cache
def _fixed(code: str, lang: Lang) -> str:
    """A message without parameters (a status word), rendered once per process."""
    return Message(code).render(lang)


def _status(status: str, lang: Lang) -> str:
    code = f"ui.status_{status}"
    return _fixed(code if code in catalog(lang) else "feedback.status_other", lang)


def _line(text: str) -> str:
    """Keep feedback on its bullet: a newline in it would end the Markdown item. (Every
    whitespace but the space is unprintable: a printable text with single inner spaces
    is left as it is, without splitting it.)"""
    tidy = text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "
    return text if tidy else " ".join(text.split())


_MD_SPECIAL = re.compile(r"([\\`*\[\]<>&|~]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|^[#+\-=>!])")


@lru_cache(maxsize=16384)
def md(text: str) -> str:
    """Text shown as itself in Markdown: no emphasis, link, image, code or HTML can start
    in it (backslash escapes; `<`, `>` and `&` as entities). Underscores inside words
    (`h_0`) are left alone: they start nothing. (Kept per text: a class repeats them.)"""

    def escape(match: re.Match[str]) -> str:
        char = match.group(0)
        if char in "<>&":
            return html.escape(char)
        return "\\" + char

    return _MD_SPECIAL.sub(escape, _line(text))


@dataclass
class PartView:
    head: str  # "(a) Title"
    score: str
    status: str
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class Page:
    """The page's content as plain texts; `markdown` and `html` escape them."""

    lang: Lang
    title: str
    student: str
    total: str
    questions: list[tuple[str, list[PartView]]]
    tail: list[tuple[str, list[str]]]


def build_page(
    report: Report, rubrics: RubricSet, level: str = DEFAULT_LEVEL, questions: bool = True
) -> Page:
    """The page of a report; without its questions (`questions=False`) for
    `feedback_markdown`, which stitches in each question's lines kept per object."""
    lang: Lang = "fr" if report.student.lang == "fr" else "en"
    student = report.student
    views = []
    for key, question in report.questions.items() if questions else ():
        views.append(_question_view(key, question, rubrics, lang, level))
    tail = []
    if report.not_graded:
        tail.append(
            (
                _say("ui.not_graded_title", lang),
                [_say("ui.not_graded", lang, parts=", ".join(report.not_graded))],
            )
        )
    if report.warnings:
        tail.append((_say("ui.warnings_title", lang), [w[lang] for w in report.warnings]))
    return Page(
        lang,
        _say("batch.fb_title", lang, exam=rubrics.exam_name.render(lang)),
        _say("batch.fb_student", lang, name=_line(student.name or "—"), id=student.id),
        _say(
            "ui.total",
            lang,
            score=fmt(report.score, lang),
            max=fmt(report.max, lang),
        ),
        views,
        tail,
    )


def _question_view(
    key: str, question: QuestionReport, rubrics: RubricSet, lang: Lang, level: str
) -> tuple[str, list[PartView]]:
    rubric = rubrics.questions.get(key)
    title = rubric.title.render(lang) if rubric else ""
    score = f"{fmt(question.score, lang)}/{fmt(question.max, lang)}"
    parts = [
        _part(key, part_key, part, rubrics, lang, level)
        for part_key, part in question.parts.items()
    ]
    return (f"{key.upper()} · {title} — {score}", parts)


_VIEWS: dict[tuple, tuple[PartReport, RubricSet, PartView]] = {}
_MAX_VIEWS = 8192


def _part(
    question: str, key: str, part: PartReport, rubrics: RubricSet, lang: Lang, level: str
) -> PartView:
    """The part's view, made once per report object, language and level: a class's
    students share the reports of the parts they answered alike (`report.build_report`).
    Each page gets its own copy (a view's lists are mutable)."""
    key_ = (question, key, id(part), id(rubrics), lang, level)
    kept = _VIEWS.get(key_)
    if kept is None or kept[0] is not part or kept[1] is not rubrics:
        if len(_VIEWS) >= _MAX_VIEWS:
            _VIEWS.clear()
        kept = _VIEWS[key_] = (part, rubrics, _new_part(question, key, part, rubrics, lang, level))
    view = kept[2]
    return PartView(view.head, view.score, view.status, list(view.lines), list(view.notes))


def _new_part(
    question: str, key: str, part: PartReport, rubrics: RubricSet, lang: Lang, level: str
) -> PartView:
    rubric = rubrics.questions.get(question)
    found = rubric.part(key) if rubric else None
    title = f" {found.title.render(lang)}" if found else ""
    view = PartView(
        f"({key}){title}",
        f"{fmt(part.score, lang)}/{fmt(part.max, lang)}",
        _status(part.status, lang),
    )
    text = part.feedback.get(lang, "")
    if level == "full":
        if text:
            view.lines.append(text)
    elif level == "checklist":
        view.lines += _checklist(found, part, text, lang)
    override = part.override
    if override:
        original = override.original
        automatic = (
            _say("batch.fb_automatic", lang, score=fmt(original, lang))
            if original is not None
            else _say("batch.fb_not_automatic", lang)
        )
        view.notes.append(
            _say(
                "batch.fb_override",
                lang,
                grader=override.grader or _say("batch.fb_a_grader", lang),
                automatic=automatic,
                comment=_line(override.comment),
            ).rstrip()
        )
    elif part.review:
        view.notes.append(_fixed("batch.fb_review", lang))
    return view


def _checklist(found: Any, part: PartReport, text: str, lang: Lang) -> list[str]:
    """Each field's status and score, and each key idea's mark without its model answer
    (found in the part's feedback by the exact sentence the check wrote)."""
    lines = []
    fields = part.fields or {}
    items = found.items if found is not None else ()
    for name, info in fields.items():
        score = f"{fmt(info.score, lang)}/{fmt(info.max, lang)}"
        status = _status(info.status, lang)
        lines.append(_field_line(name, f"{status}, {score}", lang))
        for item in items:
            if item.field == name and item.check == "concepts":
                lines += [_field_line(name, mark, lang) for mark in _ideas(item, text, lang)]
    if not fields:
        for item in items:
            if item.check == "concepts":
                lines += _ideas(item, text, lang)
    return lines


@lru_cache(maxsize=16384)
def _field_line(name: str, text: str, lang: Lang) -> str:
    return _say("feedback.field", lang, field=name, text=text)


def _ideas(item: Any, text: str, lang: Lang) -> list[str]:
    shown = []
    for statement, pairs in _idea_lines(item, lang):
        if statement in text:  # one look per idea; its mark only when it is there
            mark = next((line for written, line in pairs if written in text), None)
            if mark is not None:
                shown.append(mark)
    return shown


_IDEA_LINES: dict[tuple[int, Lang], tuple[Any, list[tuple[str, list[tuple[str, str]]]]]] = {}


def _idea_lines(item: Any, lang: Lang) -> list[tuple[str, list[tuple[str, str]]]]:
    """Per idea: its statement, and per mark the sentence the concepts check writes with
    the line shown at the checklist level (the same without the model answer). Kept per
    rubric item."""
    kept = _IDEA_LINES.get((id(item), lang))
    if kept is not None and kept[0] is item:
        return kept[1]
    from examgrade.checks.concepts import read_options

    ideas, contradictions = read_options(item)
    found: list[tuple[str, list[tuple[str, str]]]] = []
    for idea in ideas:
        params = {"statement": idea.statement, "model": idea.model}
        pairs = [
            (
                Message(f"text.{mark}", params).render(lang),
                Message(f"feedback.idea_{mark}", params).render(lang),
            )
            for mark in ("found", "missing", "weak", "negated")  # the most common first
        ]
        found.append((idea.statement.render(lang), pairs))
    for entry in contradictions:
        written = Message(
            "text.contradiction", {"statement": entry.statement, "points": entry.points}
        ).render(lang)
        found.append((entry.statement.render(lang), [(written, written)]))
    _IDEA_LINES[(id(item), lang)] = (item, found)
    return found


def warm_up(rubrics: RubricSet) -> None:
    """Each free-text item's idea lines in both languages (`_idea_lines`), made before
    the batch forks its workers: each worker made them on its first pages, reading the
    item's options again (issue 17). A faulty item is left to its first page to report."""
    from examgrade.i18n import LANGS

    for question in rubrics.questions.values():
        for part in question.parts:
            for item in part.items:
                if item.check == "concepts":
                    for lang in LANGS:
                        with contextlib.suppress(Exception):
                            _idea_lines(item, lang)


def feedback_markdown(report: Report, rubrics: RubricSet, level: str = DEFAULT_LEVEL) -> str:
    """The whole page: total, then each question's parts with score, status, what the
    level shows and any score a person set; then what is not graded yet and the
    warnings. Each question's lines are made once per question report object, language,
    level and rubrics, and stitched in: the same text as `markdown(build_page(...))`
    (a class's students share most question reports; issue 17, i17q)."""
    page = build_page(report, rubrics, level, questions=False)
    lines = _markdown_head(page)
    for key, question in report.questions.items():
        lines += _question_lines(key, question, rubrics, page.lang, level)
    lines += _markdown_tail(page)
    return "\n".join(lines) + "\n"


_QUESTION_LINES: OrderedDict[tuple, tuple[QuestionReport, RubricSet, list[str]]] = OrderedDict()
_MAX_QUESTION_LINES = 1024  # ~1 KB of lines a question


def _question_lines(
    key: str, question: QuestionReport, rubrics: RubricSet, lang: Lang, level: str
) -> list[str]:
    found = (key, id(question), id(rubrics), lang, level)
    kept = _QUESTION_LINES.get(found)
    if kept is not None and kept[0] is question and kept[1] is rubrics:
        _QUESTION_LINES.move_to_end(found)
        return kept[2]
    lines = _markdown_question(*_question_view(key, question, rubrics, lang, level))
    _QUESTION_LINES[found] = (question, rubrics, lines)
    if len(_QUESTION_LINES) > _MAX_QUESTION_LINES:  # the least recently met is let go
        _QUESTION_LINES.popitem(last=False)
    return lines


def markdown(page: Page) -> str:
    lines = _markdown_head(page)
    for heading, parts in page.questions:
        lines += _markdown_question(heading, parts)
    lines += _markdown_tail(page)
    return "\n".join(lines) + "\n"


def _markdown_head(page: Page) -> list[str]:
    return [f"# {md(page.title)}", "", md(page.student), "", f"**{md(page.total)}**"]


def _markdown_question(heading: str, parts: list[PartView]) -> list[str]:
    lines = ["", f"## {md(heading)}", ""]
    for part in parts:
        head = f"- **{md(part.head)}** — {md(part.score)}, {md(part.status)}."
        if len(part.lines) == 1 and not part.notes:
            lines.append(f"{head} {md(part.lines[0])}".rstrip())
            continue
        lines.append(head)
        lines += [f"  - {md(line)}" for line in part.lines + part.notes]
    return lines


def _markdown_tail(page: Page) -> list[str]:
    lines: list[str] = []
    for heading, items in page.tail:
        lines += ["", f"## {md(heading)}", ""]
        lines += [f"- {md(item)}" for item in items]
    return lines


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:52em;margin:2em auto;padding:0 1em;"
    "line-height:1.45;color:#222}h2{border-bottom:1px solid #ddd;padding-bottom:.2em}"
    "li{margin:.3em 0}.s{color:#555}"
)


def page_html(page: Page) -> str:
    """The same page as one self-contained HTML file (no script, no link out)."""
    e = html.escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{page.lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(page.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(page.title)}</h1><p>{e(page.student)}</p><p><strong>{e(page.total)}</strong></p>",
    ]
    for heading, parts in page.questions:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        for part in parts:
            items = "".join(f"<li>{e(_line(x))}</li>" for x in part.lines + part.notes)
            out.append(
                f"<li><strong>{e(part.head)}</strong> — {e(part.score)}, "
                f'<span class="s">{e(part.status)}</span>'
                + (f"<ul>{items}</ul>" if items else "")
                + "</li>"
            )
        out.append("</ul>")
    for heading, items in page.tail:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        out += [f"<li>{e(_line(item))}</li>" for item in items]
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"
