"""Load an answer sheet (contract, section 1) into a `Sheet` of located nodes.

Document-level faults raise `SheetError` (the sheet cannot be graded at all); faults in
one field stay in that field as a `Broken` node, so the rest is graded. Top-level keys
are read as students write them (`Q2`, `q1.a`, `question 3`, the answers wrapped under
`answers:`), each such reading said in a warning; a key that names no question becomes a
warning that names it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from examgrade.errors import Location, SheetError
from examgrade.files import read_regular
from examgrade.i18n import Lang, Message
from examgrade.nodes import Broken, Mapping, Node, Scalar, kind_name
from examgrade.yamlsafe import MAX_BYTES, compose, decode

_MAX_NAME = 200
#: A student id: one word that starts with a letter or a digit, so that no id can begin a
#: spreadsheet formula (=, +, -, @) in the grades files an LMS reads, where escaping it
#: would stop the LMS from matching the student.
STUDENT_ID = re.compile(r"^\w[\w.\-@+]{0,63}$")


@dataclass(frozen=True)
class Student:
    id: str
    name: str | None
    lang: Lang


@dataclass(frozen=True)
class Sheet:
    """A readable sheet: who wrote it, the answers by question, and what was odd about it."""

    file: str
    student: Student
    answers: dict[str, Node]
    warnings: tuple[Message, ...] = ()


def load_sheet(
    path: str | Path, display_name: str | None = None, keys: tuple[str, ...] | None = None
) -> Sheet:
    """Read and parse one sheet file; `display_name` is how messages name it, `keys` the
    exam's question keys (default: the bundled exam's, `examgrade.exam`)."""
    name = display_name or str(path)
    return parse_sheet(read_regular(path, MAX_BYTES, name), name, keys)


def parse_sheet(
    data: bytes | str, file: str = "<sheet>", keys: tuple[str, ...] | None = None
) -> Sheet:
    """Parse sheet bytes (or text) named `file` in messages; `keys` as in `load_sheet`."""
    if keys is None:
        from examgrade.exam import default_exam

        keys = default_exam().keys
    text = decode(data, file) if isinstance(data, bytes) else data
    warnings: list[Message] = []
    text = _plain_spaces(text, file, warnings)
    read_as_text: list[Location] = []
    unquoted: list[Location] = []
    root = compose(text, file, read_as_text=read_as_text, unquoted=unquoted)
    if root is None:
        raise SheetError("sheet.empty", {}, Location(file))
    if isinstance(root, Broken):
        raise root.error
    if not isinstance(root, Mapping):
        raise SheetError("sheet.not_a_mapping", {"kind": kind_name(root)}, root.location)
    warnings += [Message("sheet.unquoted_read_as_text", where.params()) for where in read_as_text]
    if unquoted:
        params = {**unquoted[0].params(), "count": len(unquoted)}
        warnings.append(Message("sheet.curly_quotes_read", params))
    student = _student(root, file, warnings)
    answers, placed = _place_answers(root, keys, file)
    warnings += placed
    return Sheet(file, student, answers, tuple(warnings))


#: the spaces French typography and pasted text put where YAML wants a space: no-break,
#: narrow no-break (Word's before ':' in French), figure and thin spaces
_WIDE = "\u00a0\u202f\u2007\u2009"
_WIDE_SPACES = re.compile(f"[{_WIDE}]")


def _plain_spaces(text: str, file: str, warnings: list[Message]) -> str:
    """The text with every no-break or thin space made a plain one (one character for
    one: lines and columns stay), and a warning at the first that YAML would have
    misread, in a line's indentation or next to its key's colon; one inside an answer
    is a space and says nothing."""
    if not any(space in text for space in _WIDE):  # nearly every sheet (`in`: 100x a regex)
        return text
    for number, line in enumerate(text.split("\n"), 1):
        column = _layout_space(line)
        if column is not None:
            params = {
                **Location(file, number, column + 1).params(),
                "char": f"U+{ord(line[column]):04X}",
            }
            warnings.append(Message("sheet.no_break_space", params))
            break
    return _WIDE_SPACES.sub(" ", text)


def _layout_space(line: str) -> int | None:
    """Where a no-break space stands in the line's indentation or beside the colon after
    its key, or None."""
    if _WIDE_SPACES.search(line) is None:
        return None
    body = line.lstrip(" \t" + _WIDE)
    indent = line[: len(line) - len(body)]
    found = _WIDE_SPACES.search(indent)
    if found is not None:
        return found.start()
    colon = line.find(":")
    if colon <= 0 or line[:colon].lstrip().startswith(("'", '"', "#")):
        return None
    for at in (colon - 1, colon + 1):
        if at < len(line) and line[at] in _WIDE:
            return at
    return None


def _student_node(root: Mapping) -> Node | None:
    return root.get("student")


def _name(node: Node | None, warnings: list[Message]) -> str | None:
    """The student's name on one line (it goes into CSV rows and titles), at most
    `_MAX_NAME` characters; a name that cannot be read is left out with a warning."""
    if node is None:
        return None
    if isinstance(node, Broken):
        warnings.append(Message("sheet.bad_name", {"reason": node.error.message}))
        return None
    if not isinstance(node, Scalar):
        params = {**node.location.params(), "kind": kind_name(node)}
        warnings.append(Message("sheet.name_not_text", params))
        return None
    name = " ".join(node.text.split())
    if len(name) > _MAX_NAME:
        warnings.append(Message("sheet.long_name", {**node.location.params(), "limit": _MAX_NAME}))
        name = name[: _MAX_NAME - 1] + "…"
    return name or None


def _student(root: Mapping, file: str, warnings: list[Message]) -> Student:
    node = _student_node(root)
    if node is None:
        key = _student_key(root)
        if key is None:
            raise SheetError("sheet.missing_student", {}, Location(file))
        node = root.entries[key]
        where = (root.key_locations.get(key) or root.location).params()
        warnings.append(Message("sheet.key_read_as", {**where, "key": key, "target": "student"}))
    if isinstance(node, Broken):
        raise node.error
    if not isinstance(node, Mapping):
        raise SheetError("sheet.student_not_mapping", {}, node.location)
    fields = _student_fields(node, warnings)
    id_node = fields.get("id")
    if id_node is None or (isinstance(id_node, Scalar) and not id_node.text.strip()):
        raise SheetError("sheet.missing_id", {}, node.location)
    if isinstance(id_node, Broken):
        raise id_node.error
    if not isinstance(id_node, Scalar):
        raise SheetError("sheet.bad_id", {"kind": kind_name(id_node)}, id_node.location)
    if not STUDENT_ID.match(id_node.text.strip()):
        raise SheetError("sheet.bad_id_text", {"value": id_node.text[:80]}, id_node.location)
    name = _name(fields.get("name"), warnings)
    lang = _lang(fields.get("lang"), warnings)
    return Student(id_node.text.strip(), name, lang)


def _student_fields(node: Mapping, warnings: list[Message]) -> dict[str, Node]:
    """`id`, `name` and `lang` under `student`, each from its own key or from one a
    student wrote for it (`ID`, `Nom`, `matricule`, `langue`: a warning says how it was
    read; the contract's key wins over another); any other key is a warning that names
    it (`langue: fr` was dropped without a word: English feedback)."""
    fields = {key: node.entries[key] for key in _STUDENT_FIELDS if key in node.entries}
    for key in node.entries:
        if key in _STUDENT_FIELDS:
            continue
        where = (node.key_locations.get(key) or node.location).params()
        target = _FIELD_WORDS.get(_fold(key))
        if target is not None and target not in fields:
            fields[target] = node.entries[key]
            warnings.append(Message("sheet.key_read_as", {**where, "key": key, "target": target}))
            continue
        close = difflib.get_close_matches(key.lower(), _STUDENT_FIELDS, n=1, cutoff=0.5)
        suggestion = Message("sheet.did_you_mean", {"key": close[0]}) if close else ""
        params = {**where, "key": f"student.{key}", "suggestion": suggestion}
        warnings.append(Message("sheet.unknown_key", params))
    return fields


def _fold(key: str) -> str:
    """A key as compared with the words students write: case, accents, spaces and
    `-` aside (`Étudiant` is `etudiant`, `Student ID` is `student_id`)."""
    decomposed = unicodedata.normalize("NFKD", key.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s-]+", "_", plain)


def _student_key(root: Mapping) -> str | None:
    """The top-level key a student wrote for `student` (`Student`, `STUDENT`, `Étudiant`,
    `élève`), or None."""
    return next((key for key in root.entries if _fold(key) in _STUDENT_WORDS), None)


#: what students write for `student` and its fields, folded (`_fold`)
_STUDENT_WORDS = frozenset(("student", "etudiant", "etudiante", "eleve", "etudiant_e"))
_FIELD_WORDS = {
    **dict.fromkeys(("id", "student_id", "studentid", "matricule", "numero"), "id"),
    **dict.fromkeys(("name", "nom", "full_name", "nom_complet", "prenom_nom"), "name"),
    **dict.fromkeys(("lang", "language", "langue", "langage", "lng", "locale"), "lang"),
}


_STUDENT_FIELDS = ("id", "name", "lang")
#: what students write for their language, beside the contract's `en` and `fr`
_LANG_WORDS = {
    **dict.fromkeys(("fr", "fra", "fre", "french", "français", "francais", "française"), "fr"),
    **dict.fromkeys(("en", "eng", "english", "anglais", "anglaise"), "en"),
}


def _lang(node: Node | None, warnings: list[Message]) -> Lang:
    """`fr`, `FR`, `français`, `French` are French; anything else is English, with a
    warning unless the field is absent or empty (a list such as `[fr]` was silent)."""
    if node is None:
        return "en"
    text = node.text.strip() if isinstance(node, Scalar) else ""
    lang = _LANG_WORDS.get(text.lower())
    if lang is not None:
        return lang  # type: ignore[return-value]
    if text or not isinstance(node, Scalar):
        value = text if isinstance(node, Scalar) else kind_name(node)
        warnings.append(Message("sheet.bad_lang", {**node.location.params(), "value": value}))
    return "en"


_SEPARATORS = " ._-:/()[]"
_QUESTION_WORDS = ("question", "quest", "ques", "qu")
#: How many wrapper mappings deep answers are looked for (`answers: {q1: …}`): one.
_WRAPPER_DEPTH = 1


def _question_of(key: str, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """The question a top-level key names, and the rest of it as a part key: `Q2` is
    (q2, ""), `q1.a` and `q1a` are (q1, "a"), `question 3 b` is (q3, "b"). The longest
    question key wins, so `q10` is never q1's part `0`."""
    text = "".join(key.split()).lower()
    for word in _QUESTION_WORDS:
        if text.startswith(word) and text[len(word) :][:1].isdigit():
            text = "q" + text[len(word) :]
            break
    for question in sorted(keys, key=len, reverse=True):
        if text == question:
            return question, ""
        if text.startswith(question):
            rest = text[len(question) :]
            if not rest[0].isdigit() or rest[0] in _SEPARATORS:
                part = rest.strip(_SEPARATORS)
                if part:
                    return question, part
    return None


def _place_answers(
    root: Mapping, keys: tuple[str, ...], file: str
) -> tuple[dict[str, Node], list[Message]]:
    """Each question's answer, from its own key or from a key a student wrote for it
    (a warning says how that key was read); keys that name no question are warnings."""
    answers: dict[str, Node] = {k: root.entries[k] for k in keys if k in root.entries}
    warnings: list[Message] = []
    student = None if "student" in root.entries else _student_key(root)
    _place_entries(root, keys, file, answers, warnings, _WRAPPER_DEPTH, top=True, student=student)
    return answers, warnings


def _place_entries(
    mapping: Mapping,
    keys: tuple[str, ...],
    file: str,
    answers: dict[str, Node],
    warnings: list[Message],
    depth: int,
    top: bool = False,
    student: str | None = None,
) -> None:
    """`student`: the top-level key read as `student` (`Étudiant`), if any."""
    for key, node in mapping.entries.items():
        if top and (key == "student" or key in keys):
            continue
        if top and key == student:
            continue  # said by `_student`
        location = mapping.key_locations.get(key, Location(file))
        where = location.params()
        found = _question_of(key, keys)
        if found is not None:
            question, part = found
            target = (
                Message("sheet.part_of", {"part": part, "question": question}) if part else question
            )
            params = {**where, "key": key, "target": target}
            if not _put(answers, question, part, node, location):
                warnings.append(Message("sheet.answered_twice", params))
            elif key != question:
                warnings.append(Message("sheet.key_read_as", params))
            continue
        if (
            depth > 0
            and isinstance(node, Mapping)
            and any(_question_of(inner, keys) for inner in node.entries)
        ):
            params = {**where, "key": key, "first": keys[0], "last": keys[-1]}
            warnings.append(Message("sheet.wrapper_read", params))
            _place_entries(node, keys, file, answers, warnings, depth - 1)
            continue
        close = difflib.get_close_matches(key.lower(), ("student", *keys), n=1, cutoff=0.5)
        suggestion = Message("sheet.did_you_mean", {"key": close[0]}) if close else ""
        warnings.append(
            Message("sheet.unknown_key", {**where, "key": key, "suggestion": suggestion})
        )


def _put(answers: dict[str, Node], question: str, part: str, node: Node, where: Location) -> bool:
    """Place `node` as the answer to `question` (or one of its parts); False when that
    answer is given already, so the first one written is the one graded."""
    held = answers.get(question)
    if not part:
        if held is not None:
            return False
        answers[question] = node
        return True
    if held is None:
        answers[question] = Mapping({part: node}, where, {part: where})
        return True
    if not isinstance(held, Mapping) or part in held.entries:
        return False
    answers[question] = Mapping(
        {**held.entries, part: node}, held.location, {**held.key_locations, part: where}
    )
    return True
