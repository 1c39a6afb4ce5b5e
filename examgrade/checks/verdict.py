"""The `verdict` kind: a yes/no field (q6.b, q8.b, q8.c) against a solver that computes
the fact (the flow beats mean-field on a model, the marginal does not factorize, CD-like
training raises the likelihood), never against a "yes" typed into the rubric."""

from __future__ import annotations

import re
from typing import Any

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.checks.common import feedback, scalar_answer
from examgrade.errors import RubricError
from examgrade.i18n import Message
from examgrade.nodes import Node, Scalar

_WORDS = {"yes": True, "true": True, "oui": True, "no": False, "false": False, "non": False}
_LEADING = re.compile(r"^\s*([A-Za-z]+)\s*(?:[.,;:!)\-—–]|$)")


def read_verdict(text: str) -> bool | None:
    """yes/no/true/false/oui/non in any case, alone or leading a short phrase ("Yes, it can")."""
    match = _LEADING.match(text)
    return _WORDS.get(match.group(1).lower()) if match else None


@register_check
class VerdictCheck:
    name = "verdict"
    form = "verdict"

    def validate(self, item: Any) -> None:
        if not item.solver:
            raise RubricError("rubric.missing_key", {"key": "solver"}, item.location)

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        answer = scalar_answer(answer, Message("verdict.shape", {}))
        if isinstance(answer, Outcome):
            return answer
        given = read_verdict(answer.text)
        if given is None:
            return Outcome(
                0.0,
                "invalid",
                (
                    Message(
                        "verdict.unreadable", {**answer.location.params(), "text": answer.text[:60]}
                    ),
                ),
            )
        expected = bool(ctx.solve(ctx.item.solver, ctx.item.params).value)
        reading = Message("verdict.reading", {"value": Message(f"verdict.{_word(given)}", {})})
        if given == expected:
            return Outcome(ctx.item.points, "correct", feedback(ctx, "correct"), reading=reading)
        return Outcome(
            0.0, "incorrect", feedback(ctx, "incorrect"), reading=reading, mistake="wrong-verdict"
        )

    def fingerprint(self, answer: Node | None, ctx: CheckContext) -> bool | None:
        return read_verdict(answer.text) if isinstance(answer, Scalar) else None


def _word(value: bool) -> str:
    return "yes" if value else "no"
