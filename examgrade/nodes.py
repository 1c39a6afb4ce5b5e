"""The located values of an answer sheet: what every check receives.

A sheet is read into these nodes, never into Python objects chosen by YAML: every
scalar is the text the student typed, with its line and column, and a field that could
not be read safely is a `Broken` node, so only that part is `invalid`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from examgrade.errors import Location, SheetError
from examgrade.i18n import Message


@dataclass(frozen=True)
class Scalar:
    """A scalar as typed (`no`, `0x10`, `25x25` stay text); `style` is YAML's quote style."""

    text: str
    location: Location
    style: str | None = None


@dataclass(frozen=True)
class Sequence:
    items: tuple[Node, ...]
    location: Location


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, Node]
    location: Location
    key_locations: dict[str, Location] = field(default_factory=dict)

    def get(self, key: str) -> Node | None:
        return self.entries.get(key)


@dataclass(frozen=True)
class Broken:
    """A field that could not be read (a tag, an alias, a control character...)."""

    error: SheetError
    location: Location


Node = Scalar | Sequence | Mapping | Broken


def kind_name(node: Node) -> Message:
    """The name of a node's shape for messages ("a list", "une liste"), in either language."""
    kind = {Scalar: "text", Sequence: "list", Mapping: "mapping", Broken: "invalid"}[type(node)]
    return Message(f"sheet.kind_{kind}")
