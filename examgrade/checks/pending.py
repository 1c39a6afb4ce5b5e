"""The `pending` kind: an item the rubric lists whose grading has not landed yet.

The engine leaves such items out of the score and says so in the report; they are
neither scored zero nor hidden."""

from __future__ import annotations

from typing import Any

from examgrade.checks import register_check
from examgrade.checks.base import CheckContext, Outcome
from examgrade.i18n import Message
from examgrade.nodes import Node


@register_check
class PendingCheck:
    name = "pending"

    def validate(self, item: Any) -> None:
        """Anything goes: the item only reserves its points."""

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        return Outcome(0.0, "missing", (Message("check.pending", {}),))
