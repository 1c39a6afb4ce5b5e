"""The reference solution of a question, worked out by its solvers, for `examgrade explain`.

A check kind may explain its own items (`explain(ctx)` returning an `ItemExplanation`);
otherwise the item's solver is run and its value and steps are shown, with each known
mistake's answer (computed when it is a rule) and the reason it is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from examgrade.engine import PENDING, CheckContext, Solver, get_check
from examgrade.errors import UsageError
from examgrade.explanations import ExplainedMistake, ItemExplanation
from examgrade.i18n import Bilingual, Message, Text
from examgrade.rubric_model import Item, Part, Question


@dataclass(frozen=True)
class PartExplanation:
    key: str
    title: Text
    points: float
    items: tuple[ItemExplanation, ...]


@dataclass(frozen=True)
class Explanation:
    question: Question
    parameters: Mapping[str, Any]
    parts: tuple[PartExplanation, ...] = field(default=())


def parse_overrides(question: Question, assignments: Sequence[str]) -> dict[str, Any]:
    """`--set kernel=3` → {"kernel": 3}; only the question's own parameters may be set."""
    overrides: dict[str, Any] = {}
    known = ", ".join(question.parameters)
    if assignments and not known:  # it said "one of the question's parameters (-)"
        raise UsageError("explain.no_parameters", {"question": question.key})
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        name = name.strip()
        if not sep or name not in question.parameters:
            raise UsageError("explain.bad_set", {"assignment": assignment, "known": known})
        try:
            overrides[name] = int(value)
        except ValueError:
            try:
                overrides[name] = float(value)
            except ValueError:
                raise UsageError("explain.bad_value", {"name": name, "value": value}) from None
    return overrides


def show_value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(show_value(v) for v in value)
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _value_text(value: Any, show: Any = show_value) -> Text | str:
    """A verdict reads yes/no (oui/non) in the reader's language; anything else as a value."""
    if isinstance(value, bool):
        return Message("verdict.yes" if value else "verdict.no", {})
    return show(value)


def explain_question(question: Question, overrides: Mapping[str, Any] | None = None) -> Explanation:
    parameters = {**question.parameters, **(overrides or {})}
    solve = Solver(parameters)
    parts = []
    for part in question.parts:
        items = []
        for item in part.items:
            ctx = CheckContext(question, part, item, parameters, solve)
            items.append(_explain_item(item, ctx))
        if parameters == dict(question.parameters):  # worked on the exam's numbers
            items.extend(_worked_and_ideas(items, part))
        parts.append(PartExplanation(part.key, part.title, part.points, tuple(items)))
    return Explanation(question, parameters, tuple(parts))


def _worked_and_ideas(items: list[ItemExplanation], part: Part) -> tuple[ItemExplanation, ...]:
    """The part's worked example (a solver on a small instance, named by the rubric's
    `explain: {worked: ...}`) and the key ideas of a full answer and the known mistakes the
    items do not list (`explain: {ideas, mistakes}`); for a part whose rubric writes no
    ideas, those of its free-text items."""
    from examgrade.solvers import get_worked

    notes: list[Text] = []
    extra = part.explain
    if extra.ideas is not None:
        notes += [Message("explain_ideas.heading", {}), extra.ideas]
    elif ideas := _rubric_ideas(part):
        notes += [Message("explain_ideas.heading", {}), *ideas]
    listed = any(item.mistakes for item in items)
    if not listed and extra.mistakes is not None:
        notes += [Message("explain_ideas.mistakes_heading", {}), extra.mistakes]
    worked = get_worked(extra.worked) if extra.worked else None
    steps = tuple(worked(extra.worked_params)) if worked is not None else ()
    if not steps and not notes:
        return ()
    return (ItemExplanation(None, 0.0, steps=steps, notes=tuple(notes)),)


def _rubric_ideas(part: Part) -> list[Text]:
    """`• statement (points)` for each key idea of the part's free-text items (rubric data)."""
    lines: list[Text] = []
    for item in part.items:
        ideas = item.options.get("ideas") if isinstance(item.options, Mapping) else None
        for idea in ideas if isinstance(ideas, list) else []:
            text = idea.get("model") or idea.get("statement") if isinstance(idea, dict) else None
            if isinstance(text, dict) and text.get("en"):
                points = idea.get("points", "")
                en, fr = str(text["en"]).strip(), str(text.get("fr") or text["en"]).strip()
                lines.append(Bilingual(f"• {en} ({points} pts)", f"• {fr} ({points} pts)"))
    return lines


def _explain_item(item: Item, ctx: CheckContext) -> ItemExplanation:
    if item.check == PENDING:
        form = "text" if item.options.get("form") == "text" else "expr"
        note = Message(f"explain.pending_{form}", {"points": item.points})
        return ItemExplanation(item.field, item.points, notes=(note,))
    kind = get_check(item.check)
    custom = getattr(kind, "explain", None)
    if custom is not None:
        return custom(ctx)
    if not item.solver:
        return ItemExplanation(item.field, item.points)
    solution = ctx.solve(item.solver, item.params)
    # The rubric's texts (and literal mistakes) are written for the exam's parameters: for
    # a variant (`--set`) only what is recomputed is shown, never a number of the exam.
    as_set = dict(ctx.parameters) == dict(ctx.question.parameters)
    show = getattr(kind, "show_value", show_value)  # a kind may write its values its way
    mistakes = []
    for mistake in item.mistakes:
        if mistake.answer is not None:
            if not as_set:
                continue
            answer = show(mistake.answer)
        else:
            other = ctx.solve(mistake.solver or item.solver, {**item.params, **mistake.params})
            answer = show(other.value)
        feedback: Text = mistake.feedback.with_params(given=answer, expected=show(solution.value))
        if not as_set:
            feedback = Message("explain.variant_mistake", {})
        mistakes.append(ExplainedMistake(answer, mistake.points, feedback))
    correct = item.feedback.get("correct") if as_set else None
    return ItemExplanation(
        item.field,
        item.points,
        answer=Message("ui.explain_answer", {"value": _value_text(solution.value, show)}),
        steps=solution.steps,
        mistakes=tuple(mistakes),
        notes=(correct,) if correct else (),
    )
