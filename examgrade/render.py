"""Render reports and explanations for a terminal with rich, in one or both languages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from examgrade.engine import SheetReport
from examgrade.i18n import LangChoice, Message, Points, Text, langs_of, say
from examgrade.numbers import fmt

_STATUS_STYLE = {
    "correct": "green",
    "partial": "yellow",
    "incorrect": "red",
    "missing": "dim",
    "invalid": "magenta",
}


def _n(value: float, choice: LangChoice) -> str:
    """A score as the language writes it: `8,5` in French, `8.5` in English (and both)."""
    return fmt(value, "fr" if choice == "fr" else "en")


def _msg(code: str, choice: LangChoice, **params: object) -> str:
    return say(Message(code, params), choice)


def _with_parameters(text: Text, parameters: Any) -> Text:
    """The question as it reads with these parameters (`{kernel}` in the rubric's text)."""
    fill = getattr(text, "with_params", None)
    return fill(**{k: _shown(v) for k, v in parameters.items()}) if fill else text


def _shown(value: Any) -> str:
    from examgrade.explain import show_value

    return show_value(value)


def _one_line(text: Text, choice: LangChoice) -> str:
    """A title on one line: in both languages EN / FR, once when they are the same word
    ("Question"), never one language per line under a border that would cut it."""
    return " / ".join(dict.fromkeys(text.render(lang) for lang in langs_of(choice)))


def report_renderables(report: SheetReport, choice: LangChoice) -> Iterable[RenderableType]:
    student = report.student
    yield RichText(
        _msg("ui.sheet_header", choice, id=student.id, name=_named(student.name), file=report.file),
        style="bold",
    )
    for question in report.questions:
        table = Table(
            title=RichText(
                f"{question.key.upper()} · {say(question.title, choice)}  "
                f"[{_n(question.score, choice)}/{_n(question.max, choice)}]",
                style="bold",
            ),
            title_justify="left",
            box=box.SIMPLE_HEAVY,
            expand=True,
            show_lines=False,
        )
        table.add_column(_msg("ui.col_part", choice), no_wrap=True)
        table.add_column(_msg("ui.col_score", choice), justify="right", no_wrap=True)
        table.add_column(_msg("ui.col_status", choice), no_wrap=True)
        table.add_column(_msg("ui.col_feedback", choice), ratio=1)
        for part in question.parts:
            status = _msg(f"ui.status_{part.status}", choice)
            if part.review:
                status += "\n" + _msg("ui.review", choice)
            table.add_row(
                RichText(part.key),
                RichText(f"{_n(part.score, choice)}/{_n(part.max, choice)}"),
                RichText(status, style=_STATUS_STYLE.get(part.status, "")),
                RichText("\n".join(say(f, choice) for f in part.feedback)),
            )
        yield table
    yield RichText(
        _msg("ui.total", choice, score=_n(report.score, choice), max=_n(report.max, choice)),
        style="bold",
    )
    if report.review_parts:
        yield Panel(
            RichText(_msg("ui.review_parts", choice, parts=", ".join(report.review_parts))),
            title=RichText(_msg("ui.review_title", choice)),
            border_style="yellow",
        )
    if report.not_graded:
        yield Panel(
            RichText(_msg("ui.not_graded", choice, parts=", ".join(report.not_graded))),
            title=RichText(_msg("ui.not_graded_title", choice)),
            border_style="blue",
        )
    if report.warnings:
        yield Panel(
            Group(*(RichText("• " + say(w, choice)) for w in report.warnings)),
            title=RichText(_msg("ui.warnings_title", choice)),
            border_style="yellow",
        )


def print_report(console: Console, report: SheetReport, choice: LangChoice) -> None:
    for renderable in report_renderables(report, choice):
        console.print(renderable)


def explanation_renderables(explanation: Any, choice: LangChoice) -> Iterable[RenderableType]:
    """The question, then each part: its answer, the solver's steps, the known mistakes."""
    from examgrade.explain import show_value

    question = explanation.question
    yield RichText(
        f"{question.key.upper()} · {_one_line(question.title, choice)} "
        f"({Points(question.points).render(langs_of(choice)[0])})",
        style="bold",
    )
    yield Panel(
        RichText(say(_with_parameters(question.text, explanation.parameters), choice)),
        title=RichText(_one_line(Message("ui.explain_question", {}), choice)),
        border_style="blue",
    )
    if explanation.parameters:
        params = ", ".join(f"{k}={show_value(v)}" for k, v in explanation.parameters.items())
        yield RichText(_msg("ui.explain_parameters", choice, params=params), style="dim")
    for part in explanation.parts:
        lines: list[RenderableType] = []
        for item in part.items:
            prefix = f"{item.field}: " if item.field else ""
            if item.answer is not None:
                lines.append(RichText(prefix + say(item.answer, choice), style="bold green"))
            elif prefix:
                lines.append(RichText(prefix.rstrip(": "), style="bold"))
            if item.steps:
                lines.append(RichText(_msg("ui.explain_steps", choice), style="italic"))
                lines.extend(RichText("  " + say(step, choice)) for step in item.steps)
            lines.extend(RichText(say(note, choice)) for note in item.notes)
            if item.mistakes:
                lines.append(RichText(_msg("ui.explain_mistakes", choice), style="italic"))
                for mistake in item.mistakes:
                    lines.append(
                        RichText(
                            "  • "
                            + _msg(
                                "ui.explain_mistake",
                                choice,
                                answer=mistake.answer,
                                points=Points(mistake.points),
                                feedback=mistake.feedback,
                            )
                        )
                    )
        first = langs_of(choice)[0]
        title = Message(
            "ui.explain_part",
            {
                "part": part.key,
                "title": _one_line(part.title, choice),
                "points": Points(part.points),
            },
        ).render(first)
        if choice == "both":  # a long title above the panel wraps; on its border it is cut
            yield RichText(title, style="bold cyan")
            yield Panel(Group(*lines), border_style="cyan")
        else:
            yield Panel(
                Group(*lines), title=RichText(title), title_align="left", border_style="cyan"
            )


def _named(name: str | None) -> str:
    """The name after the id, with its space: no name left "Student 7  — f.yaml"."""
    return f" {name}" if name else ""
