"""The rubric as data: questions, parts, gradable items and known mistakes.

A rubric file (`rubrics/qN.yaml`) is read into these frozen objects by
`examgrade.rubric`; everything that varies per question (points, the check kind and its
options, the solver and its parameters, bilingual feedback, known mistakes) lives in
the YAML, never in Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from examgrade.errors import Location
from examgrade.i18n import Bilingual


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer: a literal `answer`, or a rule (a `solver`, possibly the
    item's own, run with other `params`), or check-specific `options` (an expression)."""

    id: str
    points: float
    feedback: Bilingual
    answer: Any = None
    solver: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class Item:
    """One gradable field of a part (`field` None: the part's own value)."""

    field: str | None
    check: str
    points: float
    solver: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    feedback: Mapping[str, Bilingual] = field(default_factory=dict)
    mistakes: tuple[Mistake, ...] = ()
    optional: bool = False
    blank_to: str | None = None  # optional and left blank: its points go to this field
    location: Location = field(default_factory=Location)

    @property
    def label(self) -> str:
        return self.field or ""


@dataclass(frozen=True)
class PartExplain:
    """What `examgrade explain` adds to a part beyond its items (rubric `explain:`): the
    key ideas of a full answer, the known mistakes the items do not list, and the name of
    a worked example registered beside the solvers (`register_worked`)."""

    ideas: Bilingual | None = None
    mistakes: Bilingual | None = None
    worked: str | None = None
    worked_params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    """A part as the report shows it (`a`, `b.i`); its items' points add up to `points`.

    `pending` parts are listed by the rubric but not graded yet: they are left out of
    the score and the report says so."""

    key: str
    title: Bilingual
    points: float
    items: tuple[Item, ...]
    pending: bool = False
    text_field: str = "explanation"
    location: Location = field(default_factory=Location)
    explain: PartExplain = field(default_factory=PartExplain)

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(self.key.split("."))

    @property
    def takes_mapping(self) -> bool:
        return any(item.field for item in self.items)


@dataclass(frozen=True)
class Question:
    key: str
    points: float
    title: Bilingual
    text: Bilingual
    parameters: Mapping[str, Any]
    parts: tuple[Part, ...]
    source: str = ""

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)
