"""Helpers every check kind shares: the missing / unreadable / wrong-shape outcomes,
errors placed at their line and column in the sheet, and rubric feedback lookup."""

from __future__ import annotations

from examgrade.checks.base import CheckContext, Outcome
from examgrade.errors import ExamgradeError
from examgrade.i18n import Bilingual, Message, Text
from examgrade.nodes import Broken, Node, Scalar, kind_name


def missing() -> Outcome:
    return Outcome(0.0, "missing", (Message("check.missing", {}),))


def invalid(error: ExamgradeError, node: Scalar | None = None) -> Outcome:
    """An unreadable answer: the error's own message, placed in the sheet at `node`.

    Errors from the math readers know only a column inside the text; the scalar knows
    where it starts in the file (a quoted one one character later), so the student sees
    file, line and column of the very character."""
    message = error.message
    if node is not None and error.location.file is None:
        where = node.location
        quote = 1 if node.style in ("'", '"') else 0
        column = (where.column or 1) + quote + (error.location.column or 1) - 1
        message = Message(
            "check.invalid_at",
            {
                "file": where.file or "-",
                "line": where.line or "?",
                "column": column,
                "detail": error.message,
            },
        )
    return Outcome(0.0, "invalid", (message,))


def wrong_shape(node: Node, expected: Text) -> Outcome:
    return Outcome(
        0.0,
        "invalid",
        (
            Message(
                "sheet.wrong_shape",
                {**node.location.params(), "expected": expected, "kind": kind_name(node)},
            ),
        ),
    )


def unreadable_or_none(node: Node | None) -> Outcome | None:
    """The outcome for an absent or broken node, or None when there is something to grade."""
    if node is None or (isinstance(node, Scalar) and not node.text.strip()) or _null(node):
        return missing()
    if isinstance(node, Broken):
        return Outcome(0.0, "invalid", (node.error.message,))
    return None


_NULLS = ("~", "null", "Null", "NULL")


def _null(node: Node) -> bool:
    """YAML's null written plainly (`verdict: ~`, `a: null`): no answer, like an empty
    field; quoted ('~') it is text that the check reads."""
    return isinstance(node, Scalar) and node.style is None and node.text in _NULLS


def scalar_answer(answer: Node | None, expected: Text) -> Scalar | Outcome:
    """The answer as one typed value, or the outcome that says why there is none: missing,
    unreadable, or a list or mapping where one value is expected (`expected` names it)."""
    early = unreadable_or_none(answer)
    if early:
        return early
    if not isinstance(answer, Scalar):
        return wrong_shape(answer, expected)  # type: ignore[arg-type]
    return answer


def feedback(ctx: CheckContext, key: str, **params: object) -> tuple[Text, ...]:
    """The rubric item's feedback under `key` (correct, incorrect, ...), if it has one."""
    text: Bilingual | None = ctx.item.feedback.get(key)
    return (text.with_params(**params),) if text else ()


def scale_status(score: float, points: float) -> str:
    if points and score >= points - 1e-9:
        return "correct"
    return "partial" if score > 1e-9 else "incorrect"
