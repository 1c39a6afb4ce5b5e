"""What a check is: a named kind that grades one field of a part against its rubric item.

The engine looks a kind up by the name a rubric gives (`check: size`), asks it to
validate the item's options when the rubric loads, and to grade the student's node.
There is no per-question code in the engine: what varies is the rubric.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Protocol

from examgrade.i18n import Text
from examgrade.nodes import Node

Status = Literal["correct", "partial", "incorrect", "missing", "invalid"]


@dataclass(frozen=True)
class Outcome:
    """What a check says of one field.

    `review` asks a person to look (uncertain free text); `awaiting` is the number of
    points held back for a person to award (reported apart, never as zero); `reading`
    is how the answer was understood, for `validate` and the report.
    """

    score: float
    status: Status
    feedback: tuple[Text, ...] = ()
    review: bool = False
    awaiting: float = 0.0
    reading: Text | None = None
    mistake: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckContext:
    """Everything a check may use besides the answer: the rubric item, the question's
    parameters and a cached way to call solvers. `seed` makes every random draw repeatable."""

    question: Any  # examgrade.rubric.Question
    part: Any  # examgrade.rubric.Part
    item: Any  # examgrade.rubric.Item
    parameters: Mapping[str, Any]
    solve: Callable[[str, Mapping[str, Any]], Any]
    seed: int = 20231
    #: the whole part as the student wrote it, for a kind that reads a field beside its
    #: own (`reads_part = True` on the kind; the memo then keys on the part too)
    part_answer: Node | None = None


class CheckKind(Protocol):
    """A kind of check, registered under `name`.

    Optional method, looked up with `getattr` (a kind without it is fine)::

        def fingerprint(self, answer: Node, ctx: CheckContext) -> Hashable | None

    The answer's value as this kind reads it, so that two answers with the same
    fingerprint are equivalent for grading (`examgrade groups` puts them in one group:
    `25x25`, `25 × 25` and `[25, 25]` read as the same size). Return None when the
    answer cannot be read; the caller then falls back to the text with case and
    whitespace normalised. It must be pure and cheap, never raise for a student's
    answer, and never be coarser than `grade` (equal fingerprints, equal outcomes).
    """

    name: ClassVar[str]

    def validate(self, item: Any) -> None:
        """Raise `RubricError` when the item's options do not fit this kind."""

    def grade(self, answer: Node | None, ctx: CheckContext) -> Outcome:
        """Grade one field; `answer` is None when the student left it out."""
