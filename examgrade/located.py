"""Typed access to located YAML nodes for the instructor's files (rubrics, `exam.yaml`):
each accessor raises `RubricError` at the node's file, line and column."""

from __future__ import annotations

from collections.abc import Iterable

from examgrade.errors import Location, RubricError
from examgrade.nodes import Broken, Mapping, Node, Scalar


class LocatedReader:
    """The accessors rubric and exam readers share; `file` names the file in messages."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, code: str, location: Location, **params: object) -> RubricError:
        return RubricError(f"rubric.{code}", params, location)

    def present(self, node: Node | None, key: str, where: Location) -> Node:
        if node is None:
            raise self.fail("missing_key", where, key=key)
        if isinstance(node, Broken):
            raise RubricError(node.error.code, node.error.params, node.error.location)
        return node

    def mapping(self, node: Node | None, key: str, where: Location) -> Mapping:
        node = self.present(node, key, where)
        if not isinstance(node, Mapping):
            raise self.fail("wrong_type", node.location, key=key, expected="a mapping")
        return node

    def text(self, node: Node | None, key: str, where: Location, blank: bool = True) -> str:
        """The scalar's text; `blank=False` refuses an empty one."""
        node = self.present(node, key, where)
        if not isinstance(node, Scalar) or (not blank and not node.text.strip()):
            raise self.fail("wrong_type", node.location, key=key, expected="a text")
        return node.text

    def number(self, node: Node | None, key: str, where: Location) -> float:
        text = self.text(node, key, where)
        try:
            return float(text)
        except ValueError:
            at = node.location if node is not None else where
            raise self.fail("not_a_number", at, key=key, value=text) from None

    def only(self, node: Mapping, allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for key in node.entries:
            if key not in allowed:
                raise self.fail(
                    "unknown_field",
                    node.key_locations.get(key, node.location),
                    key=key,
                    allowed=", ".join(sorted(allowed)),
                )
