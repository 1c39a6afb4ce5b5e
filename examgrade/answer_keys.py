"""Find each part's answer however the student spelled its key (issue 13, item 5).

The contract's form is `q4: {a: ..., b: {i: ..., ii: ...}}`; students also write
`b.i`, `bi`, `(a)`, `A`, `q1a`, a list in part order (`q1: [256x256, 25x25, 4, 0, 2]`) or
one bare answer for a question of several parts. `arrange` rewrites a sheet's answers
into the contract's form, from the parts the rubrics list, and turns everything it
cannot place into a located warning that names the key and the parts (with the closest
one): an answer never vanishes without a word. Arranging an arranged sheet changes
nothing, so every reader of a sheet (grading, groups, validate) may call it.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Union

from examgrade.errors import Location
from examgrade.i18n import Message
from examgrade.nodes import Broken, Mapping, Node, Scalar, Sequence
from examgrade.rubric import RubricSet
from examgrade.rubric_model import Question
from examgrade.sheet import Sheet

Tree = dict[str, Union["Tree", None]]  # a part key -> its sub-parts (None: a leaf part)
Fields = dict[str, list[tuple[tuple[str, ...], str]]]  # a field (folded) -> (part, field)

_PUNCTUATION = re.compile(r"[\s()\[\]{}.,:;_\-/]+")
_PART_WORD = re.compile(r"^(?:part(?:ie)?|question)")


def arrange(sheet: Sheet, rubrics: RubricSet) -> Sheet:
    """The sheet with every question's answers under the contract's part keys, and a
    warning for each answer that could not be placed."""
    answers = dict(sheet.answers)
    notes: list[Message] = []
    for question in rubrics.questions.values():
        node = answers.get(question.key)
        if node is not None:
            tree, fields = _shape(question)
            answers[question.key] = _arrange(node, tree, question.key, notes, fields)
    if not notes and _same(answers, sheet.answers):
        return sheet
    return dataclasses.replace(sheet, answers=answers, warnings=(*sheet.warnings, *notes))


_SHAPES: dict[int, tuple[Question, Tree, Fields]] = {}


def _shape(question: Question) -> tuple[Tree, Fields]:
    """The question's parts as a tree and its fields, worked out once per question."""
    found = _SHAPES.get(id(question))
    if found is None or found[0] is not question:  # an id reused by another question
        if len(_SHAPES) > 256:
            _SHAPES.clear()
        found = _SHAPES[id(question)] = (question, _tree(question), _fields(question))
    return found[1], found[2]


def _canonical(node: Node, tree: Tree) -> bool:
    """Already in the contract's form (most sheets): nothing to do."""
    if not isinstance(node, Mapping):
        return False
    for key, value in node.entries.items():
        if key not in tree:
            return False
        sub = tree[key]
        if sub is not None and not (
            isinstance(value, Mapping) and all(k in sub for k in value.entries)
        ):
            return False
    return True


def _same(new: dict[str, Node], old: dict[str, Node]) -> bool:
    """The same nodes in the same order (by identity: comparing the trees is costly)."""
    return list(new) == list(old) and all(new[k] is old[k] for k in new)


def _tree(question: Question) -> Tree:
    tree: Tree = {}
    for part in question.parts:
        level = tree
        *groups, leaf = part.path
        for group in groups:
            found = level.setdefault(group, {})
            level = found if found is not None else {}
        level.setdefault(leaf, None)
    return tree


def _fields(question: Question) -> Fields:
    """Each field name (folded) -> the parts that have it, with its spelling:
    `vanishes_if` is the part's that has it."""
    owners: Fields = {}
    for part in question.parts:
        for field in dict.fromkeys(i.field for i in part.items if i.field):
            owners.setdefault(_norm(field), []).append((part.path, field))
    return owners


def _leaves(tree: Tree, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for key, sub in tree.items():
        found += [(*prefix, key)] if sub is None else _leaves(sub, (*prefix, key))
    return found


def _names(label: str, tree: Tree) -> dict[str, str]:
    """The parts of `label` and the form that gives them, for messages."""
    parts = ", ".join(f"{label}.{'.'.join(path)}" for path in _leaves(tree))
    return {"parts": parts, "example": "{" + ", ".join(f"{key}: ..." for key in tree) + "}"}


def _norm(text: str) -> str:
    return _PART_WORD.sub("", _PUNCTUATION.sub("", text.casefold()))


def _match(key: str, tree: Tree, label: str) -> tuple[str, ...] | None:
    """The path (from this level) of the part `key` names, or None."""
    if key in tree:
        return (key,)
    wanted = _norm(key)
    for prefix in sorted({_norm(label), _norm(label.rpartition(".")[2])}, key=len, reverse=True):
        if prefix and wanted.startswith(prefix) and wanted != prefix:
            wanted = wanted[len(prefix) :]
            break
    for path in [(k,) for k in tree] + [p for p in _leaves(tree) if len(p) > 1]:
        if _norm("".join(path)) == wanted:
            return path
    return None


def _arrange(
    node: Node,
    tree: Tree,
    label: str,
    notes: list[Message],
    fields: Fields | None = None,
) -> Node | None:
    """`node` with its keys as this level's parts (`fields`: a part's field written
    without the part, `q2: {vanishes_if: ..}`, is read as that part's)."""
    if isinstance(node, Broken) or not tree or _canonical(node, tree):
        return node
    if isinstance(node, Scalar):
        return _bare(node, tree, label, notes)
    if isinstance(node, Sequence):
        return _in_order(node, tree, label, notes)
    placed: dict[str, Node] = {}
    grouped: dict[str, dict[str, Node]] = {}
    where: dict[str, Location] = {}
    fielded: dict[tuple[str, ...], dict[str, tuple[Node, Location]]] = {}
    for key, value in node.entries.items():
        location = node.key_locations.get(key, node.location)
        path = _match(key, tree, label)
        owners = (fields or {}).get(_norm(key), []) if path is None else []
        if path is None and len(owners) == 1:
            part_path, field = owners[0]
            fielded.setdefault(part_path, {})[field] = (value, location)
            continue
        if path is None:
            notes.append(_unknown(key, tree, label, location, owners))
            continue
        head = path[0]
        if len(path) > 1:
            found = grouped.setdefault(head, {})
            target, leaf = found, path[1]
        else:
            target, leaf = placed, head
        if leaf in target or (len(path) == 1 and head in grouped):
            params = {**location.params(), "key": key, "part": f"{label}.{'.'.join(path)}"}
            notes.append(Message("sheet.part_twice", params))
            continue
        target[leaf] = value
        where.setdefault(head, location)
    for path, given in fielded.items():  # before the groups: a sub-part's field joins one
        _add_fields(placed, grouped, where, path, given, label, notes)
    for head, found in grouped.items():
        placed[head] = _merge(placed.get(head), found, node.location, label, head, notes)
    entries: dict[str, Node] = {}
    for head in tree:  # in part order
        if head in placed:
            sub = tree[head]
            value = placed[head]
            arranged = value if sub is None else _arrange(value, sub, f"{label}.{head}", notes)
            if arranged is not None:
                entries[head] = arranged
    if _same(entries, node.entries):
        return node
    return Mapping(entries, node.location, {k: where[k] for k in entries})


def _add_fields(
    placed: dict[str, Node],
    grouped: dict[str, dict[str, Node]],
    where: dict[str, Location],
    path: tuple[str, ...],
    given: dict[str, tuple[Node, Location]],
    label: str,
    notes: list[Message],
) -> None:
    """Fields written without their part, put into the part's mapping."""
    level = placed if len(path) == 1 else grouped.setdefault(path[0], {})
    leaf = path[-1]
    current = level.get(leaf)
    if current is not None and not isinstance(current, Mapping):
        for key, (_, location) in given.items():
            params = {**location.params(), "key": key, "part": f"{label}.{'.'.join(path)}"}
            notes.append(Message("sheet.part_twice", params))
        return
    entries = dict(current.entries) if current is not None else {}
    places = dict(current.key_locations) if current is not None else {}
    for key, (value, location) in given.items():
        if key in entries:
            params = {**location.params(), "key": key, "part": f"{label}.{'.'.join(path)}"}
            notes.append(Message("sheet.part_twice", params))
            continue
        entries[key], places[key] = value, location
    first = next(iter(given.values()))[1]
    level[leaf] = Mapping(entries, current.location if current is not None else first, places)
    where.setdefault(path[0], first)


def _merge(
    given: Node | None,
    found: dict[str, Node],
    location: Location,
    label: str,
    head: str,
    notes: list[Message],
) -> Node:
    """Sub-parts written as `b.i` beside (or instead of) `b: {...}`."""
    if given is None:
        return Mapping(found, location, {k: _where(v) for k, v in found.items()})
    if not isinstance(given, Mapping):
        for key, value in found.items():
            params = {**_where(value).params(), "key": key, "part": f"{label}.{head}.{key}"}
            notes.append(Message("sheet.part_twice", params))
        return given
    entries = dict(given.entries)
    places = dict(given.key_locations)
    for key, value in found.items():
        entries.setdefault(key, value)
        places.setdefault(key, _where(value))
    return Mapping(entries, given.location, places)


def _where(node: Node) -> Location:
    return node.location


def _bare(node: Scalar, tree: Tree, label: str, notes: list[Message]) -> Node:
    """One answer for several parts: read as the first part, and said so."""
    if not node.text.strip():
        return node
    first = next(iter(tree))
    if len(tree) > 1:
        params = {**node.location.params(), "question": label, "part": f"{label}.{first}"}
        notes.append(Message("sheet.bare_answer", {**params, **_names(label, tree)}))
    sub = tree[first]
    value = node if sub is None else _arrange(node, sub, f"{label}.{first}", notes)
    if value is None:
        return Mapping({}, node.location, {})
    return Mapping({first: value}, node.location, {first: node.location})


def _in_order(node: Sequence, tree: Tree, label: str, notes: list[Message]) -> Node | None:
    """A list of answers, one per part in order (the leaf parts, or this level's)."""
    for paths in (_leaves(tree), [(k,) for k in tree]):
        if len(node.items) == len(paths):
            entries: dict[str, Node] = {}
            for path, item in zip(paths, node.items, strict=True):
                level = entries
                for key in path[:-1]:
                    level = level.setdefault(key, {})  # type: ignore[assignment]
                level[path[-1]] = item
            return _arrange(_nodes(entries, node.location), tree, label, notes)
    params = {**node.location.params(), "question": label, "count": len(node.items)}
    params |= {"expected": len(_leaves(tree)), **_names(label, tree)}
    notes.append(Message("sheet.list_length", params))
    return None


def _nodes(entries: dict, location: Location) -> Mapping:
    built = {k: _nodes(v, location) if isinstance(v, dict) else v for k, v in entries.items()}
    places = {k: v.location for k, v in built.items()}
    return Mapping(built, location, places)


def _unknown(
    key: str,
    tree: Tree,
    label: str,
    location: Location,
    owners: list[tuple[tuple[str, ...], str]] | None = None,
) -> Message:
    parts = [".".join(path) for path in _leaves(tree)]
    close = difflib.get_close_matches(_norm(key), [_norm(p) for p in parts], n=1, cutoff=0.5)
    suggestion: Message | str = ""
    if owners:  # a field of several parts: which one is meant cannot be told
        options = " / ".join(f"{label}.{'.'.join(path)}.{field}" for path, field in owners)
        suggestion = Message("sheet.did_you_mean", {"key": options})
    elif close:
        best = parts[[_norm(p) for p in parts].index(close[0])]
        suggestion = Message("sheet.did_you_mean", {"key": f"{label}.{best}"})
    params = {**location.params(), "key": key, "question": label, **_names(label, tree)}
    return Message("sheet.unknown_part", {**params, "suggestion": suggestion})
