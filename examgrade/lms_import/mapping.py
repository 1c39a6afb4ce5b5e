"""The map: which column of the responses file fills which field of the answer sheet.

```yaml
id: ID number                 # the column that becomes student.id
name: [First name, Surname]   # one column, or several joined by a space
lang: fr                      # en, fr, or the column holding en/fr per student
fields:
  q1.a: Response 1
  q2.c.vanishes_if: Response 7
  q6.a.steps: Response 12     # one step per line of the response
  q8.b: {linear: Response 20, explanation: Response 21}
  q1.c: {column: Response 3, part: 2}   # one blank of a Cloze or multiple-blanks answer
```

Targets are checked against the rubrics (the exam's parts and fields), columns against
the file's header, each error with the map's line. The map is read with the sheets'
safe YAML reader: no tags, no aliases, every scalar as text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from examgrade.errors import ExamgradeError, Location
from examgrade.i18n import Message
from examgrade.lms_import.table import ImportFault, Table, read_bounded
from examgrade.nodes import Broken, Mapping, Node, Scalar, Sequence
from examgrade.rubric import RubricSet
from examgrade.rubric_model import Part
from examgrade.template import answer_form

MAX_MAP_BYTES = 256 * 1024
_CANVAS_ID = re.compile(r"^(\d+):?$")


@dataclass(frozen=True)
class Source:
    """A column (by index), and which blank of it when the response has several."""

    column: int
    header: str
    part: int | None = None


@dataclass(frozen=True)
class Binding:
    """One field of the sheet (its YAML path), where it comes from, and what it takes."""

    target: str
    path: tuple[str, ...]
    form: str
    source: Source


@dataclass(frozen=True)
class Map:
    """A map checked against a file's header and the exam's rubrics."""

    file: str
    id: Source
    name: tuple[Source, ...]
    lang: str | Source
    bindings: tuple[Binding, ...]


def load_map(path: Path, table: Table, rubrics: RubricSet) -> Map:
    """Read and check a map file; raise `ImportFault` naming the map's line when it is wrong."""
    from examgrade.yamlsafe import compose, decode

    name = str(path)
    data = read_bounded(path, MAX_MAP_BYTES, "lms_import.no_map", "lms_import.map_too_large")
    try:
        root = compose(decode(data, name), name)
    except ExamgradeError as error:
        raise ImportFault(error.code, error.params, error.location) from None
    if not isinstance(root, Mapping):
        raise ImportFault("lms_import.map_shape", {}, Location(name, 1))
    return _read_map(root, name, table, rubrics)


def _read_map(root: Mapping, name: str, table: Table, rubrics: RubricSet) -> Map:
    reader = _Reader(name, table)
    for key in root.entries:
        if key not in ("id", "name", "lang", "fields"):
            raise ImportFault(
                "lms_import.map_unknown_key",
                {"key": key},
                root.key_locations.get(key, Location(name)),
            )
    id_node = root.get("id")
    if id_node is None:
        raise ImportFault("lms_import.map_no_id", {}, Location(name, 1))
    identity = reader.source(id_node)
    names: tuple[Source, ...] = ()
    name_node = root.get("name")
    if isinstance(name_node, Sequence):
        names = tuple(reader.source(item) for item in name_node.items)
    elif name_node is not None:
        names = (reader.source(name_node),)
    lang: str | Source = "en"
    lang_node = root.get("lang")
    if isinstance(lang_node, Scalar) and lang_node.text.strip().lower() in ("en", "fr"):
        lang = lang_node.text.strip().lower()
    elif lang_node is not None:
        lang = reader.source(lang_node)
    fields = root.get("fields")
    if not isinstance(fields, Mapping) or not fields.entries:
        where = fields.location if fields is not None else Location(name, 1)
        raise ImportFault("lms_import.map_no_fields", {}, where)
    bindings: list[Binding] = []
    seen: dict[tuple[str, ...], str] = {}
    for target, node in fields.entries.items():
        where = fields.key_locations.get(target, node.location)
        for binding in _bindings(target, node, where, reader, rubrics):
            if binding.path in seen:
                raise ImportFault(
                    "lms_import.map_twice",
                    {"target": binding.target, "first": seen[binding.path]},
                    where,
                )
            seen[binding.path] = target
            bindings.append(binding)
    _no_conflicts(bindings, name)
    return Map(name, identity, names, lang, tuple(bindings))


_RANK = re.compile(r"(.*\S)\s*#(\d{1,3})", re.DOTALL)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Reader:
    """Turns a map value into a column of the table, or an error at the map's line."""

    def __init__(self, name: str, table: Table) -> None:
        self.name, self.table = name, table

    def source(self, node: Node) -> Source:
        if isinstance(node, Broken):  # a duplicate key, a tag…: the reader's own message
            raise ImportFault(node.error.code, node.error.params, node.error.location)
        if isinstance(node, Mapping) and "column" in node.entries:
            column = self._column(node.entries["column"])
            part_node = node.get("part")
            if part_node is None:
                return column
            text = part_node.text.strip() if isinstance(part_node, Scalar) else ""
            if not text.isdigit() or not 1 <= int(text) <= 999:
                raise ImportFault(
                    "lms_import.map_bad_part", {"value": text[:40]}, part_node.location
                )
            return Source(column.column, column.header, int(text))
        return self._column(node)

    def _column(self, node: Node) -> Source:
        if not isinstance(node, Scalar) or not node.text.strip():
            raise ImportFault("lms_import.map_not_column", {}, node.location)
        wanted = node.text.strip()
        header = self.table.header
        matches = [i for i, h in enumerate(header) if _fold(h) == _fold(wanted)]
        rank = _RANK.fullmatch(wanted)
        if not matches and rank:  # `Explication #2`: the second of the columns so named
            same = [i for i, h in enumerate(header) if _fold(h) == _fold(rank.group(1))]
            number = int(rank.group(2))
            if len(same) > 1 and 1 <= number <= len(same):
                index = same[number - 1]
                return Source(index, f"{header[index]} #{number}")
        canvas = _CANVAS_ID.match(wanted)
        if not matches and canvas:  # a Canvas question by its id: `123456` for `123456: text…`
            matches = [i for i, h in enumerate(header) if h.startswith(canvas.group(1) + ": ")]
        if len(matches) > 1:
            raise ImportFault(
                "lms_import.map_column_twice",
                {"column": wanted, "numbers": ", ".join(str(i + 1) for i in matches)},
                node.location,
            )
        if not matches:
            close = difflib.get_close_matches(wanted, header, n=3, cutoff=0.6)
            said = Message("lms_import.columns_close", {"names": ", ".join(close)})
            if not close:  # it said "(close: -)": the header's columns are the help
                shown = [h for h in header if h.strip()][:8] + (["…"] if len(header) > 8 else [])
                said = Message("lms_import.columns_listed", {"names": ", ".join(shown)})
            raise ImportFault(
                "lms_import.map_no_column",
                {"column": wanted, "close": said, "responses": self.table.file},
                node.location,
            )
        return Source(matches[0], header[matches[0]])


def targets(rubrics: RubricSet) -> list[tuple[str, tuple[str, ...], str]]:
    """Every field of the sheet in the exam's order: (target, YAML path, form)."""
    found = []
    for question in rubrics.questions.values():
        for part in question.parts:
            base = (question.key, *part.path)
            if part.takes_mapping:
                for item in part.items:
                    if item.field:
                        path = (*base, item.field)
                        found.append((".".join(path), path, answer_form(item)))
            elif part.items:
                found.append((".".join(base), base, answer_form(part.items[0])))
    return found


def _bindings(
    target: str, node: Node, where: Location, reader: _Reader, rubrics: RubricSet
) -> list[Binding]:
    path = tuple(target.strip().split("."))
    question = rubrics.questions.get(path[0].lower())
    part = _part(question.parts, path[1:]) if question else None
    if question is None or part is None:
        raise _unknown(target, where, rubrics)
    rest = path[1 + len(part.path) :]
    base = (question.key, *part.path)
    fields = {item.field: answer_form(item) for item in part.items if item.field}
    if not rest and isinstance(node, Mapping) and "column" not in node.entries:
        if not part.takes_mapping:
            raise ImportFault("lms_import.map_no_subfields", {"target": target}, where)
        found = []
        for key, value in node.entries.items():
            if key not in fields:
                raise _unknown(
                    f"{'.'.join(base)}.{key}", node.key_locations.get(key, where), rubrics
                )
            found.append(
                Binding(f"{'.'.join(base)}.{key}", (*base, key), fields[key], reader.source(value))
            )
        return found
    if rest:
        if len(rest) != 1 or rest[0] not in fields:
            raise _unknown(target, where, rubrics)
        return [
            Binding(
                ".".join((*base, rest[0])), (*base, rest[0]), fields[rest[0]], reader.source(node)
            )
        ]
    form = "text" if part.takes_mapping else answer_form(part.items[0]) if part.items else "text"
    return [Binding(".".join(base), base, form, reader.source(node))]


def _part(parts: tuple[Part, ...], rest: tuple[str, ...]) -> Part | None:
    best = None
    for part in parts:
        if rest[: len(part.path)] == part.path and (
            best is None or len(part.path) > len(best.path)
        ):
            best = part
    return best


def _unknown(target: str, where: Location, rubrics: RubricSet) -> ImportFault:
    known = [t for t, _, _ in targets(rubrics)]
    close = difflib.get_close_matches(target, known, n=3, cutoff=0.5)
    return ImportFault(
        "lms_import.map_unknown_target",
        {"target": target, "close": ", ".join(close) or ", ".join(known[:6]) + ", …"},
        where,
    )


def _no_conflicts(bindings: list[Binding], name: str) -> None:
    """A part given whole (`q2.c: …`, which is its explanation) and field by field too
    would say the explanation twice: the map must name `q2.c.explanation` instead."""
    wholes = {b.path: b for b in bindings if b.form == "text" and len(b.path) >= 2}
    for binding in bindings:
        for cut in range(len(binding.path) - 1, 1, -1):
            whole = wholes.get(binding.path[:cut])
            if whole is not None and whole is not binding:
                raise ImportFault(
                    "lms_import.map_whole_and_fields",
                    {"whole": whole.target, "field": binding.target},
                    Location(name),
                )
