"""A blank answer sheet, built from the rubrics, with every field commented in one language
or both. Its examples show the syntax and answer no part of this exam (a blank sheet is
handed to every student: tests/cli/test_template_examples.py grades them)."""

from __future__ import annotations

from typing import Literal

from examgrade.checks import get_check
from examgrade.i18n import LANGS, Lang, Message
from examgrade.rubric import RubricSet
from examgrade.rubric_model import Item, Question


def answer_form(item: Item) -> str:
    """What shape of answer an item takes: the rubric's `options.form`, else its kind's."""
    form = item.options.get("form")
    return str(form) if form else getattr(get_check(item.check), "form", "text")


_EMPTY = {"steps": "[]", "text": "''", "expr": "''", "condition": "''"}


def blank_sheet(rubrics: RubricSet, lang: Lang | Literal["both"]) -> str:
    """The sheet; with `both`, every comment in English, then French after a ` / `."""
    langs: tuple[Lang, ...] = LANGS if lang == "both" else (lang,)
    sheet_lang: Lang = "en" if lang == "both" else lang

    def say(code: str, **params: object) -> str:
        return " / ".join(Message(code, params).render(one) for one in langs)

    def title(text: object) -> str:
        return " / ".join(dict.fromkeys(text.render(one) for one in langs))  # type: ignore[attr-defined]

    lines = [
        f"# {say('ui.template_header')}",
        f"# {say('ui.template_expr_hint')}",
        "student:",
        f"  id: ''          # {say('template.id')}",
        f"  name: ''        # {say('template.name')}",
        f"  lang: {sheet_lang}        # {say('template.lang')}",
        "",
    ]
    for question in rubrics.questions.values():
        lines.append(
            f"# {question.key.upper()} · {title(question.title)} ({question.points:g} pts)"
        )
        if _bare(question):  # one part: its answer goes on the question's own line
            form = answer_form(question.parts[0].items[0])
            note = _form_note(_form_code(form, rubrics), False, langs)
            lines.append(f"{question.key}: {_EMPTY.get(form, '')}    # {note}")
            lines.append("")
            continue
        lines.append(f"{question.key}:")
        for part in question.parts:
            indent = "  " * len(part.path)
            for depth, key in enumerate(part.path[:-1], start=1):
                line = f"{'  ' * depth}{key}:"
                if line not in lines[-len(part.path) * 4 :]:
                    lines.append(line)
            header = f"{indent}# ({part.key}) {title(part.title)} — {part.points:g} pts"
            lines.append(header)
            if part.takes_mapping:
                lines.append(f"{indent}{part.path[-1]}:")
                for item in part.items:
                    form = answer_form(item)
                    lines.append(
                        f"{indent}  {item.field}: {_EMPTY.get(form, '')}"
                        f"    # {_form_note(_form_code(form, rubrics), item.optional, langs)}"
                    )
            else:
                form = answer_form(part.items[0]) if part.items else "text"
                lines.append(
                    f"{indent}{part.path[-1]}: {_EMPTY.get(form, '')}"
                    f"    # {_form_note(_form_code(form, rubrics), False, langs)}"
                )
        lines.append("")
    return "\n".join(lines)


def _bare(question: Question) -> bool:
    """A question of one part, answered by one value (the sheet takes it bare)."""
    if len(question.parts) != 1:
        return False
    part = question.parts[0]
    return len(part.path) == 1 and not part.takes_mapping and len(part.items) == 1


def _form_code(form: str, rubrics: RubricSet) -> str:
    """The catalog code of a field's form; free text in an English-only pack says so."""
    english_only = rubrics.exam is not None and rubrics.exam.languages == ("en",)
    return f"template.form_{form}" + ("_en" if form == "text" and english_only else "")


def _form_note(code: str, optional: bool, langs: tuple[Lang, ...]) -> str:
    """What a field takes, "(optional)" kept beside its own language."""
    return " / ".join(
        Message(code).render(one) + (Message("template.optional").render(one) if optional else "")
        for one in langs
    )
