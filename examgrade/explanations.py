"""What a check kind says when it explains one of its items (`explain(ctx)`): the data
`examgrade explain` shows, in a module below both the checks and `explain`, so neither
imports the other."""

from __future__ import annotations

from dataclasses import dataclass

from examgrade.i18n import Text


@dataclass(frozen=True)
class ExplainedMistake:
    answer: str
    points: float
    feedback: Text


@dataclass(frozen=True)
class ItemExplanation:
    field: str | None
    points: float
    answer: Text | None = None
    steps: tuple[Text, ...] = ()
    mistakes: tuple[ExplainedMistake, ...] = ()
    notes: tuple[Text, ...] = ()
