"""Read YAML into located nodes, safely and as typed.

PyYAML's C parser gives events with marks; we build our own nodes from them, so that
no scalar is ever resolved (no YAML 1.1 booleans, no octal), no tag constructs a
Python object, and no alias is expanded (billion laughs cannot grow). What would be
silently wrong elsewhere is refused here with a line and column:

* a double-quoted scalar with a backslash (`"\\frac"` holds a form feed; `"\\sum"` is a
  YAML error) -> that field is `Broken`, the rest is read;
* a control character in the text, a tag, an anchor or an alias, a duplicate key ->
  that field is `Broken`;
* syntax errors, bytes that are not UTF-8, a file too large or nested too deep -> the
  whole document is refused with a `SheetError`.
"""

from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from dataclasses import dataclass

import yaml

from examgrade.errors import Location, SheetError
from examgrade.nodes import Broken, Mapping, Node, Scalar, Sequence

MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 50_000
_MAX_REPAIRS = 200

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_ESCAPE = re.compile(r"\\(.)", re.S)
_PLAIN_ESCAPES = ('"', "\\")  # `\"` and `\\` in double quotes are what was meant: "Ben \"B\" T"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class _Problem:
    index: int
    error: SheetError


def decode(data: bytes, file: str | None) -> str:
    """Bytes to text: UTF-8 only (a BOM is allowed), within the size bound."""
    if len(data) > MAX_BYTES:
        raise SheetError("sheet.too_large", {"size": len(data), "limit": MAX_BYTES}, Location(file))
    wide = _wide_encoding(data)
    if wide:
        raise SheetError("sheet.wide_encoding", {"encoding": wide}, Location(file))
    if b"\x00" in data:
        raise SheetError("sheet.binary", {}, _location_of_byte(data, data.index(b"\x00"), file))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(
            "sheet.not_utf8",
            {"byte": f"0x{data[exc.start]:02x}"},
            _location_of_byte(data, exc.start, file),
        ) from None


_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """`UTF-16` or `UTF-32` for text saved so (a BOM, or ASCII with a NUL between every
    letter, as Notepad and PowerShell write it), which UTF-8 reads as NUL bytes."""
    for bom, name in _BOMS:  # UTF-32 LE starts with UTF-16 LE's BOM: checked first
        if data.startswith(bom):
            return name
    head = data[:64]
    head = head[: len(head) - len(head) % 4]
    if len(head) >= 8 and b"\x00" in head:  # else no NUL between letters: nearly every sheet
        for width, name in ((4, "UTF-32"), (2, "UTF-16")):
            for lead in (0, width - 1):  # little-endian: the letter first; big: last
                letters = head[lead::width]
                rest = bytes(b for i, b in enumerate(head) if i % width != lead)
                if all(letters) and not any(rest):
                    return name
    return None


def _location_of_byte(data: bytes, offset: int, file: str | None) -> Location:
    before = data[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return Location(file, line, column)


def _location(text: str, index: int, file: str | None) -> Location:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return Location(file, line, column)


def compose(
    text: str,
    file: str | None = None,
    strict: bool = True,
    read_as_text: list[Location] | None = None,
    unquoted: list[Location] | None = None,
) -> Node | None:
    """Parse one YAML document into nodes; None for an empty document.

    Field-level problems become `Broken` nodes; document-level ones raise `SheetError`.
    `strict=False` is for our own files (catalogs), where `\"` escapes are meant.
    Given `read_as_text` (answer sheets), an unquoted answer that YAML cannot read as
    typed — it holds ': ' ("W^t -> 0: the gradient vanishes") or starts with markup
    ("|λ| < 1", "> 1", "[W]^t", "* W") — is read as the text it is, and where it starts
    is added to the list (the reader says so), instead of refusing the whole sheet. A
    repair is kept only if the parser then gets past that answer. Given `unquoted`
    (answer sheets), a value wrapped whole in a word processor's curly quotes (“25x25”,
    ‘4’, « oui », '“4”') is read without them, and where it starts is added to it.
    """
    problems: list[_Problem] = []
    # the text and the fault before the last answer put in quotes, and that answer's last line
    original: tuple[str, yaml.YAMLError, int] | None = None
    for _ in range(_MAX_REPAIRS):
        try:
            events = _events(text)
            break
        except yaml.YAMLError as exc:
            if original is not None and _line_of(exc) <= original[2]:
                raise _syntax_error(original[1], original[0], file) from None
            quoted = _quoted_answer(text, exc) if read_as_text is not None else None
            if quoted is not None:
                original = (text, exc, quoted[2])
                text, start = quoted[0], quoted[1]
                read_as_text.append(_location(text, start, file))  # type: ignore[union-attr]
                continue
            original = None
            repaired = _repair(text, exc, file)
            if repaired is None:
                raise _syntax_error(exc, text, file) from None
            text, problem = repaired
            problems.append(problem)
    else:  # pragma: no cover - a sheet with hundreds of broken escapes
        raise SheetError("sheet.too_many_errors", {}, Location(file))
    return _Builder(text, file, problems, strict, unquoted).build(events)


def _mark_of(exc: yaml.YAMLError) -> yaml.Mark | None:
    """Where libyaml stopped: the problem's mark, else its context's."""
    return getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)


def _line_of(exc: yaml.YAMLError) -> int:
    mark = _mark_of(exc)
    return mark.line if mark is not None else -1


def _events(text: str) -> list[yaml.Event]:
    """The parser's events, pulled in one loop (`yaml.parse`'s generator asked libyaml
    twice per event, check then get: a tenth of reading a sheet)."""
    loader = _Loader(text)
    try:
        return list(iter(loader.get_event, None))
    finally:
        loader.dispose()


def _repair(text: str, exc: yaml.YAMLError, file: str | None) -> tuple[str, _Problem] | None:
    """Make one field-level fault parseable and remember it, so the rest can be read.

    An unknown escape in double quotes and a control character are both confined to
    one scalar; we blank the offending character and mark that scalar broken later.
    """
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", "") or "")
    if isinstance(exc, yaml.reader.ReaderError):
        index = exc.position
        char = text[index] if index < len(text) else ""
        error = SheetError(
            "sheet.control_char",
            {"char": f"U+{ord(char):04X}" if char else "?"},
            _location(text, index, file),
        )
        return text[:index] + " " + text[index + 1 :], _Problem(index, error)
    if mark is not None and "unknown escape character" in problem:
        index = mark.index - 1 if text[mark.index - 1 : mark.index] == "\\" else mark.index
        if text[index : index + 1] != "\\":
            return None
        error = SheetError("sheet.backslash_in_double_quotes", {}, _location(text, index, file))
        return text[:index] + "/" + text[index + 1 :], _Problem(index, error)
    return None


# `key: value` whose value is unquoted; group 1 is up to the key's column, group 2 the value.
_KEY_LINE = re.compile(r"^(\s*(?:-\s+)?)[^\s'\"#{\[][^:#]*?:[ \t]+([^\s'\"].*)$")
# a value that starts with a plain scalar (no block, flow, anchor, alias, tag, directive mark)
_PLAIN_START = re.compile(r"[^|>\[{&*!%@`#?-]|[?-]\S")
_COMMENT = re.compile(r"[ \t]#")
_STRAY_KEY = re.compile(r"\s*[\w.-]+:(?:\s|$)")


def _quoted_answer(text: str, exc: yaml.YAMLError) -> tuple[str, int, int] | None:
    """The text with the unquoted answer YAML stopped at put in single quotes, the index
    where its value starts and its last line; None when the fault is anything else.

    A stray ': ' may stop the parser on the answer's first line or on a line below (a
    plain scalar's continuation, indented further); markup at the start of an answer
    stops it on the answer's own line, which must then be all of it. A ' #' comment on
    a line is left out, as YAML reads it."""
    mark = getattr(exc, "problem_mark", None)
    if mark is None or "nesting depth" in str(getattr(exc, "problem", "")):
        return None  # a hostile depth stays refused as too deep
    lines = text.split("\n")
    row = mark.line
    if row >= len(lines):
        return None
    colon = "mapping values are not allowed" in str(getattr(exc, "problem", ""))
    start_row = row
    while start_row >= 0:
        key = _KEY_LINE.match(lines[start_row])
        if key is not None and (start_row < row or key.start(2) <= mark.column):
            break
        if not colon or (
            start_row < row
            and lines[start_row].strip()
            and _indent(lines[start_row]) < _indent(lines[row])
        ):
            return None  # the line that holds this one is no `key: value`
        start_row -= 1
    if start_row < 0 or key is None:
        return None
    if start_row < row and _STRAY_KEY.match(lines[row]) and lines[row].index(":") == mark.column:
        return None  # `name: ...` under an answer is a key indented too far, not its text
    plain = _PLAIN_START.match(key.group(2)) is not None
    if plain and not colon:
        return None  # a plain answer stopped by something else than a colon
    column = len(key.group(1))
    end_row = start_row
    for below in range(start_row + 1, len(lines)):
        if lines[below].strip() and _indent(lines[below]) <= column:
            break
        if lines[below].strip():
            end_row = below
    if end_row < row or (not plain and end_row > start_row):
        return None  # markup first and lines below: a block or a list, not one answer
    pieces = [lines[start_row][key.start(2) :], *lines[start_row + 1 : end_row + 1]]
    value = "\n".join(_COMMENT.split(piece, 1)[0].rstrip() for piece in pieces)
    head = lines[start_row][: key.start(2)]
    quoted = head + "'" + value.replace("'", "''") + "'"
    offset = sum(len(line) + 1 for line in lines[:start_row])
    rest = lines[end_row + 1 :]
    return "\n".join([*lines[:start_row], quoted, *rest]), offset + len(head), end_row


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_HINTS = (
    ("found character '\\t'", "sheet.hint_tabs"),
    ("mapping values are not allowed", "sheet.hint_colon"),
    ("found undefined alias", "sheet.hint_alias"),
    ("did not find expected key", "sheet.hint_indent"),
    ("expected <block end>", "sheet.hint_indent"),
    ("found unexpected end of stream", "sheet.hint_quote"),
    ("did not find expected ','", "sheet.hint_brackets"),
    ("found unexpected ':'", "sheet.hint_colon"),
    ("expected a single document", "sheet.hint_single_document"),
)


def _syntax_error(exc: yaml.YAMLError, text: str, file: str | None) -> SheetError:
    mark = _mark_of(exc)
    problem = str(getattr(exc, "problem", "") or exc)
    context = str(getattr(exc, "context", "") or "")
    opened = ("quoted scalar", "flow sequence", "flow mapping")
    if any(o in context for o in opened) and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # type: ignore[union-attr]  # where the quote or [ { opened
    if "expected node content" in problem and "flow node" in context:
        opener = _unclosed_flow(text)  # `b: [25,` then the end: libyaml points past the end
        if opener is not None:
            from examgrade.i18n import Message

            code = "sheet.problem_list" if text[opener] == "[" else "sheet.problem_braces"
            return SheetError(
                "sheet.yaml_syntax",
                {"problem": Message(code), "hint": Message("sheet.hint_brackets")},
                _location(text, opener, file),
            )
    if "maximum nesting depth" in problem:  # libyaml's own bound, in English
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        return SheetError("sheet.too_deep", {"limit": MAX_DEPTH}, where)
    hint = next((code for needle, code in _HINTS if needle in problem + " " + context), None)
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        hint = "sheet.hint_tabs"
    location = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    return SheetError(
        "sheet.yaml_syntax",
        {"problem": _ProblemText(problem), "hint": _HintText(hint)},
        location,
    )


def _unclosed_flow(text: str) -> int | None:
    """Where the first `[` or `{` still open at the end of the text opened (quoted
    scalars and comments skipped; outside brackets, only a bracket or quote that starts a
    value counts: `l'encodeur` in plain text opens nothing), or None."""
    stack: list[int] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in "'\"" and _starts_value(text, i, stack):
            close = text.find(char, i + 1)
            while close > 0 and (
                (char == '"' and text[close - 1] == "\\")
                or (char == "'" and text[close + 1 : close + 2] == "'")
            ):
                close = text.find(char, close + 2 if char == "'" else close + 1)
            if close < 0:
                return stack[0] if stack else None
            i = close + 1
            continue
        if char == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if char in "[{" and _starts_value(text, i, stack):
            stack.append(i)
        elif char in "]}" and stack:
            stack.pop()
        i += 1
    return stack[0] if stack else None


def _starts_value(text: str, i: int, stack: list[int]) -> bool:
    """Whether the character at `i` begins a value: first on its line, or after `:`, `-`,
    or, inside brackets, after `[`, `{` or `,`."""
    before = text[text.rfind("\n", 0, i) + 1 : i].rstrip()
    ends = (":", "-", "[", "{", ",") if stack else (":", "-")
    return not before or before.endswith(ends)


#: libyaml's problems, in English only: each known one said in the reader's language.
_PROBLEMS = (
    ("found unexpected end of stream", "sheet.problem_end"),
    ("mapping values are not allowed", "sheet.problem_colon_value"),
    ("found unexpected ':'", "sheet.problem_colon_value"),
    ("could not find expected ':'", "sheet.problem_no_colon"),
    ("cannot start any token", "sheet.problem_token"),
    ("did not find expected ',' or ']'", "sheet.problem_list"),
    ("did not find expected ',' or '}'", "sheet.problem_braces"),
    ("did not find expected '-' indicator", "sheet.problem_dash"),
    ("block sequence entries are not allowed", "sheet.problem_dash_here"),
    ("did not find expected key", "sheet.problem_key"),
    ("expected <block end>", "sheet.problem_indent"),
    ("tab character", "sheet.problem_tab"),
    ("expected alphabetic or numeric character", "sheet.problem_name"),
    ("expected a single document", "sheet.problem_documents"),
    ("did not find expected comment or line break", "sheet.problem_after"),
    ("did not find expected node content", "sheet.problem_node"),
    ("mapping keys are not allowed", "sheet.problem_question_key"),
)


@dataclass(frozen=True)
class _ProblemText:
    """What libyaml found, in the reader's language when it is a known problem (its own
    English words otherwise)."""

    text: str

    def render(self, lang: str) -> str:
        from examgrade.i18n import Message

        code = next((code for needle, code in _PROBLEMS if needle in self.text), None)
        return Message(code).render(lang) if code else self.text  # type: ignore[arg-type]


@dataclass(frozen=True)
class _HintText:
    """The fix for a known YAML syntax error, in the reader's language (empty if unknown)."""

    code: str | None

    def render(self, lang: str) -> str:
        from examgrade.i18n import Message

        return Message(self.code).render(lang) if self.code else ""  # type: ignore[arg-type]


_BREAK = re.compile("\n")
# the quotes word processors type for ' and " (English, French, German), as pairs that
# wrap a whole value: “…” ”…” „…“ «…» ‘…’ ‚…‘ (none of its kind inside: “no” and “yes”
# is two quotes; an apostrophe may be inside ‘…’)
_CURLY = "“”„«‘‚"
# inside straight quotes too ('“25x25”': a form's answer typed with a phone's or Word's
# smart punctuation, written into a sheet by `examgrade import`), never in a block
_BLOCK = ("|", ">")
_CURLY_PAIR = re.compile("[“”„«][^“”„«»]*[”“»]|[‘‚][^‘‚]*[’‘]")
_new = object.__new__
_SCALAR, _MAPPING_START, _SEQUENCE_START = (
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
)
_MAPPING_END, _SEQUENCE_END, _ALIAS = yaml.MappingEndEvent, yaml.SequenceEndEvent, yaml.AliasEvent


def _located(file: str | None, line: int, column: int) -> Location:
    """`Location(file, line, column)`, the same object made without the frozen
    dataclass's `__init__` (three `object.__setattr__` calls): a sheet makes one a node,
    with the node itself, about a third of building them (issue 17)."""
    location = _new(Location)
    fields = location.__dict__
    fields["file"], fields["line"], fields["column"] = file, line, column
    return location


def _scalar_node(text: str, location: Location, style: str | None) -> Scalar:
    """`Scalar(text, location, style)`, made as `_located` makes a location."""
    node = _new(Scalar)
    fields = node.__dict__
    fields["text"], fields["location"], fields["style"] = text, location, style
    return node


def _has_curly(text: str) -> bool:
    """Whether a curly quote opens anywhere (`in` per character: a character class
    scanned a 6 KB sheet in 30 µs, a tenth of reading it)."""
    return any(quote in text for quote in _CURLY)


class _Builder:
    """Builds nodes from parser events, checking each one as it goes.

    One method walks a node and its children (`_node`), a scalar read in place: a sheet
    is ~110 nodes, and the calls, frozen dataclasses and per-node checks around them were
    most of reading it beside libyaml's parse (issue 17). The checks are the same, in the
    same order: the node count, the depth, a problem's or an escape's or a control
    character's field, a tag or an anchor, a duplicate or complex key."""

    def __init__(
        self,
        text: str,
        file: str | None,
        problems: list[_Problem],
        strict: bool = True,
        unquoted: list[Location] | None = None,
    ) -> None:
        self.strict = strict
        # only a sheet with a curly quote in it has values to unwrap
        self.unquoted = unquoted if unquoted is not None and _has_curly(text) else None
        self.text = text
        self.file = file
        self.problems = problems
        self.count = 0
        # where each line break is: a node's line and column by bisection, not by counting
        # the text before it again for each of a sheet's hundreds of nodes
        self.breaks = [match.start() for match in _BREAK.finditer(text)]
        # a scalar's value holds only characters of its text (line breaks and spaces
        # aside) but in double quotes, whose escapes make others: without a control
        # character in the text, only those are searched (the text once, not each scalar)
        self.clean = _CONTROL.search(text) is None

    def build(self, events: list[yaml.Event]) -> Node | None:
        kinds = list(map(type, events))
        if kinds.count(yaml.DocumentStartEvent) > 1:
            second = events[
                kinds.index(yaml.DocumentStartEvent, kinds.index(yaml.DocumentStartEvent) + 1)
            ]
            raise SheetError("sheet.several_documents", {}, self._loc(second.start_mark.index))
        # one document: stream start, document start, its nodes, document end, stream end
        if yaml.DocumentStartEvent not in kinds or len(events) < 5:
            return None
        node, _ = self._node(events, 2, 0)
        return node

    def _loc(self, index: int) -> Location:
        """The same line and column as `_location(self.text, index, self.file)`."""
        before = bisect_left(self.breaks, index)  # line breaks before `index`
        start = self.breaks[before - 1] + 1 if before else 0
        return _located(self.file, before + 1, index - start + 1)

    def _node(self, events: list[yaml.Event], at: int, depth: int) -> tuple[Node, int]:
        event = events[at]
        self.count += 1
        if self.count > MAX_NODES:
            raise SheetError("sheet.too_many_nodes", {"limit": MAX_NODES}, self._loc(0))
        index = event.start_mark.index
        if depth > MAX_DEPTH:
            raise SheetError("sheet.too_deep", {"limit": MAX_DEPTH}, self._loc(index))
        breaks = self.breaks
        before = bisect_left(breaks, index)  # `_loc` and `_located`, inline: once a node
        location = _new(Location)
        fields = location.__dict__
        fields["file"], fields["line"] = self.file, before + 1
        fields["column"] = index - (breaks[before - 1] + 1 if before else 0) + 1
        kind = type(event)  # the C parser makes exactly these classes: no subclass to miss
        node: Node
        if kind is _SCALAR:
            style = event.style
            if self.problems or not self.clean or style == '"':  # something to look at
                node = self._scalar(event, location)
            else:  # `_scalar_node`, inline
                node = _new(Scalar)
                fields = node.__dict__
                fields["text"], fields["location"], fields["style"] = (
                    event.value,
                    location,
                    style or None,
                )
            if self.unquoted is not None and style not in _BLOCK and isinstance(node, Scalar):
                node = self._uncurled(node)
            end = at + 1
        elif kind is _MAPPING_START:
            node, end = self._mapping(events, at, depth, location)
        elif kind is _SEQUENCE_START:
            items: list[Node] = []
            end = at + 1
            while type(events[end]) is not _SEQUENCE_END:
                item, end = self._node(events, end, depth + 1)
                items.append(item)
            node, end = Sequence(tuple(items), location), end + 1
        elif kind is _ALIAS:
            return Broken(SheetError("sheet.alias", {"name": event.anchor}, location), location), (
                at + 1
            )
        else:  # pragma: no cover - the parser guarantees the event order
            raise SheetError("sheet.yaml_syntax", {"problem": str(event), "hint": ""}, location)
        if event.tag is None and event.anchor is None:  # nearly always: nothing to refuse
            return node, end
        return self._refuse_decorations(event, node, location), end

    def _uncurled(self, node: Scalar) -> Scalar:
        """A plain value wrapped whole in curly quotes, without them (and the spaces
        French guillemets hold); the node itself otherwise."""
        text = node.text
        if len(text) < 3 or not _CURLY_PAIR.fullmatch(text):
            return node
        inner = text[1:-1].strip()
        if not inner:
            return node
        self.unquoted.append(node.location)  # type: ignore[union-attr]
        return _scalar_node(inner, node.location, None)

    def _refuse_decorations(self, event: yaml.Event, node: Node, location: Location) -> Node:
        tag = getattr(event, "tag", None)
        is_plain_flag = isinstance(event, yaml.ScalarEvent) and tag == "!"
        if tag and not is_plain_flag:
            return Broken(SheetError("sheet.tag", {"tag": _short_tag(tag)}, location), location)
        if getattr(event, "anchor", None):
            return Broken(SheetError("sheet.anchor", {"name": event.anchor}, location), location)
        return node

    def _scalar(self, event: yaml.ScalarEvent, location: Location) -> Node:
        """A scalar with something to look at: a repaired problem in the document, an
        escape in double quotes, a control character somewhere in the text."""
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
        return _scalar_node(event.value, location, event.style or None)

    def _mapping(
        self, events: list[yaml.Event], at: int, depth: int, location: Location
    ) -> tuple[Node, int]:
        entries: dict[str, Node] = {}
        key_locations: dict[str, Location] = {}
        at += 1
        node = self._node
        while type(events[at]) is not _MAPPING_END:
            key_start = events[at].start_mark.index
            key_node, at = node(events, at, depth + 1)
            value, at = node(events, at, depth + 1)
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


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def to_plain(node: Node | None) -> object:
    """Nodes to plain str/list/dict, for trusted files (rubrics) read with the same rules."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Sequence):
        return [to_plain(item) for item in node.items]
    if isinstance(node, Mapping):
        return {key: to_plain(value) for key, value in node.entries.items()}
    raise node.error
