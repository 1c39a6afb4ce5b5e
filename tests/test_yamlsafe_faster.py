"""Issue 17 (i17w2): reading a sheet's YAML faster builds the same nodes and errors.

`yamlsafe._Builder` walks a node in one method, makes its locations and scalars without
the frozen dataclasses' `__init__`, and searches a scalar for control characters only
when the text has one or the scalar is double-quoted. It is held here to the builder it
replaced (kept below, verbatim) on every kind of document where the two could part:
the sample sheets, synthetic classes, and each fault the reader refuses or marks."""

from __future__ import annotations

import dataclasses
import random
import re
from bisect import bisect_left
from pathlib import Path

import pytest
import yaml

from examgrade import yamlsafe
from examgrade.errors import Location, SheetError
from examgrade.nodes import Broken, Mapping, Node, Scalar, Sequence
from examgrade.yamlsafe import (
    _CONTROL,
    _ESCAPE,
    _MAX_REPAIRS,
    _PLAIN_ESCAPES,
    MAX_DEPTH,
    MAX_NODES,
    _events,
    _Problem,
    _repair,
    _short_tag,
    _syntax_error,
    compose,
)

ROOT = Path(__file__).resolve().parents[1]
_BREAK = re.compile("\n")


class _OldBuilder:
    """`yamlsafe._Builder` as it was before issue 17 (i17w2): the reference."""

    def __init__(
        self, text: str, file: str | None, problems: list[_Problem], strict: bool = True
    ) -> None:
        self.strict = strict
        self.text = text
        self.file = file
        self.problems = problems
        self.count = 0
        # where each line break is: a node's line and column by bisection, not by counting
        # the text before it again for each of a sheet's hundreds of nodes
        self.breaks = [match.start() for match in _BREAK.finditer(text)]

    def build(self, events: list[yaml.Event]) -> Node | None:
        starts = [e for e in events if type(e) is yaml.DocumentStartEvent]
        if len(starts) > 1:
            raise SheetError("sheet.several_documents", {}, self._loc(starts[1].start_mark.index))
        # one document: stream start, document start, its nodes, document end, stream end
        if not starts or len(events) < 5:
            return None
        node, _ = self._node(events, 2, 0)
        return node

    def _loc(self, index: int) -> Location:
        """The same line and column as `_location(self.text, index, self.file)`."""
        before = bisect_left(self.breaks, index)  # line breaks before `index`
        start = self.breaks[before - 1] + 1 if before else 0
        return Location(self.file, before + 1, index - start + 1)

    def _node(self, events: list[yaml.Event], at: int, depth: int) -> tuple[Node, int]:
        event = events[at]
        self.count += 1
        if self.count > MAX_NODES:
            raise SheetError("sheet.too_many_nodes", {"limit": MAX_NODES}, self._loc(0))
        if depth > MAX_DEPTH:
            raise SheetError(
                "sheet.too_deep", {"limit": MAX_DEPTH}, self._loc(event.start_mark.index)
            )
        location = self._loc(event.start_mark.index)
        kind = type(event)  # the C parser makes exactly these classes: no subclass to miss
        if kind is yaml.ScalarEvent:
            node: Node = self._scalar(event, location)
            end = at + 1
        elif kind is yaml.MappingStartEvent:
            node, end = self._mapping(events, at, depth, location)
        elif kind is yaml.SequenceStartEvent:
            node, end = self._sequence(events, at, depth, location)
        elif kind is yaml.AliasEvent:
            return Broken(SheetError("sheet.alias", {"name": event.anchor}, location), location), (
                at + 1
            )
        else:  # pragma: no cover - the parser guarantees the event order
            raise SheetError("sheet.yaml_syntax", {"problem": str(event), "hint": ""}, location)
        if event.tag is None and event.anchor is None:  # nearly always: nothing to refuse
            return node, end
        return self._refuse_decorations(event, node, location), end

    def _refuse_decorations(self, event: yaml.Event, node: Node, location: Location) -> Node:
        tag = getattr(event, "tag", None)
        is_plain_flag = isinstance(event, yaml.ScalarEvent) and tag == "!"
        if tag and not is_plain_flag:
            return Broken(SheetError("sheet.tag", {"tag": _short_tag(tag)}, location), location)
        if getattr(event, "anchor", None):
            return Broken(SheetError("sheet.anchor", {"name": event.anchor}, location), location)
        return node

    def _scalar(self, event: yaml.ScalarEvent, location: Location) -> Node:
        start, end = event.start_mark.index, event.end_mark.index
        for problem in self.problems:
            if start <= problem.index < end:
                return Broken(problem.error, problem.error.location)
        if self.strict and event.style == '"':
            for escape in _ESCAPE.finditer(self.text, start, end):
                if escape.group(1) not in _PLAIN_ESCAPES:  # \f, \n, \t... change the text
                    index = escape.start()
                    error = SheetError("sheet.backslash_in_double_quotes", {}, self._loc(index))
                    return Broken(error, error.location)
        bad = _CONTROL.search(event.value)
        if bad:
            char = f"U+{ord(bad.group()):04X}"
            return Broken(SheetError("sheet.control_char", {"char": char}, location), location)
        return Scalar(event.value, location, event.style or None)

    def _sequence(
        self, events: list[yaml.Event], at: int, depth: int, location: Location
    ) -> tuple[Node, int]:
        items: list[Node] = []
        at += 1
        end_event = yaml.SequenceEndEvent
        while type(events[at]) is not end_event:
            item, at = self._node(events, at, depth + 1)
            items.append(item)
        return Sequence(tuple(items), location), at + 1

    def _mapping(
        self, events: list[yaml.Event], at: int, depth: int, location: Location
    ) -> tuple[Node, int]:
        entries: dict[str, Node] = {}
        key_locations: dict[str, Location] = {}
        at += 1
        end_event = yaml.MappingEndEvent
        while type(events[at]) is not end_event:
            key_start = events[at].start_mark.index
            key_node, at = self._node(events, at, depth + 1)
            value, at = self._node(events, at, depth + 1)
            if not isinstance(key_node, Scalar):
                raise SheetError("sheet.complex_key", {}, self._loc(key_start))
            key_location = key_node.location  # a readable key's node is where it starts
            key = key_node.text
            if key in entries:
                first = key_locations[key]
                error = SheetError(
                    "sheet.duplicate_key", {"key": key, "first_line": first.line}, key_location
                )
                entries[key] = Broken(error, key_location)
                continue
            entries[key] = value
            key_locations[key] = key_location
        return Mapping(entries, location, key_locations), at + 1


def _old_compose(text: str, file: str | None = None, strict: bool = True):
    """`yamlsafe.compose` with the old builder."""
    problems: list[_Problem] = []
    for _ in range(_MAX_REPAIRS):
        try:
            events = _events(text)
            break
        except yaml.YAMLError as exc:
            repaired = _repair(text, exc, file)
            if repaired is None:
                raise _syntax_error(exc, text, file) from None
            text, problem = repaired
            problems.append(problem)
    else:  # pragma: no cover
        raise SheetError("sheet.too_many_errors", {}, Location(file))
    return _OldBuilder(text, file, problems, strict).build(events)


def _outcome(read, text: str, strict: bool):
    try:
        return ("node", read(text, "s.yaml", strict))
    except SheetError as error:
        return ("error", error.code, dict(error.params), error.location)


def _shape(node):
    """Every field of every node, with the classes: equality alone would not see a
    location made another way that compares equal."""
    if node is None:
        return None
    kind = type(node)
    loc = node.location
    located = (type(loc), loc.file, loc.line, loc.column, sorted(vars(loc)))
    if kind is Scalar:
        return (kind, node.text, node.style, located, sorted(vars(node)))
    if kind is Sequence:
        return (kind, located, tuple(_shape(i) for i in node.items))
    if kind is Mapping:
        keys = {k: (type(v), v.file, v.line, v.column) for k, v in node.key_locations.items()}
        return (kind, located, {k: _shape(v) for k, v in node.entries.items()}, keys)
    assert kind is Broken
    error = node.error
    return (kind, located, error.code, dict(error.params), error.location)


def _documents() -> list[str]:
    from synth_class import _sentences, sheet_text

    texts = [p.read_text("utf-8") for p in sorted((ROOT / "answers").glob("*.yaml"))]
    rng = random.Random(17)
    sentences = {"en": _sentences("en"), "fr": _sentences("fr")}
    texts += [sheet_text(n, rng, sentences, n % 2 == 0) for n in range(24)]
    deep = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 40))
    odd = [
        "",
        "# nothing\n",
        "just text\n",
        "- a\n- b\n",
        "student: {id: s1}\nq1: 'it''s'\nq2: \"say \\\"hi\\\"\"\n",
        'student: {id: s1}\nq1: "\\frac{a}{b}"\nq2: "ok"\n',
        'student: {id: s1}\nq1: "tab\\there"\n',
        "student: {id: s1}\nq1: !!int 3\nq2: !custom x\nq3: ! plain\n",
        "student: {id: s1}\nq1: &a x\nq2: *a\nq3: &b [1, 2]\n",
        "student: {id: s1}\nq1: x\nq1: y\nq1: z\n",
        "student: {id: s1}\n? [a, b]\n: x\n",
        "student: {id: s1}\n? {a: b}\n: x\n",
        "student: {id: s1}\nq1: a\x01b\nq2: fine\n",
        "student: {id: s1}\nq1: 'x\x85y'\nq2: \"\\x01\"\n",
        "student: {id: s1}\nq1: caf\u00e9 \u2028 x\nq2: |\n  line\n  two\n",
        "student: {id: s1}\r\nq1: a\r\nq2: >\r\n  folded\r\n  text\r\n",
        "a: 1\n---\nb: 2\n",
        "--- a\n--- b\n--- c\n",
        "a: [1, {b: c, d: [e, f]}, 'g']\nh: {}\ni: []\nj:\nk: ~\n",
        deep,
        "a: " + "[" * 40 + "]" * 40 + "\n",
        "a: 'unclosed\n",
        "a: b: c\n",
        "\ta: 1\n",
        "- " * 3 + "x\n",
        "l:\n" + "".join(f"  - {i}\n" for i in range(3000)),
    ]
    return [*texts, *odd]


@pytest.mark.parametrize("strict", [True, False])
def test_the_same_nodes_and_errors_as_the_builder_it_replaced(
    strict: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    for text in _documents():
        old = _outcome(_old_compose, text, strict)
        new = _outcome(compose, text, strict)
        if old[0] == "node":
            assert new[0] == "node", text
            assert _shape(new[1]) == _shape(old[1]), text
            assert new[1] == old[1], text
        else:
            assert new == old, text


def test_too_many_nodes_is_refused_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlsafe, "MAX_NODES", 50)
    text = "l:\n" + "".join(f"  - {i}\n" for i in range(60))
    new = _outcome(compose, text, True)
    assert new[0] == "error" and new[1] == "sheet.too_many_nodes"
    assert new[3] == Location("s.yaml", 1, 1)


def test_a_location_made_fast_is_a_location() -> None:
    """`_located` fills exactly the dataclass's fields: a field added to `Location`
    must be added there too."""
    made = yamlsafe._located("f", 3, 4)
    assert made == Location("f", 3, 4) and hash(made) == hash(Location("f", 3, 4))
    assert sorted(vars(made)) == sorted(f.name for f in dataclasses.fields(Location))
    scalar = yamlsafe._scalar_node("t", made, None)
    assert scalar == Scalar("t", made, None)
    assert sorted(vars(scalar)) == sorted(f.name for f in dataclasses.fields(Scalar))
