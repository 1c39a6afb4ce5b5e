"""One hierarchy of typed errors, turned into a message for a person at one boundary.

An error carries a message code and its parameters, never prose: the text lives in
the English and French catalogs (`examgrade/messages/`), so every error reaches the
student in their language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from examgrade.i18n import Message


@dataclass(frozen=True)
class Location:
    """Where in a file something is: 1-based line and column, either may be unknown."""

    file: str | None = None
    line: int | None = None
    column: int | None = None

    def params(self) -> dict[str, Any]:
        return {"file": self.file or "-", "line": self.line or "?", "column": self.column or "?"}


@dataclass
class ExamgradeError(Exception):
    """Base of every error examgrade raises on purpose; `message` renders it in EN or FR."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    location: Location = field(default_factory=Location)

    def __post_init__(self) -> None:
        super().__init__(self.code)

    @property
    def message(self) -> Message:
        return Message(self.code, {**self.location.params(), **self.params})

    def __str__(self) -> str:
        return self.message.render("en")


class SheetError(ExamgradeError):
    """The student's sheet cannot be read (as a whole, or one of its fields)."""


class RubricError(ExamgradeError):
    """A rubric is broken: the instructor's error, reported with the rubric file and line."""


class MathError(ExamgradeError):
    """An expression cannot be read or evaluated; `location.column` points into the text."""


class UsageError(ExamgradeError):
    """The command line asks for something that does not exist (unknown question, bad --set)."""


class UnreadableSheet(SheetError):
    """The one sheet a command was given cannot be read at all: exit 1, not a usage error."""
